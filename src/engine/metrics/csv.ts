/**
 * CSV text and ISO times, shared by every results file. A long run's files come as chunks of rows
 * (`csvChunks`), so that the runner writes them a chunk at a time and never holds a whole file:
 * a million bars' equity.csv is 62 MB of text, and building it whole (a row array and a string
 * per cell, then one giant join) took seconds and most of a 256 MB heap. The whole-text forms
 * (`csv`, and the exports the simulator downloads) are the same chunks joined, so both are the
 * same bytes.
 */

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let cachedDay = Number.NaN;
let cachedPrefix = '';

/**
 * `new Date(time).toISOString()`, with the day's "YYYY-MM-DDT" kept from the previous call: a run's
 * times come in order, so most calls only format the time of day (no Date made).
 */
export function iso(time: number): string {
  const day = Math.floor(time / DAY_MS);
  if (day !== cachedDay || !Number.isInteger(time)) {
    const text = new Date(time).toISOString();
    // Years outside 0000-9999 are written ±YYYYYY-: not worth caching.
    if (text.length === 24 && Number.isInteger(time)) {
      cachedDay = day;
      cachedPrefix = text.slice(0, 11);
    }
    return text;
  }
  const clock = timeOfDay(time, day);
  return `${cachedPrefix}${TWO[clock[0]!]}:${TWO[clock[1]!]}:${TWO[clock[2]!]}.${THREE[clock[3]!]}Z`;
}

const parts = new Int32Array(4);

/** Hours, minutes, seconds and milliseconds of a time on its day (one array, reused). */
function timeOfDay(time: number, day: number): Int32Array {
  let rest = time - day * DAY_MS;
  parts[3] = rest % 1000;
  rest = (rest - parts[3]!) / 1000;
  parts[2] = rest % 60;
  rest = (rest - parts[2]!) / 60;
  parts[1] = rest % 60;
  parts[0] = (rest - parts[1]!) / 60;
  return parts;
}

/**
 * Writes `iso(time)` into `bytes` at `at` (ASCII) and returns where it ends; what `iso` caches, this
 * reuses, and the time of day goes in digit by digit, so no string is made for most rows.
 */
export function writeIso(bytes: Uint8Array, at: number, time: number): number {
  const day = Math.floor(time / DAY_MS);
  if (day !== cachedDay || !Number.isInteger(time)) return writeAscii(bytes, at, iso(time));
  if (cachedPrefixBytes.text !== cachedPrefix) {
    for (let i = 0; i < 11; i++) cachedPrefixBytes.bytes[i] = cachedPrefix.charCodeAt(i);
    cachedPrefixBytes.text = cachedPrefix;
  }
  bytes.set(cachedPrefixBytes.bytes, at);
  const clock = timeOfDay(time, day);
  const hours = clock[0]!;
  const minutes = clock[1]!;
  const seconds = clock[2]!;
  const ms = clock[3]!;
  let i = at + 11;
  bytes[i++] = 48 + ((hours / 10) | 0);
  bytes[i++] = 48 + (hours % 10);
  bytes[i++] = 58; // :
  bytes[i++] = 48 + ((minutes / 10) | 0);
  bytes[i++] = 48 + (minutes % 10);
  bytes[i++] = 58;
  bytes[i++] = 48 + ((seconds / 10) | 0);
  bytes[i++] = 48 + (seconds % 10);
  bytes[i++] = 46; // .
  bytes[i++] = 48 + ((ms / 100) | 0);
  bytes[i++] = 48 + (((ms / 10) | 0) % 10);
  bytes[i++] = 48 + (ms % 10);
  bytes[i++] = 90; // Z
  return i;
}

const cachedPrefixBytes = { text: '', bytes: new Uint8Array(11) };

/** Writes an ASCII text (ISO times, numbers, CSV punctuation) into `bytes` at `at`. */
export function writeAscii(bytes: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** ASCII bytes as text, in pieces small enough for fromCharCode's arguments. */
export function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 8192)
    text += String.fromCharCode.apply(null, bytes.subarray(at, at + 8192) as unknown as number[]);
  return text;
}

const quote = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows a chunk of text; bytes a chunk of an equity curve (about 16,000 rows either way). */
export const CHUNK_ROWS = 16_384;
export const CHUNK_BYTES = 1 << 20;

/** The CSV text of `count` rows (the header first), a chunk of rows at a time. */
export function* csvChunks(
  header: readonly string[],
  count: number,
  row: (index: number) => readonly (string | number)[],
): Generator<string> {
  yield `${header.map(quote).join(',')}\n`;
  for (let start = 0; start < count; start += CHUNK_ROWS) {
    let chunk = '';
    for (let i = start; i < Math.min(count, start + CHUNK_ROWS); i++)
      chunk += `${row(i).map(quote).join(',')}\n`;
    yield chunk;
  }
}

/** Chunks joined into one text. */
export function joined(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

export function csv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return joined(csvChunks(header, rows.length, (index) => rows[index]!));
}
