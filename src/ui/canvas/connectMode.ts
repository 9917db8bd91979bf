/**
 * What a connection drawn on the canvas becomes: part of the event flow (the patterns: pipeline,
 * broadcast, hierarchical, selective), or an explicit route of event_system.routing, whose event
 * types, filters and transformation are then set on it.
 */
import { create } from 'zustand';

export type ConnectMode = 'flow' | 'route';

export const useConnectMode = create<{
  mode: ConnectMode;
  setMode(mode: ConnectMode): void;
}>()((set) => ({
  mode: 'flow',
  setMode: (mode) => set({ mode }),
}));
