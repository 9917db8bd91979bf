import { describe, expect, it } from 'vitest';
import { chartPaintDue, noteRunDraw, runDrawWait } from './drawTurns';

describe('turns of the charts and the run views on the frames of a fast run', () => {
  it('a chart that drew makes the other wait 100 ms', () => {
    noteRunDraw(1_000);
    expect(runDrawWait(1_000)).toBe(100);
    expect(runDrawWait(1_060)).toBe(40);
    expect(runDrawWait(1_100)).toBe(0);
    expect(runDrawWait(5_000)).toBe(0);
  });

  it("the run views' commit waits while a chart's paint may be due, then goes", () => {
    noteRunDraw(2_000);
    expect(chartPaintDue(2_000)).toBe(true);
    expect(chartPaintDue(2_016)).toBe(true);
    expect(chartPaintDue(2_039)).toBe(true);
    expect(chartPaintDue(2_040)).toBe(false);
    expect(chartPaintDue(3_000)).toBe(false);
  });
});
