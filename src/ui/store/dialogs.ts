/**
 * Which dialog is open, and what the one-off dialogs show. Commands open them from anywhere (a
 * shortcut, the toolbar, the command palette), so the state lives here rather than in App.
 */
import { create } from 'zustand';
import type { Position } from '../../flow';
import type { Problem } from '../dialogs/ProblemDialog';

export type DialogName =
  | 'templates'
  | 'flows'
  | 'versions'
  | 'shortcuts'
  | 'quickAdd'
  | 'commands'
  /** The chart's symbol search (run/SymbolPicker). */
  | 'symbol';

interface DialogState {
  dialog: DialogName | null;
  /** Where quick-add puts the component (a double-click on the canvas); null for a free spot. */
  quickAddAt: Position | null;
  problem: Problem | null;
  shareUrl: string | null;
  open(dialog: DialogName): void;
  openQuickAdd(at: Position | null): void;
  /**
   * Closes the named dialog if it is still the one open. A native <dialog> reports its close a
   * task after it was asked to close, so by then a command picked in the palette may have opened
   * another dialog (Templates…): a plain "close whatever is open" would shut that one.
   */
  close(dialog: DialogName): void;
  showProblem(problem: Problem | null): void;
  showShareUrl(url: string | null): void;
}

export const useDialogs = create<DialogState>()((set) => ({
  dialog: null,
  quickAddAt: null,
  problem: null,
  shareUrl: null,
  open: (dialog) => set({ dialog, quickAddAt: null }),
  openQuickAdd: (at) => set({ dialog: 'quickAdd', quickAddAt: at }),
  close: (dialog) => set((state) => (state.dialog === dialog ? { dialog: null } : state)),
  showProblem: (problem) => set({ problem }),
  showShareUrl: (shareUrl) => set({ shareUrl }),
}));

/** A dialog of the page is open: the page's shortcuts wait until it closes. */
export const anyDialogOpen = () => {
  const state = useDialogs.getState();
  return state.dialog !== null || state.problem !== null || state.shareUrl !== null;
};
