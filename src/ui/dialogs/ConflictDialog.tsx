/**
 * Two tabs changed the same flow and this one could not take in the other's change (it had
 * changes of its own it had not saved): the user chooses which version goes on, and the other is
 * kept, in the version history or as a flow of its own. Nothing is written until they choose.
 */
import { useFlow } from '../store/instance';
import { Dialog } from './Dialog';

export function ConflictDialog() {
  const conflict = useFlow((state) => state.conflict);
  const name = useFlow((state) => state.model?.name ?? 'This flow');
  const resolve = useFlow.getState().resolveConflict;
  const when = conflict ? new Date(conflict.theirs.updated).toLocaleTimeString() : '';
  return (
    <Dialog
      title="This flow was changed in another tab"
      open={conflict !== null}
      // Closing without a choice keeps both as they are; the question comes back with the next save.
      onClose={() => useFlow.setState({ conflict: null })}
    >
      <p>
        “{name}” was saved in another tab at {when}, while this tab had changes of its own that were
        not saved yet. Neither version has been written over. Which one goes on?
      </p>
      <div className="conflict-choices">
        <button type="button" onClick={() => resolve('mine')}>
          Keep this tab’s version
        </button>
        <button type="button" onClick={() => resolve('theirs')}>
          Take the other tab’s version
        </button>
        <button type="button" onClick={() => resolve('both')}>
          Keep both (this tab’s as a new flow)
        </button>
      </div>
      <p className="hint">The version not kept stays in the flow’s version history.</p>
    </Dialog>
  );
}
