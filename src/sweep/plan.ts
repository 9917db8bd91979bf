/**
 * A sweep planned from a grid flow: its cells as jobs, in an order that keeps the cells of one
 * signal-replay group together (the execution-side parameters change fastest), so a worker that
 * recorded a group's signals replays the rest of it.
 */
import { paramsByContainer } from '../flow/compile';
import { type GridAxis, gridCells, type SweepSettings } from '../flow/grid';
import type { FlowModel } from '../flow/model';
import { parseFlow } from '../flow/parse';
import type { CellJob, DataRef, TimeWindow } from './job';

export interface SweepPlan {
  readonly model: FlowModel;
  readonly axes: readonly GridAxis[];
  readonly jobs: readonly CellJob[];
}

const EXECUTION_SIDE = new Set(['risk', 'execution', 'portfolio']);

export type Planned =
  | { readonly ok: true; readonly plan: SweepPlan }
  | { readonly ok: false; readonly problems: readonly string[] };

export function planSweep(flow: string, data: DataRef, window?: TimeWindow): Planned {
  const parsed = parseFlow(flow);
  if (!parsed.ok || !parsed.model) {
    return {
      ok: false,
      problems: parsed.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `line ${d.line}:${d.column}: ${d.message}`),
    };
  }
  const model = parsed.model;
  const grid = model.grid;
  if (!grid) return { ok: true, plan: { model, axes: [], jobs: [job(flow, data, 0, {}, window)] } };
  const kinds = new Map(model.containers.map((c) => [c.name, c.kind]));
  const signalSide = grid.axes.filter(
    (axis) => !EXECUTION_SIDE.has(kinds.get(axis.container) ?? ''),
  );
  const groupOf = (cell: Record<string, unknown>) =>
    JSON.stringify(signalSide.map((axis) => cell[axis.key]));
  const cells = [...gridCells(grid, paramsByContainer(model))];
  const order = new Map<string, number>();
  for (const { cell } of cells) if (!order.has(groupOf(cell))) order.set(groupOf(cell), order.size);
  const jobs = cells
    .map(({ index, cell }) => ({ ...job(flow, data, index, cell, window), group: groupOf(cell) }))
    .sort((a, b) => order.get(groupOf(a.cell))! - order.get(groupOf(b.cell))! || a.index - b.index);
  return { ok: true, plan: { model, axes: grid.axes, jobs } };
}

function job(
  flow: string,
  data: DataRef,
  index: number,
  cell: CellJob['cell'],
  window: TimeWindow | undefined,
): CellJob {
  return { flow, data, index, cell, ...(window ? { window } : {}) };
}

/**
 * A plan as plain data, for a host that plans in a worker and runs the jobs from the page: the
 * model itself holds compiled conditions (functions), which cannot cross to another thread.
 */
export interface PlanOutline {
  readonly name: string;
  readonly axes: readonly GridAxis[];
  readonly jobs: readonly CellJob[];
  readonly sweep: SweepSettings;
}

export type Outlined =
  | { readonly ok: true; readonly plan: PlanOutline }
  | { readonly ok: false; readonly problems: readonly string[] };

export function outlineSweep(flow: string, data: DataRef): Outlined {
  const planned = planSweep(flow, data);
  if (!planned.ok) return planned;
  const { model, axes, jobs } = planned.plan;
  return { ok: true, plan: { name: model.name, axes, jobs, sweep: model.sweep } };
}
