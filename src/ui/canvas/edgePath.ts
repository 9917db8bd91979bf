/**
 * Where a connection runs: from its source's output handle to its target's input handle. Shared
 * by each connection React Flow draws (FlowEdge) and by the one picture of all of them drawn when
 * the flow is zoomed out to tiles (EdgeOverview), so both look the same.
 */
import { getBezierPath, getSmoothStepPath, type InternalNode, Position } from '@xyflow/react';

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
