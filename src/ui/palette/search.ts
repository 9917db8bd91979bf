/**
 * Finding a component among a large catalogue: every word typed must match somewhere (id, label,
 * family, kind, keywords, outputs, description), and the best matches come first: a label or id
 * that is the word, then one that starts with it, then a family or keyword, then the description.
 */
import type { ComponentSpec } from '../../flow';

function fields(spec: ComponentSpec) {
  return {
    names: [spec.id, spec.label].map((s) => s.toLowerCase()),
    tags: [spec.group ?? '', spec.kind, ...(spec.keywords ?? []), ...(spec.outputs ?? [])]
      .join(' ')
      .toLowerCase(),
    text: spec.description.toLowerCase(),
  };
}

/** How well a component matches a query; 0 when some word matches nowhere. */
export function score(spec: ComponentSpec, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const { names, tags, text } = fields(spec);
  let total = 0;
  for (const word of words) {
    let best = 0;
    for (const name of names) {
      if (name === word) best = Math.max(best, 100);
      else if (name.startsWith(word)) best = Math.max(best, 60);
      else if (name.split(/[\s_/-]+/).some((part) => part.startsWith(word)))
        best = Math.max(best, 40);
      else if (name.includes(word)) best = Math.max(best, 25);
    }
    if (best === 0 && tags.includes(word)) best = 15;
    if (best === 0 && text.includes(word)) best = 2;
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

export const matches = (spec: ComponentSpec, query: string) => score(spec, query) > 0;

/** The components matching a query, best first (catalogue order among equals). */
export function search(catalogue: readonly ComponentSpec[], query: string): ComponentSpec[] {
  return catalogue
    .map((spec, index) => ({ spec, index, score: score(spec, query) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.spec);
}
