import { describe, expect, it } from 'vitest';
import { tickLabels } from './timeLabels';

/** lightweight-charts 5.2's own label: the UTC fields as a local date, formatted with options. */
function theirs(seconds: number, type: number, locale: string): string {
  const options: Intl.DateTimeFormatOptions[] = [
    { year: 'numeric' },
    { month: 'short' },
    { day: 'numeric' },
    { hour12: false, hour: '2-digit', minute: '2-digit' },
    { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' },
  ];
  const d = new Date(seconds * 1000);
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ).toLocaleString(locale, options[type]);
}

describe('time axis labels from formatters made once', () => {
  const times = [
    Date.UTC(2018, 5, 12) / 1000,
    Date.UTC(2024, 0, 1, 9, 30) / 1000,
    Date.UTC(2024, 11, 31, 23, 59, 58) / 1000,
    Date.UTC(2020, 1, 29, 0, 5, 7) / 1000,
  ];

  it('write what lightweight-charts writes, for every kind of tick, in two locales', () => {
    for (const locale of ['en-US', 'de-DE']) {
      const label = tickLabels(locale);
      for (const time of times)
        for (let type = 0; type <= 4; type++)
          expect(label(time, type)).toBe(theirs(time, type, locale));
    }
    expect(tickLabels('en-US')(Date.UTC(2018, 5, 12) / 1000, 1)).toBe('Jun');
  });

  it('leave times that are not timestamps to the chart', () => {
    expect(tickLabels('en-US')({ year: 2018, month: 6, day: 12 }, 2)).toBeNull();
    expect(tickLabels('en-US')('2018-06-12', 2)).toBeNull();
  });
});
