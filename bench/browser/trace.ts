/**
 * What each long task of the page is made of, read from a Chrome performance trace: counts alone
 * cannot tell a structured clone from a React commit or a chart paint, and on this shared 2-core
 * machine the counts swing with the load while the composition of the tasks does not.
 *
 * Opt-in (`BENCH_PROFILE=1`, or `tasks` for no JS samples): tracing with the sampling profiler
 * costs the page some speed. Build
 * with `npx vite build --minify false` first to read function names rather than mangled ones.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

/**
 * The timeline (tasks, scripts, layout, paint, GC) and the JS sampler, on one clock. With
 * `BENCH_PROFILE=tasks` the sampler stays off: the page's tasks and their CPU time, and what Blink
 * did in them, without the sampler's own cost (it stretches DOM calls and starts with a 0.5 s task).
 */
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  ...(process.env.BENCH_PROFILE === 'tasks' ? [] : ['disabled-by-default-v8.cpu_profiler']),
  'disabled-by-default-v8.gc',
];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** The thread's CPU time in the event (µs): what it cost, whatever else ran on the cores. */
  readonly tdur?: number;
  readonly id?: string;
  readonly args?: { readonly name?: string; readonly data?: Record<string, unknown> };
}

interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: {
    readonly functionName?: string;
    readonly url?: string;
    readonly lineNumber?: number;
  };
}

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** Stops tracing; the trace is also written to `path` (for DevTools' Performance panel) if given. */
export async function stopTrace(browser: Browser, path?: string): Promise<TraceEvent[]> {
  const buffer = await browser.stopTracing();
  if (path) writeFileSync(path, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as
    | { traceEvents: TraceEvent[] }
    | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** The thread that did the most work among those named `name` (the page's, the engine's). */
function busiestThread(events: readonly TraceEvent[], name: string): { pid: number; tid: number } {
  const named = events.filter((e) => e.name === 'thread_name' && e.args?.name === name);
  let best = { pid: -1, tid: -1 };
  let bestTime = -1;
  for (const thread of named) {
    let time = 0;
    for (const e of events)
      if (e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X') time += e.dur ?? 0;
    if (time > bestTime) {
      bestTime = time;
      best = { pid: thread.pid, tid: thread.tid };
    }
  }
  return best;
}

const isTask = (e: TraceEvent) =>
  e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

/** A timeline event in words: which script function, which DOM event, or what Blink did. */
function label(e: TraceEvent): string {
  const data = e.args?.data ?? {};
  if (e.name === 'FunctionCall') {
    const fn = String(data.functionName ?? '') || 'anonymous';
    const url = String(data.url ?? '').replace(/^.*\//, '');
    return `FunctionCall ${fn} (${url}:${String(data.lineNumber ?? '?')})`;
  }
  if (e.name === 'EventDispatch') return `EventDispatch ${String(data.type ?? '')}`;
  return e.name;
}

/** Self time per label of the events nested in [task.ts, task.ts + dur) on its thread. */
function selfTimes(task: TraceEvent, nested: readonly TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const stack: { end: number; key: string }[] = [{ end: task.ts + task.dur!, key: '(task)' }];
  let at = task.ts;
  const add = (key: string, us: number) => self.set(key, (self.get(key) ?? 0) + us);
  const popUntil = (time: number) => {
    while (stack.length > 1 && stack.at(-1)!.end <= time) {
      const top = stack.pop()!;
      add(top.key, top.end - at);
      at = top.end;
    }
  };
  for (const e of nested) {
    popUntil(e.ts);
    add(stack.at(-1)!.key, e.ts - at);
    at = e.ts;
    stack.push({ end: e.ts + (e.dur ?? 0), key: label(e) });
  }
  popUntil(Number.POSITIVE_INFINITY);
  add('(task)', Math.max(0, task.ts + task.dur! - at));
  return self;
}

/** Every JS sample of the thread: its time and the frames from leaf to root. */
function samplesOf(events: readonly TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const out: { ts: number; stack: ProfileNode[] }[] = [];
  const profiles = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Profile' && e.pid === pid && e.tid === tid && e.id)
      profiles.set(e.id, Number(e.args?.data?.startTime ?? e.ts));
  const time = new Map(profiles);
  const pending: { ts: number; node: number }[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id || !time.has(e.id) || e.pid !== pid) continue;
    const data = e.args?.data as
      | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let t = time.get(e.id)!;
    samples.forEach((node, i) => {
      t += deltas[i] ?? 0;
      pending.push({ ts: t, node });
    });
    time.set(e.id, t);
  }
  for (const { ts, node } of pending) {
    const stack: ProfileNode[] = [];
    for (let n = nodes.get(node); n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined)
      stack.push(n);
    out.push({ ts, stack });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const frameName = (node: ProfileNode) => {
  const { functionName, url = '', lineNumber } = node.callFrame;
  const file = url.replace(/^.*\//, '').replace(/\?.*$/, '');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${(lineNumber ?? 0) + 1}` : ''}`;
};

/** The frame of our own code nearest the leaf (the app's or a library's chunk, not the engine's). */
function nearestScript(stack: readonly ProfileNode[]): string {
  const leaf = stack[0];
  if (!leaf) return '(none)';
  if (!leaf.callFrame.url) {
    const script = stack.find((n) => n.callFrame.url);
    return script ? `${leaf.callFrame.functionName} < ${frameName(script)}` : frameName(leaf);
  }
  return frameName(leaf);
}

const top = (counts: Map<string, number>, n: number, unit: (v: number) => string) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, value]) => `    ${unit(value).padStart(7)}  ${key}`)
    .join('\n');

/**
 * A report of the page's long tasks (over `overMs`): for each, its self time by timeline event and
 * its JS samples by function; then the same summed over all of them, and the engine worker's busy time.
 */
export function attribute(events: readonly TraceEvent[], overMs = 50, listTasks = 12): string {
  const page = busiestThread(events, 'CrRendererMain');
  const thread = events
    .filter((e) => e.pid === page.pid && e.tid === page.tid && (e.ph === 'X' || e.ph === 'P'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Tasks nest (RunTask inside ThreadControllerImpl::RunTask): the outermost is the task.
  const outer: TraceEvent[] = [];
  for (const e of thread)
    if (isTask(e) && !(outer.length && e.ts < outer.at(-1)!.ts + outer.at(-1)!.dur!)) outer.push(e);
  const tasks = outer.filter((e) => e.dur! > overMs * 1000);
  const samples = samplesOf(events, page.pid, page.tid);
  const first = thread.find(isTask)?.ts ?? 0;
  const allSelf = new Map<string, number>();
  const allJs = new Map<string, number>();
  const lines: string[] = [];
  let busy = 0;
  let busyCpu = 0;
  for (const e of outer) {
    busy += e.dur!;
    busyCpu += e.tdur ?? 0;
  }
  // On a loaded machine a task's wall time stretches while the page waits for a core; its CPU
  // time does not. Tasks that need over 50 ms of CPU are long on a quiet machine too.
  const cpuLong = outer.filter((e) => (e.tdur ?? 0) > overMs * 1000);
  tasks.forEach((task, index) => {
    const end = task.ts + task.dur!;
    const nested = thread.filter(
      (e) => e.ph === 'X' && e !== task && !isTask(e) && e.ts >= task.ts && e.ts < end,
    );
    const self = selfTimes(task, nested);
    const js = new Map<string, number>();
    for (const s of samples) {
      if (s.ts < task.ts || s.ts >= end) continue;
      const key = nearestScript(s.stack);
      js.set(key, (js.get(key) ?? 0) + 1);
    }
    for (const [k, v] of self) allSelf.set(k, (allSelf.get(k) ?? 0) + v);
    for (const [k, v] of js) allJs.set(k, (allJs.get(k) ?? 0) + v);
    if (index >= listTasks) return;
    lines.push(
      `  task ${index + 1}: ${(task.dur! / 1000).toFixed(0)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms) at ${((task.ts - first) / 1e6).toFixed(1)} s`,
      top(self, 6, (us) => `${(us / 1000).toFixed(1)}ms`),
      '   samples:',
      top(js, 6, (n) => `${n}`),
    );
  });
  // The whole run: where all the page's time went, long tasks or not.
  const whole = {
    ...outer[0]!,
    ts: outer[0]?.ts ?? 0,
    dur: (outer.at(-1)?.ts ?? 0) - (outer[0]?.ts ?? 0) + (outer.at(-1)?.dur ?? 0),
  };
  const wholeSelf = selfTimes(
    whole,
    thread.filter((e) => e.ph === 'X' && !isTask(e)),
  );
  wholeSelf.delete('(task)');
  const wholeJs = new Map<string, number>();
  for (const s of samples) {
    const key = nearestScript(s.stack);
    if (key !== '(idle)') wholeJs.set(key, (wholeJs.get(key) ?? 0) + 1);
  }
  const worker = busiestThread(events, 'DedicatedWorker thread');
  let workerBusy = 0;
  for (const e of events)
    if (e.pid === worker.pid && e.tid === worker.tid && isTask(e)) workerBusy += e.dur ?? 0;
  return [
    `Trace: ${tasks.length} page tasks over ${overMs} ms; the page busy ${(busy / 1e6).toFixed(1)} s in tasks (${(busyCpu / 1e6).toFixed(1)} s of CPU), the engine worker ${(workerBusy / 1e6).toFixed(1)} s`,
    `The page's tasks by CPU time: ${[8, 16, 25, 35].map((ms) => `${outer.filter((e) => (e.tdur ?? 0) > ms * 1000).length} over ${ms} ms`).join(', ')}; the dearest: ${[
      ...outer,
    ]
      .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
      .slice(0, 6)
      .map(
        (e) =>
          `${((e.ts - first) / 1e6).toFixed(1)} s: ${((e.tdur ?? 0) / 1000).toFixed(0)} ms (wall ${((e.dur ?? 0) / 1000).toFixed(0)})`,
      )
      .join(', ')}`,
    `Tasks with over ${overMs} ms of the page's CPU: ${cpuLong.length}${cpuLong.length ? ` (${cpuLong.map((e) => `${((e.ts - first) / 1e6).toFixed(1)} s: ${((e.tdur ?? 0) / 1000).toFixed(0)} ms`).join(', ')})` : ''}`,
    `The whole run, the page's self time by timeline event:`,
    top(wholeSelf, 15, (us) => `${(us / 1000).toFixed(0)}ms`),
    `The whole run, the page's JS samples by function:`,
    top(wholeJs, 25, (n) => `${n}`),
    `All long tasks, self time by timeline event:`,
    top(allSelf, 15, (us) => `${(us / 1000).toFixed(0)}ms`),
    `All long tasks, JS samples by function (leaf, or the script that called a native leaf):`,
    top(allJs, 25, (n) => `${n}`),
    `The first ${Math.min(listTasks, tasks.length)} long tasks:`,
    ...lines,
  ].join('\n');
}
