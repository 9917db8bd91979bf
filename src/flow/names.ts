/** Small helpers about names: suggestions for typos, unique names, kinds guessed from names. */
import type { ContainerKind } from './catalogue';

/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates);
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** `base`, or `base_2`, `base_3`… whichever is free. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'container';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

const KIND_WORDS: readonly [RegExp, ContainerKind][] = [
  [/classif|regime/, 'classifier'],
  [/portfolio|account/, 'portfolio'],
  [/execution|broker|exec/, 'execution'],
  [/risk|sizer/, 'risk'],
  [/indicator|feature|sma|ema|rsi|macd/, 'indicator'],
  [/strateg|signal|alpha/, 'strategy'],
  [/data|bars|feed|market/, 'data'],
];

/** The kind a container known only by its name probably is ("risk_conservative" → risk). */
export function inferKind(name: string): ContainerKind | null {
  const lower = name.toLowerCase();
  for (const [pattern, kind] of KIND_WORDS) if (pattern.test(lower)) return kind;
  return null;
}
