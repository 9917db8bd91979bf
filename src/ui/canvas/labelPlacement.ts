/**
 * Where an edge's label goes: on its curve, at the point nearest the middle whose label box
 * covers no container and no label placed before it. React Flow's default, the exact middle,
 * often falls under a node when a connection passes behind one ("signal.strength > 0.8" hidden
 * under a strategy), and two routes leaving one container put their labels on top of each other.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** React Flow's bezier for a connection from a right handle to a left handle (curvature 0.25). */
export function bezierControls(source: Point, target: Point): [Point, Point] {
  const offset = (distance: number) =>
    distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
  return [
    { x: source.x + offset(target.x - source.x), y: source.y },
    { x: target.x - offset(target.x - source.x), y: target.y },
  ];
}

export function bezierPoint(source: Point, target: Point, t: number): Point {
  const [c1, c2] = bezierControls(source, target);
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * source.x + b * c1.x + c * c2.x + d * target.x,
    y: a * source.y + b * c1.y + c * c2.y + d * target.y,
  };
}

/** The middle first, then outwards, never too near either end. */
const STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
const MARGIN = 6;

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The centre for a label of `size` on the curve, clear of `obstacles` if it can be. */
export function placeLabel(
  source: Point,
  target: Point,
  size: { readonly width: number; readonly height: number },
  obstacles: readonly Rect[],
): Point {
  let best: Point = bezierPoint(source, target, 0.5);
  let bestOverlap = Number.POSITIVE_INFINITY;
  // On the curve first; then just above or below it (a short connection between close
  // containers has no clear spot on its curve).
  const shifts = [0, -(size.height + MARGIN), size.height + MARGIN];
  const candidates = shifts.flatMap((dy) =>
    STOPS.map((t) => {
      const point = bezierPoint(source, target, t);
      return { x: point.x, y: point.y + dy };
    }),
  );
  for (const centre of candidates) {
    const box = {
      x: centre.x - size.width / 2 - MARGIN,
      y: centre.y - size.height / 2 - MARGIN,
      width: size.width + 2 * MARGIN,
      height: size.height + 2 * MARGIN,
    };
    let covered = 0;
    for (const obstacle of obstacles) covered += overlap(box, obstacle);
    if (covered === 0) return centre;
    if (covered < bestOverlap) {
      best = centre;
      bestOverlap = covered;
    }
  }
  return best;
}

export interface LabelRequest {
  readonly id: string;
  readonly source: Point;
  readonly target: Point;
  readonly size: { readonly width: number; readonly height: number };
}

/**
 * Places labels one after another, in the order given: each keeps clear of the containers near
 * its connection and of the labels already placed (the first ones keep their middles).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  containers: readonly Rect[],
): Map<string, Point> {
  const spots = new Map<string, Point>();
  const placed: Rect[] = [];
  for (const { id, source, target, size } of requests) {
    const left = Math.min(source.x, target.x) - size.width;
    const right = Math.max(source.x, target.x) + size.width;
    const top = Math.min(source.y, target.y) - 60 - size.height;
    const bottom = Math.max(source.y, target.y) + 60 + size.height;
    const near = (box: Rect) =>
      box.x <= right && box.x + box.width >= left && box.y <= bottom && box.y + box.height >= top;
    const obstacles = [...containers.filter(near), ...placed.filter(near)];
    const spot = placeLabel(source, target, size, obstacles);
    spots.set(id, spot);
    placed.push({
      x: spot.x - size.width / 2,
      y: spot.y - size.height / 2,
      width: size.width,
      height: size.height,
    });
  }
  return spots;
}

/**
 * A label's size in flow units before it is drawn: monospace-ish text at 11 px, plus its padding,
 * grown as the canvas zooms out below 1 (labels keep 11 px on screen).
 */
export function estimateLabelSize(text: string, zoom = 1): { width: number; height: number } {
  const scale = Math.max(1, 1 / zoom);
  return { width: (26 + text.length * 6.7) * scale, height: 20 * scale };
}
