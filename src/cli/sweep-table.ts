/** A sweep's rows as a text table: the swept values, the main metrics, and how each cell ran. */
import type { GridAxis } from '../flow/grid';
import type { CellResult } from '../sweep/job';

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
const ratio = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : Number.isNaN(v) ? '—' : '∞');

const COLUMNS: readonly [string, (row: CellResult) => string][] = [
  ['Return', (r) => (r.metrics ? percent(r.metrics.total_return) : '—')],
  ['CAGR', (r) => (r.metrics ? percent(r.metrics.cagr) : '—')],
  ['Sharpe', (r) => (r.metrics ? ratio(r.metrics.sharpe) : '—')],
  ['Max DD', (r) => (r.metrics ? percent(r.metrics.max_drawdown) : '—')],
  ['Trades', (r) => (r.metrics ? String(r.metrics.trades) : '—')],
  ['Win rate', (r) => (r.metrics ? percent(r.metrics.win_rate) : '—')],
  ['Final equity', (r) => (r.metrics ? r.metrics.final_equity.toFixed(2) : '—')],
  ['Run', (r) => (r.error ? 'failed' : r.mode)],
];

export function sweepTable(axes: readonly GridAxis[], rows: readonly CellResult[]): string {
  const header = ['#', ...axes.map((axis) => axis.key), ...COLUMNS.map(([label]) => label)];
  const body = rows.map((row) => [
    String(row.index),
    ...axes.map((axis) => String(row.cell[axis.key])),
    ...COLUMNS.map(([, format]) => format(row)),
  ]);
  const widths = header.map((label, i) =>
    Math.max(label.length, ...body.map((line) => line[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 || i > axes.length ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
