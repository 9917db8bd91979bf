/**
 * How one flow is kept in the browser's storage, and how a damaged record is read back. Each flow
 * is a record of its own: the last text that read as a flow (what the canvas shows) and, beside
 * it, the editor's text when that does not read as a flow (a draft), so a reload after a bad
 * paste shows both. A record that cannot be read whole gives back every text still readable in
 * it; the damaged original is never written over.
 */

export interface FlowRecord {
  /** Counts the saves of this flow; a tab saves only over the revision it last saw. */
  readonly rev: number;
  /** The tab that wrote it (one id per page load). */
  readonly tab: string;
  readonly id: string;
  readonly name: string;
  /** The last text that read as a flow; empty when the flow never had one. */
  readonly text: string;
  /** The editor's text when it does not read as a flow (yet); null when it is `text`. */
  readonly draft: string | null;
  readonly updated: number;
}

const PREFIX = 'flow-studio:v2:';
export const KEYS = {
  index: `${PREFIX}index`,
  flowPrefix: `${PREFIX}flow:`,
  flow: (id: string) => `${PREFIX}flow:${id}`,
  /** Where a damaged record is moved to before its flow is saved again. */
  damaged: (what: string, at: number) => `flow-studio:damaged:${what}:${at}`,
  damagedPrefix: 'flow-studio:damaged:',
  /** Which flow this tab has open (sessionStorage: per tab, kept across reloads). */
  tabCurrent: `${PREFIX}current`,
  /** Before flows had records of their own: one JSON document of every flow. */
  legacy: 'flow-studio:v1:library',
} as const;

/** The record as stored: rev and tab first, so a save can check them without parsing it all. */
export function serialize(record: FlowRecord): string {
  return JSON.stringify({
    rev: record.rev,
    tab: record.tab,
    id: record.id,
    name: record.name,
    text: record.text,
    draft: record.draft,
    updated: record.updated,
  });
}

/** A stored record's revision and writer, read from its first characters. */
export function peekRevision(raw: string): { rev: number; tab: string } | null {
  const match = /^\{"rev":(\d+),"tab":"([^"\\]*)"/.exec(raw.slice(0, 200));
  return match ? { rev: Number(match[1]), tab: match[2]! } : null;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The record in `raw`, when every field is there with its type. */
export function parseRecord(raw: string): FlowRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (
    typeof r.rev !== 'number' ||
    !isString(r.tab) ||
    !isString(r.id) ||
    !isString(r.name) ||
    !isString(r.text) ||
    !(r.draft === null || isString(r.draft)) ||
    typeof r.updated !== 'number'
  )
    return null;
  return {
    rev: r.rev,
    tab: r.tab,
    id: r.id,
    name: r.name,
    text: r.text,
    draft: r.draft,
    updated: r.updated,
  };
}

/**
 * A flow read back from damaged storage: its last valid text and its draft, as far as they could
 * be read; `complete` is false when the end of what was read is lost.
 */
export interface Salvaged {
  readonly text: string | null;
  readonly draft: string | null;
  readonly complete: boolean;
}

const TEXT_FIELDS = /"(text|draft)"\s*:\s*"/g;

/**
 * Every flow still readable in damaged JSON (cut short, with garbage, or with fields of the wrong
 * type): whole objects when the JSON parses, else each "text" and "draft" string found in it, a
 * draft belonging to the text before it; the last string may be cut short.
 */
export function salvageTexts(raw: string): Salvaged[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (value !== undefined) return fromValue(value);
  const found: { text: string | null; draft: string | null; complete: boolean }[] = [];
  for (const match of raw.matchAll(TEXT_FIELDS)) {
    const literal = stringAt(raw, match.index + match[0].length - 1);
    if (!literal.text.trim()) continue;
    const last = found[found.length - 1];
    if (match[1] === 'draft' && last && last.draft === null && last.complete) {
      last.draft = literal.text;
      last.complete = literal.complete;
    } else if (match[1] === 'draft') {
      found.push({ text: null, draft: literal.text, complete: literal.complete });
    } else {
      found.push({ text: literal.text, draft: null, complete: literal.complete });
    }
  }
  return found;
}

function fromValue(value: unknown): Salvaged[] {
  if (Array.isArray(value)) return value.flatMap(fromValue);
  if (typeof value !== 'object' || value === null) return [];
  const r = value as Record<string, unknown>;
  if (Array.isArray(r.flows)) return r.flows.flatMap(fromValue);
  const text = isString(r.text) && r.text.trim() ? r.text : null;
  const draft = isString(r.draft) && r.draft.trim() ? r.draft : null;
  return text === null && draft === null ? [] : [{ text, draft, complete: true }];
}

/** The JSON string literal starting at `start` (a quote), read up to where it ends or is cut. */
function stringAt(raw: string, start: number): { text: string; complete: boolean } {
  let end = start + 1;
  while (end < raw.length) {
    const c = raw[end];
    if (c === '\\') end += 2;
    else if (c === '"') {
      try {
        return { text: JSON.parse(raw.slice(start, end + 1)) as string, complete: true };
      } catch {
        break;
      }
    } else end++;
  }
  // Cut short (or broken inside): keep what decodes, dropping a half escape at the end.
  let body = raw.slice(start + 1, Math.min(end, raw.length));
  for (let trim = 0; trim < 6; trim++) {
    try {
      return { text: JSON.parse(`"${body}"`) as string, complete: false };
    } catch {
      body = body.slice(0, -1);
    }
  }
  return { text: '', complete: false };
}

/** The name a flow goes by in the library: its YAML name when it has one. */
export function nameOf(text: string, fallback: string): string {
  return (
    /^name:\s*(.+?)\s*(#.*)?$/m.exec(text.slice(0, 10_000))?.[1]?.replace(/^["']|["']$/g, '') ??
    fallback
  );
}
