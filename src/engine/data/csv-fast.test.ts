/**
 * The fast path reads plain rows; the general reader reads everything. On any file both must give
 * the same bars, warnings and errors (csv-fast.ts): checked here on generated files that mix the
 * common shape with everything unusual the fast path must hand over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvOptions, parseBarsCsv } from './csv';
import { daysFromCivil } from './csv-fast';

const both = (text: string, options: CsvOptions = {}) => ({
  fast: parseBarsCsv(text, { ...options, fastPath: true }),
  general: parseBarsCsv(text, { ...options, fastPath: false }),
});

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Dates in the forms files use, valid or not, including the ones the fast path leaves alone. */
const dateCell = fc
  .oneof(
    { weight: 6, arbitrary: fc.constant('plain') },
    { weight: 4, arbitrary: fc.constant('other') },
  )
  .chain((kind) =>
    fc
      .record({
        year:
          kind === 'plain'
            ? fc.integer({ min: 1900, max: 2100 })
            : fc.integer({ min: 0, max: 9999 }),
        month: kind === 'plain' ? fc.integer({ min: 1, max: 12 }) : fc.integer({ min: 0, max: 13 }),
        day: kind === 'plain' ? fc.integer({ min: 1, max: 28 }) : fc.integer({ min: 0, max: 32 }),
        hour: kind === 'plain' ? fc.integer({ min: 0, max: 23 }) : fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second:
          kind === 'plain' ? fc.integer({ min: 0, max: 59 }) : fc.integer({ min: 0, max: 61 }),
        form: fc.constantFrom(
          'day',
          'space',
          'T',
          'Z',
          'unix-s',
          'unix-ms',
          ...(kind === 'plain'
            ? []
            : ['compact', 'slashes', 'fraction', 'zone', 'short-hour', 'padded', 'word', 'empty']),
        ),
      })
      .map(({ year, month, day, hour, minute, second, form }) => {
        const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
        const unix = Date.UTC(2000 + (year % 50), month % 12, (day % 28) + 1, hour % 24, minute);
        switch (form) {
          case 'day':
            return date;
          case 'space':
            return `${date} ${time}`;
          case 'T':
            return `${date}T${time}`;
          case 'Z':
            return `${date}T${time}Z`;
          case 'unix-s':
            return String(unix / 1000);
          case 'unix-ms':
            return String(unix);
          case 'compact':
            return date.replaceAll('-', '');
          case 'slashes':
            return date.replaceAll('-', '/');
          case 'fraction':
            return `${date} ${time}.25`;
          case 'zone':
            return `${date}T${time}+02:00`;
          case 'short-hour':
            return `${date} ${hour}:${pad(minute)}`;
          case 'padded':
            return ` ${date} `;
          case 'word':
            return 'yesterday';
          default:
            return '';
        }
      }),
  );

/** A price or volume cell: mostly plain decimals, sometimes anything a file may hold. */
const numberCell = (value: number) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.integer({ min: 0, max: 6 }).map((d) => String(Number(value.toFixed(d)))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' 5',
        '-1',
        '+5',
        '1e3',
        '0x10',
        'abc',
        'Infinity',
        '.5',
        '5.',
        '.',
        '1.2.3',
        '12345678901234567890.5',
        '0.1234567890123456789012345',
        '007',
      ),
    },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }).map(String) },
  );

const bar = fc.record({
  low: fc.double({ min: 0.01, max: 5000, noNaN: true }),
  spread: fc.double({ min: 0, max: 50, noNaN: true }),
  at: fc.tuple(
    fc.double({ min: -0.1, max: 1.1, noNaN: true }),
    fc.double({ min: -0.1, max: 1.1, noNaN: true }),
  ),
});

const FIELDS = ['date', 'open', 'high', 'low', 'close', 'volume', 'symbol', 'note'] as const;
type Column = (typeof FIELDS)[number];
const REQUIRED: readonly Column[] = ['date', 'open', 'high', 'low', 'close'];

const csvFile = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    // Every column the reader needs, in any order, with some of the others (and now and then
    // without one it needs, so that the header's own message is compared too).
    columns: fc
      .tuple(fc.shuffledSubarray([...FIELDS]), fc.integer({ min: 0, max: 9 }))
      .map(([some, dropped]) => {
        const all = [...new Set([...REQUIRED, ...some])];
        return dropped === 0 ? all.slice(1) : all;
      })
      .chain((all) => fc.shuffledSubarray(all, { minLength: all.length })),
    dateHeader: fc.constantFrom('Date', 'datetime', 'Timestamp', 'time'),
    rows: fc.array(
      fc.record({
        bar,
        volume: fc.integer({ min: 0, max: 100_000 }),
        symbol: fc.constantFrom('AAA', 'BBB', 'ES=F', '', 'X Y'),
        shape: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'blank', 'short', 'extra'),
      }),
      { maxLength: 40 },
    ),
    ending: fc.constantFrom('\n', '\r\n'),
    trailing: fc.boolean(),
    step: fc.constantFrom(60_000, 86_400_000, 0, -60_000),
  })
  .chain((file) =>
    fc
      .tuple(
        ...file.rows.map((row, i) => {
          const high = row.bar.low + row.bar.spread;
          const price = (share: number) => row.bar.low + share * row.bar.spread;
          const time =
            Date.UTC(2020, 0, 1) +
            i * (file.step >= 0 ? file.step : i % 3 === 0 ? file.step : 60_000);
          const iso = new Date(time).toISOString();
          return fc.record({
            date: fc.oneof(
              { weight: 4, arbitrary: fc.constant(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`) },
              { weight: 1, arbitrary: dateCell },
            ),
            open: numberCell(price(row.bar.at[0])),
            high: numberCell(high),
            low: numberCell(row.bar.low),
            close: numberCell(price(row.bar.at[1])),
            volume: numberCell(row.volume),
          });
        }),
      )
      .map((cells) => {
        const header = file.columns.map((column: Column) =>
          column === 'date' ? file.dateHeader : column === 'note' ? 'Note' : column,
        );
        const lines = [header.join(file.delimiter)];
        file.rows.forEach((row, i) => {
          if (row.shape === 'blank') {
            lines.push('');
            return;
          }
          const values = file.columns.map((column: Column) =>
            column === 'symbol' ? row.symbol : column === 'note' ? 'n' : cells[i]![column],
          );
          if (row.shape === 'short') values.pop();
          if (row.shape === 'extra') values.push('9');
          lines.push(values.join(file.delimiter));
        });
        return lines.join(file.ending) + (file.trailing ? file.ending : '');
      }),
  );

describe('the fast path reads what the general reader reads', () => {
  it('gives the same bars, warnings and errors on generated files', () => {
    fc.assert(
      fc.property(csvFile, fc.integer({ min: 1, max: 60 }), (text, maxErrors) => {
        const { fast, general } = both(text, { maxErrors, symbol: 'GEN' });
        expect(fast).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });

  it('reads plain decimals exactly as Number() does', () => {
    const decimal = fc
      .tuple(fc.stringMatching(/^[0-9]{0,20}$/), fc.option(fc.stringMatching(/^[0-9]{0,25}$/)))
      .filter(([whole, fraction]) => whole.length + (fraction?.length ?? 0) > 0)
      .map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, (cell) => {
        const text = `Date,Open,High,Low,Close\n2024-01-01,${cell},${cell},${cell},${cell}\n`;
        const { fast, general } = both(text);
        expect(fast).toEqual(general);
        if (fast.ok) expect(fast.series[0]!.close[0]).toBe(Number(cell));
      }),
      { numRuns: 2000 },
    );
    // 2,000 files each read twice: about 2 s alone, past vitest's 5 s default on a loaded machine.
  }, 30_000);

  it('counts days as Date.UTC does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (year, month, day) => {
          expect(daysFromCivil(year, month, day) * 86_400_000).toBe(Date.UTC(year, month - 1, day));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads every date the general reader reads, to the millisecond', () => {
    fc.assert(
      fc.property(dateCell, (cell) => {
        const text = `Date,Open,High,Low,Close\n${cell},1,1,1,1\n`;
        const { fast, general } = both(text);
        expect(fast).toEqual(general);
      }),
      { numRuns: 2000 },
    );
  });

  it('hands rows with spaces, signs and exponents to the general reader, with its messages', () => {
    const text = [
      'Date,Open,High,Low,Close,Volume',
      '2024-01-01, 10,11,9,10,100',
      '2024-01-02,10,11,9,10,-1',
      '2024-01-03,1e1,11,9,10,100',
      '2024-01-04,10,11,9,10',
      '2024-01-05,10,11,9,10,100',
      '2024-01-05,10,11,9,10,100',
    ].join('\n');
    const { fast, general } = both(text);
    expect(fast).toEqual(general);
    expect(fast.ok).toBe(false);
    if (!fast.ok)
      expect(fast.errors.map((e) => [e.line, e.message])).toEqual([
        [3, 'volume is negative (-1)'],
        [5, 'Missing volume value'],
        [7, 'Duplicate time 2024-01-05 (line 6 has it too)'],
      ]);
  });
});
