/**
 * The condition language's syntax tree. Offsets are 0-based character positions in the source
 * text, end exclusive, so an editor can underline exactly the part that is wrong.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Literal = string | number | boolean | null;

export type ConditionNode =
  | (Span & { readonly kind: 'literal'; readonly value: Literal })
  /** `scoped`: a name given by the caller (a container in a sweep constraint), not an event alias. */
  | (Span & { readonly kind: 'name'; readonly name: string; readonly scoped?: boolean })
  | (Span & {
      readonly kind: 'member';
      readonly object: ConditionNode;
      readonly property: ConditionNode;
      readonly computed: boolean;
    })
  | (Span & { readonly kind: 'array'; readonly elements: readonly ConditionNode[] })
  | (Span & {
      readonly kind: 'unary';
      readonly operator: UnaryOperator;
      readonly argument: ConditionNode;
    })
  | (Span & {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ConditionNode;
      readonly right: ConditionNode;
    })
  | (Span & {
      /** A whitelisted function (rule expressions only): crosses_above(RSI_14, 30). */
      readonly kind: 'call';
      readonly name: FunctionName;
      readonly args: readonly ConditionNode[];
    })
  | (Span & {
      /** A value some bars ago (rule expressions only): close[1], SMA_10[2]. */
      readonly kind: 'index';
      readonly object: ConditionNode;
      readonly offset: number;
    })
  | (Span & {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly left: ConditionNode;
      readonly right: ConditionNode;
    });

export const UNARY_OPERATORS = ['not', '!', '-', '+'] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export const BINARY_OPERATORS = [
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  'in',
] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

/**
 * The functions a rule expression may call, with their arity. Every one of them keeps a bounded
 * window of past values, so a run stays incremental: nothing is recomputed from the start.
 */
export const FUNCTIONS = {
  crosses_above: {
    min: 2,
    max: 2,
    signature: 'crosses_above(a, b)',
    doc: 'True on the bar where a goes above b: a > b now, and a <= b on the bar before (TradingView’s ta.crossover). Also written a crosses_above b.',
  },
  crosses_below: {
    min: 2,
    max: 2,
    signature: 'crosses_below(a, b)',
    doc: 'True on the bar where a goes below b: a < b now, and a >= b on the bar before. Also written a crosses_below b.',
  },
  highest: {
    min: 2,
    max: 2,
    signature: 'highest(x, n)',
    doc: 'The highest value of x over the last n bars, this one included.',
  },
  lowest: {
    min: 2,
    max: 2,
    signature: 'lowest(x, n)',
    doc: 'The lowest value of x over the last n bars, this one included.',
  },
  change: {
    min: 1,
    max: 2,
    signature: 'change(x, n = 1)',
    doc: 'x now minus x n bars ago.',
  },
  mean: { min: 2, max: 2, signature: 'mean(x, n)', doc: 'The mean of x over the last n bars.' },
  sum: { min: 2, max: 2, signature: 'sum(x, n)', doc: 'The sum of x over the last n bars.' },
  stdev: {
    min: 2,
    max: 2,
    signature: 'stdev(x, n)',
    doc: 'The population standard deviation of x over the last n bars (as TradingView’s ta.stdev).',
  },
  abs: { min: 1, max: 1, signature: 'abs(x)', doc: 'The absolute value of x.' },
  min: { min: 2, max: 8, signature: 'min(a, b, …)', doc: 'The smallest of its arguments.' },
  max: { min: 2, max: 8, signature: 'max(a, b, …)', doc: 'The largest of its arguments.' },
  sqrt: { min: 1, max: 1, signature: 'sqrt(x)', doc: 'The square root of x (none below 0).' },
  log: {
    min: 1,
    max: 1,
    signature: 'log(x)',
    doc: 'The natural logarithm of x (none at or below 0).',
  },
  clamp: {
    min: 3,
    max: 3,
    signature: 'clamp(x, low, high)',
    doc: 'x kept between low and high: for a strength between 0 and 1.',
  },
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Largest number of bars an offset or a window may reach back. */
export const MAX_LOOKBACK = 5000;

/** Names a condition may start from: the event itself, or the event under its type's alias. */
export const CONDITION_NAMES = {
  event: null,
  bar: 'BarEvent',
  indicator: 'IndicatorEvent',
  signal: 'TradingSignal',
  order: 'OrderEvent',
  fill: 'FillEvent',
  portfolio: 'PortfolioUpdateEvent',
  classification: 'ClassificationEvent',
} as const;

export type ConditionName = keyof typeof CONDITION_NAMES;

export function isConditionName(name: string): name is ConditionName {
  return Object.hasOwn(CONDITION_NAMES, name);
}
