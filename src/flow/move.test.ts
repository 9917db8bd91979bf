import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdit } from './apply';
import type { Position } from './model';
import { moveInText } from './move';
import { parseFlow } from './parse';

const root = resolve(__dirname, '../..');
const examples = ['examples', 'examples/seed', 'examples/templates'].flatMap((dir) =>
  readdirSync(resolve(root, dir))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({
      file: `${dir}/${file}`,
      text: readFileSync(resolve(root, dir, file), 'utf8'),
    })),
);

/** The bench's shape (bench/canvas): pipelines of containers, every one placed under layout. */
function grid(rows: number, columns: number): string {
  const containers = ['name: Grid', 'containers:'];
  const layout = ['layout:'];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      containers.push(`  n_${r}_${c}:`, '    component: sma', `    params: { period: ${c + 2} }`);
      layout.push(`  n_${r}_${c}: [${c * 230}, ${r * 130}]`);
    }
  return [...containers, '', ...layout, ''].join('\n');
}

/** Moves through the spans of the text's reading, else null. */
function quick(text: string, positions: Record<string, Position>) {
  const spans = parseFlow(text).layoutSpans;
  return spans ? moveInText(text, spans, positions) : null;
}

function slow(text: string, positions: Record<string, Position>): string {
  const result = applyEdit(text, { type: 'moveContainers', positions });
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe('moving containers in the text (move.ts)', () => {
  it('writes the same text as applyEdit, for every placed container of every example', () => {
    let moves = 0;
    for (const { file, text } of examples) {
      const spans = parseFlow(text).layoutSpans ?? {};
      for (const [i, name] of Object.keys(spans).entries()) {
        const positions = { [name]: { x: 37.6 * i - 80, y: 1234.4 - 91 * i } };
        expect(quick(text, positions)?.text, `${file}: ${name}`).toBe(slow(text, positions));
        moves++;
      }
    }
    expect(moves).toBeGreaterThan(50);
  });

  it('moves several at once, and again from the spans it gives back, as applyEdit does', () => {
    let text = grid(6, 5);
    let spans = parseFlow(text).layoutSpans!;
    let expected = text;
    for (let step = 0; step < 12; step++) {
      const positions: Record<string, Position> = {
        [`n_${step % 6}_${step % 5}`]: { x: 100_000 * step, y: 5 - 3 * step },
        [`n_${(step + 2) % 6}_${(step + 1) % 5}`]: { x: step, y: 7 },
      };
      const moved = moveInText(text, spans, positions)!;
      expected = slow(expected, positions);
      expect(moved.text).toBe(expected);
      // The spans handed back are the ones a fresh reading of the new text finds.
      expect(moved.spans).toEqual(parseFlow(moved.text).layoutSpans);
      ({ text, spans } = moved);
    }
  });

  it('leaves to applyEdit the positions it cannot write in place', () => {
    const base = 'name: a\ncontainers:\n  x: { component: sma }\n  y: { component: sma }\n';
    const cases = {
      'no position yet': `${base}layout:\n  y: [1, 2]\n`,
      'no layout at all': base,
      'a flow-style layout': `${base}layout: { x: [1, 2] }\n`,
      'a position on its own line': `${base}layout:\n  x:\n    [1, 2]\n`,
      'a position with a comment': `${base}layout:\n  x: [1, 2] # here\n`,
      'a position with an anchor': `${base}layout:\n  x: &p [1, 2]\n`,
      'a position in block style': `${base}layout:\n  x:\n    - 1\n    - 2\n`,
    };
    for (const [label, text] of Object.entries(cases)) {
      expect(parseFlow(text).model, label).not.toBeNull();
      expect(quick(text, { x: { x: 5, y: 6 } }), label).toBeNull();
      expect(slow(text, { x: { x: 5, y: 6 } }), label).toContain('[ 5, 6 ]');
    }
    const placed = `${base}layout:\n  x: [1, 2]\n`;
    expect(quick(placed, { x: { x: -0.2, y: 0 } }), 'minus zero').toBeNull();
    expect(quick(placed, { x: { x: Number.NaN, y: 0 } }), 'not a number').toBeNull();
    expect(quick(placed, { x: { x: 5, y: 6 } })?.text).toBe(slow(placed, { x: { x: 5, y: 6 } }));
  });

  it("keeps the layout's own indentation, which applyEdit's reprinted line does not, and its line endings", () => {
    const base = 'name: a\ncontainers:\n  x: { component: sma }\n  y: { component: sma }\n';
    const indented = `${base}layout:\n    x: [1, 2]\n    y: [3, 4]\n`;
    expect(quick(indented, { x: { x: 5, y: 6 } })?.text).toBe(
      `${base}layout:\n    x: [ 5, 6 ]\n    y: [3, 4]\n`,
    );
    // applyEdit writes the line at its printer's indentation: the flow no longer reads.
    expect(parseFlow(slow(indented, { x: { x: 5, y: 6 } })).model).toBeNull();
    const windows = `${base.replaceAll('\n', '\r\n')}layout:\r\n  x: [1, 2]\r\n`;
    expect(quick(windows, { x: { x: 5, y: 6 } })?.text).toBe(windows.replace('[1, 2]', '[ 5, 6 ]'));
  });

  it('gives no spans where applyEdit would refuse the text', () => {
    const duplicate =
      'name: a\ncontainers:\n  x: { component: sma }\nlayout:\n  x: [1, 2]\n  x: [3, 4]\n';
    expect(parseFlow(duplicate).layoutSpans).toBeUndefined();
    expect(
      applyEdit(duplicate, { type: 'moveContainers', positions: { x: { x: 0, y: 0 } } }).ok,
    ).toBe(false);
    expect(parseFlow('name: a\nlayout: [\n').layoutSpans).toBeUndefined();
  });
});
