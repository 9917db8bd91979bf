import { describe, expect, it } from 'vitest';
import { textZoom, ZOOMED_FAR, ZOOMED_OUT } from './textZoom';

describe('textZoom', () => {
  it('keeps one text size across a band of zooms, so a small zoom restyles nothing', () => {
    expect(textZoom(0.53)).toBe(textZoom(0.59));
    expect(textZoom(0.62)).toBe(textZoom(0.69));
    expect(textZoom(1.3)).toBe(textZoom(2.5));
    expect(textZoom(0.71)).toBe(textZoom(0.79));
    expect(textZoom(0.2)).toBe(textZoom(0.05));
  });

  it('sizes text for the lowest zoom of its band: never smaller on screen, at most a sixth larger', () => {
    for (let zoom = ZOOMED_FAR; zoom <= 1; zoom += 0.01) {
      expect(textZoom(zoom)).toBeLessThanOrEqual(zoom);
      expect(zoom / textZoom(zoom)).toBeLessThan(1.18);
    }
  });

  it('sizes detailed containers for the exact zoom, where labels fill their width', () => {
    expect(textZoom(0.93)).toBe(0.93);
    expect(textZoom(ZOOMED_OUT)).toBe(ZOOMED_OUT);
  });

  it('changes bands where the level of detail changes', () => {
    expect(textZoom(ZOOMED_OUT)).toBe(ZOOMED_OUT);
    expect(textZoom(ZOOMED_OUT - 0.01)).toBeLessThan(ZOOMED_OUT);
    expect(textZoom(ZOOMED_FAR)).toBe(ZOOMED_FAR);
  });
});
