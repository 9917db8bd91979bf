/**
 * The text each connection shows on the canvas and where all of them go, laid out together so
 * that no label lands on a container or on another label.
 */
import type { ReactFlowState } from '@xyflow/react';
import { attachPoint, measuredSize } from './edgePath';
import type { FlowEdgeData } from './elements';
import {
  estimateLabelSize,
  type LabelRequest,
  type Point,
  placeLabels,
  type Rect,
} from './labelPlacement';
import { textZoom } from './textZoom';

const ROUTE_LABEL_CHARS = 60;

const shorten = (text: string, chars: number) =>
  text.length > chars ? `${text.slice(0, chars - 1)}…` : text;

/**
 * A route's label says its types, filters and transformation; a long one is cut on the canvas
 * (whole in its tooltip and in the inspector), so it does not run over the nodes beside it.
 */
export const routeLabelText = (data: FlowEdgeData | undefined) =>
  shorten(data?.label || 'all events', ROUTE_LABEL_CHARS);

/** The text a connection's label shows, as wide as it is drawn; null when it has none. */
export function edgeLabelText(data: FlowEdgeData | undefined): string | null {
  switch (data?.pattern) {
    case 'route':
      return routeLabelText(data);
    case 'selective':
    case 'hierarchical':
      return `${data.order !== undefined ? '00 ' : ''}${data.label ?? ''}`;
    case 'broadcast':
      return '⇶';
    default:
      return null;
  }
}

/** A handle's attachment point on React Flow's node (see attachPoint). */
function handlePoint(state: ReactFlowState, id: string, side: 'source' | 'target'): Point | null {
  const node = state.nodeLookup.get(id);
  if (!node) return null;
  return attachPoint(
    node.internals.positionAbsolute,
    measuredSize(node),
    node.internals.handleBounds,
    side,
  );
}

interface Layout {
  readonly edges: ReactFlowState['edges'];
  /** React Flow's internal nodes: it replaces one when it moves or is measured again. */
  readonly nodes: readonly unknown[];
  readonly zoom: number;
  readonly spots: Map<string, Point>;
}
let cached: Layout | null = null;

const sameNodes = (before: readonly unknown[], lookup: ReactFlowState['nodeLookup']) => {
  if (before.length !== lookup.size) return false;
  let i = 0;
  for (const node of lookup.values()) if (node !== before[i++]) return false;
  return true;
};

/**
 * Every label's centre, in the edges' order, shared by all edges (each edge's selector asks for
 * its own spot). Laid out again only when the connections, a container or the labels' size change:
 * not on a pan, nor while zoomed in past 1 or out past the tiles' threshold, where the labels'
 * size on the canvas does not depend on the zoom (textZoom.ts).
 */
export function labelSpots(state: ReactFlowState): Map<string, Point> {
  const zoom = textZoom(state.transform[2]);
  if (
    cached &&
    cached.edges === state.edges &&
    cached.zoom === zoom &&
    sameNodes(cached.nodes, state.nodeLookup)
  )
    return cached.spots;
  const requests: LabelRequest[] = [];
  for (const edge of state.edges) {
    const text = edgeLabelText(edge.data as FlowEdgeData | undefined);
    if (text === null) continue;
    const source = handlePoint(state, edge.source, 'source');
    const target = handlePoint(state, edge.target, 'target');
    if (!source || !target) continue;
    // Labels keep a legible size on screen when zoomed out (see .edge-label-holder).
    requests.push({ id: edge.id, source, target, size: estimateLabelSize(text, zoom) });
  }
  const containers: Rect[] = [];
  for (const node of state.nodeLookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    containers.push({ x, y, ...measuredSize(node) });
  }
  const spots = placeLabels(requests, containers);
  cached = { edges: state.edges, nodes: [...state.nodeLookup.values()], zoom, spots };
  return spots;
}
