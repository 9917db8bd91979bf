import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkLimits, FLOW_LIMITS } from './limits';
import { parseFlow } from './parse';

const nestedBrackets = (depth: number) => `name: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
const nestedBlocks = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`;

describe('nesting depth', () => {
  it('refuses 1.8 MB of nested brackets at once, at the bracket that passes the limit', () => {
    const result = parseFlow(nestedBrackets(900_000));
    expect(result.model).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        line: 1,
        // "name: " then 64 brackets fit (with the mapping itself, 65 levels); the next passes.
        column: 7 + FLOW_LIMITS.depth - 1,
        message: expect.stringMatching(/nests deeper than 64 levels here/),
      }),
    ]);
  });

  it('counts indented blocks and dashes as levels', () => {
    expect(checkLimits(nestedBlocks(64))).toBeNull();
    expect(checkLimits(nestedBlocks(65))).toMatchObject({ line: 65, column: 129 });
    const dashes = `${'- '.repeat(70)}x\n`;
    expect(checkLimits(dashes)?.message).toMatch(/nests deeper than 64/);
  });

  it('does not count brackets in quotes, comments and block scalars', () => {
    const deepText = '['.repeat(200);
    const text = [
      'name: "a [[[ b"',
      `description: '${deepText} it''s fine'`,
      `# ${deepText}`,
      'notes: |',
      `  ${deepText}`,
      '      deeper text is still text',
      `condition: "signal.strength > 0.8 # ${deepText}"`,
      'multi: "first line',
      `  ${deepText} second line"`,
      `plain: it's [not a list`,
      'containers: {}',
    ].join('\n');
    expect(checkLimits(text)).toBeNull();
  });

  it('never misses a depth over the limit, and never refuses a shallow document', () => {
    type Nested = unknown;
    const wrap = (value: Nested, kind: number): Nested =>
      kind === 0
        ? [value]
        : kind === 1
          ? { k: value }
          : { k: 'text with [ and # and "', v: [value] };
    const deep = fc.record({
      kinds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 100 }),
      style: fc.constantFrom('block', 'flow') as fc.Arbitrary<'block' | 'flow'>,
      leaf: fc.string(),
    });
    fc.assert(
      fc.property(deep, ({ kinds, style, leaf }) => {
        let value: Nested = leaf;
        let real = 0;
        for (const kind of kinds) {
          value = wrap(value, kind);
          real += kind === 2 ? 2 : 1;
        }
        const text = stringify(value, { collectionStyle: style, lineWidth: 0 });
        const verdict = checkLimits(text);
        if (real > FLOW_LIMITS.depth) expect(verdict?.message, text).toMatch(/nests deeper/);
        if (real <= FLOW_LIMITS.depth / 2) expect(verdict, text).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

describe('entries and size', () => {
  it('refuses more entries than the limit, at the line that passes it', () => {
    const lines = '- 1\n'.repeat(FLOW_LIMITS.entries + 10);
    expect(checkLimits(lines)).toMatchObject({
      line: FLOW_LIMITS.entries + 1,
      message: expect.stringMatching(/more than 50,000 entries/),
    });
    const bracketed = `name: x\nvalues: [${'1,'.repeat(FLOW_LIMITS.entries)}1]\n`;
    expect(checkLimits(bracketed)?.line).toBe(2);
    expect(checkLimits('- 1\n'.repeat(FLOW_LIMITS.entries - 10))).toBeNull();
  });

  it('refuses a text over the size limit before reading a character of it', () => {
    expect(checkLimits('x'.repeat(FLOW_LIMITS.size + 1))?.message).toMatch(
      /flows are limited to 2 MB/,
    );
  });

  it('finds duplicate keys in one pass, even in a mapping of 20,000 keys', () => {
    // The library's own duplicate check is quadratic: a minute here, past the test's timeout.
    const keys = Array.from({ length: 20_000 }, (_, i) => `      k${i}: ${i}`).join('\n');
    const result = parseFlow(
      `name: many\ncontainers:\n  a:\n    kind: data\n    params:\n${keys}\n      k7: again\n`,
    );
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'The key "k7" appears twice in the same mapping: two containers (or keys) share a name',
    );
  }, 60_000);

  it('gives up past the time limit with a plain message', () => {
    let clock = 0;
    const result = parseFlow('name: slow\ncontainers: {}\n', {
      now: () => (clock += FLOW_LIMITS.seconds * 600),
    });
    expect(result.model).toBeNull();
    expect(result.diagnostics[0]!.message).toMatch(/took longer than 10 seconds/);
  });
});
