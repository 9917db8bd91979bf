/**
 * An edit written into a text keeps the text's own indentation and line ends: printed at yaml's
 * default two spaces into a text indented by four, a container's changed `params:` line became a
 * container of its own and the flow no longer read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { applyEdit } from './apply';
import type { FlowEdit } from './edits';
import { parseFlow } from './parse';
import { printStyle } from './preserve';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const examples = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => ({ file, text: readFileSync(join(EXAMPLES, file), 'utf8') }));

/** The same flow written another way: comments and order kept, only the layout of lines changes. */
const VARIANTS: Record<string, (text: string) => string> = {
  'indented by 4': (text) => parseDocument(text).toString({ indent: 4, lineWidth: 0 }),
  'lists not indented': (text) => parseDocument(text).toString({ indentSeq: false, lineWidth: 0 }),
  'indented by 3, CRLF': (text) =>
    parseDocument(text).toString({ indent: 3, lineWidth: 0 }).replace(/\n/g, '\r\n'),
};

/** Edits a person makes on the canvas and in the inspector, for a flow's containers. */
function editsFor(text: string): FlowEdit[] {
  const names = parseFlow(text).model!.containers.map((container) => container.name);
  const [first, second] = names;
  const last = names[names.length - 1]!;
  return [
    { type: 'setName', name: 'Renamed flow' },
    {
      type: 'addContainer',
      name: 'extra',
      component: 'sma',
      params: { period: 5 },
      position: { x: 10, y: 20 },
    },
    { type: 'renameContainer', from: first!, to: 'source_renamed' },
    { type: 'setParam', container: second!, param: 'period', value: 7 },
    { type: 'setDisabled', names: [second!], disabled: true },
    { type: 'moveContainers', positions: { [last]: { x: 33, y: 44 } } },
    { type: 'removeContainers', names: [last] },
    { type: 'connect', source: last, target: first! },
  ];
}

const model = (text: string) => JSON.stringify(parseFlow(text).model);

describe('an edit keeps the way the text is written', () => {
  it('reads the indentation of a text, not of the text inside a block scalar', () => {
    const style = (text: string) => printStyle(parseDocument(text), text);
    expect(style('a:\n    b: 1\nc:\n- 1\n')).toEqual({ indent: 4, indentSeq: false });
    expect(style('# x\na: # note\n\n  - 1\nb:\n   c: 2\n')).toEqual({ indent: 3, indentSeq: true });
    expect(style('name: x\n')).toEqual({ indent: 2, indentSeq: true });
    expect(style('d: |\n  Steps:\n      1. one\nc:\n  x: 1\n')).toEqual({
      indent: 2,
      indentSeq: true,
    });
  });

  for (const { file, text } of examples) {
    for (const [variant, write] of Object.entries(VARIANTS)) {
      it(`${file}, ${variant}: every edit gives the flow it gives the original`, () => {
        const written = write(text);
        expect(model(written)).toBe(model(text));
        for (const edit of editsFor(text)) {
          const expected = applyEdit(text, edit);
          const result = applyEdit(written, edit);
          expect(result.ok, `${edit.type}`).toBe(expected.ok);
          if (!result.ok || !expected.ok) continue;
          expect(model(result.text), `${edit.type}`).toBe(model(expected.text));
          if (written.includes('\r\n'))
            expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
        }
      });
    }
  }
});

describe('an edit the text cannot take', () => {
  it('says so in plain words and leaves the text alone (an alias of a moved anchor)', () => {
    const text =
      'name: A\ncontainers:\n  data:\n    component: sample_bars\n  fast:\n    component: sma\nlayout:\n  data: &p [0, 0]\n  fast: *p\n';
    for (const edit of [
      { type: 'moveContainers', positions: { data: { x: 5, y: 6 } } },
      { type: 'removeContainers', names: ['data'] },
    ] satisfies FlowEdit[]) {
      const result = applyEdit(text, edit);
      expect(result).toEqual({
        ok: false,
        error: expect.stringContaining('an alias (*name) there refers to an anchor (&name)'),
      });
    }
  });
});

describe('an edit keeps what the user wrote around it', () => {
  const flow = [
    'name: A',
    'containers:',
    '  data:',
    '    component: sample_bars',
    '  fast:',
    '    component: sma',
    'layout:',
    '  # where the bars come in',
    '  data: [0, 0]  # top left',
    '  fast: [200, 0]',
    '',
  ];

  it('keeps the comments on a moved position', () => {
    const result = applyEdit(flow.join('\n'), {
      type: 'moveContainers',
      positions: { data: { x: 5, y: 6 } },
    });
    expect(result.ok && result.text).toBe(
      flow.join('\n').replace('data: [0, 0]  # top left', 'data: [ 5, 6 ] # top left'),
    );
  });

  it('keeps each line end of a text with mixed line ends, and writes new lines with the usual one', () => {
    // Pasted together from two files: the first lines end in \r\n, the rest in \n.
    const mixed = `${flow.slice(0, 7).join('\r\n')}\r\n${flow.slice(7).join('\n')}`;
    const result = applyEdit(mixed, {
      type: 'setParam',
      container: 'fast',
      param: 'period',
      value: 7,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.text.split('\n');
    expect(lines.slice(0, 6)).toEqual(flow.slice(0, 6).map((line) => `${line}\r`));
    // The new `params:` lines take \r\n, the line end most lines have.
    expect(lines.slice(6, 8)).toEqual(['    params:\r', '      period: 7\r']);
    expect(lines.slice(8)).toEqual([`${flow[6]}\r`, ...flow.slice(7)]);
  });
});
