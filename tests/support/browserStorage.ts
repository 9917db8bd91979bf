/**
 * localStorage as a browser has it, for tests in Node: one storage shared by several tabs, each
 * told of the others' changes by `storage` events (delivered when the test says, as a browser
 * delivers them as tasks), and faults to switch on: full (every write refused for quota) or
 * broken (every access throws, as when storage is blocked).
 */
type Listener = (key: string | null, newValue: string | null) => void;

function fault(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export class SharedStorage {
  readonly items = new Map<string, string>();
  full = false;
  broken = false;
  private readonly listeners = new Map<number, Listener>();
  private readonly queue: { tab: number; key: string | null; value: string | null }[] = [];
  private tabs = 0;

  /** A tab's view: its localStorage, and how the store listens to the others' changes. */
  tab(): { storage: Storage; listen: (listener: Listener) => void } {
    const id = ++this.tabs;
    const shared = this;
    const check = () => {
      if (shared.broken) throw fault('SecurityError', 'The operation is insecure.');
    };
    const changed = (key: string | null, value: string | null) => {
      for (const tab of shared.listeners.keys())
        if (tab !== id) shared.queue.push({ tab, key, value });
    };
    const storage: Storage = {
      get length() {
        check();
        return shared.items.size;
      },
      clear() {
        check();
        shared.items.clear();
        changed(null, null);
      },
      getItem(key) {
        check();
        return shared.items.get(key) ?? null;
      },
      key(index) {
        check();
        return [...shared.items.keys()][index] ?? null;
      },
      removeItem(key) {
        check();
        shared.items.delete(key);
        changed(key, null);
      },
      setItem(key, value) {
        check();
        if (shared.full) throw fault('QuotaExceededError', 'The quota has been exceeded.');
        shared.items.set(key, String(value));
        changed(key, String(value));
      },
    };
    return { storage, listen: (listener) => this.listeners.set(id, listener) };
  }

  /** Delivers the storage events waiting, as the browser would between tasks. */
  deliver(): void {
    while (this.queue.length > 0) {
      const event = this.queue.shift()!;
      this.listeners.get(event.tab)?.(event.key, event.value);
    }
  }

  /** Drops the events waiting: a tab that never heard of the change (frozen in the background). */
  drop(): void {
    this.queue.length = 0;
  }
}

/** sessionStorage: one per tab, no events. */
export function sessionStorageFake(): Storage {
  return new SharedStorage().tab().storage;
}
