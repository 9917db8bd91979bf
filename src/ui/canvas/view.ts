/**
 * The canvas's viewport for code outside the canvas (commands, the run views): fit the flow,
 * zoom, find a free spot. The Canvas hands over its React Flow instance when it mounts.
 */
import type { FitViewOptions, ReactFlowInstance } from '@xyflow/react';
import { create } from 'zustand';
import type { Position } from '../../flow';
import type { CanvasNode, FlowEdgeType } from './elements';

/**
 * Fitting never magnifies past 1 (a new flow's first container is shown at its size, not blown
 * up to fill the canvas) and never shrinks below what stays legible when it can be avoided.
 */
export const FIT_OPTIONS: FitViewOptions = { padding: 0.12, maxZoom: 1, minZoom: 0.1 };

type Instance = ReactFlowInstance<CanvasNode, FlowEdgeType>;

let instance: Instance | null = null;
let element: HTMLElement | null = null;

export function attachCanvas(flow: Instance | null, host: HTMLElement | null): void {
  instance = flow;
  element = host;
}

/** The canvas's size on screen (a typical one before it is shown). */
export function canvasSize(): { width: number; height: number } {
  const box = element?.getBoundingClientRect();
  return box && box.width > 0
    ? { width: box.width, height: box.height }
    : { width: 1200, height: 700 };
}

/**
 * Fits the flow, then once more when the containers have taken their size at the new zoom:
 * zoomed in past the semantic-zoom threshold they show their parameters and grow, and a fit
 * measured on their compact size left the bottom rows off screen (twenty containers at 1600x1000).
 */
export function fitCanvas(duration = 250): void {
  const flow = instance;
  if (!flow) return;
  void flow.fitView({ ...FIT_OPTIONS, duration }).then(() =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (instance === flow) void flow.fitView({ ...FIT_OPTIONS, duration: 120 });
      }),
    ),
  );
}

export function zoomCanvas(direction: 1 | -1): void {
  if (direction > 0) void instance?.zoomIn({ duration: 150 });
  else void instance?.zoomOut({ duration: 150 });
}

/** A spot near the middle of the visible canvas that no container covers. */
export function freeSpot(): Position {
  if (!instance) return { x: 0, y: 0 };
  const nodes = instance.getNodes();
  const box = element?.getBoundingClientRect();
  const centre = box
    ? instance.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
    : { x: 0, y: 0 };
  let spot = { x: centre.x - 90, y: centre.y - 40 };
  while (
    nodes.some(
      (node) => Math.abs(node.position.x - spot.x) < 150 && Math.abs(node.position.y - spot.y) < 80,
    )
  ) {
    spot = { x: spot.x + 30, y: spot.y + 90 };
  }
  return spot;
}

/** The canvas's own view choices. The minimap shows by default only on a wide canvas. */
export const useCanvasView = create<{
  minimap: boolean | null;
  toggleMinimap(shownNow: boolean): void;
}>()((set) => ({
  minimap: null,
  toggleMinimap: (shownNow) => set({ minimap: !shownNow }),
}));

/** Below this width the minimap would cover containers; it shows only when asked for. */
export const MINIMAP_MIN_WIDTH = 900;

export function minimapShown(): boolean {
  const choice = useCanvasView.getState().minimap;
  return choice ?? canvasSize().width >= MINIMAP_MIN_WIDTH;
}
