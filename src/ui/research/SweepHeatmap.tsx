/**
 * A metric over two swept parameters, as backtesting.py's optimize heatmap: the other parameters
 * aggregated (best, mean or worst of the runs sharing the two values) or fixed at a value; with
 * one parameter, a line. Each cell is a button: click it (or Enter) to open that run in the
 * simulator. The best cell is outlined.
 */
import { useMemo, useState } from 'react';
import { type GridAxis, type GridValue, OBJECTIVES } from '../../flow';
import {
  type Aggregate,
  bestRow,
  heatmap,
  type MetricKey,
  metricLine,
} from '../../sweep/aggregate';
import type { CellResult } from '../../sweep/job';
import { formatMetric, openCell } from './format';

/** Red (worst) through yellow to green (best), for light and dark themes alike. */
function colour(value: number, min: number, max: number, higherIsBetter: boolean): string {
  if (!Number.isFinite(value)) return 'transparent';
  let t = max === min ? 0.5 : (value - min) / (max - min);
  if (!higherIsBetter) t = 1 - t;
  return `hsl(${Math.round(t * 120)} 65% 45% / 0.85)`;
}

export function SweepHeatmap({
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
  const [xKey, setX] = useState(axes[0]?.key ?? '');
  const [yKey, setY] = useState(axes[1]?.key ?? '');
  const [others, setOthers] = useState<Record<string, Aggregate | `=${number}`>>({});
  const xAxis = axes.find((axis) => axis.key === xKey) ?? axes[0];
  const yAxis = axes.find((axis) => axis.key === yKey && axis.key !== xAxis?.key);
  const higher = OBJECTIVES.find((o) => o.key === metric)?.higherIsBetter ?? true;
  const rest = axes.filter((axis) => axis !== xAxis && axis !== yAxis);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rest` is keyed by its axes' names.
  const options = useMemo(() => {
    const fixed: Record<string, GridValue> = {};
    let aggregate: Aggregate = 'best';
    for (const axis of rest) {
      const choice = others[axis.key] ?? 'best';
      if (choice.startsWith('=')) fixed[axis.key] = axis.values[Number(choice.slice(1))]!;
      else aggregate = choice as Aggregate;
    }
    return { ...(Object.keys(fixed).length > 0 ? { fixed } : {}), aggregate };
  }, [rest.map((axis) => axis.key).join('|'), others]);
  const map = useMemo(
    () => (xAxis && yAxis ? heatmap(rows, xAxis, yAxis, metric, options) : null),
    [rows, xAxis, yAxis, metric, options],
  );
  const line = useMemo(
    () => (xAxis && !yAxis ? metricLine(rows, xAxis, metric, options) : null),
    [rows, xAxis, yAxis, metric, options],
  );
  const best = bestRow(rows, metric);
  if (!xAxis) return <p className="muted">No swept parameter.</p>;
  return (
    <div className="sweep-heatmap">
      <div className="heatmap-controls">
        <label>
          Across
          <select value={xAxis.key} onChange={(event) => setX(event.target.value)}>
            {axes.map((axis) => (
              <option key={axis.key} value={axis.key}>
                {axis.key}
              </option>
            ))}
          </select>
        </label>
        <label>
          Down
          <select value={yAxis?.key ?? ''} onChange={(event) => setY(event.target.value)}>
            <option value="">(none: a line)</option>
            {axes
              .filter((axis) => axis !== xAxis)
              .map((axis) => (
                <option key={axis.key} value={axis.key}>
                  {axis.key}
                </option>
              ))}
          </select>
        </label>
        {rest.map((axis) => (
          <label key={axis.key}>
            {axis.key}
            <select
              value={others[axis.key] ?? 'best'}
              onChange={(event) =>
                setOthers({ ...others, [axis.key]: event.target.value as Aggregate | `=${number}` })
              }
            >
              <option value="best">best of</option>
              <option value="mean">mean of</option>
              <option value="worst">worst of</option>
              {axis.values.map((value, i) => (
                <option key={String(value)} value={`=${i}`}>
                  = {String(value)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {map && yAxis && (
        <section
          className="heatmap-grid"
          aria-label={`${metric} by ${xAxis.key} and ${yAxis.key}`}
          style={{ gridTemplateColumns: `auto repeat(${map.x.length}, minmax(2.6rem, 1fr))` }}
        >
          <div className="heatmap-corner">
            {yAxis.key} ↓ · {xAxis.key} →
          </div>
          {map.x.map((x) => (
            <div key={String(x)} className="heatmap-head">
              {String(x)}
            </div>
          ))}
          {map.y.map((y, yi) => (
            <div key={String(y)} className="heatmap-row">
              <div className="heatmap-head">{String(y)}</div>
              {map.x.map((x, xi) => {
                const value = map.values[yi]![xi]!;
                const row = map.rows[yi]![xi];
                const isBest = row !== null && row?.index === best?.index;
                return (
                  <button
                    key={String(x)}
                    type="button"
                    className={`heatmap-cell${isBest ? ' best' : ''}`}
                    disabled={!row}
                    style={
                      row ? { background: colour(value, map.min, map.max, higher) } : undefined
                    }
                    title={
                      row
                        ? `${xAxis.key} = ${String(x)}, ${yAxis.key} = ${String(y)}: ${metric} ${formatMetric(metric, value)} (run #${row.index}; click to open)`
                        : 'no run'
                    }
                    aria-label={`${xAxis.key} ${String(x)}, ${yAxis.key} ${String(y)}: ${formatMetric(metric, value)}${isBest ? ', best' : ''}`}
                    onClick={() => row && openCell(flow, row)}
                  >
                    {formatMetric(metric, value)}
                  </button>
                );
              })}
            </div>
          ))}
        </section>
      )}
      {line && <MetricLine axis={xAxis} line={line} metric={metric} flow={flow} />}
    </div>
  );
}

function MetricLine({
  axis,
  line,
  metric,
  flow,
}: {
  axis: GridAxis;
  line: ReturnType<typeof metricLine>;
  metric: MetricKey;
  flow: string;
}) {
  const finite = line.values.filter(Number.isFinite);
  const min = Math.min(...finite, 0);
  const max = Math.max(...finite, 0);
  const width = 560;
  const height = 180;
  const x = (i: number) => 40 + (i * (width - 60)) / Math.max(1, line.x.length - 1);
  const y = (v: number) => height - 20 - ((v - min) / (max - min || 1)) * (height - 40);
  const points = line.values
    .map((value, i) => (Number.isFinite(value) ? `${x(i)},${y(value)}` : null))
    .filter(Boolean)
    .join(' ');
  return (
    <figure className="metric-line">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${metric} by ${axis.key}`}>
        <line x1={40} x2={width - 20} y1={y(0)} y2={y(0)} className="axis" />
        <polyline points={points} className="series" />
        {line.values.map((value, i) =>
          Number.isFinite(value) && line.rows[i] ? (
            // biome-ignore lint/a11y/useSemanticElements: an SVG point cannot be a <button>.
            <circle
              key={String(line.x[i])}
              cx={x(i)}
              cy={y(value)}
              r={5}
              role="button"
              tabIndex={0}
              aria-label={`${axis.key} ${String(line.x[i])}: ${formatMetric(metric, value)}`}
              onClick={() => openCell(flow, line.rows[i]!)}
              onKeyDown={(event) => event.key === 'Enter' && openCell(flow, line.rows[i]!)}
            >
              <title>{`${axis.key} = ${String(line.x[i])}: ${formatMetric(metric, value)}`}</title>
            </circle>
          ) : null,
        )}
        {line.x.map((value, i) => (
          <text key={String(value)} x={x(i)} y={height - 4} textAnchor="middle">
            {String(value)}
          </text>
        ))}
        <text x={4} y={y(max) + 4}>
          {formatMetric(metric, max)}
        </text>
        <text x={4} y={y(min) + 4}>
          {formatMetric(metric, min)}
        </text>
      </svg>
      <figcaption className="muted">
        {metric} by {axis.key}
      </figcaption>
    </figure>
  );
}
