import { Dialog } from './Dialog';

export const SHORTCUTS: readonly [string, string][] = [
  ['Ctrl/⌘ + K, /', 'Add a component (search)'],
  ['Double-click the canvas', 'Add a component there'],
  ['Ctrl/⌘ + Z', 'Undo (canvas, inspector and YAML alike)'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + C / X / V', 'Copy, cut, paste containers (as YAML, also between tabs)'],
  ['Ctrl/⌘ + D', 'Duplicate the selection'],
  ['Ctrl/⌘ + A', 'Select every container'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Shift + click, drag a box with Shift', 'Select several'],
  ['Shift + L', 'Auto-layout'],
  ['F', 'Fit the flow in view'],
  ['Ctrl/⌘ + S', 'Download the flow as YAML'],
  ['Ctrl/⌘ + Enter', 'Run the flow, or pause it'],
  ['?', 'This help'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
