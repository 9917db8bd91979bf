/**
 * The text each connection shows on the canvas and where all of them go, laid out together so
 * that no label lands on a container or on another label.
 */
import type { ReactFlowState } from '@xyflow/react';
import type { FlowEdgeData } from './elements';
import {
  estimateLabelSize,
  type LabelRequest,
  type Point,
  placeLabels,
  type Rect,
} from './labelPlacement';

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

type Handles = NonNullable<
  ReturnType<ReactFlowState['nodeLookup']['get']>
>['internals']['handleBounds'];

/** A handle's attachment point: the right edge of an output, the left edge of an input. */
function handlePoint(state: ReactFlowState, id: string, side: 'source' | 'target'): Point | null {
  const node = state.nodeLookup.get(id);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? 190;
  const height = node.measured.height ?? 90;
  const handle = (node.internals.handleBounds as Handles)?.[side]?.[0];
  if (!handle) return { x: side === 'source' ? x + width : x, y: y + height / 2 };
  return {
    x: x + handle.x + (side === 'source' ? handle.width : 0),
    y: y + handle.y + handle.height / 2,
  };
}

let cached: { state: ReactFlowState; spots: Map<string, Point> } | null = null;

/**
 * Every label's centre, in the edges' order. Computed once per change of React Flow's store and
 * shared by all edges (each edge's selector asks for its own spot).
 */
export function labelSpots(state: ReactFlowState): Map<string, Point> {
  if (cached?.state === state) return cached.spots;
  const zoom = state.transform[2];
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
    containers.push({
      x,
      y,
      width: node.measured.width ?? 190,
      height: node.measured.height ?? 90,
    });
  }
  const spots = placeLabels(requests, containers);
  cached = { state, spots };
  return spots;
}
