/**
 * A queue job's cell must be a cell of its own flow's grid: its index within the grid and its
 * values exactly those the grid gives that index. A flow file's values are checked against the
 * catalogue when it is parsed; this keeps a job from slipping in values its flow never allowed.
 */
import { cellAt } from '../flow/grid';
import type { FlowModel } from '../flow/model';
import { parseFlow } from '../flow/parse';
import type { CellJob } from '../sweep/job';

const models = new Map<string, FlowModel | null>();
const KEEP = 4;

function modelOf(flow: string): FlowModel | null {
  const cached = models.get(flow);
  if (cached !== undefined) return cached;
  const parsed = parseFlow(flow);
  const model = parsed.ok && parsed.model ? parsed.model : null;
  models.set(flow, model);
  if (models.size > KEEP) models.delete(models.keys().next().value as string);
  return model;
}

/** Why the job's cell is not one of its flow's, or null when it is (or the flow has errors,
 * which the cell runner reports in its own words). */
export function cellProblem(job: CellJob): string | null {
  const model = modelOf(job.flow);
  if (!model) return null;
  const given = Object.keys(job.cell);
  if (!model.grid) {
    return job.index === 0 && given.length === 0
      ? null
      : `the job's cell #${job.index} is not a cell of its flow, which sweeps nothing`;
  }
  const total = model.grid.axes.reduce((product, axis) => product * axis.values.length, 1);
  if (job.index >= total)
    return `the job's cell #${job.index} is past the end of its flow's grid (${total} cells)`;
  const expected = cellAt(model.grid.axes, job.index);
  const keys = Object.keys(expected);
  const same =
    given.length === keys.length &&
    keys.every((key) => Object.hasOwn(job.cell, key) && Object.is(job.cell[key], expected[key]));
  return same ? null : `the job's values are not those of cell #${job.index} of its flow's grid`;
}
