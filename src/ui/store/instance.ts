/** The designer's store for this page: the user's flows in localStorage, the sample flow first. */
import sample from '../../../examples/pipeline.yaml?raw';
import { createFlowStore } from './flowStore';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const useFlow = createFlowStore({ storage: storage(), initialText: () => sample });
