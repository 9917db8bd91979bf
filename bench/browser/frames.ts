/**
 * Frame and long-task measurement inside the page: a requestAnimationFrame loop records the time
 * between frames, and a PerformanceObserver records long tasks, while the benchmark drives the page.
 */
import type { Page } from '@playwright/test';

export interface FrameStats {
  readonly frames: number;
  readonly fps: number;
  readonly meanMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Frames that took longer than 50 ms: the ones a user feels as a stutter. */
  readonly over50: number;
}

export interface LongTasks {
  readonly count: number;
  readonly longestMs: number;
  /** Each long task: when it started (ms after startLongTasks) and how long it took. */
  readonly tasks: readonly { readonly at: number; readonly ms: number }[];
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const loop = (now: number) => {
      if (!w.__framesOn) return;
      w.__frames.push(now - last);
      last = now;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(loop);
    });
  });
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
  const sorted = [...deltas].sort((a, b) => a - b);
  const total = deltas.reduce((sum, d) => sum + d, 0);
  return {
    frames: deltas.length,
    fps: deltas.length / (total / 1000),
    meanMs: total / deltas.length,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
    over50: deltas.filter((d) => d > 50).length,
  };
}

export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __long: { at: number; ms: number }[];
      __longObserver?: PerformanceObserver;
    };
    const origin = performance.now();
    w.__long = [];
    w.__longObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__long.push({ at: entry.startTime - origin, ms: entry.duration });
    });
    w.__longObserver.observe({ type: 'longtask' });
  });
}

export async function stopLongTasks(page: Page): Promise<LongTasks> {
  const tasks = await page.evaluate(() => {
    const w = window as unknown as {
      __long: { at: number; ms: number }[];
      __longObserver?: PerformanceObserver;
    };
    w.__longObserver?.disconnect();
    return w.__long;
  });
  return {
    count: tasks.length,
    longestMs: tasks.length ? Math.max(...tasks.map((task) => task.ms)) : 0,
    tasks,
  };
}

/** Pans the canvas by dragging its empty background back and forth. */
export async function pan(page: Page, times: number): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  const x = box.x + 20;
  const y = box.y + box.height - 20;
  for (let i = 0; i < times; i++) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 200, y - 120, { steps: 15 });
    await page.mouse.move(x, y, { steps: 15 });
    await page.mouse.up();
  }
}

/** Zooms in and out with the wheel over the canvas. */
export async function zoom(page: Page, times: number): Promise<void> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < times; i++) {
    for (let j = 0; j < 5; j++) await page.mouse.wheel(0, -120);
    for (let j = 0; j < 5; j++) await page.mouse.wheel(0, 120);
  }
}

export const row = (label: string, s: FrameStats) =>
  `| ${label} | ${s.frames} | ${s.fps.toFixed(1)} | ${s.meanMs.toFixed(1)} | ${s.p95Ms.toFixed(1)} | ${s.maxMs.toFixed(1)} | ${s.over50} |`;

export const HEADER =
  '| | frames | fps | mean frame (ms) | p95 frame (ms) | worst frame (ms) | frames > 50 ms |\n| --- | --- | --- | --- | --- | --- | --- |';
