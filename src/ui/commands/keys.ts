/**
 * Key bindings as short strings ("Mod+K", "Shift+L", "?", "Delete"): parsed once, matched against
 * keyboard events, and shown in the platform's words. "Mod" is Ctrl, or ⌘ on a Mac.
 */

export interface KeyBinding {
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  /** event.key, lower case ("k", "enter", "delete", "?"). */
  readonly key: string;
  /** The key as written ("K", "Enter", "ArrowUp"), which is also how ARIA names it. */
  readonly name: string;
}

export function parseBinding(text: string): KeyBinding {
  // "Mod++" binds the plus key: split on "+" that is not the last character.
  const parts = text.split(/\+(?!$)/);
  const key = parts.pop()!;
  const modifiers = new Set(parts.map((part) => part.toLowerCase()));
  for (const modifier of modifiers) {
    if (!['mod', 'shift', 'alt'].includes(modifier))
      throw new Error(`Unknown modifier "${modifier}" in key binding "${text}"`);
  }
  return {
    mod: modifiers.has('mod'),
    shift: modifiers.has('shift'),
    alt: modifiers.has('alt'),
    key: key.toLowerCase(),
    name: key.length === 1 ? key.toUpperCase() : key,
  };
}

/** A key whose character already depends on Shift ("?", "/", "+"): Shift is not part of it. */
const isSymbol = (key: string) => key.length === 1 && !/[a-z0-9]/.test(key);

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function matches(binding: KeyBinding, event: KeyLike): boolean {
  if (event.key.toLowerCase() !== binding.key) return false;
  if ((event.ctrlKey || event.metaKey) !== binding.mod) return false;
  if (event.altKey !== binding.alt) return false;
  return isSymbol(binding.key) || event.shiftKey === binding.shift;
}

const NAMES: Readonly<Record<string, string>> = {
  enter: 'Enter',
  delete: 'Delete',
  backspace: 'Backspace',
  escape: 'Esc',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  ' ': 'Space',
};

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '');
}

/** "Mod+Shift+Z" as "Ctrl+Shift+Z" (or "⌘⇧Z" on a Mac). */
export function formatBinding(text: string, mac = isMac()): string {
  const binding = parseBinding(text);
  const key = NAMES[binding.key] ?? binding.key.toUpperCase();
  if (mac)
    return `${binding.mod ? '⌘' : ''}${binding.alt ? '⌥' : ''}${binding.shift ? '⇧' : ''}${key}`;
  return [binding.mod && 'Ctrl', binding.alt && 'Alt', binding.shift && 'Shift', key]
    .filter(Boolean)
    .join('+');
}

/** The value of aria-keyshortcuts for the bindings ("Control+K /"). */
export function ariaKeys(bindings: readonly string[], mac = isMac()): string {
  return bindings
    .map((text) => {
      const binding = parseBinding(text);
      return [
        binding.mod && (mac ? 'Meta' : 'Control'),
        binding.alt && 'Alt',
        binding.shift && 'Shift',
        binding.name,
      ]
        .filter(Boolean)
        .join('+');
    })
    .join(' ');
}
