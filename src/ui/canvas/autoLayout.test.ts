import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../flow';
import { autoLayout, fitZoom, NODE_HEIGHT, NODE_WIDTH } from './autoLayout';

function chain(count: number) {
  const names = Array.from({ length: count }, (_, i) => (i === 0 ? 'data' : `sma${i}`));
  const text = [
    'name: Chain',
    'containers:',
    ...names.map((name, i) =>
      i === 0
        ? `  ${name}: { component: sample_bars }`
        : `  ${name}: { component: sma, params: { period: ${i + 1} } }`,
    ),
    'event_flow:',
    '  - type: pipeline',
    `    containers: [${names.join(', ')}]`,
  ].join('\n');
  const model = parseFlow(text).model!;
  expect(model).not.toBeNull();
  return model;
}

function bounds(positions: Record<string, { x: number; y: number }>) {
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  return {
    width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH,
    height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT,
  };
}

describe('auto-layout', () => {
  it('wraps a long chain into rows on a wide canvas, so that it fits at a readable zoom', async () => {
    const canvas = { width: 640, height: 560 };
    const positions = await autoLayout(chain(12), canvas);
    const box = bounds(positions);
    // One row of 12 would fit at about 0.2; the wrapped flow fits at more than twice that.
    expect(fitZoom(box, canvas)).toBeGreaterThan(0.45);
    expect(new Set(Object.values(positions).map((p) => p.y)).size).toBeGreaterThan(1);
  });

  it('keeps a short chain in one row', async () => {
    const positions = await autoLayout(chain(3), { width: 1000, height: 600 });
    expect(new Set(Object.values(positions).map((p) => p.y)).size).toBe(1);
  });

  it('never overlaps two containers', async () => {
    const positions = Object.values(await autoLayout(chain(20), { width: 700, height: 600 }));
    for (const [i, a] of positions.entries())
      for (const b of positions.slice(i + 1))
        expect(
          Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT,
          `${JSON.stringify(a)} ${JSON.stringify(b)}`,
        ).toBe(true);
  });
});
