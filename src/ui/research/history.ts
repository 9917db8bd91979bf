/**
 * Run history: each finished simulator run and each finished sweep is kept in the browser
 * (IndexedDB, the shared "runs" store), the latest MAX_RUNS runs and MAX_SWEEPS sweeps; older
 * ones are dropped as new ones come, and any can be deleted. Runs keep their metrics and their
 * equity curve (thinned as the charts have it) for comparison; sweeps keep their rows.
 */
import { create } from 'zustand';
import type { Metrics } from '../../engine/metrics/metrics';
import type { GridAxis } from '../../flow';
import type { CellResult } from '../../sweep/job';
import { onRunResults } from '../run/runStore';
import { idbStore } from '../store/idb';

export const MAX_RUNS = 30;
export const MAX_SWEEPS = 10;

export interface RunRecord {
  readonly id: string;
  readonly kind: 'run';
  readonly name: string;
  readonly savedAt: number;
  readonly flow: string;
  readonly portfolio: string;
  readonly metrics: Metrics;
  readonly time: readonly number[];
  readonly equity: readonly number[];
}

export interface SweepRecord {
  readonly id: string;
  readonly kind: 'sweep';
  readonly name: string;
  readonly savedAt: number;
  readonly flow: string;
  readonly metric: string;
  readonly axes: readonly GridAxis[];
  readonly rows: readonly CellResult[];
}

export type HistoryRecord = RunRecord | SweepRecord;

const store = idbStore<HistoryRecord>('runs');

interface HistoryState {
  records: readonly HistoryRecord[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  add(record: HistoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

const newest = (records: readonly HistoryRecord[]) =>
  [...records].sort((a, b) => b.savedAt - a.savedAt);

export const useHistory = create<HistoryState>()((set, get) => ({
  records: [],
  loaded: false,
  error: null,
  load: async () => {
    const all = await store.all();
    set(
      all.ok
        ? { records: newest(all.value), loaded: true, error: null }
        : { loaded: true, error: all.error },
    );
  },
  add: async (record) => {
    if (!get().loaded) await get().load();
    const records = newest([record, ...get().records.filter((r) => r.id !== record.id)]);
    const limit = (kind: HistoryRecord['kind'], max: number) =>
      records.filter((r) => r.kind === kind).slice(max);
    const dropped = [...limit('run', MAX_RUNS), ...limit('sweep', MAX_SWEEPS)];
    const kept = records.filter((r) => !dropped.includes(r));
    set({ records: kept });
    const saved = await store.put(record);
    for (const old of dropped) await store.delete(old.id);
    if (!saved.ok) set({ error: saved.error });
  },
  remove: async (id) => {
    set({ records: get().records.filter((r) => r.id !== id) });
    const done = await store.delete(id);
    if (!done.ok) set({ error: done.error });
  },
  clear: async () => {
    set({ records: [] });
    const done = await store.clear();
    if (!done.ok) set({ error: done.error });
  },
}));

let counter = 0;
export const recordId = (kind: string, now = Date.now()) =>
  `${kind}-${now.toString(36)}-${(counter++).toString(36)}`;

/** Finished simulator runs go into the history as they come. */
export function keepRunHistory(): () => void {
  return onRunResults((portfolios, flow, cell) => {
    const first = portfolios[0];
    if (!first) return;
    const name =
      cell ?? /^name:\s*(.+?)\s*$/m.exec(flow)?.[1]?.replace(/^["']|["']$/g, '') ?? 'Run';
    void useHistory.getState().add({
      id: recordId('run'),
      kind: 'run',
      name,
      savedAt: Date.now(),
      flow,
      portfolio: first.name,
      metrics: first.metrics,
      time: [...first.time],
      equity: [...first.equity],
    });
  });
}
