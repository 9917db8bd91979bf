/**
 * The sweep on the page: it has a worker plan the designer's grid flow into cell jobs, runs them
 * on a pool of Web Workers, and gathers rows as they stream in. Rows are buffered and published to React once
 * per animation frame, so a fast sweep costs the page a few renders a second, never a long task.
 * Walk-forward runs the same jobs window by window on the same workers.
 */
import { create } from 'zustand';
import type { GridAxis } from '../../flow';
import type { MetricKey } from '../../sweep/aggregate';
import type { CellResult, DataRef } from '../../sweep/job';
import { runPool, type SweepProgress } from '../../sweep/pool';
import { type WalkForwardReport, walkForward, walkForwardWindows } from '../../sweep/walkforward';
import { uploadedCsv, useRun } from '../run/runStore';
import { useFlow } from '../store/instance';
import { type BrowserWorkers, defaultWorkerCount, startWorkers } from './browserPool';
import { recordId, type SweepRecord, useHistory } from './history';

export type SweepStatus = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';

interface SweepState {
  status: SweepStatus;
  kind: 'sweep' | 'walk-forward';
  /** The flow text the sweep ran (cells open from it), and its name. */
  flow: string;
  name: string;
  data: DataRef;
  axes: readonly GridAxis[];
  rows: readonly CellResult[];
  total: number;
  progress: SweepProgress | null;
  problems: readonly string[];
  workers: number;
  metric: MetricKey;
  walk: WalkForwardReport | null;
  walkProgress: { readonly window: number; readonly windows: number } | null;
  startedAt: number;

  start(): void;
  startWalkForward(): void;
  cancel(): void;
  setWorkers(count: number): void;
  /** Shows a sweep kept in the history. */
  restore(record: SweepRecord): void;
  setMetric(metric: MetricKey): void;
}

const WORKERS_KEY = 'flow-studio.sweep.workers';

function savedWorkers(): number {
  try {
    const saved = Number(localStorage.getItem(WORKERS_KEY));
    return Number.isInteger(saved) && saved >= 1 && saved <= 64 ? saved : defaultWorkerCount();
  } catch {
    return defaultWorkerCount();
  }
}

let active: { workers: BrowserWorkers; controller: AbortController } | null = null;
let buffer: CellResult[] = [];
let pendingProgress: SweepProgress | null = null;
let frame = 0;

/**
 * Rows and progress reach React at most every PUBLISH_MS, on an animation frame: each publish
 * redraws the heatmap and the table, so fewer of them keep the page's tasks short.
 */
const PUBLISH_MS = 300;
let lastPublish = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
function publish() {
  if (frame || timer) return;
  const wait = Math.max(0, lastPublish + PUBLISH_MS - performance.now());
  timer = setTimeout(() => {
    timer = null;
    frame = requestAnimationFrame(() => {
      frame = 0;
      lastPublish = performance.now();
      const rows = buffer;
      buffer = [];
      useSweep.setState((state) => ({
        rows: rows.length > 0 ? [...state.rows, ...rows] : state.rows,
        progress: pendingProgress ?? state.progress,
      }));
    });
  }, wait);
}

function dataRef(): { ref: DataRef; upload: { hash: string; file: Blob } | null } {
  const file = uploadedCsv();
  if (!file) return { ref: { kind: 'flow' }, upload: null };
  const hash = `${file.name}:${file.size}:${file.lastModified}`;
  return { ref: { kind: 'csv', name: file.name, hash }, upload: { hash, file } };
}

/**
 * Starts the workers and has the first of them plan the designer's flow (off the page's main
 * thread), or says why it cannot be swept. Null when it cannot, or when the sweep was cancelled
 * or replaced while it was being planned.
 */
async function prepare(kind: 'sweep' | 'walk-forward') {
  const text = useFlow.getState().text;
  const { ref, upload } = dataRef();
  active?.workers.terminate();
  const workers = startWorkers(useSweep.getState().workers, upload);
  const controller = new AbortController();
  active = { workers, controller };
  buffer = [];
  pendingProgress = null;
  useSweep.setState({
    status: 'running',
    kind,
    flow: text,
    name: useFlow.getState().model?.name ?? '',
    data: ref,
    axes: [],
    rows: [],
    total: 0,
    progress: null,
    problems: [],
    walk: null,
    walkProgress: null,
    startedAt: performance.now(),
  });
  const outlined = await workers.plan(text, ref);
  if (active?.controller !== controller) return null;
  const problems = !outlined.ok
    ? outlined.problems
    : outlined.plan.axes.length === 0
      ? [
          'This flow has no grid yet: give a parameter several values (the Sweep button beside it in the inspector, or a list or range in the YAML).',
        ]
      : [];
  if (!outlined.ok || problems.length > 0) {
    useSweep.setState({ problems });
    finish('failed');
    return null;
  }
  const plan = outlined.plan;
  useSweep.setState({
    name: plan.name,
    axes: plan.axes,
    total: plan.jobs.length,
    metric: (plan.sweep.metric as MetricKey) ?? useSweep.getState().metric,
  });
  return { plan, workers, controller };
}

function finish(status: SweepStatus) {
  active?.workers.terminate();
  active = null;
  cancelAnimationFrame(frame);
  frame = 0;
  if (timer) clearTimeout(timer);
  timer = null;
  useSweep.setState((state) => ({
    status,
    rows: buffer.length > 0 ? [...state.rows, ...buffer] : state.rows,
    progress: pendingProgress ?? state.progress,
    walkProgress: null,
  }));
  buffer = [];
  const state = useSweep.getState();
  if (state.kind === 'sweep' && state.rows.length > 0 && status !== 'failed')
    void useHistory.getState().add({
      id: recordId('sweep'),
      kind: 'sweep',
      name: `${state.name}${status === 'cancelled' ? ' (cancelled)' : ''}`,
      savedAt: Date.now(),
      flow: state.flow,
      metric: state.metric,
      axes: state.axes,
      rows: state.rows,
    });
}

export const useSweep = create<SweepState>()((set, get) => ({
  status: 'idle',
  kind: 'sweep',
  flow: '',
  name: '',
  data: { kind: 'flow' },
  axes: [],
  rows: [],
  total: 0,
  progress: null,
  problems: [],
  workers: savedWorkers(),
  metric: 'sharpe',
  walk: null,
  walkProgress: null,
  startedAt: 0,

  start: () => {
    void prepare('sweep').then((prepared) => {
      if (!prepared) return;
      const { plan, workers, controller } = prepared;
      return runPool(plan.jobs, workers.workers, {
        now: () => performance.now(),
        signal: controller.signal,
        onResult: (row) => {
          buffer.push(row);
          publish();
        },
        onProgress: (progress) => {
          pendingProgress = progress;
          publish();
        },
      }).then((outcome) => {
        if (active?.controller !== controller) return;
        finish(outcome.cancelled ? 'cancelled' : 'finished');
      });
    });
  },

  startWalkForward: () => {
    void (async () => {
      const prepared = await prepare('walk-forward');
      if (!prepared) return;
      const { plan, workers, controller } = prepared;
      const timeline = await workers.timeline(plan.jobs[0]!.flow, plan.jobs[0]!.data);
      if (typeof timeline === 'string') {
        set({ problems: [timeline] });
        return finish('failed');
      }
      const settings = plan.sweep.walk_forward;
      const windows = walkForwardWindows(timeline, settings);
      if (windows.length === 0) {
        set({
          problems: [
            `${timeline.length} bars are too few for windows of ${settings.in_sample} bars in sample and ${settings.out_of_sample} out of sample: shorten them (sweep.walk_forward).`,
          ],
        });
        return finish('failed');
      }
      const perWindow = plan.jobs.length + 1;
      set({
        total: windows.length * perWindow,
        walkProgress: { window: 0, windows: windows.length },
      });
      let done = 0;
      const report = await walkForward(
        plan.jobs,
        windows,
        get().metric,
        async (jobs) => {
          const outcome = await runPool(jobs, workers.workers, {
            now: () => performance.now(),
            signal: controller.signal,
            onResult: () => {
              done++;
              const elapsedMs = performance.now() - get().startedAt;
              const total = windows.length * perWindow;
              pendingProgress = {
                done,
                total,
                failed: 0,
                elapsedMs,
                etaMs: (elapsedMs / done) * (total - done),
              };
              publish();
            },
          });
          if (outcome.cancelled) throw new Error('cancelled');
          return outcome.results;
        },
        (_, progress) =>
          set({ walkProgress: { window: progress.window + 1, windows: progress.windows } }),
      ).catch(() => null);
      if (active?.controller !== controller) return;
      if (!report) return finish('cancelled');
      set({ walk: report });
      finish('finished');
    })();
  },

  cancel: () => {
    if (!active) return;
    active.controller.abort();
    finish('cancelled');
  },

  setWorkers: (count) => {
    const workers = Math.max(1, Math.min(64, Math.round(count)));
    try {
      localStorage.setItem(WORKERS_KEY, String(workers));
    } catch {
      // The setting lasts for this page only.
    }
    set({ workers });
  },

  setMetric: (metric) => set({ metric }),

  restore: (record) => {
    if (active) return;
    useRun.getState().setTab('sweep');
    set({
      status: 'finished',
      kind: 'sweep',
      flow: record.flow,
      name: record.name,
      axes: record.axes,
      rows: record.rows,
      total: record.rows.length,
      progress: null,
      problems: [],
      walk: null,
      metric: record.metric as MetricKey,
    });
  },
}));
