/** SeqTable answers as a Map would, through growth and deletions that shift entries back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeqTable } from './seq-table';

describe('SeqTable', () => {
  it('holds what a Map holds after any sets and deletes', () => {
    const key = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 40 }));
    const op = fc.tuple(fc.constantFrom('set', 'delete'), key);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 1000, size: 'max' }), (ops) => {
        const table = new SeqTable<number>();
        const map = new Map<number, number>();
        ops.forEach(([kind, k], i) => {
          if (kind === 'set') {
            table.set(k, i);
            map.set(k, i);
          } else expect(table.delete(k)).toBe(map.delete(k));
        });
        expect(table.size).toBe(map.size);
        for (const [k, v] of map) expect(table.get(k)).toBe(v);
        for (const [, k] of ops) expect(table.get(k)).toBe(map.get(k));
        expect([...table.valuesUnordered()].sort((a, b) => a - b)).toEqual(
          [...map.values()].sort((a, b) => a - b),
        );
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
