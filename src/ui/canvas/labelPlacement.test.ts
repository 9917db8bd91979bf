import { describe, expect, it } from 'vitest';
import { bezierPoint, placeLabel, placeLabels } from './labelPlacement';

describe('edge label placement', () => {
  const source = { x: 0, y: 0 };
  const target = { x: 400, y: 200 };
  const size = { width: 120, height: 20 };

  it('puts the label at the middle of the curve when nothing is there', () => {
    expect(placeLabel(source, target, size, [])).toEqual(bezierPoint(source, target, 0.5));
  });

  it('moves it along the curve, clear of a container in the middle', () => {
    const middle = bezierPoint(source, target, 0.5);
    const node = { x: middle.x - 95, y: middle.y - 45, width: 190, height: 90 };
    const at = placeLabel(source, target, size, [node]);
    const clear =
      at.x + size.width / 2 < node.x ||
      at.x - size.width / 2 > node.x + node.width ||
      at.y + size.height / 2 < node.y ||
      at.y - size.height / 2 > node.y + node.height;
    expect(clear).toBe(true);
  });

  it('ends on the curve, at its ends', () => {
    expect(bezierPoint(source, target, 0)).toEqual(source);
    expect(bezierPoint(source, target, 1)).toEqual(target);
  });

  it('keeps two labels of connections that cross at their middles apart', () => {
    // Two routes from one container to two others, drawn over the same stretch: their middles
    // nearly meet, and long labels there would overlap.
    const size = { width: 220, height: 20 };
    const spots = placeLabels(
      [
        { id: 'a', source: { x: 0, y: 100 }, target: { x: 400, y: 0 }, size },
        { id: 'b', source: { x: 0, y: 100 }, target: { x: 400, y: 20 }, size },
      ],
      [],
    );
    const a = spots.get('a')!;
    const b = spots.get('b')!;
    expect(a).toEqual(bezierPoint({ x: 0, y: 100 }, { x: 400, y: 0 }, 0.5));
    const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height;
    expect(apart).toBe(true);
    // Without the first label as an obstacle the second would sit where it overlaps.
    const alone = placeLabel({ x: 0, y: 100 }, { x: 400, y: 20 }, size, []);
    const overlapsAlone =
      Math.abs(a.x - alone.x) < size.width && Math.abs(a.y - alone.y) < size.height;
    expect(overlapsAlone).toBe(true);
  });
});
