/** The run views below the designer: controls, then charts, log, trace, dead letters, results and data as tabs. */
import { type KeyboardEvent, lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { firstCellNote } from '../../flow';
import { CommandButton } from '../commands/CommandButton';
import { HistoryView } from '../research/HistoryView';
import { keepRunHistory } from '../research/history';
import { SweepView } from '../research/SweepView';
import { useFlow } from '../store/instance';
import { DataPanel } from './DataPanel';
import { DeadLetters } from './DeadLetters';
import { EventLog } from './EventLog';
import { IncidentNotice } from './Incidents';
import { Results } from './Results';
import { RunControls } from './RunControls';
import { type RunTab, useRun, warmUpEngine } from './runStore';
import { TraceView } from './TraceView';

// lightweight-charts loads after the designer, when the page is idle (see warmUpEngine), not
// with the first paint.
const loadCharts = () => import('./Charts');
const Charts = lazy(loadCharts);

const TABS: readonly { id: RunTab; label: string }[] = [
  { id: 'chart', label: 'Charts' },
  { id: 'log', label: 'Event log' },
  { id: 'trace', label: 'Trace' },
  { id: 'deadletters', label: 'Dead letters' },
  { id: 'results', label: 'Results' },
  { id: 'data', label: 'Data' },
  { id: 'sweep', label: 'Sweep' },
  { id: 'history', label: 'History' },
];

function Problems() {
  const problems = useRun((state) => state.problems);
  const failure = useRun((state) => state.failure);
  const notice = useRun((state) => state.notice);
  const dismiss = useRun((state) => state.dismissNotice);
  const model = useFlow((state) => state.model);
  const cell = useRun((state) => state.cell);
  const gridNote = useMemo(() => (model ? firstCellNote(model) : null), [model]);
  return (
    <>
      {cell && (
        <p className="run-grid-note" data-testid="cell-note">
          Showing {cell.label}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => useFlow.getState().setText(cell.text, null)}
          >
            Use these values in the flow
          </button>
        </p>
      )}
      {gridNote && !cell && (
        <p className="run-grid-note" data-testid="grid-note">
          {gridNote}
        </p>
      )}
      {notice && (
        <div className="run-notice" role="alert">
          {notice}{' '}
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <div className="run-problems" role="alert" data-testid="run-problems">
          <strong>The run could not start:</strong>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.container}-${problem.message}`}>
                {problem.container}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <div className="run-problems" role="alert">
          <strong>The run stopped:</strong> {failure.message}
          {failure.containers.length > 0 ? ` (containers: ${failure.containers.join(', ')})` : ''}
        </div>
      )}
    </>
  );
}

/** The dead letters so far, on their tab, so they are seen wherever the user looks. */
function DeadLetterCount() {
  const count = useRun((state) => state.deadLetters);
  if (count === 0) return null;
  return (
    <span className="tab-count" aria-hidden data-testid="dead-letter-count">
      {count.toLocaleString('en-US')}
    </span>
  );
}

export function RunPanel() {
  const tab = useRun((state) => state.tab);
  const setTab = useRun((state) => state.setTab);
  const expanded = useRun((state) => state.expanded);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => warmUpEngine(loadCharts), []);
  useEffect(() => keepRunHistory(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    tabs.current[next]?.focus();
  };

  // Bottom-anchored: the views open upwards, so the controls and tabs never move under the
  // pointer (the Run button used to jump when the views opened).
  return (
    <section className={`run-panel${expanded ? ' expanded' : ''}`} aria-label="Run">
      <Problems />
      <IncidentNotice />
      <div
        hidden={!expanded}
        className="run-view"
        role="tabpanel"
        id={`run-view-${tab}`}
        aria-labelledby={`run-tab-${tab}`}
      >
        {expanded && tab === 'chart' && (
          <Suspense fallback={<p className="hint">Loading the charts…</p>}>
            <Charts />
          </Suspense>
        )}
        {expanded && tab === 'log' && <EventLog />}
        {expanded && tab === 'trace' && <TraceView />}
        {expanded && tab === 'deadletters' && <DeadLetters />}
        {expanded && tab === 'results' && <Results />}
        {expanded && tab === 'data' && <DataPanel />}
        {expanded && tab === 'sweep' && <SweepView />}
        {expanded && tab === 'history' && <HistoryView />}
      </div>
      <div className="run-tabs-row">
        <div className="run-tabs" role="tablist" aria-label="Run views" onKeyDown={onKeyDown}>
          {TABS.map((t, index) => (
            <button
              key={t.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`run-tab-${t.id}`}
              aria-selected={expanded && tab === t.id}
              aria-controls={`run-view-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
              {t.id === 'deadletters' && <DeadLetterCount />}
            </button>
          ))}
        </div>
        <CommandButton id="view.runViews" className="run-toggle" expanded={expanded}>
          {expanded ? '▾ Hide run views' : '▴ Show run views'}
        </CommandButton>
      </div>
      <RunControls />
    </section>
  );
}
