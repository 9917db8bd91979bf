import { describe, expect, it } from 'vitest';
import { type FlowModel, parseFlow } from '../../flow';
import { type CanvasNode, reuseEdges, toElements } from './elements';

function flow(dataAt: string): FlowModel {
  const text = [
    'name: Two',
    'containers:',
    '  data: { component: sample_bars }',
    '  fast: { component: sma, params: { period: 10 } }',
    'event_flow:',
    '  - type: pipeline',
    '    containers: [data, fast]',
    'layout:',
    `  data: ${dataAt}`,
    '  fast: [230, 0]',
  ].join('\n');
  const model = parseFlow(text).model;
  if (!model) throw new Error('the test flow does not parse');
  return model;
}

/** The nodes as React Flow hands them back once it has measured them. */
const measured = (nodes: CanvasNode[]): CanvasNode[] =>
  nodes.map((node) => ({ ...node, measured: { width: 190, height: 60 } }));

describe('toElements', () => {
  it('gives back the very nodes that did not change, so React Flow keeps their internals', () => {
    const first = measured(toElements(flow('[0, 0]'), [], [], new Set()).nodes);
    const again = toElements(flow('[0, 0]'), [], first, new Set()).nodes;
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
  });

  it('keeps the measured size of a node that moved, so React Flow does not hide and re-measure it', () => {
    const first = measured(toElements(flow('[0, 0]'), [], [], new Set()).nodes);
    const moved = toElements(flow('[40, 80]'), [], first, new Set()).nodes;
    const data = moved.find((node) => node.id === 'data');
    expect(data?.position).toEqual({ x: 40, y: 80 });
    expect(data?.measured).toEqual({ width: 190, height: 60 });
    expect(moved.find((node) => node.id === 'fast')).toBe(first.find((node) => node.id === 'fast'));
  });

  it('leaves a node being dragged where the pointer has it', () => {
    const first = measured(toElements(flow('[0, 0]'), [], [], new Set()).nodes).map((node) =>
      node.id === 'data' ? { ...node, position: { x: 300, y: 300 }, dragging: true } : node,
    );
    const read = toElements(flow('[40, 80]'), [], first, new Set()).nodes;
    expect(read.find((node) => node.id === 'data')?.position).toEqual({ x: 300, y: 300 });
  });

  it('makes a new node when its selection changes', () => {
    const first = measured(toElements(flow('[0, 0]'), [], [], new Set()).nodes);
    const picked = toElements(flow('[0, 0]'), [], first, new Set(['fast'])).nodes;
    const fast = picked.find((node) => node.id === 'fast');
    expect(fast).not.toBe(first.find((node) => node.id === 'fast'));
    expect(fast?.selected).toBe(true);
    expect(fast?.measured).toEqual({ width: 190, height: 60 });
  });
});

describe('reuseEdges', () => {
  it('gives back the connections that did not change, and new ones for those that did', () => {
    const first = toElements(flow('[0, 0]'), [], [], new Set()).edges;
    const again = reuseEdges(
      first,
      toElements(flow('[40, 80]'), [], [], new Set()).edges,
      new Set(),
    );
    expect(again[0]).toBe(first[0]);
    const picked = reuseEdges(first, first, new Set([first[0]!.id]));
    expect(picked[0]).not.toBe(first[0]);
    expect(picked[0]?.selected).toBe(true);
  });
});
