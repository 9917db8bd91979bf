/**
 * What a run shows on the canvas: each container's counters, which connections carried events
 * lately, and the path of a traced fill. Nodes and edges read only their own entry.
 */
import { create } from 'zustand';

export interface ContainerStatus {
  readonly in: number;
  readonly out: number;
  readonly errors: number;
  readonly queued: number;
  readonly deadLettered: number;
  readonly halted: boolean;
}

interface StatusState {
  containers: Readonly<Record<string, ContainerStatus>>;
  /** Per "source->target": the time (ms) the connection last carried events. */
  activity: Readonly<Record<string, number>>;
  /** Containers and connections on the traced path. */
  traced: { readonly containers: ReadonlySet<string>; readonly links: ReadonlySet<string> } | null;
  update(containers: Record<string, ContainerStatus>, active: readonly string[], now: number): void;
  trace(containers: readonly string[], links: readonly string[]): void;
  clear(): void;
}

export const useStatus = create<StatusState>()((set) => ({
  containers: {},
  activity: {},
  traced: null,
  update: (containers, active, now) =>
    set((state) => {
      if (active.length === 0) return { containers };
      const activity = { ...state.activity };
      for (const link of active) activity[link] = now;
      return { containers, activity };
    }),
  trace: (containers, links) =>
    set({ traced: { containers: new Set(containers), links: new Set(links) } }),
  clear: () => set({ containers: {}, activity: {}, traced: null }),
}));

export const useContainerStatus = (name: string) => useStatus((state) => state.containers[name]);
export const linkKey = (source: string, target: string) => `${source}->${target}`;
