/**
 * Moving containers without reading the document again. A move only rewrites `[x, y]` values under
 * `layout:`, and a drop on a large flow ran the whole of applyEdit on the page (parse, edit, print
 * and compare 3,000 lines: 200 to 900 ms, the drop's frame). So the reading of a text (parse.ts)
 * notes where each position is written in it, and a move replaces just those characters: the same
 * text applyEdit gives, without the parse (but where the layout is indented unlike the rest of the
 * document: the splice keeps the layout's own indentation, applyEdit reprints the line at the
 * indentation it reads from the document's first block). Where the position is written in any
 * other way (on its own line, in a flow-style `layout: {...}`, with an anchor or a comment, not yet
 * written at all) there is no span, and the move goes through applyEdit.
 */
import { type Document, isMap, isScalar, isSeq } from 'yaml';
import type { Position } from './model';

/** Where each container's position is written: [start, end) of its `[x, y]` in the text. */
export type LayoutSpans = Readonly<Record<string, readonly [number, number]>>;

/**
 * The spans of the positions under a block `layout:` mapping, each a one-line `[x, y]` on the line
 * of its name, with no anchor, tag or comment of its own (applyEdit reprints those lines). Only for a
 * document that read without errors, warnings or duplicate keys, as applyEdit needs.
 */
export function layoutSpans(doc: Document, text: string): LayoutSpans | undefined {
  if (!isMap(doc.contents)) return undefined;
  const layout = doc.contents.get('layout', true);
  if (!isMap(layout) || layout.flow) return {};
  const spans: Record<string, readonly [number, number]> = {};
  for (const pair of layout.items) {
    const { key, value } = pair;
    if (!isScalar(key) || !isSeq(value) || !value.flow || !key.range || !value.range) continue;
    if (value.anchor || value.tag || value.comment || value.commentBefore) continue;
    const [start, end] = value.range;
    if (text.slice(key.range[0], end).includes('\n')) continue;
    spans[String(key.value)] = [start, end];
  }
  return spans;
}

/** A coordinate as the YAML printer writes it, or null where the printer might write it otherwise. */
function coordinate(value: number): string | null {
  const rounded = Math.round(value);
  if (!Number.isFinite(rounded) || Object.is(rounded, -0) || Math.abs(rounded) > 1e9) return null;
  return String(rounded);
}

/**
 * The text with the containers at their new positions, and the spans for it; null when a position
 * has no span (applyEdit then writes it).
 */
export function moveInText(
  text: string,
  spans: LayoutSpans,
  positions: Readonly<Record<string, Position>>,
): { readonly text: string; readonly spans: LayoutSpans } | null {
  const changes: { start: number; end: number; value: string }[] = [];
  for (const [name, position] of Object.entries(positions)) {
    const span = Object.hasOwn(spans, name) ? spans[name] : undefined;
    const x = coordinate(position.x);
    const y = coordinate(position.y);
    if (!span || x === null || y === null) return null;
    changes.push({ start: span[0], end: span[1], value: `[ ${x}, ${y} ]` });
  }
  changes.sort((a, b) => a.start - b.start);
  let next = '';
  let at = 0;
  for (const change of changes) {
    next += text.slice(at, change.start) + change.value;
    at = change.end;
  }
  next += text.slice(at);
  // Every span after a change moves by what the changes before it added or took away.
  const moved: Record<string, readonly [number, number]> = {};
  for (const [name, [start, end]] of Object.entries(spans)) {
    let shift = 0;
    let own: (typeof changes)[number] | undefined;
    for (const change of changes) {
      if (change.start === start) own = change;
      if (change.start >= start) break;
      shift += change.value.length - (change.end - change.start);
    }
    moved[name] = own
      ? [start + shift, start + shift + own.value.length]
      : [start + shift, end + shift];
  }
  return { text: next, spans: moved };
}
