/**
 * Recent runs and sweeps, kept in the browser: pick two or more runs to overlay their equity
 * curves and set their metrics side by side, each with its difference from the first picked;
 * reopen a sweep's results; delete any, or all.
 */
import { useEffect, useState } from 'react';
import { OBJECTIVES } from '../../flow';
import { formatMetric } from './format';
import { type HistoryRecord, type RunRecord, useHistory } from './history';
import { useSweep } from './sweepStore';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
const when = (t: number) =>
  new Date(t).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });

export function HistoryView() {
  const { records, loaded, error, load, remove, clear } = useHistory();
  const [picked, setPicked] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const runs = picked
    .map((id) => records.find((r) => r.id === id))
    .filter((r): r is RunRecord => r?.kind === 'run');
  const toggle = (id: string) =>
    setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]);
  return (
    <div className="history-view">
      {error && (
        <p className="run-problems" role="alert">
          {error}: runs are not kept in this browser.
        </p>
      )}
      <div className="history-list">
        <div className="history-head">
          <strong>Recent runs and sweeps</strong>{' '}
          <span className="muted">(the latest 30 runs and 10 sweeps are kept in this browser)</span>{' '}
          {records.length > 0 && (
            <button
              type="button"
              className="link"
              onClick={() => void clear().then(() => setPicked([]))}
            >
              Delete all
            </button>
          )}
        </div>
        {loaded && records.length === 0 && (
          <p className="hint">Finished runs and sweeps appear here.</p>
        )}
        <ul aria-label="Run history">
          {records.map((record) => (
            <HistoryItem
              key={record.id}
              record={record}
              picked={picked.includes(record.id)}
              colour={COLOURS[picked.indexOf(record.id) % COLOURS.length]}
              onToggle={() => toggle(record.id)}
              onDelete={() => {
                setPicked(picked.filter((p) => p !== record.id));
                void remove(record.id);
              }}
            />
          ))}
        </ul>
      </div>
      <div className="history-compare">
        {runs.length < 2 ? (
          <p className="hint">Tick two or more runs to compare them.</p>
        ) : (
          <Comparison runs={runs} />
        )}
      </div>
    </div>
  );
}

function HistoryItem({
  record,
  picked,
  colour,
  onToggle,
  onDelete,
}: {
  record: HistoryRecord;
  picked: boolean;
  colour: string | undefined;
  onToggle: () => void;
  onDelete: () => void;
}) {
  return (
    <li className="history-item">
      {record.kind === 'run' ? (
        <label>
          <input type="checkbox" checked={picked} onChange={onToggle} />
          <span className="swatch" style={{ background: picked ? colour : 'transparent' }} />
          {record.name}
        </label>
      ) : (
        <span>
          Sweep: {record.name} ({record.rows.length} runs){' '}
          <button
            type="button"
            className="link"
            onClick={() => useSweep.getState().restore(record)}
          >
            Show results
          </button>
        </span>
      )}
      <span className="muted">
        {' '}
        {when(record.savedAt)}
        {record.kind === 'run'
          ? ` · ${formatMetric('total_return', record.metrics.total_return)}`
          : ''}
      </span>{' '}
      <button
        type="button"
        className="icon-button"
        aria-label={`Delete ${record.name}`}
        onClick={onDelete}
      >
        ✕
      </button>
    </li>
  );
}

function Comparison({ runs }: { runs: readonly RunRecord[] }) {
  const base = runs[0]!;
  return (
    <>
      <EquityOverlay runs={runs} />
      <div className="table-scroll">
        <table aria-label="Compared runs" className="compare-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {runs.map((run, i) => (
                <th key={run.id} scope="col" style={{ color: COLOURS[i % COLOURS.length] }}>
                  {run.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {OBJECTIVES.map((objective) => (
              <tr key={objective.key}>
                <th scope="row">{objective.label}</th>
                {runs.map((run, i) => {
                  const value = run.metrics[objective.key];
                  const difference = value - base.metrics[objective.key];
                  const better = objective.higherIsBetter ? difference > 0 : difference < 0;
                  return (
                    <td key={run.id} className="num">
                      {formatMetric(objective.key, value)}
                      {i > 0 && Number.isFinite(difference) && difference !== 0 && (
                        <small className={better ? 'better' : 'worse'}>
                          {' '}
                          ({difference > 0 ? '+' : '−'}
                          {formatMetric(objective.key, Math.abs(difference))})
                        </small>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function EquityOverlay({ runs }: { runs: readonly RunRecord[] }) {
  const width = 640;
  const height = 180;
  const times = runs.flatMap((run) => [run.time[0]!, run.time.at(-1)!]);
  const values = runs.flatMap((run) => run.equity);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => 5 + ((t - t0) / (t1 - t0 || 1)) * (width - 10);
  const y = (v: number) => height - 10 - ((v - v0) / (v1 - v0 || 1)) * (height - 20);
  return (
    <figure className="metric-line">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Equity curves of the compared runs"
      >
        {runs.map((run, i) => (
          <polyline
            key={run.id}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={1.5}
            points={run.time.map((t, j) => `${x(t)},${y(run.equity[j]!)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption className="muted">
        {`Equity, ${formatMetric('final_equity', v0)} to ${formatMetric('final_equity', v1)}. Differences are against the first run ticked.`}
      </figcaption>
    </figure>
  );
}
