/**
 * The help overlay ("?"): every command with keys, by category, straight from the command
 * registry, then what the mouse does (which is not a command).
 */
import { formatBinding } from '../commands/keys';
import { useCommandList } from '../commands/useCommands';
import { Dialog } from './Dialog';

/** Mouse gestures: not commands, so listed here. */
export const GESTURES: readonly [string, string][] = [
  ['Double-click the canvas', 'Add a component there'],
  ['Drag from a right handle to a left handle', 'Connect two containers'],
  ['Shift + click, Shift + drag a box', 'Select several'],
  ['Drag the empty canvas, scroll', 'Pan, zoom'],
  ['Click a condition or regime on a connection', 'Edit it in place'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const list = useCommandList().filter((command) => (command.keys ?? []).length > 0);
  const categories = [...new Set(list.map((command) => command.category))];
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose} wide>
      <p className="muted">
        Every command, with or without keys, is also in the command palette:{' '}
        <kbd>{formatBinding('Mod+Shift+P')}</kbd>.
      </p>
      <div className="shortcut-groups">
        {categories.map((category) => (
          <table className="shortcuts" key={category}>
            <caption>{category}</caption>
            <tbody>
              {list
                .filter((command) => command.category === category)
                .map((command) => (
                  <tr key={command.id}>
                    <th scope="row">{command.label}</th>
                    <td>
                      {command.keys!.map((keys, index) => (
                        <span key={keys}>
                          {index > 0 && ' or '}
                          <kbd>{formatBinding(keys)}</kbd>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
        <table className="shortcuts">
          <caption>Mouse</caption>
          <tbody>
            {GESTURES.map(([gesture, action]) => (
              <tr key={gesture}>
                <th scope="row">{action}</th>
                <td>{gesture}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
