/**
 * The fast path of the CSV reader: a row of the common shape (plain numbers, a date in one of
 * the usual forms, no spaces, nothing to report) read straight from the file's text into numbers,
 * with no string made per row or cell. The general reader (csv.ts) split every row into strings,
 * ran a regular expression over its date and made a Date to check it: some fifteen objects a row,
 * and with a million rows a third of the time went to collecting them.
 *
 * The fast path only ever says "read" or "not mine": anything it does not know for certain (a
 * sign, an exponent, a space, a time zone, a sixtieth second, a bar out of range, a missing cell)
 * makes it hand the row to the general reader, which reads it, or words its problem, exactly as
 * before. So the bars and the messages are the general reader's by construction, and
 * csv-fast.test.ts checks it on generated files (fast path on == off).
 */
import { parseTimestamp } from './timestamps';

/** Where each field is among a row's cells (its index), or -1 where the file has no such column. */
export interface RowLayout {
  readonly date: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly symbol: number;
}

/**
 * The values of one row: timestamp, open, high, low, close, volume, and the symbol cell's start
 * and end in the text (equal when the file has no symbol column). The readers below write into it
 * and return positions (small integers), so no number is boxed and no string made per cell.
 */
export type FastRow = Float64Array;
export const FAST_ROW_SIZE = 8;

/** What each cell of a row is: a slot of FastRow for the numbers (1-5), or one of these. */
const SKIP = 0;
const DATE = 6;
const SYMBOL = 7;

/** The role of each cell up to the last one the layout names. */
export function cellRoles(layout: RowLayout): Int8Array {
  const roles = new Int8Array(Math.max(...Object.values(layout)) + 1).fill(SKIP);
  roles[layout.date] = DATE;
  roles[layout.open] = 1;
  roles[layout.high] = 2;
  roles[layout.low] = 3;
  roles[layout.close] = 4;
  if (layout.volume >= 0) roles[layout.volume] = 5;
  if (layout.symbol >= 0) roles[layout.symbol] = SYMBOL;
  return roles;
}

const DIGIT_0 = 48;
const DOT = 46;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const T = 84;
const Z = 90;
/** Beyond this a running mantissa may no longer be exact: Number() decides instead. */
const EXACT = 2 ** 53;
/** Powers of ten a double holds exactly (10^22 is the last). */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Would the general reader refuse this bar as outside its own range? Shared by both paths so the
 * fast path never keeps a bar the general one refuses.
 */
export function outsideBar(value: number, low: number, high: number): boolean {
  const slack = 1e-9 * Math.max(1, Math.abs(high));
  return value > high + slack || value < low - slack;
}

/**
 * Reads the row text[start, end) into `out` (see FastRow) and says whether it could: every cell
 * the roles name present and plain, and the bar one the general reader keeps.
 */
export function readPlainRow(
  text: string,
  start: number,
  end: number,
  delimiter: number,
  roles: Int8Array,
  out: FastRow,
): boolean {
  out[5] = 0;
  out[6] = 0;
  out[7] = 0;
  let at = start;
  for (let cell = 0; cell < roles.length; cell++) {
    // A row short of a cell the layout names is the general reader's ("Missing close value").
    if (at > end) return false;
    const role = roles[cell]!;
    let stop: number;
    if (role >= 1 && role <= 5) stop = decimalInto(text, at, end, delimiter, out, role);
    else {
      stop = cellEnd(text, at, end, delimiter);
      if (role === DATE) {
        if (!timestampInto(text, at, stop, out)) return false;
      } else if (role === SYMBOL) {
        if (!plainSymbol(text, at, stop)) return false;
        out[6] = at;
        out[7] = stop;
      }
    }
    if (stop < 0) return false;
    at = stop + 1;
  }
  const high = out[2]!;
  const low = out[3]!;
  return !(high < low || outsideBar(out[1]!, low, high) || outsideBar(out[4]!, low, high));
}

function cellEnd(text: string, at: number, end: number, delimiter: number): number {
  let i = at;
  while (i < end && text.charCodeAt(i) !== delimiter) i++;
  return i;
}

/**
 * Reads the plain decimal that starts at `at` into out[slot] and returns where its cell ends (the
 * delimiter or the row's end), or -1 when the cell is not plain: digits with at most one point
 * and at least one digit (a sign, an exponent, a space: the general reader's). A mantissa under
 * 2^53 over a power of ten up to 10^22 is exact in both operands, so the division's correct
 * rounding is Number()'s correct rounding of the same decimal (Clinger's fast path); longer
 * numbers go to Number() itself.
 */
function decimalInto(
  text: string,
  at: number,
  end: number,
  delimiter: number,
  out: FastRow,
  slot: number,
): number {
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  let i = at;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    const digit = code - DIGIT_0;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
    } else if (code === delimiter) break;
    else if (code === DOT && point < 0) point = i;
    else return -1;
  }
  if (digits === 0) return -1;
  const decimals = point < 0 ? 0 : i - point - 1;
  if (mantissa < EXACT && decimals < POWERS.length)
    out[slot] = decimals === 0 ? mantissa : mantissa / POWERS[decimals]!;
  else {
    const value = Number(text.slice(at, i));
    if (!Number.isFinite(value)) return -1;
    out[slot] = value;
  }
  return i;
}

/** Two digits at text[at], or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - DIGIT_0;
  const b = text.charCodeAt(at + 1) - DIGIT_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Reads the date cell text[start, end) into out[0]. The forms almost every price file uses are
 * read here: YYYY-MM-DD, then optionally T or a space and HH:MM:SS, then optionally Z; or Unix
 * seconds or milliseconds as 9 to 13 digits. Any other form goes to parseTimestamp, the general
 * reader's own; false when neither reads it (the general reader then words the problem).
 */
function timestampInto(text: string, start: number, end: number, out: FastRow): boolean {
  const length = end - start;
  if (length >= 9 && length <= 13) {
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) {
      out[0] = value < 1e11 ? value * 1000 : value;
      return true;
    }
  }
  if (plainDateTime(text, start, end, out)) return true;
  // Other forms the reader knows (fractions, zones, YYYYMMDD) cost a string and a regex.
  const time = parseTimestamp(text.slice(start, end));
  if (time === null) return false;
  out[0] = time;
  return true;
}

function plainDateTime(text: string, start: number, end: number, out: FastRow): boolean {
  const length = end - start;
  if (length !== 10 && length !== 19 && length !== 20) return false;
  const century = twoDigits(text, start);
  const decade = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  // Years before 100 are left to parseTimestamp: Date.UTC reads 0-99 as 1900-1999.
  if (century < 1 || decade < 0 || month < 1 || month > 12 || day < 1) return false;
  if (text.charCodeAt(start + 4) !== DASH || text.charCodeAt(start + 7) !== DASH) return false;
  const year = century * 100 + decade;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month - 1]!)) return false;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (length === 10) {
    out[0] = midnight;
    return true;
  }
  const separator = text.charCodeAt(start + 10);
  if (separator !== SPACE && separator !== T) return false;
  const hour = twoDigits(text, start + 11);
  const minute = twoDigits(text, start + 14);
  const second = twoDigits(text, start + 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (text.charCodeAt(start + 13) !== COLON || text.charCodeAt(start + 16) !== COLON) return false;
  if (length === 20 && text.charCodeAt(start + 19) !== Z) return false;
  out[0] = midnight + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return true;
}

const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (as Date.UTC counts them),
 * by Howard Hinnant's days_from_civil: integer arithmetic instead of a call a row.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** A symbol of letters, digits and . _ - : / ^ = (anything else, spaces too, is the general reader's). */
function plainSymbol(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const plain =
      (code >= 48 && code <= 58) || // digits and :
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      code === 46 || // .
      code === 95 || // _
      code === 45 || // -
      code === 47 || // /
      code === 94 || // ^
      code === 61; // =
    if (!plain) return false;
  }
  return true;
}
