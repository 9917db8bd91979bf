/**
 * The user's flows, kept in the browser (localStorage): several named flows and which one is open.
 * Every change is saved as it happens; a save that the browser refuses (the storage is full) is
 * reported, never swallowed.
 */
export interface StoredFlow {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  readonly updated: number;
}

export interface Library {
  readonly flows: readonly StoredFlow[];
  readonly currentId: string | null;
}

export const STORAGE_KEY = 'flow-studio:v1:library';

export function loadLibrary(storage: Pick<Storage, 'getItem'>): Library {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return { flows: [], currentId: null };
    const value = JSON.parse(raw) as Partial<Library>;
    const flows = Array.isArray(value.flows)
      ? value.flows.filter(
          (flow): flow is StoredFlow =>
            typeof flow === 'object' &&
            flow !== null &&
            typeof flow.id === 'string' &&
            typeof flow.text === 'string',
        )
      : [];
    const currentId =
      typeof value.currentId === 'string' && flows.some((f) => f.id === value.currentId)
        ? value.currentId
        : (flows[0]?.id ?? null);
    return { flows, currentId };
  } catch {
    return { flows: [], currentId: null };
  }
}

/** Saves; returns an error message when the browser refuses. */
export function saveLibrary(storage: Pick<Storage, 'setItem'>, library: Library): string | null {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(library));
    return null;
  } catch (error) {
    return `Could not save your flows in this browser (${error instanceof Error ? error.message : String(error)}). Download them to keep a copy.`;
  }
}

export function newId(now = Date.now()): string {
  return `flow-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function upsert(library: Library, flow: StoredFlow): Library {
  const exists = library.flows.some((f) => f.id === flow.id);
  return {
    ...library,
    flows: exists
      ? library.flows.map((f) => (f.id === flow.id ? flow : f))
      : [...library.flows, flow],
  };
}

export function remove(library: Library, id: string): Library {
  const flows = library.flows.filter((f) => f.id !== id);
  return {
    flows,
    currentId: library.currentId === id ? (flows[0]?.id ?? null) : library.currentId,
  };
}
