/**
 * The flow's `sweep:` block and the grid it governs: settings with their defaults, constraints
 * parsed and checked, the count of runs the grid expands to, and the limit that refuses a grid
 * too large, with its count.
 */

import type { Problem } from './analyse';
import { findComponent } from './catalogue';
import {
  countGrid,
  DEFAULT_SWEEP,
  DEFAULT_WALK_FORWARD,
  type FlowGrid,
  type GridAxis,
  readConstraints,
  type SweepSettings,
} from './grid';
import type { FlowContainer } from './model';
import { asRecord } from './raw';

export function readSweep(
  raw: unknown,
  axes: readonly GridAxis[],
  containers: ReadonlyMap<string, FlowContainer>,
  report: (problem: Problem) => void,
): { grid: FlowGrid | null; sweep: SweepSettings } {
  const block = asRecord(raw);
  const given = Array.isArray(block.constraints) ? block.constraints : [];
  const constraints = given.filter((c): c is string => typeof c === 'string');
  const walk = asRecord(block.walk_forward);
  const sweep: SweepSettings = {
    constraints,
    max_runs:
      typeof block.max_runs === 'number' && block.max_runs >= 1
        ? Math.floor(block.max_runs)
        : DEFAULT_SWEEP.max_runs,
    metric: typeof block.metric === 'string' ? block.metric : DEFAULT_SWEEP.metric,
    walk_forward: {
      mode: walk.mode === 'anchored' ? 'anchored' : DEFAULT_WALK_FORWARD.mode,
      in_sample:
        typeof walk.in_sample === 'number' ? walk.in_sample : DEFAULT_WALK_FORWARD.in_sample,
      out_of_sample:
        typeof walk.out_of_sample === 'number'
          ? walk.out_of_sample
          : DEFAULT_WALK_FORWARD.out_of_sample,
    },
  };
  const components = new Map(
    [...containers.values()].map((c) => [
      c.name,
      c.component ? findComponent(c.component) : undefined,
    ]),
  );
  const read = readConstraints(constraints, components);
  for (const problem of read.problems) {
    report({
      severity: 'error',
      message: `Constraint: ${problem.message}`,
      path: ['sweep', 'constraints', problem.index],
      inside: { from: problem.from, to: problem.to },
    });
  }
  if (axes.length === 0) {
    if (constraints.length > 0)
      report({
        severity: 'warning',
        message: 'These constraints apply to nothing yet: no parameter holds a list or a range',
        path: ['sweep', 'constraints'],
        key: true,
      });
    return { grid: null, sweep };
  }
  const params = Object.fromEntries([...containers.values()].map((c) => [c.name, c.params]));
  const count = countGrid(axes, read.compiled, read.reads, params);
  const first = axes[0]!;
  const at = ['containers', first.container, 'params', first.param];
  if (count.runs === 0) {
    report({
      severity: 'error',
      message: `The constraints leave none of the ${count.total.toLocaleString('en-US')} combinations of the grid`,
      path: ['sweep', 'constraints'],
      key: true,
    });
  } else if (count.runs > sweep.max_runs) {
    report({
      severity: 'error',
      message: `This grid expands to ${count.runs.toLocaleString('en-US')} runs${count.exact ? '' : ' (before constraints)'}, above the limit of ${sweep.max_runs.toLocaleString('en-US')}: narrow a list or a range, or raise sweep.max_runs`,
      path: at,
      container: first.container,
    });
  }
  return {
    grid: {
      axes,
      constraints: read.compiled,
      total: count.total,
      runs: count.runs,
      exact: count.exact,
      settings: sweep,
    },
    sweep,
  };
}
