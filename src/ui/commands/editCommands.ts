/** Commands that edit the open flow: undo and redo, the clipboard, selection, adding, deleting. */
import { copySelection, flowToGraph, type Position } from '../../flow';
import { isNoteId, NOTE_PREFIX } from '../canvas/elements';
import { freeSpot } from '../canvas/view';
import { useDialogs } from '../store/dialogs';
import { useFlow } from '../store/instance';
import type { Command } from './registry';

const store = useFlow.getState;
/** What was last copied, for paste when the browser will not let the page read the clipboard. */
let clipboard = '';

const hasSelection = () => {
  const { nodes, edges } = store().selection;
  return nodes.length > 0 || edges.length > 0;
};
/** Selected containers (notes share the canvas's selection under "note:" ids). */
const selectedContainers = () => store().selection.nodes.filter((id) => !isNoteId(id));
const hasNodes = () => selectedContainers().length > 0;

/** Adds a component as a new container, at `at` or a free spot, and selects it. */
export function addComponent(component: string, at?: Position): void {
  const result = store().edit({
    type: 'addContainer',
    name: component,
    component,
    position: at ?? freeSpot(),
  });
  if (result.ok) {
    const added = result.renamed?.[component] ?? component;
    store().select({ nodes: [added], edges: [] });
  }
}

async function copy(cut: boolean) {
  const selected = selectedContainers();
  if (selected.length === 0) return;
  const fragment = copySelection(store().text, selected);
  clipboard = fragment;
  try {
    await navigator.clipboard.writeText(fragment);
  } catch {
    // The page-local copy still serves paste in this tab.
  }
  if (cut) store().edit({ type: 'removeContainers', names: [...selected] });
  store().notify({
    kind: 'info',
    message: `${cut ? 'Cut' : 'Copied'} ${selected.length} container${selected.length > 1 ? 's' : ''}.`,
  });
}

async function paste(fragment?: string) {
  let source = fragment;
  if (source === undefined) {
    try {
      source = await navigator.clipboard.readText();
    } catch {
      source = clipboard;
    }
  }
  if (!source) return;
  const result = store().edit({ type: 'paste', yaml: source, offset: { x: 40, y: 40 } });
  if (result.ok && result.renamed) {
    store().select({ nodes: [...new Set(Object.values(result.renamed))], edges: [] });
  }
}

/**
 * Deletes exactly the store's selection, the one the canvas mirrors, whichever way it was made
 * (click, select all, paste).
 */
function deleteSelection() {
  const { nodes, edges } = store().selection;
  const model = store().model;
  if (!model) return;
  const notes = nodes.filter(isNoteId).map((id) => id.slice(NOTE_PREFIX.length));
  if (notes.length > 0) store().edit({ type: 'removeNotes', ids: notes });
  const names = new Set(nodes.filter((id) => !isNoteId(id)));
  if (names.size > 0) store().edit({ type: 'removeContainers', names: [...names] }, null);
  const chosen = new Set(edges);
  for (const edge of flowToGraph(model).edges) {
    if (!chosen.has(edge.id) || edge.pattern === 'feedback') continue;
    if (names.has(edge.source) || names.has(edge.target)) continue;
    store().edit({ type: 'disconnect', source: edge.source, target: edge.target }, null);
  }
  store().select({ nodes: [], edges: [] });
}

export function editCommands(): Command[] {
  return [
    {
      id: 'edit.undo',
      label: 'Undo',
      category: 'Edit',
      keys: ['Mod+Z'],
      enabled: () => store().history.past.length > 0,
      run: () => store().undo(),
    },
    {
      id: 'edit.redo',
      label: 'Redo',
      category: 'Edit',
      keys: ['Mod+Shift+Z', 'Mod+Y'],
      enabled: () => store().history.future.length > 0,
      run: () => store().redo(),
    },
    {
      id: 'edit.add',
      label: 'Add a component…',
      category: 'Edit',
      keys: ['Mod+K', '/'],
      keywords: ['insert', 'new container', 'quick add'],
      run: () => useDialogs.getState().openQuickAdd(null),
    },
    {
      id: 'edit.copy',
      label: 'Copy the selected containers',
      category: 'Edit',
      keys: ['Mod+C'],
      enabled: hasNodes,
      run: () => copy(false),
    },
    {
      id: 'edit.cut',
      label: 'Cut the selected containers',
      category: 'Edit',
      keys: ['Mod+X'],
      enabled: hasNodes,
      run: () => copy(true),
    },
    {
      id: 'edit.paste',
      label: 'Paste containers',
      category: 'Edit',
      keys: ['Mod+V'],
      run: () => paste(),
    },
    {
      id: 'edit.duplicate',
      label: 'Duplicate the selected containers',
      category: 'Edit',
      keys: ['Mod+D'],
      enabled: hasNodes,
      run: () => paste(copySelection(store().text, selectedContainers())),
    },
    {
      id: 'edit.toggleDisabled',
      label: 'Disable or enable the selected containers',
      category: 'Edit',
      keys: ['D'],
      keywords: ['deactivate', 'switch off', 'bypass', 'mute'],
      enabled: hasNodes,
      run: () => {
        const names = selectedContainers();
        const model = store().model;
        const allOff = names.every(
          (name) => model?.containers.find((c) => c.name === name)?.disabled,
        );
        store().edit({ type: 'setDisabled', names, disabled: !allOff });
      },
    },
    {
      id: 'edit.addNote',
      label: 'Add a note',
      category: 'Edit',
      keys: ['Shift+S'],
      keywords: ['sticky', 'comment', 'text'],
      run: () => {
        const result = store().edit({
          type: 'addNote',
          id: 'note',
          text: '',
          position: freeSpot(),
        });
        if (!result.ok) return;
        const id = result.renamed?.note ?? 'note';
        // (An empty note opens with its editor, ready for typing.)
        store().select({ nodes: [`${NOTE_PREFIX}${id}`], edges: [] });
      },
    },
    {
      id: 'edit.selectAll',
      label: 'Select every container',
      category: 'Edit',
      keys: ['Mod+A'],
      enabled: () => (store().model?.containers.length ?? 0) > 0,
      run: () =>
        store().select({
          nodes: store().model?.containers.map((container) => container.name) ?? [],
          edges: [],
        }),
    },
    {
      id: 'edit.selectNone',
      label: 'Clear the selection',
      category: 'Edit',
      keys: ['Escape'],
      enabled: hasSelection,
      run: () => store().select({ nodes: [], edges: [] }),
    },
    {
      id: 'edit.delete',
      label: 'Delete the selection',
      category: 'Edit',
      keys: ['Delete', 'Backspace'],
      enabled: hasSelection,
      run: deleteSelection,
    },
  ];
}
