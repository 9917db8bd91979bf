/**
 * The open flow's version history, as n8n shows a workflow's: its earlier versions newest first,
 * each to look at, restore (undoable; the version it replaces is kept too), open as a flow of its
 * own, or download.
 */
import { useEffect, useState } from 'react';
import { fileNameFor } from '../commands/flowCommands';
import { saveTextFile } from '../files';
import { nameOf } from '../storage/records';
import { type FlowVersion, REASON_LABELS, useVersionProblem } from '../storage/versionStore';
import { useFlow, versions } from '../store/instance';
import { Dialog } from './Dialog';

const PREVIEW = 6_000;

export function VersionsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const flowId = useFlow((state) => state.flowId);
  const text = useFlow((state) => state.text);
  const problem = useVersionProblem((state) => state.problem);
  const [list, setList] = useState<readonly FlowVersion[] | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setList(null);
    setShown(null);
    void versions.list(flowId).then((found) => {
      if (current) setList(found.ok ? found.value : []);
    });
    return () => {
      current = false;
    };
  }, [open, flowId]);

  const store = useFlow.getState;
  return (
    <Dialog title="Version history" open={open} onClose={onClose} wide>
      <p className="hint">
        Earlier versions of “{nameOf(text, 'this flow')}”, kept in this browser: one when it is
        opened, one a minute while you edit, and one before a restore or another tab’s change
        replaces it. A restore can be undone.
      </p>
      {problem && (
        <p className="error" role="alert">
          The version history cannot be saved or read here: {problem}
        </p>
      )}
      {list === null && <p>Reading the versions…</p>}
      {list?.length === 0 && <p>No earlier version yet.</p>}
      {list && list.length > 0 && (
        <ul className="flow-list version-list" aria-label="Versions">
          {list.map((version) => {
            const when = new Date(version.time).toLocaleString();
            const isCurrent = version.text === text;
            return (
              <li key={version.id} className={isCurrent ? 'current' : ''}>
                <div className="version-row">
                  <span className="version-when">{when}</span>
                  <span className="muted">
                    {REASON_LABELS[version.reason]} · {nameOf(version.text, 'Untitled flow')} ·{' '}
                    {version.text.split('\n').length.toLocaleString('en-US')} lines
                    {isCurrent ? ' · the open version' : ''}
                  </span>
                  <button
                    type="button"
                    aria-expanded={shown === version.id}
                    onClick={() => setShown(shown === version.id ? null : version.id)}
                    aria-label={`Show the version of ${when}`}
                  >
                    Show
                  </button>
                  <button
                    type="button"
                    disabled={isCurrent}
                    onClick={() => {
                      store().restore(version.text, when);
                      onClose();
                    }}
                    aria-label={`Restore the version of ${when}`}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      store().openNew(version.text);
                      onClose();
                    }}
                    aria-label={`Open the version of ${when} as a new flow`}
                  >
                    Open as new flow
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      saveTextFile(
                        fileNameFor(nameOf(version.text, 'flow')),
                        version.text,
                        'text/yaml',
                      )
                    }
                    aria-label={`Download the version of ${when}`}
                  >
                    Download
                  </button>
                </div>
                {shown === version.id && (
                  <pre className="version-preview" data-testid="version-preview">
                    {version.text.slice(0, PREVIEW)}
                    {version.text.length > PREVIEW ? '\n…' : ''}
                  </pre>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
