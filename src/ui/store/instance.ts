/** The designer's store for this page: the user's flows in localStorage, the sample flow first. */
import sample from '../../../examples/pipeline.yaml?raw';
import { createFlowStore } from './flowStore';
import { type WorkerLike, WorkerReader } from './reader';

/** Reads large flow texts off the page's thread (the worker starts with the first large text). */
export const reader = new WorkerReader(
  () =>
    new Worker(new URL('../../worker/reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'flow-reader',
    }) as unknown as WorkerLike,
);

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const useFlow = createFlowStore({ storage: storage(), initialText: () => sample });
