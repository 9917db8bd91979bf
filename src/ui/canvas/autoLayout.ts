/** Lays a flow out left to right in layers (ELK's layered algorithm), for the "Auto-layout" command. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { type FlowModel, flowToGraph, type Position } from '../../flow';

const elk = new ELK();
const NODE_WIDTH = 190;
const NODE_HEIGHT = 90;

export async function autoLayout(model: FlowModel): Promise<Record<string, Position>> {
  const graph = flowToGraph(model);
  const names = new Set(graph.nodes.map((node) => node.id));
  const laid = await elk.layout({
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
    },
    children: graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges
      .filter(
        (edge) => edge.pattern !== 'feedback' && names.has(edge.source) && names.has(edge.target),
      )
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  return Object.fromEntries(
    (laid.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]),
  );
}
