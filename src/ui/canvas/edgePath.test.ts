import { type Handle, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { type FlowModel, parseFlow } from '../../flow';
import { drawConnections } from './edgePath';
import { type CanvasNode, toElements } from './elements';

/** Three containers in a row, connected one to the next. */
function flow(): FlowModel {
  const text = [
    'name: Three',
    'containers:',
    '  data: { component: sample_bars }',
    '  fast: { component: sma, params: { period: 10 } }',
    '  slow: { component: sma, params: { period: 30 } }',
    'event_flow:',
    '  - type: pipeline',
    '    containers: [data, fast, slow]',
    'layout:',
    '  data: [0, 0]',
    '  fast: [230, 0]',
    '  slow: [460, 0]',
  ].join('\n');
  const model = parseFlow(text).model;
  if (!model) throw new Error('the test flow does not parse');
  return model;
}

const NO_HANDLES = new Map<string, { internals: { handleBounds?: undefined } }>();

describe('drawConnections', () => {
  const { nodes, edges } = toElements(flow(), [], [], new Set());
  const first = drawConnections(nodes, edges, NO_HANDLES, new Map());
  const [toFast, toSlow] = edges.map((edge) => first.get(edge.id)!);

  it('draws every connection from its source to its target', () => {
    expect(first.size).toBe(2);
    expect(toFast!.d.startsWith('M')).toBe(true);
    expect(toFast!.d).not.toBe(toSlow!.d);
  });

  it("gives back the connections of containers that did not move as they were, and draws a moved container's anew", () => {
    // A drag step: React Flow hands back a new object for the moved container only.
    const moved: CanvasNode[] = nodes.map((node) =>
      node.id === 'slow' ? { ...node, position: { x: 460, y: 120 } } : node,
    );
    const next = drawConnections(moved, edges, NO_HANDLES, first);
    expect(next.get(toFast!.edge.id)).toBe(toFast);
    const redrawn = next.get(toSlow!.edge.id)!;
    expect(redrawn).not.toBe(toSlow);
    expect(redrawn.d).not.toBe(toSlow!.d);
    // Drawn from scratch, the same paths.
    const fresh = drawConnections(moved, edges, NO_HANDLES, new Map());
    expect(redrawn.d).toBe(fresh.get(toSlow!.edge.id)!.d);
    expect(next.get(toFast!.edge.id)!.d).toBe(fresh.get(toFast!.edge.id)!.d);
  });

  it('draws anew the connections of a container whose handles React Flow measured', () => {
    const output: Handle = {
      id: null,
      nodeId: 'fast',
      type: 'source',
      position: Position.Right,
      x: 186,
      y: 4,
      width: 8,
      height: 8,
    };
    const handles = new Map([
      ['fast', { internals: { handleBounds: { source: [output], target: null } } }],
    ]);
    const next = drawConnections(nodes, edges, handles, first);
    const fromFast = next.get(toSlow!.edge.id)!;
    expect(fromFast).not.toBe(toSlow);
    expect(fromFast.d).not.toBe(toSlow!.d);
    // Its input was not measured: the same path, drawn again from what React Flow now holds.
    expect(next.get(toFast!.edge.id)).not.toBe(toFast);
    expect(next.get(toFast!.edge.id)!.d).toBe(toFast!.d);
  });
});
