/**
 * Where a gesture's frame time goes: a Chromium trace of the page's main thread, summed by what
 * the browser was doing (the page's JavaScript, style, layout, paint and layerisation, hit
 * testing), so that a change follows the profile rather than a guess. `BENCH_TRACE=1 npm run
 * bench:canvas` prints one summary per traced gesture.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'v8.execute',
].join(',');

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread time: the CPU the event had, which a loaded machine stretches far less than `dur`. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

export const tracing = () => process.env.BENCH_TRACE === '1';

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
}

/** Self time of each event name on the page's main thread, in ms, over the traced window. */
export async function stopTrace(browser: Browser, file?: string): Promise<string> {
  const buffer = await browser.stopTracing();
  // The whole trace, for Chromium's DevTools (Performance panel: load profile).
  if (file) writeFileSync(file, buffer);
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  // The page's renderer main thread: the busiest thread called CrRendererMain.
  const mains = traceEvents.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  let main: TraceEvent | undefined;
  let most = 0;
  for (const candidate of mains) {
    const count = traceEvents.filter(
      (e) => e.pid === candidate.pid && e.tid === candidate.tid && e.ph === 'X',
    ).length;
    if (count > most) [main, most] = [candidate, count];
  }
  if (!main) return 'no renderer main thread in the trace';
  const events = traceEvents
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  // Nesting from the timestamps: an event's self time is its duration less its children's.
  const stack: { end: number; name: string }[] = [];
  let busy = 0;
  let cpu = 0;
  for (const event of events) {
    while (stack.length && stack.at(-1)!.end <= event.ts) stack.pop();
    const dur = event.dur ?? 0;
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    else {
      busy += dur;
      cpu += event.tdur ?? dur;
    }
    self.set(event.name, (self.get(event.name) ?? 0) + dur);
    stack.push({ end: event.ts + dur, name: event.name });
  }
  const first = events[0]?.ts ?? 0;
  const last = Math.max(...events.map((e) => e.ts + (e.dur ?? 0)));
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
  return [
    `main thread busy ${(busy / 1000).toFixed(0)} of ${((last - first) / 1000).toFixed(0)} ms, CPU ${(cpu / 1000).toFixed(0)} ms`,
    ...top.map(([name, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`),
  ].join('\n');
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

/**
 * The page's JavaScript by self time (a CDP CPU profile), for `BENCH_PROFILE=1`: the top
 * functions with their file and line (build with `vite build --minify false` to read them).
 */
export async function profile(
  page: Page,
  run: () => Promise<void>,
  file?: string,
): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();
  // The whole profile, for Chromium's DevTools (Performance panel: load profile).
  if (file) writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split('/').at(-1) ?? '';
    return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
  };
  // Self time, and total time (each function counted once per sample it is on the stack of).
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    self.set(name(id), (self.get(name(id)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(name(at));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + us);
  });
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  return ['self:', ...top(self, 15), 'total:', ...top(total, 40)].join('\n');
}
