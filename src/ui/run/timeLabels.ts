/**
 * The time axis' labels, as lightweight-charts writes them, from formatters made once. Its own
 * formatter calls `toLocaleString` with options for every new label, which builds a date format
 * each time: the largest share of the charts' script in a fast run (the axis moves with every
 * redraw), and dearer still in the run's first seconds while the code is cold.
 */

/** Per lightweight-charts' TickMarkType (Year, Month, DayOfMonth, Time, TimeWithSeconds). */
const OPTIONS: readonly Intl.DateTimeFormatOptions[] = [
  { year: 'numeric' },
  { month: 'short' },
  { day: 'numeric' },
  { hour12: false, hour: '2-digit', minute: '2-digit' },
  { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' },
];

/**
 * A `tickMarkFormatter` for charts whose times are UTC timestamps in seconds: the same text as
 * lightweight-charts' own (the UTC date and time, in `locale`, the browser's by default). Other
 * kinds of time fall back to the chart's formatter.
 */
export function tickLabels(locale?: string): (time: unknown, type: number) => string | null {
  const formats = OPTIONS.map(
    (options) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }),
  );
  return (time, type) =>
    typeof time === 'number' ? (formats[type]?.format(time * 1000) ?? null) : null;
}
