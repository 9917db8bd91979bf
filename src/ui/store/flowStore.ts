/**
 * The designer's state. The YAML text is the flow: the canvas and the inspector show the model
 * parsed from it (the last readable one while the text cannot be read), and every change, from any
 * side, is a new text, so one undo history covers them all.
 *
 * Every change is saved at once (storage/repository.ts): the last text that read as a flow, and
 * beside it the editor's text when it does not (a draft), so a reload after a bad paste shows both.
 * A save the browser refuses is reported and retried with the next change; a change another tab
 * made to the open flow is taken in, or, when this tab has changes of its own it could not save,
 * is a conflict the user settles. Large texts are read off the page's thread (reader.ts).
 */
import { create } from 'zustand';
import {
  applyEdit,
  type EditResult,
  type FlowEdit,
  type FlowModel,
  type LayoutSpans,
  moveInText,
  type ParsedFlow,
} from '../../flow';
import { type FlowRecord, nameOf } from '../storage/records';
import {
  FlowRepository,
  type RecordChange,
  type Recovery,
  type SaveOutcome,
} from '../storage/repository';
import { NO_VERSIONS, type VersionLog, type VersionReason } from '../storage/versions';
import { EMPTY_HISTORY, type History, record, redo, undo } from './history';
import { type FlowReader, immediateReader, SUPERSEDED } from './reader';

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly details?: readonly string[];
  /** Stays until the user dismisses it or another notice replaces it (info notices go after 6 s). */
  readonly sticky?: boolean;
}

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export interface LibraryEntry {
  readonly id: string;
  readonly name: string;
  readonly updated: number;
  /** It has a draft that does not read as a flow, beside its last valid version. */
  readonly draft: boolean;
}

export interface Library {
  readonly flows: readonly LibraryEntry[];
  readonly currentId: string | null;
}

/** Another tab saved the open flow while this tab had changes it could not save. */
export interface Conflict {
  readonly theirs: FlowRecord;
}

export type ConflictChoice = 'mine' | 'theirs' | 'both';

interface FlowState {
  library: Library;
  flowId: string;
  text: string;
  parsed: ParsedFlow;
  /** The last model read from the text: the canvas keeps showing it while the text has errors. */
  model: FlowModel | null;
  /** The text cannot be read as a flow right now; the canvas shows an older version. */
  outOfSync: boolean;
  /** A large text is being read off the page's thread. */
  reading: boolean;
  history: History;
  selection: Selection;
  notice: Notice | null;
  /** Why the latest changes are not saved (storage full or turned off); null when they are. */
  saveError: string | null;
  conflict: Conflict | null;
  /** Damaged storage found when the flows were read, and what was recovered from it. */
  recovery: Recovery | null;
  /** Damaged data kept aside in the storage, for the user to download or delete. */
  damaged: readonly { readonly key: string; readonly size: number }[];

  setText(text: string, group?: string | null): void;
  edit(edit: FlowEdit, group?: string | null): EditResult;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  notify(notice: Notice | null): void;
  /** Adds a flow to the library and opens it. */
  openNew(text: string): string;
  open(id: string): void;
  rename(id: string, name: string): void;
  delete(id: string): void;
  /** Replaces the open flow's text with an earlier version (undoable; the current one is kept). */
  restore(text: string, label: string): void;
  /** Settles a conflict with another tab; no version of either side is lost. */
  resolveConflict(choice: ConflictChoice): void;
  /** Writes a save still waiting (the page is being hidden or closed). */
  flush(): void;
  /** The raw text of damaged data kept aside (to download it). */
  readDamaged(key: string): string | null;
  /** Deletes damaged data kept aside, once the user no longer wants it. */
  deleteDamaged(key: string): void;
}

const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };
const READING: ParsedFlow = { model: null, ok: false, diagnostics: [] };

export interface FlowStoreOptions {
  readonly storage: Storage | null;
  readonly tabStorage?: Storage | null;
  readonly initialText: () => string;
  readonly now?: () => number;
  readonly reader?: FlowReader;
  readonly versions?: VersionLog;
  /** One id per page load: records say which tab wrote them. */
  readonly tab?: string;
  /** Calls back with each change another tab makes to the storage (the `storage` event). */
  readonly listen?: (onChange: (key: string | null, newValue: string | null) => void) => void;
  /**
   * Runs a save of a large text as a task of its own (the page passes setTimeout), so that
   * writing a megabyte never lengthens the task that changed it; `flush` writes it at once.
   */
  readonly later?: (task: () => void) => void;
}

/** Texts longer than this are saved in a task of their own (see `later`). */
const LARGE_SAVE = 200_000;

let counter = 0;
export function newId(now = Date.now()): string {
  return `flow-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}${(counter++).toString(36)}`;
}

const entryOf = (record: FlowRecord): LibraryEntry => ({
  id: record.id,
  name: record.name,
  updated: record.updated,
  draft: record.draft !== null,
});

export function createFlowStore(options: FlowStoreOptions) {
  // (The store is created first; the flow it opens is loaded into it right after, below.)
  const now = options.now ?? Date.now;
  const reader = options.reader ?? immediateReader;
  const versions = options.versions ?? NO_VERSIONS;
  const repo = new FlowRepository({
    storage: options.storage,
    tabStorage: options.tabStorage ?? null,
    tab: options.tab ?? newId(now()),
    now,
    newId: () => newId(now()),
  });
  const loaded = repo.load();

  // What this tab knows of the open flow's record: the revision it last read or wrote, what it
  // wrote (a change equal to it is not written again), and its last text that read as a flow.
  let knownRev: number | null = null;
  let written: { text: string; draft: string | null } | null = null;
  let lastValid = '';
  /**
   * Where the containers' positions are written in `text` (its reading's, or a move's): a move is
   * then a splice of those characters, not a parse and print of the whole document on the page
   * (200-900 ms for a 3,000-line flow, the whole frame of a drop).
   */
  let placed: { text: string; spans: LayoutSpans } | null = null;

  let start = () => {};
  const store = create<FlowState>()((set, get) => {
    const setLibrary = (change: (flows: LibraryEntry[]) => LibraryEntry[], currentId?: string) =>
      set((state) => ({
        library: {
          flows: change([...state.library.flows]),
          currentId: currentId ?? state.library.currentId,
        },
      }));
    const putEntry = (entry: LibraryEntry) =>
      setLibrary((flows) =>
        flows.some((f) => f.id === entry.id)
          ? flows.map((f) => (f.id === entry.id ? entry : f))
          : [...flows, entry],
      );

    /** The last save was refused (storage full or throwing): its warning stands for unsaved work. */
    let refused = false;
    const report = (outcome: SaveOutcome): boolean => {
      const before = get().saveError;
      refused = !outcome.ok && !('conflict' in outcome);
      if (outcome.ok) {
        knownRev = outcome.record.rev;
        putEntry(entryOf(outcome.record));
        if (before)
          set({ saveError: null, notice: { kind: 'info', message: 'Your flow is saved again.' } });
        return true;
      }
      if ('conflict' in outcome) set({ conflict: { theirs: outcome.conflict } });
      else set({ saveError: outcome.problem.message });
      return false;
    };

    /** The open flow as it would be saved: its last valid text, and the editor's when not valid. */
    const current = (state: FlowState) => {
      const valid = !state.reading && !state.outOfSync;
      return { valid, text: valid ? state.text : lastValid, draft: valid ? null : state.text };
    };
    const isWritten = (state: FlowState) => {
      const next = current(state);
      return written?.text === next.text && written.draft === next.draft;
    };

    let pendingSave: (() => void) | null = null;
    /** Saves the open flow as it is now; a large text in a task of its own (see `later`). */
    const persist = (force = false) => {
      const state = get();
      if (options.later && !force && state.text.length > LARGE_SAVE) {
        if (!pendingSave) {
          pendingSave = () => {
            pendingSave = null;
            save(false);
          };
          const task = pendingSave;
          options.later(() => task === pendingSave && task());
        }
        return;
      }
      pendingSave = null;
      save(force);
    };

    /** Saves the open flow as it is now, unless nothing changed or a conflict waits. */
    const save = (force: boolean) => {
      const state = get();
      if (state.conflict && !force) return;
      const { valid, ...next } = current(state);
      // After a refused save the same text is written again: an undo back to the stored version
      // must still learn whether the storage works again, to take its warning back or keep it.
      if (!force && !refused && isWritten(state)) return;
      const name = nameOf(next.text || state.text, 'Untitled flow');
      if (report(repo.save({ id: state.flowId, name, ...next }, knownRev, force))) {
        written = next;
        unsaved.delete(state.flowId);
        if (valid) versions.note(state.flowId, state.text, 'autosave');
      }
    };

    /** Shows what reading `text` found, once it is known and the text is still the open one. */
    const show = (text: string, parsed: ParsedFlow) => {
      const state = get();
      if (state.text !== text) return;
      if (parsed.model) lastValid = text;
      if (parsed.layoutSpans) placed = { text, spans: parsed.layoutSpans };
      set({
        parsed,
        model: parsed.model ?? state.model,
        outOfSync: parsed.model === null,
        reading: false,
      });
      persist();
    };

    const read = (text: string) => {
      const result = reader.parse(text);
      if (!(result instanceof Promise)) return show(text, result);
      set({ reading: true, parsed: READING, outOfSync: true });
      persist();
      void result.then((parsed) => {
        if (parsed !== SUPERSEDED) show(text, parsed);
      });
    };

    /** The model of a flow's last valid text, for the canvas while its draft is shown. */
    const readModel = (flowId: string, text: string) => {
      if (!text) return;
      const apply = (parsed: ParsedFlow) => {
        const state = get();
        if (state.flowId === flowId && state.outOfSync && parsed.model)
          set({ model: parsed.model });
      };
      const result = reader.parse(text);
      if (result instanceof Promise)
        void result.then((parsed) => parsed !== SUPERSEDED && apply(parsed));
      else apply(result);
    };

    const commit = (text: string, group: string | null) => {
      const state = get();
      if (text === state.text) return;
      set({ text, history: record(state.history, state.text, group, now()) });
      read(text);
    };

    /** Opens a flow's record: its draft in the editor, its last valid version on the canvas. */
    const load = (flow: FlowRecord, history: History = EMPTY_HISTORY) => {
      pendingSave?.();
      knownRev = flow.rev;
      written = unsaved.has(flow.id) ? null : { text: flow.text, draft: flow.draft };
      lastValid = flow.text;
      const text = flow.draft ?? flow.text;
      set({
        flowId: flow.id,
        text,
        model: null,
        parsed: READING,
        outOfSync: true,
        conflict: null,
        // Undo after a reload goes back from the draft to the last valid version.
        history:
          flow.draft !== null && flow.text && history === EMPTY_HISTORY
            ? { ...EMPTY_HISTORY, past: [flow.text] }
            : history,
        selection: EMPTY_SELECTION,
      });
      setLibrary((flows) => flows, flow.id);
      readModel(flow.id, flow.draft !== null ? flow.text : '');
      read(text);
      if (flow.text) versions.note(flow.id, flow.text, 'opened');
    };

    /** Flows created while the browser refused to save: their first save is still to come. */
    const unsaved = new Set<string>();
    /** A new flow saved in the library (kept in this tab only when the browser refuses it). */
    const create = (text: string): FlowRecord => {
      const record: FlowRecord = {
        rev: 0,
        tab: '',
        id: newId(now()),
        name: nameOf(text, 'Untitled flow'),
        text,
        draft: null,
        updated: now(),
      };
      const outcome = repo.save(record, null);
      report(outcome);
      if (outcome.ok) return outcome.record;
      putEntry(entryOf(record));
      unsaved.add(record.id);
      return record;
    };

    /** Takes in a change another tab made; a flow with unsaved changes here becomes a conflict. */
    const onChange = (change: RecordChange) => {
      const state = get();
      if (!change.record) {
        setLibrary((flows) => flows.filter((f) => f.id !== change.id));
        if (change.id === state.flowId) {
          knownRev = null;
          written = null;
          set({
            notice: {
              kind: 'info',
              message:
                'This flow was deleted in another tab. It stays open here; your next change saves it again.',
            },
          });
        }
        return;
      }
      const theirs = change.record;
      putEntry(entryOf(theirs));
      if (theirs.id !== state.flowId || (knownRev !== null && theirs.rev <= knownRev)) return;
      const changedHere = state.conflict !== null || !isWritten(state);
      if (changedHere && (theirs.draft ?? theirs.text) !== state.text) {
        set({ conflict: { theirs } });
        return;
      }
      if (lastValid) versions.note(state.flowId, lastValid, 'replaced by another tab');
      load(theirs, record(state.history, state.text, null, now()));
      set({
        notice: {
          kind: 'info',
          message: 'This flow was changed in another tab: showing its latest version.',
          // The user may be looking elsewhere when it happens; what they see changed under them.
          sticky: true,
        },
      });
    };
    options.listen?.((key, value) => {
      const change = repo.changeOf(key, value);
      if (change) onChange(change);
    });

    // The flow this tab opens: the one it had open, else the last opened, else the sample.
    const first = loaded.records.find((r) => r.id === loaded.currentId) ?? loaded.records[0];
    const startText = first ? null : options.initialText();
    const initial = {
      library: { flows: loaded.records.map(entryOf), currentId: first?.id ?? null },
      flowId: first?.id ?? '',
      text: first?.draft ?? first?.text ?? startText ?? '',
      parsed: READING,
      model: null,
      outOfSync: true,
      reading: false,
      history: EMPTY_HISTORY,
      selection: EMPTY_SELECTION,
      notice: recoveryNotice(loaded.recovery),
      saveError: loaded.problem?.message ?? null,
      conflict: null,
      recovery: loaded.recovery,
      damaged: repo.keptAside(),
    };
    start = () => {
      const flow = first ?? create(startText ?? '');
      load(flow);
      repo.setCurrent(flow.id);
    };

    return {
      ...initial,

      setText: (text, group = 'typing') => commit(text, group),
      edit: (change, group = null) => {
        const text = get().text;
        const moved =
          change.type === 'moveContainers' && placed?.text === text
            ? moveInText(text, placed.spans, change.positions)
            : null;
        if (moved) {
          placed = moved;
          commit(moved.text, group);
          return { ok: true, text: moved.text };
        }
        const result = applyEdit(text, change);
        if (result.ok) commit(result.text, group);
        else set({ notice: { kind: 'error', message: result.error } });
        return result;
      },
      undo: () => {
        const state = get();
        const step = undo(state.history, state.text);
        if (!step) return;
        set({ text: step.text, history: step.history });
        read(step.text);
      },
      redo: () => {
        const state = get();
        const step = redo(state.history, state.text);
        if (!step) return;
        set({ text: step.text, history: step.history });
        read(step.text);
      },
      select: (selection) => set({ selection }),
      notify: (notice) => set({ notice }),
      openNew: (incoming) => {
        // Two flows in the library never share a name: "Name (2)" tells them apart.
        const taken = new Set(get().library.flows.map((flow) => flow.name));
        const wanted = nameOf(incoming, 'Untitled flow');
        let name = wanted;
        for (let n = 2; taken.has(name); n++) name = `${wanted} (${n})`;
        const renamed = name === wanted ? null : applyEdit(incoming, { type: 'setName', name });
        const flow = create(renamed?.ok ? renamed.text : incoming);
        load(flow);
        repo.setCurrent(flow.id);
        return flow.id;
      },
      open: (id) => {
        // Read afresh: another tab may have changed it.
        const flow = repo.readRecord(id);
        if (!flow) return;
        load(flow);
        repo.setCurrent(id);
      },
      rename: (id, name) => {
        const state = get();
        if (id === state.flowId) {
          state.edit({ type: 'setName', name });
          return;
        }
        const flow = repo.readRecord(id);
        if (!flow) return;
        const result = applyEdit(flow.text, { type: 'setName', name });
        if (result.ok) report(repo.save({ ...flow, name, text: result.text }, flow.rev));
      },
      delete: (id) => {
        const state = get();
        const problem = repo.remove(id);
        if (problem) set({ saveError: problem.message });
        versions.forget(id);
        const rest = state.library.flows.filter((f) => f.id !== id);
        setLibrary(() => rest);
        if (id !== state.flowId) return;
        const next = rest[0] ? repo.readRecord(rest[0].id) : null;
        const flow = next ?? create(options.initialText());
        load(flow);
        repo.setCurrent(flow.id);
      },
      restore: (text, label) => {
        const state = get();
        if (text === state.text) return;
        if (!state.outOfSync) versions.note(state.flowId, state.text, 'before restore');
        commit(text, null);
        set({ notice: { kind: 'info', message: `Restored the version of ${label}.` } });
      },
      flush: () => pendingSave?.(),
      readDamaged: (key) => repo.readRaw(key),
      deleteDamaged: (key) => {
        repo.removeRaw(key);
        set({ damaged: repo.keptAside() });
      },
      resolveConflict: (choice) => {
        const state = get();
        const conflict = state.conflict;
        if (!conflict) return;
        const theirs = conflict.theirs;
        if (choice === 'mine') {
          versions.note(state.flowId, theirs.text, 'replaced by another tab');
          knownRev = theirs.rev;
          set({ conflict: null });
          persist(true);
          return;
        }
        if (!state.outOfSync) versions.note(state.flowId, state.text, 'replaced by another tab');
        const mine = state.text;
        set({ conflict: null });
        load(theirs, record(state.history, state.text, null, now()));
        if (choice === 'both') {
          const copy = get().openNew(mine);
          set({
            notice: {
              kind: 'info',
              message: `Kept both: this tab's version is now the flow “${get().library.flows.find((f) => f.id === copy)?.name ?? 'copy'}”.`,
            },
          });
        }
      },
    };
  });
  start();
  return store;
}

function recoveryNotice(recovery: Recovery | null): Notice | null {
  if (!recovery) return null;
  const details = [
    recovery.flows > 0
      ? `Recovered ${recovery.flows} flow${recovery.flows === 1 ? '' : 's'}${recovery.incomplete > 0 ? `, ${recovery.incomplete} of them incomplete (opened as a draft to finish)` : ''}; they are in My flows.`
      : 'No flow could be read from it.',
    'The damaged data is kept as it was: My flows → Damaged data, to download or delete.',
  ];
  return {
    kind: 'error',
    message: 'Some of the flows saved in this browser were damaged.',
    details,
  };
}

export type FlowStore = ReturnType<typeof createFlowStore>;
export type { VersionReason };
