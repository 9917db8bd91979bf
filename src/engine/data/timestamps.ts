/** The dates and times a CSV of bars may hold, read into ms since the epoch (UTC). */

/**
 * Dates and times in unambiguous forms: YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, with an optional time
 * (HH:MM or HH:MM:SS, fractions allowed) and zone (Z or ±HH:MM; none means UTC), or Unix time in
 * seconds or milliseconds. Returns ms since the epoch, or null.
 */
export function parseTimestamp(text: string): number | null {
  const value = text.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(value)) {
    const number = Number(value);
    return number < 1e11 ? Math.round(number * 1000) : Math.round(number);
  }
  const match =
    /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value,
    );
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const m = Number(month);
  const d = Number(day);
  const h = Number(hour);
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || Number(minute) > 59 || Number(second) > 60)
    return null;
  let time = Date.UTC(
    Number(year),
    m - 1,
    d,
    h,
    Number(minute),
    Number(second),
    Math.round(Number(`0${fraction}`) * 1000),
  );
  if (new Date(time).getUTCDate() !== d) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[+:-]/g, '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return time;
}
