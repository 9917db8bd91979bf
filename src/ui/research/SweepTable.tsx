/**
 * Every run of a sweep: its parameters and metrics, sorted by any column (click its header; again
 * to reverse), filtered by a condition over parameters and metrics (`sharpe > 0.5 and
 * sma_fast.period < 20`, the flow's condition language), each row a click away from the simulator.
 */
import { useMemo, useState } from 'react';
import { compileCondition, type GridAxis, OBJECTIVES, parseCondition } from '../../flow';
import { type MetricKey, rankRows } from '../../sweep/aggregate';
import type { CellResult } from '../../sweep/job';
import { formatMetric, openCell } from './format';

const SHOWN = 500;
const COLUMNS: readonly MetricKey[] = [
  'sharpe',
  'total_return',
  'cagr',
  'max_drawdown',
  'trades',
  'win_rate',
  'profit_factor',
  'final_equity',
];

type SortKey = { key: string; metric: boolean; descending: boolean };

export function SweepTable({
  flow,
  axes,
  rows,
  metric,
}: {
  flow: string;
  axes: readonly GridAxis[];
  rows: readonly CellResult[];
  metric: MetricKey;
}) {
  const [sort, setSort] = useState<SortKey | null>(null);
  const [filter, setFilter] = useState('');
  const containers = useMemo(() => [...new Set(axes.map((axis) => axis.container))], [axes]);
  const compiled = useMemo(() => {
    if (filter.trim() === '') return { test: null, error: null };
    const parsed = parseCondition(filter, {
      names: [...containers, ...OBJECTIVES.map((o) => o.key)],
    });
    if (!parsed.ok) return { test: null, error: parsed.error.message };
    return { test: compileCondition(parsed.condition), error: null };
  }, [filter, containers]);
  const shown = useMemo(() => {
    let list = [...rows];
    if (compiled.test) {
      list = list.filter((row) => {
        const scope: Record<string, unknown> = { ...(row.metrics ?? {}) };
        for (const [key, value] of Object.entries(row.cell)) {
          const [container, param] = [
            key.slice(0, key.indexOf('.')),
            key.slice(key.indexOf('.') + 1),
          ];
          scope[container] = { ...(scope[container] as object), [param]: value };
        }
        return compiled.test!.test(scope);
      });
    }
    if (!sort) return rankRows(list, metric);
    const value = (row: CellResult) =>
      sort.metric ? (row.metrics?.[sort.key as MetricKey] ?? Number.NaN) : row.cell[sort.key];
    return list.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = x === y ? a.index - b.index : (x as number) < (y as number) ? -1 : 1;
      return sort.descending ? -order : order;
    });
  }, [rows, compiled, sort, metric]);

  const header = (key: string, label: string, metricColumn: boolean) => {
    const active = sort?.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="link"
          onClick={() =>
            setSort(
              active
                ? { ...sort, descending: !sort.descending }
                : { key, metric: metricColumn, descending: metricColumn },
            )
          }
        >
          {label}
          {active ? (sort.descending ? ' ▾' : ' ▴') : ''}
        </button>
      </th>
    );
  };

  return (
    <div className="sweep-table">
      <label className="sweep-filter">
        Filter
        <input
          type="text"
          value={filter}
          placeholder="sharpe > 0.5 and sma_fast.period < 20"
          aria-invalid={compiled.error !== null}
          onChange={(event) => setFilter(event.target.value)}
        />
        <small className={compiled.error ? 'field-error' : 'muted'}>
          {compiled.error ??
            `${shown.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} runs${sort ? '' : `, best ${metric} first`}`}
        </small>
      </label>
      <div className="table-scroll">
        <table aria-label="Sweep runs">
          <thead>
            <tr>
              {header('#', '#', false)}
              {axes.map((axis) => header(axis.key, axis.key, false))}
              {COLUMNS.map((key) =>
                header(key, OBJECTIVES.find((o) => o.key === key)?.label ?? key, true),
              )}
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((row) => (
              <tr key={row.index} className={row.error ? 'failed' : undefined}>
                <td>{row.index}</td>
                {axes.map((axis) => (
                  <td key={axis.key}>{String(row.cell[axis.key])}</td>
                ))}
                {COLUMNS.map((key) => (
                  <td key={key} className="num">
                    {row.error ? '—' : formatMetric(key, row.metrics?.[key])}
                  </td>
                ))}
                <td>
                  {row.error ? (
                    <span className="field-error" title={row.error}>
                      failed: {row.error}
                    </span>
                  ) : (
                    <button type="button" className="link" onClick={() => openCell(flow, row)}>
                      Open{row.mode === 'replay' ? ' (replayed)' : ''}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length > SHOWN && (
          <p className="muted">
            Showing the first {SHOWN} of {shown.length.toLocaleString('en-US')}: sort or filter to
            see others; sweep.csv (Export) has them all.
          </p>
        )}
      </div>
    </div>
  );
}
