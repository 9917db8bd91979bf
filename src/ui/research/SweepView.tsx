/**
 * The Sweep view under the designer: start, cancel and pace of a sweep (progress, ETA, workers),
 * then its results as a table, a heatmap (or a line) and, after a walk-forward, its windows and
 * stitched equity. Commands (sweep.start, sweep.walkForward, sweep.cancel) run from here, the
 * toolbar, the keys and the palette alike.
 */
import { useState } from 'react';
import { OBJECTIVES } from '../../flow';
import type { MetricKey } from '../../sweep/aggregate';
import { CommandButton } from '../commands/CommandButton';
import { useFlow } from '../store/instance';
import { formatDuration } from './format';
import { SweepHeatmap } from './SweepHeatmap';
import { SweepTable } from './SweepTable';
import { useSweep } from './sweepStore';
import { WalkForwardView } from './WalkForwardView';

type View = 'heatmap' | 'table' | 'walk';

export function SweepView() {
  const state = useSweep();
  const grid = useFlow((s) => s.model?.grid ?? null);
  const [view, setView] = useState<View>('heatmap');
  const progress = state.progress;
  const running = state.status === 'running';
  const fraction = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const shownView: View =
    state.walk && view === 'walk' ? 'walk' : view === 'walk' ? 'heatmap' : view;
  return (
    <div className="sweep-view">
      <div className="sweep-controls">
        <CommandButton id="sweep.start" className="primary">
          {grid ? `Sweep ${grid.runs.toLocaleString('en-US')} runs` : 'Sweep'}
        </CommandButton>
        <CommandButton id="sweep.walkForward">Walk-forward</CommandButton>
        <CommandButton id="sweep.cancel">Cancel</CommandButton>
        <label>
          Workers
          <input
            type="number"
            min={1}
            max={64}
            value={state.workers}
            disabled={running}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (Number.isInteger(value) && value >= 1) state.setWorkers(value);
            }}
          />
        </label>
        <label>
          Best by
          <select
            value={state.metric}
            onChange={(event) => state.setMetric(event.target.value as MetricKey)}
          >
            {OBJECTIVES.map((objective) => (
              <option key={objective.key} value={objective.key}>
                {objective.label}
              </option>
            ))}
          </select>
        </label>
        {state.status !== 'idle' && (
          <div className="sweep-progress" role="status" data-testid="sweep-status">
            <progress max={1} value={fraction} aria-label="Sweep progress" />
            <span>
              {statusText(state.status, state.kind)}
              {progress
                ? ` ${progress.done.toLocaleString('en-US')} / ${progress.total.toLocaleString('en-US')} runs`
                : running && state.total === 0
                  ? ' planning the grid'
                  : ''}
              {state.walkProgress
                ? ` · window ${state.walkProgress.window} of ${state.walkProgress.windows}`
                : ''}
              {progress ? ` · ${formatDuration(progress.elapsedMs)}` : ''}
              {running && progress?.etaMs != null
                ? ` · about ${formatDuration(progress.etaMs)} left`
                : ''}
              {progress && progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
              {state.rows.some((row) => row.mode === 'replay')
                ? ` · ${state.rows.filter((row) => row.mode === 'replay').length} replayed from recorded signals`
                : ''}
            </span>
          </div>
        )}
      </div>
      {state.problems.length > 0 && (
        <div className="run-problems" role="alert">
          <strong>The sweep could not start:</strong>
          <ul>
            {state.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'idle' && (
        <p className="hint">
          {grid
            ? `This flow's grid expands to ${grid.runs.toLocaleString('en-US')} runs. Sweep runs them all on ${state.workers} worker${state.workers === 1 ? '' : 's'}; Walk-forward optimises ${state.metric} window by window.`
            : 'Give a parameter several values to sweep it: the Sweep button beside it in the inspector turns it into a range.'}
        </p>
      )}
      {(state.rows.length > 0 || state.walk) && (
        <>
          <div className="sweep-tabs" role="tablist" aria-label="Sweep results">
            {(
              [
                ['heatmap', 'Heatmap'],
                ['table', 'Table'],
                ...(state.walk ? [['walk', 'Walk-forward'] as const] : []),
              ] as const
            ).map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={shownView === id}
                onClick={() => setView(id)}
              >
                {label}
              </button>
            ))}
          </div>
          {shownView === 'heatmap' && state.kind === 'sweep' && (
            <SweepHeatmap
              flow={state.flow}
              axes={state.axes}
              rows={state.rows}
              metric={state.metric}
            />
          )}
          {shownView === 'table' && state.kind === 'sweep' && (
            <SweepTable
              flow={state.flow}
              axes={state.axes}
              rows={state.rows}
              metric={state.metric}
            />
          )}
          {(shownView === 'walk' || state.kind === 'walk-forward') && state.walk && (
            <WalkForwardView report={state.walk} flow={state.flow} />
          )}
        </>
      )}
    </div>
  );
}

function statusText(status: string, kind: 'sweep' | 'walk-forward'): string {
  const what = kind === 'sweep' ? 'Sweep' : 'Walk-forward';
  switch (status) {
    case 'running':
      return `${what} running:`;
    case 'finished':
      return `${what} finished:`;
    case 'cancelled':
      return `${what} cancelled after`;
    case 'failed':
      return `${what} failed:`;
    default:
      return '';
  }
}
