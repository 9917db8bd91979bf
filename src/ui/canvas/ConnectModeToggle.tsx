/** Says, and lets the user choose, what a connection drawn on the canvas becomes (also R). */
import { useConnectMode } from './connectMode';
import '../eventSystem.css';

export function ConnectModeToggle() {
  const mode = useConnectMode((state) => state.mode);
  const setMode = useConnectMode((state) => state.setMode);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form field group.
    <div className="connect-mode" role="group" aria-label="Draw connections as">
      <span className="muted">Connect as</span>
      <button
        type="button"
        aria-pressed={mode === 'flow'}
        title="Join the event flow: a pipeline, broadcast, hierarchy or selective route (R toggles)"
        onClick={() => setMode('flow')}
      >
        Event flow
      </button>
      <button
        type="button"
        aria-pressed={mode === 'route'}
        title="An explicit route of event_system: its own event types, filters and transformation (R toggles)"
        onClick={() => setMode('route')}
      >
        Route
      </button>
    </div>
  );
}
