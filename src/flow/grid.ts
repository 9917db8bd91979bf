/**
 * Parameter grids: a numeric, choice or true/false parameter may hold several values instead of
 * one, and the flow then stands for every combination of them (a sweep). The forms are a list
 * (`[5, 10, 20]`), a range (`{ from: 5, to: 50, step: 5 }`) and ADMF-PC's `"range(5, 50, 5)"`
 * (its stop included, as ADMF-PC's own parser does). Constraints between parameters are
 * conditions in the engine's condition language over the containers' parameters
 * (`sma_fast.period < sma_slow.period`); combinations that fail one are left out.
 *
 * This module reads grids out of a container's params, checks them, counts the combinations and
 * enumerates them as cells: plain objects from "container.param" to a value, which a sweep sends
 * to its workers and `compileFlow` applies.
 */
import { type CompiledCondition, compileCondition, parseCondition } from '../engine/condition';
import type { ConditionNode } from '../engine/condition/ast';
import type { ComponentSpec, ParamSpec } from './catalogue';

export type GridValue = number | string | boolean;

/** One swept parameter. */
export interface GridAxis {
  readonly container: string;
  readonly param: string;
  /** "container.param": the key of this axis in a cell. */
  readonly key: string;
  readonly values: readonly GridValue[];
  /** How the user wrote it, shortly: "5, 10, 20" or "5 to 50 step 5". */
  readonly label: string;
  /** The value as written in the YAML, to write it back. */
  readonly written: unknown;
}

/** One combination of a grid: "container.param" → value. */
export type Cell = Readonly<Record<string, GridValue>>;

export interface SweepSettings {
  readonly constraints: readonly string[];
  /** The most runs a grid may expand to; a larger grid is refused with its count. */
  readonly max_runs: number;
  /** The metric that decides the best run (heatmaps, walk-forward). */
  readonly metric: string;
  readonly walk_forward: WalkForwardSettings;
}

export interface WalkForwardSettings {
  /** rolling: each in-sample window has the same length; anchored: each starts at the first bar. */
  readonly mode: 'rolling' | 'anchored';
  /** Bars in each in-sample window (for anchored, the first one). */
  readonly in_sample: number;
  /** Bars in each out-of-sample window; windows advance by this much. */
  readonly out_of_sample: number;
}

export const DEFAULT_MAX_RUNS = 10_000;
export const DEFAULT_WALK_FORWARD: WalkForwardSettings = {
  mode: 'rolling',
  in_sample: 504,
  out_of_sample: 126,
};
export const DEFAULT_SWEEP: SweepSettings = {
  constraints: [],
  max_runs: DEFAULT_MAX_RUNS,
  metric: 'sharpe',
  walk_forward: DEFAULT_WALK_FORWARD,
};
/** Constraints are counted exactly up to this many combinations of the parameters they read. */
const MAX_CONSTRAINT_ENUMERATION = 1_000_000;
/** A list or range may hold at most this many values (a typo such as step 0.0001 stops here). */
export const MAX_AXIS_VALUES = 100_000;

export interface FlowGrid {
  readonly axes: readonly GridAxis[];
  readonly constraints: readonly CompiledCondition[];
  /** Every combination, before constraints. */
  readonly total: number;
  /** Combinations the constraints leave (equal to total when there are none). */
  readonly runs: number;
  /** False when there were too many combinations to count the constraints exactly. */
  readonly exact: boolean;
  readonly settings: SweepSettings;
}

const SWEEPABLE = new Set<ParamSpec['type']>(['integer', 'number', 'enum', 'boolean', 'feature']);
const RANGE_TEXT =
  /^\s*range\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(?:,\s*(-?\d+(?:\.\d+)?)\s*)?\)\s*$/;

export function isSweepable(spec: ParamSpec): boolean {
  return SWEEPABLE.has(spec.type);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a param's raw value is written as a grid (whatever its validity). */
export function isGridValue(spec: ParamSpec, value: unknown): boolean {
  if (spec.type === 'tiers') return false;
  if (Array.isArray(value)) return true;
  if (isRecord(value) && ('from' in value || 'to' in value || 'step' in value)) return true;
  return typeof value === 'string' && /^\s*range\s*\(/.test(value) && spec.type !== 'string';
}

export type GridRead =
  | { readonly ok: true; readonly values: GridValue[]; readonly label: string }
  | { readonly ok: false; readonly message: string };

/** The values of one grid-valued parameter, or why it cannot be read. */
export function readGridValue(spec: ParamSpec, value: unknown): GridRead {
  if (!isSweepable(spec))
    return {
      ok: false,
      message: `${spec.label} cannot be swept: only numbers, choices and true/false can hold several values`,
    };
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, message: 'A list of values needs at least one' };
    if (value.length > MAX_AXIS_VALUES)
      return { ok: false, message: `A list may hold at most ${MAX_AXIS_VALUES} values` };
    const bad = value.find(
      (item) => typeof item !== 'number' && typeof item !== 'string' && typeof item !== 'boolean',
    );
    if (bad !== undefined)
      return { ok: false, message: 'A list of values holds plain numbers, words or true/false' };
    const values = value as GridValue[];
    const repeated = values.find((item, index) => values.indexOf(item) !== index);
    if (repeated !== undefined)
      return { ok: false, message: `The value ${String(repeated)} is listed twice` };
    return { ok: true, values, label: values.map(String).join(', ') };
  }
  if (spec.type !== 'integer' && spec.type !== 'number')
    return { ok: false, message: `${spec.label} takes a list of values, not a range` };
  let from: unknown;
  let to: unknown;
  let step: unknown;
  if (typeof value === 'string') {
    const match = RANGE_TEXT.exec(value);
    if (!match)
      return {
        ok: false,
        message: 'Write a range as range(start, stop, step), for example range(5, 50, 5)',
      };
    from = Number(match[1]);
    to = Number(match[2]);
    step = match[3] === undefined ? 1 : Number(match[3]);
  } else {
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).find((key) => !['from', 'to', 'step'].includes(key));
    if (unknown !== undefined)
      return { ok: false, message: `A range has from, to and step, not "${unknown}"` };
    from = record.from;
    to = record.to;
    step = record.step ?? 1;
  }
  if (typeof from !== 'number' || typeof to !== 'number' || typeof step !== 'number')
    return { ok: false, message: 'A range needs numbers: from, to and step' };
  if (!(step > 0)) return { ok: false, message: 'A range needs a step above 0' };
  if (to < from) return { ok: false, message: `A range runs upward: ${to} is below ${from}` };
  if (spec.type === 'integer' && ![from, to, step].every(Number.isInteger))
    return { ok: false, message: `${spec.label} is a whole number: from, to and step must be too` };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES)
    return {
      ok: false,
      message: `This range holds ${count.toLocaleString('en-US')} values; at most ${MAX_AXIS_VALUES.toLocaleString('en-US')}`,
    };
  const values: number[] = [];
  // Multiples of the step, rounded, so 0.1 steps give 0.3 and not 0.30000000000000004.
  for (let i = 0; i < count; i++) values.push(Number((from + i * step).toPrecision(12)));
  return { ok: true, values, label: `${from} to ${values.at(-1)} step ${step}` };
}

/** Mixed-radix enumeration: the first axis changes slowest, the last fastest. */
export function cellAt(axes: readonly GridAxis[], index: number): Record<string, GridValue> {
  const picked: GridValue[] = new Array(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const axis = axes[a]!;
    picked[a] = axis.values[rest % axis.values.length]!;
    rest = Math.floor(rest / axis.values.length);
  }
  const cell: Record<string, GridValue> = {};
  axes.forEach((axis, a) => {
    cell[axis.key] = picked[a]!;
  });
  return cell;
}

/** The object a constraint is evaluated against: each container's params with the cell applied. */
export function constraintScope(
  params: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  cell: Cell,
): Record<string, Record<string, unknown>> {
  const scope: Record<string, Record<string, unknown>> = {};
  for (const [container, values] of Object.entries(params)) scope[container] = { ...values };
  for (const [key, value] of Object.entries(cell)) {
    const dot = key.indexOf('.');
    const container = key.slice(0, dot);
    scope[container] ??= {};
    scope[container]![key.slice(dot + 1)] = value;
  }
  return scope;
}

export interface ConstraintProblem {
  readonly index: number;
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

/** Parses the constraints and checks that each `container.param` they read exists. */
export function readConstraints(
  sources: readonly string[],
  components: ReadonlyMap<string, ComponentSpec | undefined>,
): { compiled: CompiledCondition[]; reads: Set<string>[]; problems: ConstraintProblem[] } {
  const compiled: CompiledCondition[] = [];
  const reads: Set<string>[] = [];
  const problems: ConstraintProblem[] = [];
  sources.forEach((source, index) => {
    const parsed = parseCondition(source, { names: [...components.keys()] });
    if (!parsed.ok) {
      problems.push({ index, message: parsed.error.message, ...spanOf(parsed.error) });
      return;
    }
    const used = new Set<string>();
    let problem: ConstraintProblem | null = null;
    visit(parsed.condition.ast, (node) => {
      if (node.kind !== 'member' || node.computed) return;
      if (node.object.kind !== 'name' || !node.object.scoped) return;
      if (node.property.kind !== 'literal') return;
      const container = node.object.name;
      const param = String(node.property.value);
      const spec = components.get(container);
      if (spec && !(param in spec.params)) {
        problem ??= {
          index,
          message: `"${container}" has no parameter "${param}" (it has ${Object.keys(spec.params).join(', ')})`,
          from: node.property.start,
          to: node.property.end,
        };
      }
      used.add(`${container}.${param}`);
    });
    if (problem) {
      problems.push(problem);
      return;
    }
    compiled.push(compileCondition(parsed.condition));
    reads.push(used);
  });
  return { compiled, reads, problems };
}

function spanOf(error: { start: number; end: number }) {
  return { from: error.start, to: error.end };
}

function visit(node: ConditionNode, see: (node: ConditionNode) => void): void {
  see(node);
  switch (node.kind) {
    case 'member':
      visit(node.object, see);
      visit(node.property, see);
      return;
    case 'array':
      for (const element of node.elements) visit(element, see);
      return;
    case 'unary':
      visit(node.argument, see);
      return;
    case 'binary':
    case 'logical':
      visit(node.left, see);
      visit(node.right, see);
      return;
    default:
      return;
  }
}

/**
 * Counts the combinations the constraints leave. Only the axes the constraints read are
 * enumerated (the others multiply the count), so a 10 × 10 constraint over a grid of a million
 * cells costs a hundred evaluations.
 */
export function countGrid(
  axes: readonly GridAxis[],
  constraints: readonly CompiledCondition[],
  reads: readonly ReadonlySet<string>[],
  params: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): { total: number; runs: number; exact: boolean } {
  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (constraints.length === 0) return { total, runs: total, exact: true };
  const read = new Set(reads.flatMap((set) => [...set]));
  const constrained = axes.filter((axis) => read.has(axis.key));
  const combos = constrained.reduce((product, axis) => product * axis.values.length, 1);
  if (combos > MAX_CONSTRAINT_ENUMERATION) return { total, runs: total, exact: false };
  let kept = 0;
  for (let i = 0; i < combos; i++) {
    const scope = constraintScope(params, cellAt(constrained, i));
    if (constraints.every((constraint) => constraint.test(scope))) kept++;
  }
  return { total, runs: (total / combos) * kept, exact: true };
}

/** Every cell of the grid that the constraints keep, in order, each with its index in the grid. */
export function* gridCells(
  grid: Pick<FlowGrid, 'axes' | 'constraints'>,
  params: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Generator<{ readonly index: number; readonly cell: Cell }> {
  const total = grid.axes.reduce((product, axis) => product * axis.values.length, 1);
  for (let index = 0; index < total; index++) {
    const cell = cellAt(grid.axes, index);
    if (grid.constraints.length > 0) {
      const scope = constraintScope(params, cell);
      if (!grid.constraints.every((constraint) => constraint.test(scope))) continue;
    }
    yield { index, cell };
  }
}

/** "sma_fast.period = 10, sma_slow.period = 30" */
export function describeCell(cell: Cell): string {
  return Object.entries(cell)
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join(', ');
}
