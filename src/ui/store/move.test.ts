import { describe, expect, it, vi } from 'vitest';
import { applyEdit, type ParsedFlow, parseFlow } from '../../flow';
import { createFlowStore } from './flowStore';
import type { FlowReader } from './reader';

// The store's edits, counted: a move whose positions are known must not read the whole document.
vi.mock('../../flow', async (original) => {
  const flow = await original<typeof import('../../flow')>();
  return { ...flow, applyEdit: vi.fn(flow.applyEdit) };
});

/** A reader like the page's worker: the text opened is read at once, later texts when let. */
function slowReader() {
  const waiting: (() => void)[] = [];
  let reads = 0;
  const reader: FlowReader = {
    parse: (text) => {
      if (reads++ === 0) return parseFlow(text);
      return new Promise<ParsedFlow>((resolve) => waiting.push(() => resolve(parseFlow(text))));
    },
    importText: () => Promise.reject(new Error('not in this test')),
  };
  const finish = async () => {
    for (const read of waiting.splice(0)) read();
    await Promise.resolve();
  };
  return { reader, finish };
}

const FLOW = [
  'name: Moves',
  'containers:',
  ...['a', 'b', 'c'].flatMap((name) => [`  ${name}:`, '    component: sma']),
  'layout:',
  '  a: [0, 0]',
  '  b: [230, 0]',
  '  c: [460, 0]',
  '',
].join('\n');

const move = (text: string, name: string, x: number, y: number) => {
  const result = applyEdit(text, { type: 'moveContainers', positions: { [name]: { x, y } } });
  if (!result.ok) throw new Error(result.error);
  return result.text;
};

describe('moving containers while the flow is read off the page', () => {
  it('keeps every drop, in order, in the text, the model and the undo history', async () => {
    const { reader, finish } = slowReader();
    const flow = createFlowStore({ storage: null, initialText: () => FLOW, reader });
    const drop = (name: string, x: number, y: number) =>
      flow.getState().edit({ type: 'moveContainers', positions: { [name]: { x, y } } });

    // Two drops before the first one's text is read: the second starts from the first's text.
    vi.mocked(applyEdit).mockClear();
    expect(drop('b', 300.4, 40).ok).toBe(true);
    expect(flow.getState().reading).toBe(true);
    expect(drop('a', -12, 1000).ok).toBe(true);
    expect(applyEdit).not.toHaveBeenCalled();
    const twice = move(move(FLOW, 'b', 300.4, 40), 'a', -12, 1000);
    expect(flow.getState().text).toBe(twice);
    await finish();
    expect(flow.getState().reading).toBe(false);
    expect(flow.getState().model?.layout).toEqual({
      a: { x: -12, y: 1000 },
      b: { x: 300, y: 40 },
      c: { x: 460, y: 0 },
    });

    // Undo goes back one drop; a drop made before that text is read again is still right.
    flow.getState().undo();
    expect(flow.getState().text).toBe(move(FLOW, 'b', 300.4, 40));
    drop('c', 1, 2);
    expect(flow.getState().text).toBe(move(move(FLOW, 'b', 300.4, 40), 'c', 1, 2));
    await finish();
    expect(flow.getState().model?.layout.c).toEqual({ x: 1, y: 2 });
    expect(flow.getState().parsed.diagnostics).toEqual([]);
  });

  it('moves the containers of a text typed in the editor, not of the one before it', async () => {
    const { reader, finish } = slowReader();
    const flow = createFlowStore({ storage: null, initialText: () => FLOW, reader });
    const typed = FLOW.replace('name: Moves', 'name: Moves, typed');
    flow.getState().setText(typed);
    flow.getState().edit({ type: 'moveContainers', positions: { c: { x: 5, y: 5 } } });
    expect(flow.getState().text).toBe(move(typed, 'c', 5, 5));
    await finish();
    expect(flow.getState().model?.name).toBe('Moves, typed');
  });
});
