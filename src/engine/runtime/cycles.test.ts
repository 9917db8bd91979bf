import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclesAmong, type Link } from './cycles';

/** The strongly connected components with a cycle, by brute force: mutual reachability. */
function bruteForce(count: number, links: readonly Link[]): number[][] {
  const reach = Array.from({ length: count }, (_, from) => {
    const seen = new Set<number>();
    const todo = links.filter((l) => l.source === from).map((l) => l.target);
    while (todo.length > 0) {
      const node = todo.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      for (const l of links) if (l.source === node) todo.push(l.target);
    }
    return seen;
  });
  const done = new Set<number>();
  const components: number[][] = [];
  for (let node = 0; node < count; node++) {
    if (done.has(node) || !reach[node]!.has(node)) continue;
    const component = [...reach[node]!]
      .filter((other) => reach[other]!.has(node))
      .sort((a, b) => a - b);
    for (const member of component) done.add(member);
    components.push(component);
  }
  return components;
}

const sorted = (components: number[][]) => components.map((c) => c.join(',')).sort();

describe('cyclesAmong', () => {
  it('finds exactly the components that loop', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((count) =>
      fc.record({
        count: fc.constant(count),
        links: fc.array(
          fc.record({
            source: fc.integer({ min: 0, max: count - 1 }),
            target: fc.integer({ min: 0, max: count - 1 }),
          }),
          { maxLength: 30 },
        ),
      }),
    );
    fc.assert(
      fc.property(graph, ({ count, links }) => {
        expect(sorted(cyclesAmong(count, links))).toEqual(sorted(bruteForce(count, links)));
      }),
    );
  });

  it('walks a chain of 50,000 containers without running out of stack', () => {
    const count = 50_000;
    const chain = Array.from({ length: count - 1 }, (_, i) => ({ source: i, target: i + 1 }));
    expect(cyclesAmong(count, chain)).toEqual([]);
    expect(cyclesAmong(count, [...chain, { source: count - 1, target: 0 }])[0]).toHaveLength(count);
  });
});
