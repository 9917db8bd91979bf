/** The user's flows: open one, rename it, delete it, or start an empty one. */
import { useState } from 'react';
import { emptyFlowText } from '../../flow';
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
    </Dialog>
  );
}
