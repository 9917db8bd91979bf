/**
 * The designer's state. The YAML text is the flow: the canvas and the inspector show the model
 * parsed from it (the last readable one while the text cannot be read), and every change, from any
 * side, is a new text, so one undo history covers them all.
 */
import { create } from 'zustand';
import {
  applyEdit,
  type EditResult,
  type FlowEdit,
  type FlowModel,
  type ParsedFlow,
  parseFlow,
} from '../../flow';
import { EMPTY_HISTORY, type History, record, redo, undo } from './history';
import {
  type Library,
  loadLibrary,
  newId,
  remove,
  type StoredFlow,
  saveLibrary,
  upsert,
} from './library';

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly details?: readonly string[];
}

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

interface FlowState {
  library: Library;
  flowId: string;
  text: string;
  parsed: ParsedFlow;
  /** The last model read from the text: the canvas keeps showing it while the text has errors. */
  model: FlowModel | null;
  /** The text cannot be read as a flow right now; the canvas shows an older version. */
  outOfSync: boolean;
  history: History;
  selection: Selection;
  notice: Notice | null;
  saveError: string | null;

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
}

const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

function read(text: string, previous: FlowModel | null) {
  const parsed = parseFlow(text);
  return { parsed, model: parsed.model ?? previous, outOfSync: parsed.model === null };
}

/** The name a flow goes by in the library: its YAML name when it has one. */
function nameOf(text: string, fallback: string): string {
  return /^name:\s*(.+?)\s*(#.*)?$/m.exec(text)?.[1]?.replace(/^["']|["']$/g, '') ?? fallback;
}

export function createFlowStore(options: {
  storage: Storage | null;
  initialText: () => string;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const stored = options.storage ? loadLibrary(options.storage) : { flows: [], currentId: null };
  let library: Library = stored;
  let current = stored.flows.find((flow) => flow.id === stored.currentId);
  if (!current) {
    const text = options.initialText();
    current = { id: newId(now()), name: nameOf(text, 'Untitled flow'), text, updated: now() };
    library = { flows: [...stored.flows, current], currentId: current.id };
  }
  const firstSaveError =
    options.storage && library !== stored ? saveLibrary(options.storage, library) : null;
  const start = read(current.text, null);

  return create<FlowState>()((set, get) => {
    const persist = (next: Library) => {
      const error = options.storage ? saveLibrary(options.storage, next) : null;
      set({ library: next, saveError: error });
    };
    const commit = (text: string, group: string | null) => {
      const state = get();
      if (text === state.text) return;
      const history = record(state.history, state.text, group, now());
      set({ text, history, ...read(text, state.model) });
      saveCurrent();
    };
    const saveCurrent = () => {
      const state = get();
      const flow: StoredFlow = {
        id: state.flowId,
        name: nameOf(state.text, 'Untitled flow'),
        text: state.text,
        updated: now(),
      };
      persist({ ...upsert(state.library, flow), currentId: state.flowId });
    };
    const load = (flow: StoredFlow) => {
      set({
        flowId: flow.id,
        text: flow.text,
        history: EMPTY_HISTORY,
        selection: EMPTY_SELECTION,
        ...read(flow.text, null),
      });
    };

    return {
      library,
      flowId: current.id,
      text: current.text,
      ...start,
      history: EMPTY_HISTORY,
      selection: EMPTY_SELECTION,
      notice: null,
      saveError: firstSaveError,

      setText: (text, group = 'typing') => commit(text, group),
      edit: (change, group = null) => {
        const result = applyEdit(get().text, change);
        if (result.ok) commit(result.text, group);
        else set({ notice: { kind: 'error', message: result.error } });
        return result;
      },
      undo: () => {
        const state = get();
        const step = undo(state.history, state.text);
        if (!step) return;
        set({ text: step.text, history: step.history, ...read(step.text, state.model) });
        saveCurrent();
      },
      redo: () => {
        const state = get();
        const step = redo(state.history, state.text);
        if (!step) return;
        set({ text: step.text, history: step.history, ...read(step.text, state.model) });
        saveCurrent();
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
        const text = renamed?.ok ? renamed.text : incoming;
        const flow: StoredFlow = {
          id: newId(now()),
          name: nameOf(text, name),
          text,
          updated: now(),
        };
        persist({ flows: [...get().library.flows, flow], currentId: flow.id });
        load(flow);
        return flow.id;
      },
      open: (id) => {
        const flow = get().library.flows.find((f) => f.id === id);
        if (!flow) return;
        persist({ ...get().library, currentId: id });
        load(flow);
      },
      rename: (id, name) => {
        const state = get();
        if (id === state.flowId) {
          state.edit({ type: 'setName', name });
          return;
        }
        const flow = state.library.flows.find((f) => f.id === id);
        if (!flow) return;
        const result = applyEdit(flow.text, { type: 'setName', name });
        if (result.ok)
          persist(upsert(state.library, { ...flow, name, text: result.text, updated: now() }));
      },
      delete: (id) => {
        const state = get();
        let next = remove(state.library, id);
        if (next.flows.length === 0) {
          const text = options.initialText();
          const fresh: StoredFlow = {
            id: newId(now()),
            name: nameOf(text, 'Untitled flow'),
            text,
            updated: now(),
          };
          next = { flows: [fresh], currentId: fresh.id };
        }
        persist(next);
        if (id === state.flowId) load(next.flows.find((f) => f.id === next.currentId)!);
      },
    };
  });
}

export type FlowStore = ReturnType<typeof createFlowStore>;
