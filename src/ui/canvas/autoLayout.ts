/**
 * Lays a flow out for the "Auto-layout" command with ELK's layered algorithm, in two dimensions:
 * left to right in one band, or with long chains wrapped into several bands shaped to the canvas,
 * choosing the one that lets the flow fit the canvas at the largest zoom (so its text is the most
 * legible). A chain of ten containers on a small canvas wraps into rows instead of one long line.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { type FlowModel, flowToGraph, type Position } from '../../flow';
import { FIT_OPTIONS } from './view';

const elk = new ELK();
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 104;
/** Room left around the flow when it is fitted: the canvas's fit padding. */
const PADDING = FIT_OPTIONS.padding as number;
const MAX_FIT_ZOOM = FIT_OPTIONS.maxZoom as number;

export interface Size {
  readonly width: number;
  readonly height: number;
}

type Direction = 'RIGHT';

async function layOut(model: FlowModel, direction: Direction, aspect: number | null) {
  const graph = flowToGraph(model);
  const names = new Set(graph.nodes.map((node) => node.id));
  const laid = await elk.layout({
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeLabel': '8',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      ...(aspect === null
        ? {}
        : {
            'elk.layered.wrapping.strategy': 'MULTI_EDGE',
            'elk.aspectRatio': String(aspect),
            'elk.layered.wrapping.additionalEdgeSpacing': '20',
          }),
    },
    children: graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges
      .filter(
        (edge) => edge.pattern !== 'feedback' && names.has(edge.source) && names.has(edge.target),
      )
      .map((edge) => ({
        id: edge.id,
        sources: [edge.source],
        targets: [edge.target],
        // Labelled connections get room for their label between the layers.
        labels: edge.label
          ? [{ text: edge.label, width: Math.min(220, 12 + edge.label.length * 7), height: 22 }]
          : [],
      })),
  });
  return laid;
}

/** The zoom at which a laid-out flow fits the canvas. */
export function fitZoom(laid: Pick<ElkNode, 'width' | 'height'>, canvas: Size): number {
  const width = (laid.width ?? 1) * (1 + PADDING * 2);
  const height = (laid.height ?? 1) * (1 + PADDING * 2);
  return Math.min(canvas.width / width, canvas.height / height);
}

export async function autoLayout(
  model: FlowModel,
  canvas: Size = { width: 1200, height: 700 },
): Promise<Record<string, Position>> {
  const aspect = canvas.width / Math.max(1, canvas.height);
  // Containers connect from a right handle to a left one, so layers run left to right; a
  // top-down order would make every connection loop round its nodes.
  const candidates = await Promise.all([
    layOut(model, 'RIGHT', null),
    layOut(model, 'RIGHT', aspect),
  ]);
  // The largest zoom wins, up to 1 (fitting never magnifies); a near tie keeps the plainer layout
  // (the earlier candidate).
  const zoom = (laid: ElkNode) => Math.min(MAX_FIT_ZOOM, fitZoom(laid, canvas));
  let best = candidates[0]!;
  for (const candidate of candidates.slice(1))
    if (zoom(candidate) > zoom(best) * 1.1) best = candidate;
  return Object.fromEntries(
    (best.children ?? []).map((child) => [
      child.id,
      { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) },
    ]),
  );
}
