/**
 * Text helpers for the expression field: the word being typed at the caret, completion of it from
 * the vocabulary, and the tokens of an expression for its coloured preview with hover help.
 */
import type { VocabularyEntry } from '../../flow';

const WORD = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\.?$/;

/** The identifier (with an output after a dot) that ends at the caret, and where it starts. */
export function wordAt(text: string, caret: number): { word: string; start: number } {
  const match = WORD.exec(text.slice(0, caret));
  return match ? { word: match[0], start: caret - match[0].length } : { word: '', start: caret };
}

/** Entries that complete the word: prefix matches first, then those containing it. */
export function complete(
  words: readonly VocabularyEntry[],
  word: string,
  limit = 8,
): VocabularyEntry[] {
  if (!word) return [];
  const lower = word.toLowerCase();
  const starts = words.filter((w) => w.name.toLowerCase().startsWith(lower) && w.name !== word);
  const contains = words.filter(
    (w) => !w.name.toLowerCase().startsWith(lower) && w.name.toLowerCase().includes(lower),
  );
  return [...starts, ...contains].slice(0, limit);
}

/** What accepting an entry inserts: a function opens its parentheses. */
export const insertion = (entry: VocabularyEntry) =>
  entry.kind === 'function' ? `${entry.name}(` : entry.name;

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly entry?: VocabularyEntry;
  readonly kind: 'name' | 'number' | 'string' | 'operator' | 'space';
}

const TOKEN =
  /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|('[^']*'?|"[^"]*"?)|(\s+)|(.)/g;

/** The expression cut into tokens, each name with its vocabulary entry when it has one. */
export function tokens(text: string, words: readonly VocabularyEntry[]): Token[] {
  const byName = new Map(words.map((w) => [w.name, w]));
  const out: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [whole, name, number, string, space] = match;
    const start = match.index;
    if (name !== undefined) {
      const entry = byName.get(name) ?? byName.get(name.split('.')[0]!);
      out.push({ text: whole, start, kind: 'name', ...(entry ? { entry } : {}) });
    } else if (number !== undefined) out.push({ text: whole, start, kind: 'number' });
    else if (string !== undefined) out.push({ text: whole, start, kind: 'string' });
    else if (space !== undefined) out.push({ text: whole, start, kind: 'space' });
    else out.push({ text: whole, start, kind: 'operator' });
  }
  return out;
}
