/**
 * Rule expressions evaluated bar by bar. A parsed expression is first bound to what its names mean
 * (a bar field, an indicator's output, the position, the regime), then compiled into closures that
 * read one frame per bar. Offsets (`close[1]`) and window functions (crosses_above, highest, mean…)
 * keep bounded windows of their arguments' past values in a per-symbol state, so each bar costs
 * the same whatever the run's length. Every part of an expression is evaluated on every bar (no
 * short-circuit), so each window sees every bar. Nothing is ever run as code.
 */
import type { ConditionNode, FunctionName, Span } from './ast';
import { BINARY, truthy } from './evaluate';
import type { Condition } from './parse';

export const BAR_FIELDS = [
  'open',
  'high',
  'low',
  'close',
  'volume',
  'hl2',
  'hlc3',
  'ohlc4',
] as const;
export type BarField = (typeof BAR_FIELDS)[number];
export const STATE_NAMES = ['position', 'bars_in_position', 'entry_price', 'regime'] as const;
export type StateName = (typeof STATE_NAMES)[number];

/** What a name of an expression refers to. */
export type Binding =
  | { readonly kind: 'bar'; readonly field: BarField }
  | { readonly kind: 'state'; readonly name: StateName }
  | { readonly kind: 'feature'; readonly name: string; readonly output: string | null };

/** Resolves a name (with the output after a dot, if any) or says why it cannot. */
export type Resolver = (
  name: string,
  output: string | null,
) => Binding | { readonly error: string };

export interface FrameBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What an expression reads on one bar. */
export interface SeriesFrame {
  bar: FrameBar;
  feature(name: string, output: string | null): number | undefined;
  position: number;
  bars_in_position: number;
  entry_price: number | null;
  regime: string | null;
}

export interface FeatureUse {
  readonly name: string;
  readonly output: string | null;
}

/** One symbol's windows of past values. */
export type SeriesState = Slot[];

export interface SeriesProgram {
  readonly source: string;
  /** The indicator outputs it reads, each once. */
  readonly features: readonly FeatureUse[];
  /** The state names it reads (position, regime, …). */
  readonly state: ReadonlySet<StateName>;
  createState(): SeriesState;
  evaluate(frame: SeriesFrame, state: SeriesState): unknown;
}

export type BindResult =
  | { readonly ok: true; readonly program: SeriesProgram }
  | { readonly ok: false; readonly error: Span & { readonly message: string } };

class BindError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

type Value = unknown;
type Evaluator = (frame: SeriesFrame, state: SeriesState) => Value;

/** A ring of the latest `size` values: at(1) is the previous one pushed, at(size) the oldest. */
class Ring {
  private readonly values: Value[];
  private next = 0;
  count = 0;
  constructor(readonly size: number) {
    this.values = new Array(size);
  }
  push(value: Value): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
  }
  /** The value pushed `k` pushes ago (k = 1 is the latest), or undefined before there was one. */
  at(k: number): Value {
    if (k < 1 || k > this.count) return undefined;
    return this.values[(this.next - k + this.size * 2) % this.size];
  }
}

/** A ring that also keeps the sum of its numbers, re-summed exactly every `size` pushes. */
class SumRing extends Ring {
  total = 0;
  invalid = 0;
  private sinceExact = 0;
  add(value: Value): void {
    const dropped = this.count === this.size ? this.at(this.size) : undefined;
    if (this.count === this.size) {
      if (isNumber(dropped)) this.total -= dropped;
      else this.invalid--;
    }
    this.push(value);
    if (isNumber(value)) this.total += value;
    else this.invalid++;
    if (++this.sinceExact >= this.size) {
      this.sinceExact = 0;
      this.total = 0;
      for (let k = 1; k <= this.count; k++) {
        const v = this.at(k);
        if (isNumber(v)) this.total += v;
      }
    }
  }
  get full(): boolean {
    return this.count === this.size && this.invalid === 0;
  }
}

type Slot = Ring;

const isNumber = (value: Value): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Binds an expression's names and compiles it. Errors point at the name or call at fault. */
export function bindExpression(condition: Condition, resolve: Resolver): BindResult {
  const slots: (() => Slot)[] = [];
  const features = new Map<string, FeatureUse>();
  const state = new Set<StateName>();
  const slot = (make: () => Slot) => slots.push(make) - 1;

  const bind = (name: string, output: string | null, span: Span): Evaluator => {
    const binding = resolve(name, output);
    if ('error' in binding) throw new BindError(binding.error, span);
    switch (binding.kind) {
      case 'bar':
        return barReader(binding.field);
      case 'state':
        state.add(binding.name);
        return (frame) => frame[binding.name];
      case 'feature': {
        const use = { name: binding.name, output: binding.output };
        features.set(`${use.name}.${use.output}`, use);
        return (frame) => frame.feature(use.name, use.output);
      }
    }
  };

  const compile = (node: ConditionNode): Evaluator => {
    switch (node.kind) {
      case 'literal': {
        const value = node.value;
        return () => value;
      }
      case 'name':
        return bind(node.name, null, node);
      case 'member': {
        if (node.object.kind === 'name' && node.property.kind === 'literal') {
          return bind(node.object.name, String(node.property.value), node);
        }
        throw new BindError('Only an indicator has outputs to read with a dot', node);
      }
      case 'array': {
        const elements = node.elements.map(compile);
        return (frame, s) => elements.map((element) => element(frame, s));
      }
      case 'unary': {
        const argument = compile(node.argument);
        if (node.operator === 'not' || node.operator === '!')
          return (frame, s) => !truthy(argument(frame, s));
        const sign = node.operator === '-' ? -1 : 1;
        return (frame, s) => {
          const value = argument(frame, s);
          return typeof value === 'number' ? sign * value : undefined;
        };
      }
      case 'logical': {
        const left = compile(node.left);
        const right = compile(node.right);
        // Both sides on every bar: a window inside the right side must see every bar too.
        return node.operator === 'and'
          ? (frame, s) => {
              const a = truthy(left(frame, s));
              const b = truthy(right(frame, s));
              return a && b;
            }
          : (frame, s) => {
              const a = truthy(left(frame, s));
              const b = truthy(right(frame, s));
              return a || b;
            };
      }
      case 'binary': {
        const left = compile(node.left);
        const right = compile(node.right);
        const apply = BINARY[node.operator];
        return (frame, s) => apply(left(frame, s), right(frame, s));
      }
      case 'index': {
        const object = compile(node.object);
        const offset = node.offset;
        if (offset === 0) return object;
        const at = slot(() => new Ring(offset));
        return (frame, s) => {
          const current = object(frame, s);
          const ring = s[at]!;
          const past = ring.at(offset);
          ring.push(current);
          return past;
        };
      }
      case 'call':
        return compileCall(node.name, node.args.map(compile), node.args, slot);
    }
  };

  try {
    const evaluate = compile(condition.ast);
    return {
      ok: true,
      program: {
        source: condition.source,
        features: [...features.values()],
        state,
        createState: () => slots.map((make) => make()),
        evaluate,
      },
    };
  } catch (error) {
    if (error instanceof BindError)
      return {
        ok: false,
        error: { message: error.message, start: error.span.start, end: error.span.end },
      };
    throw error;
  }
}

function barReader(field: BarField): Evaluator {
  switch (field) {
    case 'hl2':
      return ({ bar }) => (bar.high + bar.low) / 2;
    case 'hlc3':
      return ({ bar }) => (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return ({ bar }) => (bar.open + bar.high + bar.low + bar.close) / 4;
    default:
      return ({ bar }) => bar[field];
  }
}

const literalBars = (node: ConditionNode | undefined, fallback: number) =>
  node?.kind === 'literal' && typeof node.value === 'number' ? node.value : fallback;

function compileCall(
  name: FunctionName,
  args: readonly Evaluator[],
  nodes: readonly ConditionNode[],
  slot: (make: () => Slot) => number,
): Evaluator {
  const [a, b, c] = args as [Evaluator, Evaluator, Evaluator];
  switch (name) {
    case 'crosses_above':
    case 'crosses_below': {
      const pastA = slot(() => new Ring(1));
      const pastB = slot(() => new Ring(1));
      const above = name === 'crosses_above';
      return (frame, s) => {
        const x = a(frame, s);
        const y = b(frame, s);
        const px = s[pastA]!.at(1);
        const py = s[pastB]!.at(1);
        s[pastA]!.push(x);
        s[pastB]!.push(y);
        if (!isNumber(x) || !isNumber(y) || !isNumber(px) || !isNumber(py)) return false;
        // As TradingView's ta.crossover: above now, at or below on the bar before.
        return above ? x > y && px <= py : x < y && px >= py;
      };
    }
    case 'change': {
      const bars = literalBars(nodes[1], 1);
      const at = slot(() => new Ring(bars));
      return (frame, s) => {
        const x = a(frame, s);
        const past = s[at]!.at(bars);
        s[at]!.push(x);
        return isNumber(x) && isNumber(past) ? x - past : undefined;
      };
    }
    case 'highest':
    case 'lowest': {
      const bars = literalBars(nodes[1], 1);
      const at = slot(() => new SumRing(bars));
      const pick = name === 'highest' ? Math.max : Math.min;
      return (frame, s) => {
        const ring = s[at] as SumRing;
        ring.add(a(frame, s));
        if (!ring.full) return undefined;
        let best = ring.at(1) as number;
        for (let k = 2; k <= bars; k++) best = pick(best, ring.at(k) as number);
        return best;
      };
    }
    case 'sum':
    case 'mean': {
      const bars = literalBars(nodes[1], 1);
      const at = slot(() => new SumRing(bars));
      const divisor = name === 'mean' ? bars : 1;
      return (frame, s) => {
        const ring = s[at] as SumRing;
        ring.add(a(frame, s));
        return ring.full ? ring.total / divisor : undefined;
      };
    }
    case 'stdev': {
      const bars = literalBars(nodes[1], 1);
      const at = slot(() => new SumRing(bars));
      return (frame, s) => {
        const ring = s[at] as SumRing;
        ring.add(a(frame, s));
        if (!ring.full) return undefined;
        const mean = ring.total / bars;
        let squares = 0;
        for (let k = 1; k <= bars; k++) squares += ((ring.at(k) as number) - mean) ** 2;
        // Population standard deviation, as TradingView's ta.stdev and the Bollinger Bands.
        return Math.sqrt(squares / bars);
      };
    }
    case 'abs':
      return numeric1(a, Math.abs);
    case 'sqrt':
      return numeric1(a, (x) => (x >= 0 ? Math.sqrt(x) : undefined));
    case 'log':
      return numeric1(a, (x) => (x > 0 ? Math.log(x) : undefined));
    case 'min':
    case 'max': {
      const pick = name === 'min' ? Math.min : Math.max;
      return (frame, s) => {
        const values = args.map((arg) => arg(frame, s));
        return values.every(isNumber) ? pick(...values) : undefined;
      };
    }
    case 'clamp':
      return (frame, s) => {
        const x = a(frame, s);
        const lo = b(frame, s);
        const hi = c(frame, s);
        return isNumber(x) && isNumber(lo) && isNumber(hi)
          ? Math.min(hi, Math.max(lo, x))
          : undefined;
      };
  }
}

function numeric1(a: Evaluator, f: (x: number) => number | undefined): Evaluator {
  return (frame, s) => {
    const x = a(frame, s);
    return isNumber(x) ? f(x) : undefined;
  };
}
