/**
 * Where a connection runs: from its source's output handle to its target's input handle. Shared
 * by each connection React Flow draws (FlowEdge) and by the one picture of all of them drawn when
 * the flow is zoomed out to tiles (EdgeOverview), so both look the same.
 */
import { getBezierPath, getSmoothStepPath, type InternalNode, Position } from '@xyflow/react';
import type { CanvasNode, FlowEdgeType } from './elements';

export interface Point {
  readonly x: number;
  readonly y: number;
}

type HandleBounds = InternalNode['internals']['handleBounds'];

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A container's size as React Flow measured it, or a container's usual size until it has. */
export const measuredSize = (node: {
  readonly measured?: { readonly width?: number; readonly height?: number };
}): Size => ({ width: node.measured?.width ?? 190, height: node.measured?.height ?? 90 });

/**
 * A handle's attachment point: the right edge of an output, the left edge of an input (the
 * middle of the container's side until React Flow has measured its handles).
 */
export function attachPoint(
  at: Point,
  size: Size,
  handles: HandleBounds | undefined,
  side: 'source' | 'target',
): Point {
  const handle = handles?.[side]?.[0];
  if (!handle)
    return { x: side === 'source' ? at.x + size.width : at.x, y: at.y + size.height / 2 };
  return {
    x: at.x + handle.x + (side === 'source' ? handle.width : 0),
    y: at.y + handle.y + handle.height / 2,
  };
}

export interface EdgeGeometry {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
  readonly sourcePosition: Position;
  readonly targetPosition: Position;
}

/**
 * The path of a connection. One that runs backwards (into a container left of its source: a
 * layout's wrapped row, a portfolio's feedback) steps round the containers instead of cutting
 * across them: out to the right, along the gap under its source's row, and in from the left.
 */
export function edgePath(geometry: EdgeGeometry, sourceHeight: number): string {
  if (geometry.targetX >= geometry.sourceX + 24) return getBezierPath(geometry)[0];
  const [path] = getSmoothStepPath({
    ...geometry,
    borderRadius: 10,
    offset: 18,
    // Handles sit at a container's middle: half its height down is its bottom edge.
    centerY: geometry.sourceY + sourceHeight / 2 + 22,
  });
  return path;
}

/** Output on the right, input on the left: the sides every container's handles are on. */
export const SIDES = { sourcePosition: Position.Right, targetPosition: Position.Left } as const;

/** A connection as drawn in the overview, with what it was drawn from. */
export interface Drawn {
  readonly edge: FlowEdgeType;
  readonly source: CanvasNode;
  readonly target: CanvasNode;
  readonly from: HandleBounds | undefined;
  readonly to: HandleBounds | undefined;
  readonly d: string;
}

function pathBetween(
  source: CanvasNode,
  target: CanvasNode,
  from: HandleBounds | undefined,
  to: HandleBounds | undefined,
): string {
  const start = attachPoint(source.position, measuredSize(source), from, 'source');
  const end = attachPoint(target.position, measuredSize(target), to, 'target');
  const geometry = { sourceX: start.x, sourceY: start.y, targetX: end.x, targetY: end.y, ...SIDES };
  return edgePath(geometry, measuredSize(source).height);
}

/**
 * The path of each connection, from the nodes the canvas holds (a drag's latest step) and the
 * handle offsets React Flow measured. A drag moves one container a step at a time and keeps every
 * other node object as it was: a connection drawn `before` from the very same connection, nodes
 * and handles is given back as it was (so it is not rendered again); only the moved container's
 * connections get a new path.
 */
export function drawConnections(
  nodes: readonly CanvasNode[],
  edges: readonly FlowEdgeType[],
  lookup: ReadonlyMap<string, { readonly internals: { readonly handleBounds?: HandleBounds } }>,
  before: ReadonlyMap<string, Drawn>,
): Map<string, Drawn> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const drawn = new Map<string, Drawn>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const from = lookup.get(source.id)?.internals.handleBounds;
    const to = lookup.get(target.id)?.internals.handleBounds;
    const kept = before.get(edge.id);
    const same =
      kept?.edge === edge &&
      kept.source === source &&
      kept.target === target &&
      kept.from === from &&
      kept.to === to;
    drawn.set(
      edge.id,
      same ? kept : { edge, source, target, from, to, d: pathBetween(source, target, from, to) },
    );
  }
  return drawn;
}
