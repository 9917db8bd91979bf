/**
 * Keeps the user's text exactly where an edit did not touch it. yaml's Document keeps comments and
 * order but re-spaces lines when it prints (aligned comments, blank lines at the end): so the
 * edited document is printed, compared line by line with the unedited document printed the same
 * way, and only the lines that differ are taken from the new print; every other line is the
 * user's own, byte for byte.
 */

import { type Document, isCollection, isMap, isNode, isSeq } from 'yaml';

/** How the user's text indents: the printer must write changed lines the same way. */
export interface PrintStyle {
  /** Spaces a nested block mapping is indented by (yaml prints 2 unless told). */
  readonly indent: number;
  /** Whether a block sequence under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
  readonly indentSeq: boolean;
}

/** The column of an offset in the text. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * The indentation of the user's text, read from its parsed document (so that text inside a block
 * scalar cannot mislead it): the column of the first key of the first block mapping under a
 * top-level key, and whether the first block sequence under a top-level key starts right of its
 * key. A line printed at yaml's default 2 spaces into a text indented by 4 would land at the wrong
 * depth: a container's `params:` would become a container of its own.
 */
export function printStyle(doc: Document, text: string): PrintStyle {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const top = doc.contents;
  if (isMap(top)) {
    for (const pair of top.items) {
      const key = isNode(pair.key) ? pair.key.range : undefined;
      const value = pair.value;
      if (!key || !isCollection(value) || !value.range || value.flow) continue;
      const keyColumn = columnOf(text, key[0]);
      if (indent === undefined && isMap(value) && value.items.length > 0) {
        const first = value.items[0]!.key;
        const column = isNode(first) && first.range ? columnOf(text, first.range[0]) : 0;
        if (column > keyColumn) indent = column - keyColumn;
      } else if (indentSeq === undefined && isSeq(value) && value.items.length > 0)
        indentSeq = columnOf(text, value.range[0]) > keyColumn;
      if (indent !== undefined && indentSeq !== undefined) break;
    }
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}

/** Lines the same but for spacing. */
const key = (line: string) => line.replace(/\s+/g, '');

/** Pairs of equal lines (by `same`) in order: the longest common subsequence, on the part that differs. */
function matchLines(
  a: readonly string[],
  b: readonly string[],
  same: (x: string, y: string) => boolean,
): Map<number, number> {
  const pairs = new Map<number, number>();
  let start = 0;
  while (start < a.length && start < b.length && same(a[start]!, b[start]!)) {
    pairs.set(start, start);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
    pairs.set(endA, endB);
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return pairs;
  if (n * m > 25_000_000) return pairs; // too large to align: the middle is taken as all new
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] = same(a[start + i]!, b[start + j]!)
        ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
        : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(a[start + i]!, b[start + j]!)) {
      pairs.set(start + i, start + j);
      i++;
      j++;
    } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export function preserveFormatting(
  original: string,
  printedBefore: string,
  printedAfter: string,
): string {
  if (printedBefore === printedAfter) return original;
  // The user's lines keep their own ends (a \r stays on its line: `key` ignores it when lines are
  // matched); a line the printer wrote takes the end most of the user's lines have.
  const source = original.split('\n');
  const crlf = source.filter((line) => line.endsWith('\r')).length * 2 > source.length - 1;
  const written = (line: string) => (crlf ? `${line}\r` : line);
  const before = printedBefore.split('\n');
  const after = printedAfter.split('\n');
  // Where each printed line of the unedited document is in the user's text.
  const toSource = matchLines(before, source, (x, y) => key(x) === key(y));
  // Which printed lines the edit left alone.
  const kept = matchLines(before, after, (x, y) => x === y);
  const keptAt = new Map<number, number>();
  for (const [b, a] of kept) keptAt.set(a, b);
  const shown = new Set(toSource.values());
  const out: string[] = [];
  let nextSource = 0;
  for (let a = 0; a < after.length; a++) {
    const b = keptAt.get(a);
    const s = b === undefined ? undefined : toSource.get(b);
    if (s === undefined || s < nextSource) {
      out.push(written(after[a]!));
      continue;
    }
    // The user's lines the printer does not show (extra blank lines) travel with the next kept line.
    for (let extra = nextSource; extra < s; extra++) {
      if (!shown.has(extra) && source[extra]!.trim() === '') out.push(source[extra]!);
    }
    out.push(source[s]!);
    nextSource = s + 1;
  }
  // Trailing text of the user's (a final newline, blank lines) stays.
  for (let extra = nextSource; extra < source.length; extra++)
    if (source[extra]!.trim() === '') out.push(source[extra]!);
  const text = out.join('\n');
  return text.replace(/[\r\n]*$/, /\r?\n$/.exec(original)?.[0] ?? '');
}
