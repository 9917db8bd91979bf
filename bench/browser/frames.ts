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
  /** Each long animation frame (over 50 ms): what its time went to, by the browser's own account. */
  readonly frames: readonly LongFrame[];
}

/**
 * A long animation frame (the Long Animation Frames API): the tasks of one frame and its rendering,
 * split into scripts (with their entry points), style and layout, and the rest of the rendering.
 * Unlike a profiler it costs the page nothing, so the split holds for unprofiled runs.
 */
export interface LongFrame {
  readonly at: number;
  readonly ms: number;
  /** Time in scripts, and in style and layout those scripts forced. */
  readonly scriptMs: number;
  readonly forcedLayoutMs: number;
  /** From the start of rendering: rAF callbacks and ResizeObservers, then style, layout and paint. */
  readonly renderMs: number;
  /** From the start of the frame's style and layout to its end (its paint included). */
  readonly styleAndLayoutMs: number;
  readonly scripts: readonly string[];
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
    interface LoafEntry {
      readonly startTime: number;
      readonly duration: number;
      readonly renderStart: number;
      readonly styleAndLayoutStart: number;
      readonly scripts: readonly {
        readonly duration: number;
        readonly forcedStyleAndLayoutDuration: number;
        readonly invokerType: string;
        readonly invoker: string;
        readonly sourceFunctionName: string;
        readonly sourceURL: string;
        readonly sourceCharPosition: number;
      }[];
    }
    const w = window as unknown as {
      __long: { at: number; ms: number }[];
      __longObserver?: PerformanceObserver;
      __loaf: LongFrame[];
      __frameObserver?: PerformanceObserver;
    };
    const origin = performance.now();
    w.__long = [];
    w.__loaf = [];
    w.__longObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__long.push({ at: entry.startTime - origin, ms: entry.duration });
    });
    w.__longObserver.observe({ type: 'longtask' });
    w.__frameObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as LoafEntry[]) {
        const end = entry.startTime + entry.duration;
        const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration);
        w.__loaf.push({
          at: entry.startTime - origin,
          ms: entry.duration,
          scriptMs: scripts.reduce((sum, s) => sum + s.duration, 0),
          forcedLayoutMs: scripts.reduce((sum, s) => sum + s.forcedStyleAndLayoutDuration, 0),
          renderMs: entry.renderStart ? end - entry.renderStart : 0,
          styleAndLayoutMs: entry.styleAndLayoutStart ? end - entry.styleAndLayoutStart : 0,
          scripts: scripts
            .slice(0, 4)
            .map(
              (s) =>
                `${s.invokerType} ${s.invoker || '?'} (${s.sourceFunctionName || 'anonymous'} in ${s.sourceURL.replace(/^.*\//, '')}:${s.sourceCharPosition}) ${s.duration.toFixed(0)} ms`,
            ),
        });
      }
    });
    w.__frameObserver.observe({ type: 'long-animation-frame' });
  });
}

export async function stopLongTasks(page: Page): Promise<LongTasks> {
  const { tasks, frames } = await page.evaluate(() => {
    const w = window as unknown as {
      __long: { at: number; ms: number }[];
      __longObserver?: PerformanceObserver;
      __loaf: LongFrame[];
      __frameObserver?: PerformanceObserver;
    };
    w.__longObserver?.disconnect();
    w.__frameObserver?.disconnect();
    return { tasks: w.__long, frames: w.__loaf };
  });
  return {
    count: tasks.length,
    longestMs: tasks.length ? Math.max(...tasks.map((task) => task.ms)) : 0,
    tasks,
    frames,
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

/** One line per long animation frame: when, how long, and where its time went. */
export const frameLines = (frames: readonly LongFrame[]) =>
  frames.map(
    (f) =>
      `  ${(f.at / 1000).toFixed(1)} s: ${f.ms.toFixed(0)} ms; scripts ${f.scriptMs.toFixed(0)} ms (forced layout ${f.forcedLayoutMs.toFixed(0)}), rendering ${f.renderMs.toFixed(0)} ms (style, layout and paint ${f.styleAndLayoutMs.toFixed(0)}): ${f.scripts.join('; ') || 'no script'}`,
  );

export const row = (label: string, s: FrameStats) =>
  `| ${label} | ${s.frames} | ${s.fps.toFixed(1)} | ${s.meanMs.toFixed(1)} | ${s.p95Ms.toFixed(1)} | ${s.maxMs.toFixed(1)} | ${s.over50} |`;

export const HEADER =
  '| | frames | fps | mean frame (ms) | p95 frame (ms) | worst frame (ms) | frames > 50 ms |\n| --- | --- | --- | --- | --- | --- | --- |';
