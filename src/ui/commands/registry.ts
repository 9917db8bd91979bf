/**
 * The one list of what a user can do by name: each command has an id, a label, its keys, when it
 * is enabled and what it does. The toolbar buttons, the keyboard shortcuts, the help overlay and the
 * command palette all read this registry (as VS Code, Excalidraw and tldraw do), so a shortcut
 * cannot be listed in one place and handled differently in another.
 *
 * Anyone may register commands: at module load for commands that need nothing from React, or
 * with useRegisterCommands (./useCommands) from a component.
 */
import { type KeyBinding, type KeyLike, matches, parseBinding } from './keys';

export type CommandCategory = 'Flow' | 'Edit' | 'Canvas' | 'View' | 'Run' | 'Help' | (string & {});

export interface Command {
  /** Unique: "area.action" (edit.undo, run.start). */
  readonly id: string;
  /** What the palette and the help list, as a short imperative ("Undo", "Fit the flow in view"). */
  readonly label: string;
  readonly category: CommandCategory;
  /** Key bindings, "Mod+K" style (Mod is Ctrl, or ⌘ on a Mac); the first is the one shown. */
  readonly keys?: readonly string[];
  /** Whether it can run now; the toolbar disables it and the keys pass through when it cannot. */
  readonly enabled?: () => boolean;
  readonly run: () => void | Promise<void>;
  /** Its keys also work while typing in a field or the YAML editor (Ctrl+Shift+P, Ctrl+S). */
  readonly inFields?: boolean;
  /** Left out of the command palette (the palette's own command). */
  readonly hiddenInPalette?: boolean;
  /** More words the palette's search should find it by. */
  readonly keywords?: readonly string[];
}

interface Entry {
  readonly command: Command;
  readonly bindings: readonly KeyBinding[];
}

export class CommandRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly Command[] = [];

  /** Adds commands (a command with a registered id replaces it); returns their removal. */
  register(commands: Command | readonly Command[]): () => void {
    const list = Array.isArray(commands) ? commands : [commands as Command];
    for (const command of list) {
      this.entries.set(command.id, {
        command,
        bindings: (command.keys ?? []).map(parseBinding),
      });
    }
    this.changed();
    return () => {
      let removed = false;
      for (const command of list) {
        if (this.entries.get(command.id)?.command !== command) continue;
        this.entries.delete(command.id);
        removed = true;
      }
      if (removed) this.changed();
    };
  }

  get(id: string): Command | undefined {
    return this.entries.get(id)?.command;
  }

  /** Every command, in the order registered (stable between changes, for React). */
  list(): readonly Command[] {
    return this.snapshot;
  }

  isEnabled(id: string): boolean {
    const command = this.get(id);
    return command !== undefined && (command.enabled?.() ?? true);
  }

  /** Runs the command if it is registered and enabled; says whether it ran. */
  run(id: string): boolean {
    const command = this.get(id);
    if (!command || !(command.enabled?.() ?? true)) return false;
    void command.run();
    return true;
  }

  /**
   * The enabled command a key press means, if any. `typing` is true when the key goes to a field
   * or the YAML editor: then only commands marked inFields answer.
   */
  forKey(event: KeyLike, typing: boolean): Command | undefined {
    for (const { command, bindings } of this.entries.values()) {
      if (typing && !command.inFields) continue;
      if (!bindings.some((binding) => matches(binding, event))) continue;
      if (command.enabled?.() ?? true) return command;
    }
    return undefined;
  }

  /** Bindings claimed by more than one command that may be enabled at the same time. */
  conflicts(exclusive: ReadonlyArray<readonly string[]> = []): string[] {
    const byKey = new Map<string, string[]>();
    for (const { command, bindings } of this.entries.values()) {
      for (const binding of bindings) {
        const key = JSON.stringify(binding);
        byKey.set(key, [...(byKey.get(key) ?? []), command.id]);
      }
    }
    const found: string[] = [];
    for (const [key, ids] of byKey) {
      if (ids.length < 2) continue;
      const allowed = exclusive.some((group) => ids.every((id) => group.includes(id)));
      if (!allowed) found.push(`${ids.join(', ')} share ${key}`);
    }
    return found;
  }

  /** Called when the registry changes, or when state a command's `enabled` reads may have. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Re-checks who is enabled whenever this source (a zustand store's subscribe) changes. */
  watch(subscribe: (listener: () => void) => () => void): () => void {
    return subscribe(() => this.notify());
  }

  private changed(): void {
    this.snapshot = [...this.entries.values()].map((entry) => entry.command);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The page's registry. */
export const commands = new CommandRegistry();
