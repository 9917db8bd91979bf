import { describe, expect, it, vi } from 'vitest';
import { searchCommands } from './CommandPalette';
import { registerAppCommands } from './index';
import { ariaKeys, formatBinding, matches, parseBinding } from './keys';
import { CommandRegistry, commands } from './registry';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrl' | 'meta' | 'shift' | 'alt', boolean>> = {},
) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
  altKey: modifiers.alt ?? false,
});

describe('key bindings', () => {
  it('match Ctrl or ⌘ for Mod, and Shift exactly for letters', () => {
    const undo = parseBinding('Mod+Z');
    expect(matches(undo, press('z', { ctrl: true }))).toBe(true);
    expect(matches(undo, press('z', { meta: true }))).toBe(true);
    expect(matches(undo, press('Z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches(undo, press('z'))).toBe(false);
    expect(matches(parseBinding('Mod+Shift+Z'), press('Z', { ctrl: true, shift: true }))).toBe(
      true,
    );
    expect(matches(parseBinding('Shift+L'), press('L', { shift: true }))).toBe(true);
    expect(matches(parseBinding('Shift+L'), press('l'))).toBe(false);
  });

  it('ignore Shift for symbols that need it, and bind the plus key', () => {
    expect(matches(parseBinding('?'), press('?', { shift: true }))).toBe(true);
    expect(matches(parseBinding('/'), press('/'))).toBe(true);
    expect(matches(parseBinding('+'), press('+', { shift: true }))).toBe(true);
    expect(parseBinding('Mod++').key).toBe('+');
  });

  it('read in the platform’s words', () => {
    expect(formatBinding('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatBinding('Mod+Shift+P', true)).toBe('⌘⇧P');
    expect(formatBinding('Delete', false)).toBe('Delete');
    expect(ariaKeys(['Mod+K', '/'], false)).toBe('Control+K /');
    expect(ariaKeys(['Mod+Enter'], true)).toBe('Meta+Enter');
  });

  it('refuse an unknown modifier', () => {
    expect(() => parseBinding('Hyper+K')).toThrow('Unknown modifier');
  });
});

describe('the command registry', () => {
  it('runs the enabled command a key means, and lets keys in fields through', () => {
    const registry = new CommandRegistry();
    const undo = vi.fn();
    const save = vi.fn();
    let canUndo = false;
    registry.register([
      {
        id: 'undo',
        label: 'Undo',
        category: 'Edit',
        keys: ['Mod+Z'],
        enabled: () => canUndo,
        run: undo,
      },
      { id: 'save', label: 'Save', category: 'Flow', keys: ['Mod+S'], inFields: true, run: save },
    ]);
    expect(registry.forKey(press('z', { ctrl: true }), false)).toBeUndefined();
    canUndo = true;
    expect(registry.forKey(press('z', { ctrl: true }), false)?.id).toBe('undo');
    expect(registry.forKey(press('z', { ctrl: true }), true)).toBeUndefined();
    expect(registry.forKey(press('s', { ctrl: true }), true)?.id).toBe('save');
    expect(registry.run('undo')).toBe(true);
    expect(undo).toHaveBeenCalledOnce();
  });

  it('tells subscribers when commands come and go, and when watched state changes', () => {
    const registry = new CommandRegistry();
    const listener = vi.fn();
    registry.subscribe(listener);
    const remove = registry.register({ id: 'a', label: 'A', category: 'Edit', run: () => {} });
    expect(registry.list().map((c) => c.id)).toEqual(['a']);
    remove();
    expect(registry.list()).toEqual([]);
    let fire = () => {};
    registry.watch((callback) => {
      fire = callback;
      return () => {};
    });
    fire();
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('a later registration of an id replaces it, and the earlier removal leaves it', () => {
    const registry = new CommandRegistry();
    const removeFirst = registry.register({
      id: 'a',
      label: 'First',
      category: 'Edit',
      run: () => {},
    });
    registry.register({ id: 'a', label: 'Second', category: 'Edit', run: () => {} });
    removeFirst();
    expect(registry.get('a')?.label).toBe('Second');
  });
});

describe("the app's commands", () => {
  registerAppCommands();

  it('have unique ids and no two share a key unless only one of them can be enabled', () => {
    const ids = commands.list().map((command) => command.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(commands.conflicts([['run.start', 'run.pause']])).toEqual([]);
  });

  it('include what the toolbar, the run controls and the help name', () => {
    for (const id of [
      'flow.new',
      'flow.open',
      'flow.download',
      'flow.share',
      'flow.versions',
      'edit.undo',
      'edit.redo',
      'edit.add',
      'edit.delete',
      'canvas.autoLayout',
      'canvas.fit',
      'help.commands',
      'help.shortcuts',
      'run.start',
      'run.pause',
      'run.stepEvent',
      'run.stepBar',
      'run.reset',
      'run.cancel',
    ])
      expect(commands.get(id), id).toBeDefined();
  });

  it('are found in the palette by any of their words', () => {
    const found = searchCommands(commands.list(), 'layout');
    expect(found[0]?.id).toBe('canvas.autoLayout');
    expect(searchCommands(commands.list(), 'save').map((c) => c.id)).toContain('flow.download');
    expect(searchCommands(commands.list(), '').some((c) => c.id === 'help.commands')).toBe(false);
  });

  it('with nothing to undo, Undo is disabled; Cancel is disabled once no run is live', () => {
    expect(commands.isEnabled('edit.undo')).toBe(false);
    expect(commands.isEnabled('run.cancel')).toBe(false);
  });
});
