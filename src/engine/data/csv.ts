/**
 * Reads a user's bars from CSV text: a date or datetime column, open, high, low, close, volume and
 * optionally a symbol, under any of the usual header spellings. Every problem names its line (the
 * header is line 1) and its column, and many are reported at once, not only the first.
 */
import Papa from 'papaparse';
import type { BarSeries } from './bars';
import { Builder } from './builder';
import { cellRoles, FAST_ROW_SIZE, outsideBar, readPlainRow } from './csv-fast';
import { parseTimestamp } from './timestamps';

export { parseTimestamp };

export interface CsvIssue {
  /** 1-based line in the file (the header is line 1); 0 for a problem with the file as a whole. */
  readonly line: number;
  /** The column's name as the file spells it, when the problem belongs to one. */
  readonly column: string | null;
  readonly message: string;
}

export type CsvResult =
  | {
      readonly ok: true;
      readonly series: BarSeries[];
      readonly rows: number;
      readonly warnings: CsvIssue[];
    }
  | { readonly ok: false; readonly errors: CsvIssue[]; readonly warnings: CsvIssue[] };

export interface CsvOptions {
  /** Symbol for files without a symbol column. */
  readonly symbol?: string;
  /** Called with the share of the text read so far (0..1). */
  readonly onProgress?: (fraction: number) => void;
  /** Errors listed before reading stops (the rest are counted). */
  readonly maxErrors?: number;
  /**
   * false reads every row through the general reader (csv-fast.ts reads the plain ones by
   * default); the tests compare the two.
   */
  readonly fastPath?: boolean;
}

type Field = 'date' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'symbol';

/** Header spellings, compared lower-case with spaces, underscores, dots and dashes removed. */
const HEADERS: Readonly<Record<Field, readonly string[]>> = {
  date: [
    'date',
    'datetime',
    'timestamp',
    'day',
    'dt',
    'datetimeutc',
    'dateutc',
    'opentime',
    'unix',
    'unixtime',
  ],
  time: ['time', 'timeutc'],
  open: ['open', 'o', 'openprice', 'opening'],
  high: ['high', 'h', 'highprice', 'max'],
  low: ['low', 'l', 'lowprice', 'min'],
  close: ['close', 'c', 'closeprice', 'last', 'closing', 'adjclose', 'adjustedclose'],
  volume: ['volume', 'vol', 'v', 'qty', 'quantity'],
  symbol: ['symbol', 'ticker', 'sym', 'instrument', 'asset'],
};

const REQUIRED: readonly Field[] = ['date', 'open', 'high', 'low', 'close'];

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_.\-"']/g, '');

export function parseBarsCsv(text: string, options: CsvOptions = {}): CsvResult {
  const maxErrors = options.maxErrors ?? 50;
  const errors: CsvIssue[] = [];
  const warnings: CsvIssue[] = [];
  let extraErrors = 0;
  const fail = (issue: CsvIssue) => {
    if (errors.length < maxErrors) errors.push(issue);
    else extraErrors++;
  };

  if (text.trim() === '')
    return {
      ok: false,
      errors: [{ line: 0, column: null, message: 'The file is empty' }],
      warnings,
    };

  let columns: Partial<Record<Field, number>> | null = null;
  let headerNames: string[] = [];
  let line = 0;
  const bySymbol = new Map<string, Builder>();
  const defaultSymbol = options.symbol?.trim() || 'CSV';

  const readHeader = (cells: string[]): boolean => {
    headerNames = cells.map((cell) => cell.trim());
    const found: Partial<Record<Field, number>> = {};
    cells.forEach((cell, index) => {
      const name = normalise(cell);
      for (const field of Object.keys(HEADERS) as Field[]) {
        if (found[field] === undefined && HEADERS[field].includes(name)) {
          // A plain close wins over an adjusted one when a file has both.
          found[field] = index;
          return;
        }
      }
    });
    const plainClose = cells.findIndex((cell) =>
      ['close', 'c', 'closeprice', 'last', 'closing'].includes(normalise(cell)),
    );
    if (plainClose >= 0) found.close = plainClose;
    if (found.date === undefined && found.time !== undefined) {
      found.date = found.time;
      delete found.time;
    }
    // pandas' df.to_csv() writes the index (the dates) first under an empty header cell.
    if (found.date === undefined && cells.length > 1 && normalise(cells[0] ?? '') === '') {
      found.date = 0;
      headerNames[0] = '(first column)';
      warnings.push({
        line: 1,
        column: null,
        message: 'The first column has no header: read as the dates (as pandas writes its index)',
      });
    }
    const missing = REQUIRED.filter((field) => found[field] === undefined);
    if (missing.length > 0) {
      fail({
        line: 1,
        column: null,
        message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (the header has: ${headerNames.join(', ')})`,
      });
      return false;
    }
    if (found.volume === undefined) {
      warnings.push({
        line: 1,
        column: null,
        message: 'No volume column: volume is 0 on every bar',
      });
    }
    columns = found;
    if (options.fastPath !== false) fastRow = plainRows(found);
    return true;
  };

  const readRow = (cells: string[]) => {
    const map = columns!;
    if (cells.every((cell) => cell.trim() === '')) return;
    const cell = (field: Field) =>
      map[field] === undefined ? undefined : (cells[map[field]!] ?? '').trim();
    const name = (field: Field) => headerNames[map[field]!] ?? field;
    let rowOk = true;
    const number = (field: 'open' | 'high' | 'low' | 'close' | 'volume'): number => {
      const raw = cell(field);
      if (raw === undefined) return 0;
      if (raw === '') {
        fail({ line, column: name(field), message: `Missing ${field} value` });
        rowOk = false;
        return Number.NaN;
      }
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        fail({ line, column: name(field), message: `"${raw}" is not a number` });
        rowOk = false;
      } else if (value < 0) {
        fail({ line, column: name(field), message: `${field} is negative (${raw})` });
        rowOk = false;
      }
      return value;
    };
    const dateText = cell('date') ?? '';
    const timeText = cell('time');
    const timestamp = parseTimestamp(timeText ? `${dateText} ${timeText}` : dateText);
    if (timestamp === null) {
      fail({
        line,
        column: name('date'),
        message:
          dateText === ''
            ? 'Missing date'
            : `"${dateText}" is not a date or time this reader knows (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, ISO 8601 or Unix seconds/milliseconds)`,
      });
      rowOk = false;
    }
    const open = number('open');
    const high = number('high');
    const low = number('low');
    const close = number('close');
    const volume = number('volume');
    if (!rowOk) return;
    if (high < low) {
      fail({ line, column: name('high'), message: `high (${high}) is below low (${low})` });
      return;
    }
    if (outsideBar(open, low, high)) {
      fail({
        line,
        column: name('open'),
        message: `open (${open}) is outside the bar's range ${low}–${high}`,
      });
      return;
    }
    if (outsideBar(close, low, high)) {
      fail({
        line,
        column: name('close'),
        message: `close (${close}) is outside the bar's range ${low}–${high}`,
      });
      return;
    }
    const symbol = cell('symbol') || defaultSymbol;
    let builder = bySymbol.get(symbol);
    if (!builder) {
      builder = new Builder(symbol);
      bySymbol.set(symbol, builder);
    }
    const previous = builder.lastTimestamp;
    if (previous !== null && timestamp! <= previous) {
      fail({
        line,
        column: name('date'),
        message:
          timestamp === previous
            ? `Duplicate time ${dateText}${symbol !== defaultSymbol ? ` for ${symbol}` : ''} (line ${builder.lastLine} has it too)`
            : `Rows are out of order: ${dateText} comes after a later time on line ${builder.lastLine}`,
      });
      return;
    }
    builder.push(timestamp!, open, high, low, close, volume, line);
  };

  const onRow = (cells: string[]): boolean => {
    line++;
    if (columns === null) {
      return line === 1 && readHeader(cells);
    }
    readRow(cells);
    return true;
  };

  // The fast path (csv-fast.ts) for rows of plain numbers and dates: it reads a row, or leaves it
  // to readRow above, never anything else, so the bars and messages are readRow's.
  let fastRow: PlainRow | null = null;
  const firstBreak = text.indexOf('\n');
  const delimiter = detectDelimiter(text.slice(0, firstBreak < 0 ? text.length : firstBreak));
  const plainRows = (map: Partial<Record<Field, number>>): PlainRow | null => {
    if (map.time !== undefined) return null;
    const roles = cellRoles({
      date: map.date!,
      open: map.open!,
      high: map.high!,
      low: map.low!,
      close: map.close!,
      volume: map.volume ?? -1,
      symbol: map.symbol ?? -1,
    });
    const code = delimiter.charCodeAt(0);
    const out = new Float64Array(FAST_ROW_SIZE);
    let lastSymbol = '';
    let builder: Builder | undefined;
    return (start, end) => {
      if (!readPlainRow(text, start, end, code, roles, out)) return false;
      const symbolStart = out[6]!;
      const symbolEnd = out[7]!;
      if (
        builder === undefined ||
        symbolEnd - symbolStart !== lastSymbol.length ||
        (symbolEnd > symbolStart && !text.startsWith(lastSymbol, symbolStart))
      ) {
        const symbol = symbolEnd > symbolStart ? text.slice(symbolStart, symbolEnd) : defaultSymbol;
        builder = bySymbol.get(symbol);
        lastSymbol = symbolEnd > symbolStart ? symbol : '';
      }
      const timestamp = out[0]!;
      // Out of order or a duplicate: readRow says which.
      if (
        builder !== undefined &&
        builder.lastTimestamp !== null &&
        timestamp <= builder.lastTimestamp
      )
        return false;
      line++;
      if (builder === undefined) {
        const symbol = lastSymbol || defaultSymbol;
        builder = new Builder(symbol);
        bySymbol.set(symbol, builder);
      }
      builder.push(timestamp, out[1]!, out[2]!, out[3]!, out[4]!, out[5]!, line);
      return true;
    };
  };
  if (text.includes('"')) parseQuoted(text, onRow, warnings, options.onProgress);
  else
    parsePlain(
      text,
      delimiter,
      onRow,
      (start, end) => fastRow?.(start, end) === true,
      options.onProgress,
    );
  if (columns === null && errors.length === 0) {
    fail({ line: 1, column: null, message: 'The file has no header row' });
  }
  if (extraErrors > 0) {
    errors.push({ line: 0, column: null, message: `…and ${extraErrors} more problems` });
  }
  const rows = [...bySymbol.values()].reduce((total, builder) => total + builder.length, 0);
  if (errors.length === 0 && rows === 0)
    errors.push({ line: 0, column: null, message: 'The file has no bars' });
  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    series: [...bySymbol.values()].map((builder) => builder.build()),
    rows,
    warnings,
  };
}

type RowHandler = (cells: string[]) => boolean;
/** Reads the row text[start, end) and says whether it did (false: the general reader's). */
type PlainRow = (start: number, end: number) => boolean;

/**
 * Files without quotes (almost every price file) are cut into lines by hand; each line goes to the
 * fast path first, and only if it declines is it split into cells for the general reader. Returns
 * false from the handler to stop.
 */
function parsePlain(
  text: string,
  delimiter: string,
  onRow: RowHandler,
  fastRow: PlainRow,
  onProgress?: (fraction: number) => void,
): void {
  let position = 0;
  let rows = 0;
  while (position < text.length) {
    let end = text.indexOf('\n', position);
    if (end < 0) end = text.length;
    const lineEnd = end > position && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (!fastRow(position, lineEnd) && !onRow(text.slice(position, lineEnd).split(delimiter)))
      return;
    position = end + 1;
    if ((++rows & 0xffff) === 0) onProgress?.(position / text.length);
  }
  onProgress?.(1);
}

function detectDelimiter(header: string): string {
  let best = ',';
  let most = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > most) {
      most = count;
      best = candidate;
    }
  }
  return best;
}

/** Files with quoted fields go through papaparse, which knows every quoting rule. */
function parseQuoted(
  text: string,
  onRow: RowHandler,
  warnings: CsvIssue[],
  onProgress?: (fraction: number) => void,
): void {
  let stopped = false;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    chunkSize: 1 << 20,
    // Papa parses a string synchronously, chunk by chunk, even though its types only promise
    // chunks for files; `complete` picks the overload that allows `chunk`.
    complete: () => {},
    chunk: (results: Papa.ParseResult<string[]>) => {
      if (stopped) return;
      for (const cells of results.data) {
        if (!onRow(cells)) {
          stopped = true;
          return;
        }
      }
      for (const error of results.errors) {
        if (error.code !== 'UndetectableDelimiter') {
          warnings.push({ line: (error.row ?? 0) + 1, column: null, message: error.message });
        }
      }
      onProgress?.(Math.min(1, results.meta.cursor / text.length));
    },
  });
}
