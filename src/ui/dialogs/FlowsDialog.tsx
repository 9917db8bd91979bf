/** The user's flows: open one, rename it, delete it, or start an empty one. */
import { useState } from 'react';
import { emptyFlowText } from '../../flow';
import { saveTextFile } from '../files';
import { useFlow } from '../store/instance';
import { Dialog } from './Dialog';

export function FlowsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const library = useFlow((state) => state.library);
  const flowId = useFlow((state) => state.flowId);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const store = useFlow.getState;
  return (
    <Dialog title="My flows" open={open} onClose={onClose}>
      <ul className="flow-list">
        {library.flows.map((flow) => (
          <li key={flow.id} className={flow.id === flowId ? 'current' : ''}>
            {renaming?.id === flow.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (renaming.name.trim()) store().rename(flow.id, renaming.name.trim());
                  setRenaming(null);
                }}
              >
                <input
                  aria-label={`New name for ${flow.name}`}
                  value={renaming.name}
                  onChange={(event) => setRenaming({ id: flow.id, name: event.target.value })}
                />
                <button type="submit">Save</button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="link"
                  aria-current={flow.id === flowId ? 'true' : undefined}
                  onClick={() => {
                    store().open(flow.id);
                    onClose();
                  }}
                >
                  {flow.name}
                </button>
                {flow.draft && (
                  <span
                    className="tag draft"
                    title="Its text in the editor does not read as a flow yet; the canvas shows its last valid version"
                  >
                    draft
                  </span>
                )}
                <span className="muted">{new Date(flow.updated).toLocaleString()}</span>
                <button
                  type="button"
                  onClick={() => setRenaming({ id: flow.id, name: flow.name })}
                  aria-label={`Rename ${flow.name}`}
                >
                  Rename
                </button>
                {confirm === flow.id ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      store().delete(flow.id);
                      setConfirm(null);
                    }}
                    aria-label={`Really delete ${flow.name}`}
                  >
                    Really delete
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() => setConfirm(flow.id)}
                    aria-label={`Delete ${flow.name}`}
                  >
                    Delete
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          store().openNew(emptyFlowText(`Flow ${library.flows.length + 1}`));
          onClose();
        }}
      >
        New empty flow
      </button>
      <DamagedData />
    </Dialog>
  );
}

/** Damaged data found in the browser's storage, kept as it was: download it, or delete it. */
function DamagedData() {
  const damaged = useFlow((state) => state.damaged);
  if (damaged.length === 0) return null;
  const store = useFlow.getState;
  return (
    <section className="damaged-data" aria-label="Damaged data">
      <h3>Damaged data</h3>
      <p className="hint">
        Saved data that could not be read whole. Every flow readable in it was recovered into My
        flows; the data itself is kept here as it was.
      </p>
      <ul className="flow-list">
        {damaged.map(({ key, size }) => (
          <li key={key}>
            <span>{key.replace(/^flow-studio:(damaged:)?/, '')}</span>
            <span className="muted">{size.toLocaleString('en-US')} characters</span>
            <button
              type="button"
              onClick={() => {
                const raw = store().readDamaged(key);
                if (raw !== null) saveTextFile(`${key.replace(/[^A-Za-z0-9_-]+/g, '-')}.txt`, raw);
              }}
            >
              Download
            </button>
            <button type="button" onClick={() => store().deleteDamaged(key)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
