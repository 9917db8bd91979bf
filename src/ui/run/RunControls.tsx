/** Run, pause, step, speed, reset, cancel, and the progress of the run in bars, time and events. */
import { CommandButton } from '../commands/CommandButton';
import { useFlow } from '../store/instance';
import { formatTime } from './format';
import { type Phase, useRun } from './runStore';

const SPEEDS: readonly { value: number; label: string }[] = [
  { value: 1, label: '1 bar/s' },
  { value: 5, label: '5 bars/s' },
  { value: 20, label: '20 bars/s' },
  { value: 100, label: '100 bars/s' },
  { value: 1000, label: '1,000 bars/s' },
  { value: 0, label: 'As fast as possible' },
];

const PHASE_LABEL: Record<Phase, string> = {
  idle: 'Not started',
  loading: 'Loading bars…',
  ready: 'Ready at the first bar',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  failed: 'Failed',
};

export function RunControls() {
  const phase = useRun((state) => state.phase);
  const speed = useRun((state) => state.speed);
  const barsDone = useRun((state) => state.barsDone);
  const barsTotal = useRun((state) => state.barsTotal);
  const time = useRun((state) => state.time);
  const events = useRun((state) => state.events);
  const eventsPerSecond = useRun((state) => state.eventsPerSecond);
  const deadLetters = useRun((state) => state.deadLetters);
  const loadProgress = useRun((state) => state.loadProgress);
  const loadedText = useRun((state) => state.loadedText);
  const showingCell = useRun((state) => state.cell !== null);
  const flowChanged = useFlow(
    (state) => loadedText !== null && state.text !== loadedText && !showingCell,
  );
  const stepped = useRun((state) => state.stepped);
  const actions = useRun.getState();
  const running = phase === 'running';
  const busy = running || phase === 'loading';
  const started = phase !== 'idle' && phase !== 'loading';

  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      {running ? (
        <CommandButton id="run.pause" className="primary">
          ❚❚ Pause
        </CommandButton>
      ) : (
        <CommandButton id="run.start" className="primary">
          ▶ {phase === 'paused' ? 'Resume' : phase === 'finished' ? 'Run again' : 'Run'}
        </CommandButton>
      )}
      <CommandButton id="run.stepEvent">Step event</CommandButton>
      <CommandButton id="run.stepBar">Step bar</CommandButton>
      <label className="speed">
        Speed
        <select value={speed} onChange={(event) => actions.setSpeed(Number(event.target.value))}>
          {SPEEDS.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <CommandButton id="run.reset">Reset</CommandButton>
      <CommandButton id="run.cancel">Cancel</CommandButton>
      <div className="run-progress">
        <progress
          max={Math.max(1, barsTotal)}
          value={barsDone}
          aria-label="Bars replayed"
          data-testid="run-progress"
        />
        <span className="run-status" role="status" data-testid="run-status">
          <strong>{PHASE_LABEL[phase]}</strong>
          {phase === 'loading' && loadProgress > 0 ? ` ${Math.round(loadProgress * 100)}%` : ''}
          {started && (
            <>
              {' · '}bar {barsDone.toLocaleString('en-US')} of {barsTotal.toLocaleString('en-US')}
              {' · '}
              {formatTime(time).replace(/ 00:00$/, '')}
              {' · '}
              {events.toLocaleString('en-US')} events
              {running && eventsPerSecond > 0
                ? ` · ${Math.round(eventsPerSecond).toLocaleString('en-US')} events/s`
                : ''}
              {deadLetters > 0 ? ` · ${deadLetters} dead letters` : ''}
            </>
          )}
        </span>
        {stepped && !running && (
          <span className="run-stepped" data-testid="run-stepped">
            Step: {stepped.from.length > 0 ? `${stepped.from.join(', ')} → ` : ''}
            <strong>{stepped.container}</strong>
          </span>
        )}
        {flowChanged && !busy && (
          <span className="run-stale" role="note">
            The flow changed since this run was loaded: Run or Step starts it again from the first
            bar.
          </span>
        )}
      </div>
    </div>
  );
}
