/** React's view of the command registry: a command's live state, registering, and the keys. */
import { useEffect, useSyncExternalStore } from 'react';
import { anyDialogOpen } from '../store/dialogs';
import { type Command, commands } from './registry';

/** The commands registered, re-rendering when the list changes. */
export function useCommandList(): readonly Command[] {
  return useSyncExternalStore(commands.subscribe, () => commands.list());
}

/** One command and whether it can run now, kept current as the state it reads changes. */
export function useCommand(id: string): { command: Command | undefined; enabled: boolean } {
  const command = useSyncExternalStore(commands.subscribe, () => commands.get(id));
  const enabled = useSyncExternalStore(commands.subscribe, () => commands.isEnabled(id));
  return { command, enabled };
}

/** Registers commands while the component is mounted (for handlers that need its state). */
export function useRegisterCommands(list: readonly Command[]): void {
  useEffect(() => commands.register(list), [list]);
}

/** Keys typed into a field or the YAML editor belong to it, not to the page's shortcuts. */
export function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  return (
    element.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) ||
    element.closest('.monaco-editor') !== null
  );
}

/**
 * The page's shortcuts: every key press is looked up in the registry. Listening in the capture
 * phase lets the few commands meant to work everywhere (Ctrl+Shift+P, Ctrl+S) reach the YAML
 * editor's keys first; while a dialog is open its keys are its own.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (anyDialogOpen() || (event.target as HTMLElement | null)?.closest?.('dialog')) return;
      const command = commands.forKey(event, typingIn(event.target));
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      void command.run();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
