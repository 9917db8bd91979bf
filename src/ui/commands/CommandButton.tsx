/**
 * A button that runs a registered command: its label, keys (in the tooltip and for assistive
 * technology) and enabled state all come from the registry.
 */
import type { ReactNode } from 'react';
import { ariaKeys, formatBinding } from './keys';
import { commands } from './registry';
import { useCommand } from './useCommands';

interface CommandButtonProps {
  readonly id: string;
  /** What the button shows; the command's label when omitted. */
  readonly children?: ReactNode;
  readonly className?: string;
  /** Shown instead of the label, which then names the button for assistive technology. */
  readonly icon?: ReactNode;
  /** For a button that shows or hides something: whether it is shown. */
  readonly expanded?: boolean;
}

export function CommandButton({ id, children, className, icon, expanded }: CommandButtonProps) {
  const { command, enabled } = useCommand(id);
  if (!command) return null;
  const keys = command.keys ?? [];
  const shortcut = keys.length > 0 ? ` (${formatBinding(keys[0]!)})` : '';
  return (
    <button
      type="button"
      className={className}
      disabled={!enabled}
      onClick={() => commands.run(id)}
      title={`${command.label}${shortcut}`}
      aria-label={icon && !children ? command.label : undefined}
      data-has-icon={icon ? true : undefined}
      aria-keyshortcuts={keys.length > 0 ? ariaKeys(keys) : undefined}
      aria-expanded={expanded}
      data-command={id}
    >
      {icon}
      {children ?? (icon ? null : command.label)}
    </button>
  );
}
