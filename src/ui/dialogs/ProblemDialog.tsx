import { Dialog } from './Dialog';

export interface Problem {
  readonly title: string;
  readonly problems: readonly string[];
  readonly note?: string;
  /** A way forward besides OK (for example, download anyway). */
  readonly action?: { readonly label: string; readonly run: () => void };
}

export function ProblemDialog({
  problem,
  onClose,
}: {
  problem: Problem | null;
  onClose: () => void;
}) {
  return (
    <Dialog title={problem?.title ?? ''} open={problem !== null} onClose={onClose}>
      {problem?.note && <p>{problem.note}</p>}
      <ul className="problems" aria-label="Problems">
        {problem?.problems.map((line) => (
          <li key={line} className="error">
            {line}
          </li>
        ))}
      </ul>
      {problem?.action && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            problem.action!.run();
            onClose();
          }}
        >
          {problem.action.label}
        </button>
      )}
      <button type="button" onClick={onClose}>
        {problem?.action ? 'Cancel' : 'OK'}
      </button>
    </Dialog>
  );
}
