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
