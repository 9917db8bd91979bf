/** How sweep figures read on the page: as the objectives list says (percent, ratio, money, count). */
import { type Cell, cellFlowText, describeCell, findObjective } from '../../flow';
import type { CellResult } from '../../sweep/job';
import { useRun } from '../run/runStore';

export function formatMetric(key: string, value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  switch (findObjective(key)?.format) {
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'money':
      return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
    case 'count':
      return String(value);
    default:
      return value.toFixed(2);
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Opens one run of a sweep in the simulator: its flow with the cell's values, run at once. */
export function openCell(flow: string, row: Pick<CellResult, 'index' | 'cell'>): void {
  openCellValues(flow, row.index, row.cell);
}

export function openCellValues(flow: string, index: number, cell: Cell): void {
  useRun.getState().runCell(cellFlowText(flow, cell), `Sweep run #${index}: ${describeCell(cell)}`);
}
