/**
 * The version history itself: each flow's earlier versions in IndexedDB (the shared "versions"
 * store), apart from the flows' own storage so that history never crowds the flows out.
 *
 * What becomes a version: every reason the store notes (opened, before a restore, replaced by
 * another tab) is a version of its own; autosaves while someone edits are folded into one version
 * per minute, as n8n keeps one per save but a designer saves on every key. A text equal to the
 * flow's newest version is not kept twice. Each flow keeps its newest MAX_VERSIONS.
 */
import { create } from 'zustand';
import type { Stored } from '../store/idb';
import type { VersionLog, VersionReason } from './versions';

export interface FlowVersion {
  readonly id: string;
  readonly flowId: string;
  readonly text: string;
  readonly time: number;
  readonly reason: VersionReason;
  /** For autosaves folded into this version: when the first of them was made. */
  readonly since?: number;
}

/** The part of an IndexedDB store the history needs (src/ui/store/idb.ts gives one). */
export interface VersionBackend {
  put(version: FlowVersion): Promise<Stored<void>>;
  all(): Promise<Stored<FlowVersion[]>>;
  delete(id: string): Promise<Stored<void>>;
}

export const MAX_VERSIONS = 50;
/** Autosaves closer together than this are one version. */
export const AUTOSAVE_FOLD_MS = 60_000;

export interface VersionHistory extends VersionLog {
  /** A flow's versions, newest first, or why they cannot be read. */
  list(flowId: string): Promise<Stored<FlowVersion[]>>;
  /** Writes every version noted so far (tests, and before listing). */
  settled(): Promise<void>;
}

/** The last problem the history met (shown in its dialog): nothing about it is silent. */
export const useVersionProblem = create<{ problem: string | null }>()(() => ({ problem: null }));

const newestFirst = (versions: readonly FlowVersion[]) =>
  [...versions].sort((a, b) => b.time - a.time || (b.id < a.id ? -1 : 1));

export function versionHistory(backend: VersionBackend, now = Date.now): VersionHistory {
  /** Each flow's versions, newest first, once read. */
  let byFlow: Map<string, FlowVersion[]> | null = null;
  let counter = 0;
  // Notes are written one after another, in the order they came.
  let queue: Promise<void> = Promise.resolve();

  const fail = (error: string) => useVersionProblem.setState({ problem: error });
  const loaded = async (): Promise<Map<string, FlowVersion[]> | null> => {
    if (byFlow) return byFlow;
    const all = await backend.all();
    if (!all.ok) {
      fail(all.error);
      return null;
    }
    byFlow = new Map();
    for (const version of newestFirst(all.value)) {
      const list = byFlow.get(version.flowId) ?? [];
      list.push(version);
      byFlow.set(version.flowId, list);
    }
    return byFlow;
  };
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work, work);
  };

  const write = async (flowId: string, text: string, reason: VersionReason, time: number) => {
    const flows = await loaded();
    if (!flows) return;
    const list = flows.get(flowId) ?? [];
    const newest = list[0];
    if (newest?.text === text) {
      // An edit that now matters for another reason (a restore replaces it) is kept as it is,
      // no longer folded into the next minute's edits.
      if (reason === 'autosave' || newest.reason !== 'autosave') return;
      const { since: _, ...kept } = newest;
      const relabelled: FlowVersion = { ...kept, reason };
      list[0] = relabelled;
      const saved = await backend.put(relabelled);
      if (!saved.ok) fail(saved.error);
      return;
    }
    const since = newest?.since ?? newest?.time ?? time;
    const fold =
      reason === 'autosave' && newest?.reason === 'autosave' && time - since < AUTOSAVE_FOLD_MS;
    const version: FlowVersion = {
      id: fold && newest ? newest.id : `${flowId}:${time.toString(36)}:${(counter++).toString(36)}`,
      flowId,
      text,
      time,
      reason,
      ...(fold ? { since } : {}),
    };
    const kept = [version, ...(fold ? list.slice(1) : list)];
    const dropped = kept.splice(MAX_VERSIONS);
    flows.set(flowId, kept);
    const saved = await backend.put(version);
    if (!saved.ok) return fail(saved.error);
    for (const old of dropped) await backend.delete(old.id);
  };

  return {
    note: (flowId, text, reason) => {
      if (!text) return;
      const time = now();
      enqueue(() => write(flowId, text, reason, time));
    },
    forget: (flowId) =>
      enqueue(async () => {
        const flows = await loaded();
        const list = flows?.get(flowId) ?? [];
        flows?.delete(flowId);
        for (const version of list) await backend.delete(version.id);
      }),
    list: async (flowId) => {
      await queue;
      const flows = await loaded();
      if (!flows) return { ok: false, error: useVersionProblem.getState().problem ?? '' };
      return { ok: true, value: [...(flows.get(flowId) ?? [])] };
    },
    settled: () => queue,
  };
}

/** How the history names why a version was kept. */
export const REASON_LABELS: Record<VersionReason, string> = {
  opened: 'As opened',
  autosave: 'Edited',
  'before restore': 'Before a restore',
  'replaced by another tab': 'Set aside for another tab’s version',
};
