/**
 * The designer's store for this page: the user's flows in localStorage (the sample flow first),
 * this tab's open flow in sessionStorage, other tabs' changes through the `storage` event, large
 * texts read in the reader worker.
 */
import sample from '../../../examples/pipeline.yaml?raw';
import { type FlowVersion, versionHistory } from '../storage/versionStore';
import { createFlowStore } from './flowStore';
import { idbStore } from './idb';
import { type WorkerLike, WorkerReader } from './reader';

/** Reads large flow texts off the page's thread (the worker starts with the first large text). */
export const reader = new WorkerReader(
  () =>
    new Worker(new URL('../../worker/reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'flow-reader',
    }) as unknown as WorkerLike,
);

/** The browser's storage, or null where it is turned off or blocked (reading it throws). */
function storage(which: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    const found = window[which];
    found.getItem('flow-studio:probe');
    return found;
  } catch {
    return null;
  }
}

/** Each flow's earlier versions, in IndexedDB. */
export const versions = versionHistory(idbStore<FlowVersion>('versions'));

export const useFlow = createFlowStore({
  versions,
  storage: storage('localStorage'),
  tabStorage: storage('sessionStorage'),
  initialText: () => sample,
  reader,
  listen: (onChange) =>
    globalThis.window?.addEventListener('storage', (event) => {
      if (event.storageArea === null || event.storageArea === storage('localStorage'))
        onChange(event.key, event.newValue);
    }),
  later: (task) => setTimeout(task, 0),
});

// A large save waiting for its task is written before the page goes away (there is no page when
// a unit test imports the store).
globalThis.window?.addEventListener('pagehide', () => useFlow.getState().flush());
