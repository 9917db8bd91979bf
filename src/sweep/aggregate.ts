/**
 * What a sweep's rows become for people: the best row by a metric, the rows as CSV, a metric over
 * two parameters as a heatmap (the other parameters fixed at chosen values or aggregated), and
 * over one as a line. Pure functions over plain rows, for the app, the runner and tests.
 */
import type { Metrics } from '../engine/metrics/metrics';
import { findObjective, OBJECTIVES } from '../engine/metrics/objectives';
import type { GridAxis, GridValue } from '../flow/grid';
import type { CellResult } from './job';

export type MetricKey = keyof Metrics;

/** A comparable value: NaN and missing are worst; ∞ (profit factor without a loss) is kept. */
export function metricOf(row: CellResult, metric: MetricKey): number {
  const value = row.metrics?.[metric];
  return typeof value === 'number' && !Number.isNaN(value) ? value : Number.NaN;
}

/** Sorts rows best first by a metric (direction from the objectives list), failures last. */
export function rankRows(rows: readonly CellResult[], metric: MetricKey): CellResult[] {
  const higher = findObjective(metric)?.higherIsBetter ?? true;
  return [...rows].sort((a, b) => {
    const x = metricOf(a, metric);
    const y = metricOf(b, metric);
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number.isNaN(x) ? (Number.isNaN(y) ? a.index - b.index : 1) : -1;
    return (higher ? y - x : x - y) || a.index - b.index;
  });
}

export function bestRow(rows: readonly CellResult[], metric: MetricKey): CellResult | null {
  const best = rankRows(rows, metric)[0];
  return best && !Number.isNaN(metricOf(best, metric)) ? best : null;
}

/** One row per run: its index, each swept parameter, every metric, how it ran, any error. */
export function sweepCsv(axes: readonly GridAxis[], rows: readonly CellResult[]): string {
  const header = [
    'index',
    ...axes.map((axis) => axis.key),
    ...OBJECTIVES.map((o) => o.key),
    'bars',
    'mode',
    'error',
  ];
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [...rows]
    .sort((a, b) => a.index - b.index)
    .map((row) =>
      [
        row.index,
        ...axes.map((axis) => row.cell[axis.key]),
        ...OBJECTIVES.map((o) => (row.metrics ? row.metrics[o.key] : '')),
        row.bars,
        row.mode,
        row.error ?? '',
      ]
        .map(quote)
        .join(','),
    );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

export type Aggregate = 'best' | 'mean' | 'worst';

export interface Heatmap {
  readonly x: readonly GridValue[];
  readonly y: readonly GridValue[];
  /** values[yi][xi]: the metric, NaN where no run fills the cell. */
  readonly values: readonly (readonly number[])[];
  /** The row behind each cell (the best one when aggregated), to open it. */
  readonly rows: readonly (readonly (CellResult | null)[])[];
  readonly min: number;
  readonly max: number;
}

/**
 * A metric over two swept parameters. The other parameters are either fixed at the values in
 * `fixed` (rows with other values are left out) or aggregated over (best, mean or worst of the
 * runs that share the two values).
 */
export function heatmap(
  rows: readonly CellResult[],
  xAxis: GridAxis,
  yAxis: GridAxis,
  metric: MetricKey,
  options: { fixed?: Readonly<Record<string, GridValue>>; aggregate?: Aggregate } = {},
): Heatmap {
  const aggregate = options.aggregate ?? 'best';
  const buckets = yAxis.values.map(() => xAxis.values.map((): CellResult[] => []));
  for (const row of rows) {
    if (row.metrics === null) continue;
    if (
      options.fixed &&
      Object.entries(options.fixed).some(([key, value]) => row.cell[key] !== value)
    )
      continue;
    const xi = xAxis.values.indexOf(row.cell[xAxis.key]!);
    const yi = yAxis.values.indexOf(row.cell[yAxis.key]!);
    if (xi >= 0 && yi >= 0) buckets[yi]![xi]!.push(row);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const cells = buckets.map((line) =>
    line.map((bucket) => {
      const ranked = rankRows(bucket, metric).filter((row) => !Number.isNaN(metricOf(row, metric)));
      if (ranked.length === 0) return { value: Number.NaN, row: null };
      const values = ranked.map((row) => metricOf(row, metric));
      const value =
        aggregate === 'mean'
          ? values.reduce((sum, v) => sum + v, 0) / values.length
          : aggregate === 'worst'
            ? values.at(-1)!
            : values[0]!;
      if (Number.isFinite(value)) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      return { value, row: aggregate === 'worst' ? ranked.at(-1)! : ranked[0]! };
    }),
  );
  return {
    x: xAxis.values,
    y: yAxis.values,
    values: cells.map((line) => line.map((cell) => cell.value)),
    rows: cells.map((line) => line.map((cell) => cell.row)),
    min: Number.isFinite(min) ? min : 0,
    max: Number.isFinite(max) ? max : 0,
  };
}

/** A metric over one swept parameter: one point per value (the others fixed or aggregated). */
export function metricLine(
  rows: readonly CellResult[],
  axis: GridAxis,
  metric: MetricKey,
  options: { fixed?: Readonly<Record<string, GridValue>>; aggregate?: Aggregate } = {},
): { x: readonly GridValue[]; values: number[]; rows: (CellResult | null)[] } {
  const single: GridAxis = {
    container: '',
    param: '',
    key: '\u0000',
    values: [0],
    label: '',
    written: null,
  };
  const map = heatmap(
    rows.map((row) => ({ ...row, cell: { ...row.cell, '\u0000': 0 } })),
    axis,
    single,
    metric,
    options,
  );
  return {
    x: map.x,
    values: [...map.values[0]!],
    rows: map.rows[0]!.map((row) => (row ? rows.find((r) => r.index === row.index)! : null)),
  };
}
