/**
 * What a run shows on the canvas: each container's counters, which connections carried events
 * lately, and the path of a traced fill. Nodes and edges read only their own entry.
 */
import { create } from 'zustand';
import type { BreakerState } from '../../engine';

export interface ContainerStatus {
  readonly in: number;
  readonly out: number;
  readonly errors: number;
  readonly queued: number;
  readonly deadLettered: number;
  readonly halted: boolean;
  readonly breaker: BreakerState;
  /** Retries it made, and events its open breaker refused. */
  readonly retries: number;
  readonly rejected: number;
  /** Why its breaker last changed, when it has. */
  readonly breakerReason: string | null;
}

interface StatusState {
  containers: Readonly<Record<string, ContainerStatus>>;
  /** Per "source->target": the time (ms) the connection last carried events. */
  activity: Readonly<Record<string, number>>;
  /** Containers and connections on the traced path. */
  traced: { readonly containers: ReadonlySet<string>; readonly links: ReadonlySet<string> } | null;
  /** The container that took the event of the last Step event. */
  stepped: string | null;
  /** `pulseEveryMs`: how often an edge may pulse at most (PULSE_EVERY_MS, or FAST_PULSE_EVERY_MS). */
  update(
    containers: Record<string, ContainerStatus>,
    active: readonly string[],
    now: number,
    pulseEveryMs?: number,
  ): void;
  trace(containers: readonly string[], links: readonly string[]): void;
  step(container: string | null): void;
  clear(): void;
}

export const PULSE_EVERY_MS = 400;
/**
 * In a run going as fast as possible every connection carries events all the time, and at one
 * 0.6 s pulse per 400 ms each edge was always animating: a pulse is an SVG path, which the
 * browser repaints and commits every frame (half the compositor commits and style work of a
 * million-bar run in a trace). Every 1.5 s the edges still pulse, and the page rests between.
 */
export const FAST_PULSE_EVERY_MS = 1_500;

export const useStatus = create<StatusState>()((set) => ({
  containers: {},
  activity: {},
  traced: null,
  stepped: null,
  update: (containers, active, now, pulseEveryMs = PULSE_EVERY_MS) =>
    set((state) => {
      if (active.length === 0) return { containers };
      // An edge pulses at most a few times a second, however many events cross it.
      const activity = { ...state.activity };
      let changed = false;
      for (const link of active) {
        if (now - (activity[link] ?? Number.NEGATIVE_INFINITY) < pulseEveryMs) continue;
        activity[link] = now;
        changed = true;
      }
      return changed ? { containers, activity } : { containers };
    }),
  trace: (containers, links) =>
    set({
      traced:
        containers.length === 0 ? null : { containers: new Set(containers), links: new Set(links) },
    }),
  step: (stepped) => set({ stepped }),
  clear: () => set({ containers: {}, activity: {}, traced: null, stepped: null }),
}));

export const useContainerStatus = (name: string) => useStatus((state) => state.containers[name]);
export const useIsTraced = (name: string) =>
  useStatus((state) => state.traced?.containers.has(name) ?? false);
export const linkKey = (source: string, target: string) => `${source}->${target}`;
export const useIsStepped = (name: string) => useStatus((state) => state.stepped === name);
