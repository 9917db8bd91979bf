/**
 * The user's flows in the browser's storage (localStorage: written at once and kept through a
 * crash or a closed tab), one record per flow and a small index of their order.
 *
 * Nothing is lost on the way: a save either writes the whole record or, when the browser refuses
 * (storage full, storage turned off), writes nothing and says why; a record another tab saved
 * since this tab last read it is not written over (a conflict, for the user to settle); a record
 * or a library that cannot be read is left where it is (or moved aside, never overwritten), and
 * every flow still readable in it is recovered as a flow of its own.
 */
import {
  type FlowRecord,
  KEYS,
  nameOf,
  parseRecord,
  peekRevision,
  type Salvaged,
  salvageTexts,
  serialize,
} from './records';

export type StorageProblemKind = 'full' | 'unavailable';

export interface StorageProblem {
  readonly kind: StorageProblemKind;
  readonly message: string;
}

export const STORAGE_MESSAGES = {
  full: 'The browser’s storage for Flow Studio is full, so your latest changes are not saved. Delete flows you no longer need (My flows) or download this one; your last saved version is safe.',
  unavailable:
    'This browser does not let Flow Studio save (its storage is turned off or blocked), so your changes last only while this tab is open. Download your flow to keep it.',
} as const;

/** What was found damaged when the flows were read, and what was recovered from it. */
export interface Recovery {
  /** Flows recovered as flows of their own. */
  readonly flows: number;
  /** Of those, how many lost their end (opened as drafts to finish). */
  readonly incomplete: number;
  /** Where the damaged data is kept, untouched. */
  readonly kept: readonly string[];
}

export interface LoadedLibrary {
  readonly records: readonly FlowRecord[];
  readonly currentId: string | null;
  readonly recovery: Recovery | null;
  readonly problem: StorageProblem | null;
}

export type SaveOutcome =
  | { readonly ok: true; readonly record: FlowRecord }
  | { readonly ok: false; readonly conflict: FlowRecord }
  | { readonly ok: false; readonly problem: StorageProblem };

export interface RecordChange {
  readonly id: string;
  /** The record as another tab left it; null when it deleted it. */
  readonly record: FlowRecord | null;
}

export interface RepositoryOptions {
  readonly storage: Storage | null;
  /** This tab's storage (sessionStorage): which flow it has open, across reloads. */
  readonly tabStorage?: Storage | null;
  readonly tab: string;
  readonly now: () => number;
  readonly newId: () => string;
}

interface Index {
  readonly order: readonly string[];
  readonly current: string | null;
  /** Keys of damaged data already recovered from, kept for the user: not recovered again. */
  readonly kept: readonly string[];
}

export function problemOf(error: unknown): StorageProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const full =
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    /quota/i.test(String(error));
  return full
    ? { kind: 'full', message: STORAGE_MESSAGES.full }
    : { kind: 'unavailable', message: STORAGE_MESSAGES.unavailable };
}

export class FlowRepository {
  private order: string[] = [];
  private kept: string[] = [];

  constructor(private readonly options: RepositoryOptions) {}

  get available(): boolean {
    return this.options.storage !== null;
  }

  /** Reads every flow; recovers what it can from damaged data, and moves an old library over. */
  load(): LoadedLibrary {
    const storage = this.options.storage;
    if (!storage) {
      return {
        records: [],
        currentId: null,
        recovery: null,
        problem: { kind: 'unavailable', message: STORAGE_MESSAGES.unavailable },
      };
    }
    try {
      return this.read(storage);
    } catch (error) {
      // Reading itself throws (access denied after the page started): nothing to show from it.
      return { records: [], currentId: null, recovery: null, problem: problemOf(error) };
    }
  }

  private read(storage: Storage): LoadedLibrary {
    const index = this.readIndex(storage);
    const known = new Set(index?.kept ?? []);
    const ids = [...new Set([...(index?.order ?? []), ...this.storedIds(storage)])];
    const records: FlowRecord[] = [];
    const salvaged: Salvaged[] = [];
    const found: string[] = [];
    for (const id of ids) {
      const key = KEYS.flow(id);
      const raw = known.has(key) ? null : storage.getItem(key);
      if (raw === null) continue;
      const record = parseRecord(raw);
      if (record && record.id === id) records.push(record);
      else {
        salvaged.push(...salvageTexts(raw));
        found.push(this.quarantine(storage, key, raw));
      }
    }
    const legacy = known.has(KEYS.legacy) ? null : storage.getItem(KEYS.legacy);
    let moved: FlowRecord[] = [];
    if (legacy !== null) {
      const taken = new Set(records.map((record) => record.id));
      const fromLegacy = this.readLegacy(legacy, taken);
      if (fromLegacy.whole) moved = fromLegacy.records;
      else {
        salvaged.push(...fromLegacy.salvaged);
        found.push(this.quarantine(storage, KEYS.legacy, legacy));
      }
    }
    let problem: StorageProblem | null = null;
    const recovered = salvaged.map((item) => this.recoveredRecord(item));
    for (const record of [...recovered, ...moved]) problem ??= this.writeNew(storage, record);
    // The old library is removed only once every flow in it is safely in its own record; damaged
    // data is marked as recovered from only once its flows are, so none is lost or doubled.
    if (moved.length > 0 && !problem) storage.removeItem(KEYS.legacy);
    this.kept = [...known, ...(problem ? [] : found)];
    const all = [...records, ...moved, ...recovered];
    this.order = all.map((record) => record.id);
    const wanted = this.options.tabStorage?.getItem(KEYS.tabCurrent) ?? index?.current ?? null;
    const currentId = all.some((r) => r.id === wanted) ? wanted : (all[0]?.id ?? null);
    problem ??= this.writeIndex(currentId);
    return {
      records: all,
      currentId,
      recovery:
        found.length > 0
          ? {
              flows: recovered.length,
              incomplete: salvaged.filter((item) => !item.complete).length,
              kept: found,
            }
          : null,
      problem,
    };
  }

  /**
   * Moves damaged data out of the way, to a key of its own that nothing writes to, so it is kept
   * and not read as a flow again; when even that is refused, it stays where it is, listed in the
   * index as already recovered from.
   */
  private quarantine(storage: Storage, key: string, raw: string): string {
    const aside = KEYS.damaged(key.replace(/^flow-studio:/, ''), this.options.now());
    try {
      storage.setItem(aside, raw);
      storage.removeItem(key);
      return aside;
    } catch {
      return key;
    }
  }

  private readIndex(storage: Storage): Index | null {
    const raw = storage.getItem(KEYS.index);
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw) as Partial<Index>;
      const order = Array.isArray(value.order)
        ? value.order.filter((id): id is string => typeof id === 'string')
        : [];
      const kept = Array.isArray(value.kept)
        ? value.kept.filter((key): key is string => typeof key === 'string')
        : [];
      return { order, current: typeof value.current === 'string' ? value.current : null, kept };
    } catch {
      // The index holds only the order of the flows; they are all found by their keys.
      return null;
    }
  }

  private storedIds(storage: Storage): string[] {
    const ids: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(KEYS.flowPrefix)) ids.push(key.slice(KEYS.flowPrefix.length));
    }
    return ids.sort();
  }

  /** The one-document library of earlier versions: whole, or what can be salvaged from it. */
  private readLegacy(
    raw: string,
    taken: ReadonlySet<string>,
  ): { whole: boolean; records: FlowRecord[]; salvaged: Salvaged[] } {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { whole: false, records: [], salvaged: salvageTexts(raw) };
    }
    const flows = (value as { flows?: unknown })?.flows;
    const valid =
      Array.isArray(flows) &&
      flows.every(
        (flow) =>
          typeof flow === 'object' &&
          flow !== null &&
          typeof flow.id === 'string' &&
          typeof flow.text === 'string',
      );
    if (!valid) return { whole: false, records: [], salvaged: salvageTexts(raw) };
    const records = (
      flows as { id: string; name?: unknown; text: string; updated?: unknown }[]
    ).map((flow) => ({
      rev: 1,
      tab: this.options.tab,
      id: taken.has(flow.id) ? this.options.newId() : flow.id,
      name: typeof flow.name === 'string' ? flow.name : nameOf(flow.text, 'Untitled flow'),
      text: flow.text,
      draft: null,
      updated: typeof flow.updated === 'number' ? flow.updated : this.options.now(),
    }));
    return { whole: true, records, salvaged: [] };
  }

  private recoveredRecord(item: Salvaged): FlowRecord {
    const text = item.text !== null && (item.complete || item.draft !== null) ? item.text : '';
    const draft = item.draft ?? (text === item.text ? null : item.text);
    const name = nameOf(text || draft || '', 'Recovered flow');
    return {
      rev: 1,
      tab: this.options.tab,
      id: this.options.newId(),
      name: `${name} (recovered${item.complete ? '' : ', incomplete'})`,
      text,
      draft,
      updated: this.options.now(),
    };
  }

  private writeNew(storage: Storage, record: FlowRecord): StorageProblem | null {
    try {
      storage.setItem(KEYS.flow(record.id), serialize(record));
      return null;
    } catch (error) {
      return problemOf(error);
    }
  }

  /** The stored record of a flow, as another tab may have left it; null if none or unreadable. */
  readRecord(id: string): FlowRecord | null {
    try {
      const raw = this.options.storage?.getItem(KEYS.flow(id));
      return raw ? parseRecord(raw) : null;
    } catch {
      return null;
    }
  }

  /**
   * Saves a flow over `knownRev`, the revision this tab last read or wrote (null for a new flow).
   * A newer revision from another tab is a conflict and nothing is written; a damaged record in
   * the way is moved aside first.
   */
  save(
    flow: Pick<FlowRecord, 'id' | 'name' | 'text' | 'draft'>,
    knownRev: number | null,
    force = false,
  ): SaveOutcome {
    const storage = this.options.storage;
    if (!storage) return { ok: false, problem: problemOf(new Error('unavailable')) };
    try {
      const key = KEYS.flow(flow.id);
      const stored = storage.getItem(key);
      let rev = knownRev ?? 0;
      if (stored !== null) {
        const head = peekRevision(stored);
        const record = head ? parseRecord(stored) : null;
        if (!record) {
          storage.setItem(KEYS.damaged(flow.id, this.options.now()), stored);
        } else if (record.rev !== knownRev && !force) {
          return { ok: false, conflict: record };
        } else rev = Math.max(rev, record.rev);
      }
      const record: FlowRecord = {
        ...flow,
        rev: rev + 1,
        tab: this.options.tab,
        updated: this.options.now(),
      };
      storage.setItem(key, serialize(record));
      if (!this.order.includes(flow.id)) {
        this.order.push(flow.id);
        this.writeIndex(flow.id);
      }
      return { ok: true, record };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  remove(id: string): StorageProblem | null {
    this.order = this.order.filter((other) => other !== id);
    try {
      this.options.storage?.removeItem(KEYS.flow(id));
      return this.writeIndex(null);
    } catch (error) {
      return problemOf(error);
    }
  }

  /** Remembers which flow is open: in this tab across reloads, and for the next new tab. */
  setCurrent(id: string): StorageProblem | null {
    try {
      this.options.tabStorage?.setItem(KEYS.tabCurrent, id);
    } catch {
      // Without sessionStorage the index's current flow serves.
    }
    return this.writeIndex(id);
  }

  private writeIndex(current: string | null): StorageProblem | null {
    try {
      const storage = this.options.storage;
      if (!storage) return null;
      const previous = this.readIndex(storage);
      const index: Index = {
        order: this.order,
        current: current ?? previous?.current ?? null,
        kept: this.kept,
      };
      storage.setItem(KEYS.index, JSON.stringify(index));
      return null;
    } catch (error) {
      return problemOf(error);
    }
  }

  /** Damaged data kept aside: its key and size, for the user to download or delete. */
  keptAside(): { key: string; size: number }[] {
    const storage = this.options.storage;
    if (!storage) return [];
    try {
      const keys = new Set(this.kept);
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(KEYS.damagedPrefix)) keys.add(key);
      }
      return [...keys].flatMap((key) => {
        const raw = storage.getItem(key);
        return raw === null ? [] : [{ key, size: raw.length }];
      });
    } catch {
      return [];
    }
  }

  readRaw(key: string): string | null {
    try {
      return this.options.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /** Deletes damaged data the user no longer wants (after downloading it, say). */
  removeRaw(key: string): void {
    try {
      this.options.storage?.removeItem(key);
      this.kept = this.kept.filter((other) => other !== key);
      this.writeIndex(null);
    } catch {
      // Nothing to do: it stays kept.
    }
  }

  /**
   * What a change another tab made to the storage means: a flow saved or deleted there. The
   * browser's `storage` event carries the key and the new value.
   */
  changeOf(key: string | null, newValue: string | null): RecordChange | null {
    if (!key?.startsWith(KEYS.flowPrefix)) return null;
    const id = key.slice(KEYS.flowPrefix.length);
    if (newValue === null) {
      this.order = this.order.filter((other) => other !== id);
      return { id, record: null };
    }
    const record = parseRecord(newValue);
    if (!record || record.tab === this.options.tab) return null;
    if (!this.order.includes(id)) this.order.push(id);
    return { id, record };
  }
}
