/**
 * Where a path of a YAML document is in its text, so a diagnostic can point at the exact key or
 * value: the deepest node the path reaches, as 1-based lines and columns.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type Path = readonly (string | number)[];

export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The node at `path` (or its key, with `key: true`), else the deepest node on the way. */
export function nodeAt(doc: Document, path: Path, key = false): Node | null {
  let node: unknown = doc.contents;
  let found: Node | null = (doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return found;
      if (last && key && pair.key) return pair.key as Node;
      node = pair.value;
      if (node) found = node as Node;
      else return (pair.key as Node) ?? found;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return found;
      node = item;
      found = item as Node;
    } else {
      return found;
    }
  }
  return found;
}

export function spanOf(node: Node | null, lineCounter: LineCounter, text: string): Span {
  const [start, end] = node?.range ? [node.range[0], node.range[1]] : [0, Math.min(text.length, 1)];
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** The span of characters [from, to) inside a scalar's value (for an error inside a condition). */
export function spanInside(
  node: Node | null,
  from: number,
  to: number,
  lineCounter: LineCounter,
  text: string,
): Span {
  if (!node?.range || !isScalar(node)) return spanOf(node, lineCounter, text);
  const raw = text.slice(node.range[0], node.range[1]);
  const quoted = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  const start = node.range[0] + quoted + from;
  const end = node.range[0] + quoted + Math.max(to, from + 1);
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.min(end, node.range[1]));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}
