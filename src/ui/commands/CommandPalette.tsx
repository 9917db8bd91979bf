/**
 * The command palette (Ctrl+Shift+P), as VS Code's: every registered command by name, with its
 * keys; type to narrow, Enter to run. Commands that cannot run now are listed, greyed.
 */
import { useCallback } from 'react';
import { SearchDialog } from '../dialogs/SearchDialog';
import { formatBinding } from './keys';
import { type Command, commands } from './registry';
import { useCommandList } from './useCommands';

/** Commands whose words all appear in their category, label, id or keywords; prefixes first. */
export function searchCommands(list: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = list.filter((command) => {
    if (command.hiddenInPalette) return false;
    const haystack = [command.category, command.label, command.id, ...(command.keywords ?? [])]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const first = words[0];
  if (!first) return found;
  const starts = (command: Command) => (command.label.toLowerCase().startsWith(first) ? 0 : 1);
  return found.sort((a, b) => starts(a) - starts(b));
}

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const list = useCommandList();
  const search = useCallback((query: string) => searchCommands(list, query), [list]);
  return (
    <SearchDialog<Command>
      title="Commands"
      open={open}
      onClose={onClose}
      inputLabel="Command to run"
      placeholder="Type a command: run, layout, undo…"
      search={search}
      keyOf={(command) => command.id}
      disabled={(command) => !commands.isEnabled(command.id)}
      onPick={(command) => {
        onClose();
        // After the dialog has closed, so that a command opening another dialog can.
        setTimeout(() => commands.run(command.id), 0);
      }}
      empty={(query) => `No command matches “${query}”.`}
      render={(command) => (
        <span className="command-row">
          <span className="command-category">{command.category}:</span>{' '}
          <span className="command-label">{command.label}</span>{' '}
          {command.keys?.[0] && <kbd>{formatBinding(command.keys[0])}</kbd>}
        </span>
      )}
    />
  );
}
