/**
 * The page's one IndexedDB database ("flow-studio"), shared by every feature that keeps more than
 * localStorage holds: run history and sweeps (src/ui/research), uploaded CSVs, flows' versions. Each feature gets
 * a named store; the list of stores is here, in one place, so the version that creates them is
 * one number. Storage that is not there (a private window, a browser that refuses) gives errors
 * as values, never a broken page: callers show what they can.
 */
import { type IDBPDatabase, openDB } from 'idb';

export const DATABASE = 'flow-studio';
/** Every store of the database, by name. A new store: add it here and raise VERSION. */
export const STORES = ['runs', 'files', 'versions'] as const;
export type StoreName = (typeof STORES)[number];
const VERSION = 2;

let opening: Promise<IDBPDatabase> | null = null;

function database(): Promise<IDBPDatabase> {
  opening ??= openDB(DATABASE, VERSION, {
    upgrade(db) {
      for (const name of STORES)
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

export type Stored<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

async function attempt<T>(work: (db: IDBPDatabase) => Promise<T>): Promise<Stored<T>> {
  try {
    return { ok: true, value: await work(await database()) };
  } catch (error) {
    return {
      ok: false,
      error: `The browser's storage is not available (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** A store of records keyed by their `id`. */
export function idbStore<T extends { readonly id: string }>(name: StoreName) {
  return {
    put: (record: T) => attempt((db) => db.put(name, record).then(() => undefined)),
    get: (id: string) => attempt((db) => db.get(name, id) as Promise<T | undefined>),
    all: () => attempt((db) => db.getAll(name) as Promise<T[]>),
    delete: (id: string) => attempt((db) => db.delete(name, id)),
    clear: () => attempt((db) => db.clear(name)),
  };
}

/** For tests: forget the open connection (a fresh fake database each time). */
export function closeDatabase(): void {
  void opening?.then((db) => db.close());
  opening = null;
}
