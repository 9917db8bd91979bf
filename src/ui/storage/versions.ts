/**
 * Version history per flow, as n8n keeps a workflow's history: earlier versions to look at, restore
 * or open as a new flow. Versions are kept in IndexedDB (large, and apart from the flows' own
 * storage, so history never crowds out the flows). The store notes versions as it goes; what
 * becomes a version is decided here.
 */

export type VersionReason = 'opened' | 'autosave' | 'before restore' | 'replaced by another tab';

export interface VersionLog {
  /** Tells the log a flow's valid text at a moment that may deserve a version. */
  note(flowId: string, text: string, reason: VersionReason): void;
  /** The flow was deleted: its history goes with it. */
  forget(flowId: string): void;
}

/** For stores that keep no history (tests of other things, storage turned off). */
export const NO_VERSIONS: VersionLog = { note: () => {}, forget: () => {} };
