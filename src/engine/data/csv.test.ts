import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SETS } from '../catalogue/samples';
import { parseBarsCsv, parseTimestamp } from './csv';

const HEADER = 'Date,Open,High,Low,Close,Volume';

describe('CSV bars', () => {
  it('reads the shipped real samples', () => {
    for (const file of ['aapl_daily.csv', 'sp500_daily.csv']) {
      const text = readFileSync(resolve(import.meta.dirname, '../../../public/data', file), 'utf8');
      const result = parseBarsCsv(text, { symbol: 'X' });
      expect(result.ok, file).toBe(true);
      if (result.ok) expect(result.series[0]!.timestamp.length).toBeGreaterThan(1000);
    }
  });

  it('labels each sample with the true number of bars and dates of its file', () => {
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    const monthYear = (time: number) => {
      const date = new Date(time);
      return `${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    };
    for (const sample of SAMPLE_SETS) {
      const text = readFileSync(
        resolve(import.meta.dirname, '../../../public/data', sample.file),
        'utf8',
      );
      const result = parseBarsCsv(text, { symbol: sample.symbol });
      expect(result.ok, sample.file).toBe(true);
      if (!result.ok) continue;
      const { timestamp } = result.series[0]!;
      const label = `(${timestamp.length.toLocaleString('en-US')} bars)`;
      expect(sample.label, sample.file).toContain(label);
      expect(sample.label, sample.file).toContain(
        `${monthYear(timestamp[0]!)} – ${monthYear(timestamp.at(-1)!)}`,
      );
    }
  });

  it("reads pandas' default CSV: the dates in a first column with an empty header", () => {
    // df.to_csv() of a frame indexed by date; the second file has a time zone, as yfinance writes.
    for (const text of [
      ',Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,11,10,10.8,50\n',
      ',Open,High,Low,Close,Adj Close,Volume\n2024-01-02 00:00:00-05:00,10,11,9,10.5,10.4,100\n2024-01-03 00:00:00-05:00,10.5,11,10,10.8,10.7,50\n',
    ]) {
      const result = parseBarsCsv(text, { symbol: 'PD' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.rows).toBe(2);
      expect(result.series[0]!.close[1]).toBe(10.8);
      expect(result.warnings.map((w) => w.message)).toContain(
        'The first column has no header: read as the dates (as pandas writes its index)',
      );
    }
    const zoned = parseBarsCsv(',Open,High,Low,Close\n2024-01-02 00:00:00-05:00,10,11,9,10.5\n');
    expect(zoned.ok && zoned.series[0]!.timestamp[0]).toBe(Date.UTC(2024, 0, 2, 5));
    // A numbered index (RangeIndex) before a Date column stays ignored.
    const numbered = parseBarsCsv(',Date,Open,High,Low,Close\n0,2024-01-02,10,11,9,10.5\n');
    expect(numbered.ok && numbered.series[0]!.timestamp[0]).toBe(Date.UTC(2024, 0, 2));
  });

  it('understands the usual header spellings and date forms', () => {
    const text = [
      'timestamp;o;h;l;c;vol',
      '2024-01-02T14:30:00Z;10;11;9;10.5;100',
      '2024-01-02 14:31:00;10.5;11;10;10.8;50',
      '1704206100;10.8;11;10.5;11;20',
    ].join('\n');
    const result = parseBarsCsv(text, { symbol: 'ES' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [series] = result.series;
    expect(series!.symbol).toBe('ES');
    expect([...series!.timestamp]).toEqual([
      Date.UTC(2024, 0, 2, 14, 30),
      Date.UTC(2024, 0, 2, 14, 31),
      Date.UTC(2024, 0, 2, 14, 35),
    ]);
    expect([...series!.close]).toEqual([10.5, 10.8, 11]);
  });

  it('prefers the plain close over the adjusted one, and splits symbols', () => {
    const text = [
      'Symbol,Date,Open,High,Low,Close,Adj Close,Volume',
      'AAA,2024-01-01,1,2,1,2,1.5,10',
      'BBB,2024-01-01,5,6,4,5,4.5,10',
      'AAA,2024-01-02,2,3,2,3,2.5,10',
    ].join('\n');
    const result = parseBarsCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.series.map((s) => [s.symbol, [...s.close]])).toEqual([
      ['AAA', [2, 3]],
      ['BBB', [5]],
    ]);
  });

  it('names the line and column of every bad row', () => {
    const text = [
      HEADER,
      '2024-01-01,10,11,9,10,100',
      '2024-01-02,10,9,11,10,100',
      '2024-01-03,10,11,9,abc,100',
      '2024-01-04,10,11,9,,100',
      '2024-01-02,10,11,9,10,100',
      '2024-01-05,12,11,9,10,100',
      'yesterday,10,11,9,10,100',
      '2024-01-05,10,11,9,10,100',
      '2024-01-05,10,11,9,10,100',
      '2024-01-03,10,11,9,10,100',
    ].join('\n');
    const result = parseBarsCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, 'High', 'high (9) is below low (11)'],
      [4, 'Close', '"abc" is not a number'],
      [5, 'Close', 'Missing close value'],
      [7, 'Open', "open (12) is outside the bar's range 9–11"],
      [8, 'Date', expect.stringMatching(/"yesterday" is not a date/)],
      [10, 'Date', 'Duplicate time 2024-01-05 (line 9 has it too)'],
      [11, 'Date', 'Rows are out of order: 2024-01-03 comes after a later time on line 9'],
    ]);
  });

  it('reads quoted fields the same way', () => {
    const result = parseBarsCsv(
      '"Date","Open","High","Low","Close","Volume"\n"2024-01-01","1","2","1","2","3"\n"2024-01-02","2","1","3","2","3"',
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        { line: 3, column: 'High', message: 'high (1) is below low (3)' },
      ]);
  });

  it('says which columns are missing', () => {
    const result = parseBarsCsv('Date,Open,Close\n2024-01-01,1,1');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({
        line: 1,
        message: expect.stringMatching(/Missing columns: high, low/),
      });
  });

  it('stops listing after the limit and counts the rest', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `2024-01-01,1,0,2,1,${i}`);
    const result = parseBarsCsv([HEADER, ...rows].join('\n'), { maxErrors: 10 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(11);
      expect(result.errors[10]!.message).toBe('…and 70 more problems');
    }
  });

  it('reads a million rows into typed columns, reporting progress', { timeout: 30_000 }, () => {
    const lines = [HEADER];
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < 1_000_000; i++)
      lines.push(`${(start + i * 60_000) / 1000},10,11,9,10.5,${i}`);
    const progress: number[] = [];
    const result = parseBarsCsv(lines.join('\n'), {
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toBe(1_000_000);
    expect(result.series[0]!.volume[999_999]).toBe(999_999);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(1);
  });

  it('parses only unambiguous dates', () => {
    expect(parseTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('20240229')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2024-03-01T10:00:00+02:00')).toBe(Date.UTC(2024, 2, 1, 8));
    expect(parseTimestamp('2023-02-29')).toBeNull();
    expect(parseTimestamp('03/04/2024')).toBeNull();
    expect(parseTimestamp('1704067200000')).toBe(Date.UTC(2024, 0, 1));
  });
});
