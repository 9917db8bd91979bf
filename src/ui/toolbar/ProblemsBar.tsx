/** Under the YAML editor: how many problems the flow has, each one a click away from its line. */
import { useState } from 'react';
import type { Diagnostic } from '../../flow';

export function ProblemsBar({
  diagnostics,
  reading = false,
  onReveal,
}: {
  diagnostics: readonly Diagnostic[];
  /** A large text is being read off the page's thread: its problems are not known yet. */
  reading?: boolean;
  onReveal: (line: number, column: number) => void;
}) {
  const [open, setOpen] = useState(false);
  if (reading) {
    return (
      <div className="problems-bar" role="status">
        Reading the flow…
      </div>
    );
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (diagnostics.length === 0) {
    return (
      <div className="problems-bar ok" role="status">
        No problems
      </div>
    );
  }
  return (
    <div className="problems-bar" role="status">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
      </button>
      {open && (
        <ul className="problems" aria-label="Problems">
          {diagnostics.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`} className={d.severity}>
              <button type="button" className="link" onClick={() => onReveal(d.line, d.column)}>
                Line {d.line}:{d.column}
              </button>{' '}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
