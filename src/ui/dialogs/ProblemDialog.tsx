import { Dialog } from './Dialog';

export interface Problem {
  readonly title: string;
  readonly problems: readonly string[];
  readonly note?: string;
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
      <button type="button" onClick={onClose}>
        OK
      </button>
    </Dialog>
  );
}
