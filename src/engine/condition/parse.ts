/**
 * Parses route and filter conditions, and rule expressions, with jsep, then converts its tree into
 * the language's own. A condition is a plain expression over event fields: no calls, no `this`,
 * assignment, conditional or bitwise operators, nor several expressions at once. A rule expression
 * (a strategy's entry, an expression indicator's formula) may also call the whitelisted functions
 * and read earlier bars (`close[1]`); its names are bound later, against the flow. Nothing here
 * ever runs the text.
 */
import jsep from 'jsep';
import {
  BINARY_OPERATORS,
  type BinaryOperator,
  CONDITION_NAMES,
  type ConditionNode,
  FUNCTIONS,
  type FunctionName,
  isConditionName,
  isFunctionName,
  MAX_LOOKBACK,
  type Span,
  UNARY_OPERATORS,
  type UnaryOperator,
} from './ast';

export const MAX_CONDITION_LENGTH = 2000;

export interface ConditionError extends Span {
  readonly message: string;
}

export interface Condition {
  readonly source: string;
  readonly ast: ConditionNode;
}

export type ParseResult =
  | { readonly ok: true; readonly condition: Condition }
  | { readonly ok: false; readonly error: ConditionError };

jsep.addBinaryOp('in', 7);
// Same precedence as && and || (jsep reads a precedence of 0 as "not an operator").
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('or', 1);
jsep.addUnaryOp('not');
// `RSI_14 crosses_above 30`: read in rule expressions as crosses_above(RSI_14, 30).
jsep.addBinaryOp('crosses_above', 7);
jsep.addBinaryOp('crosses_below', 7);
// jsep's nodes carry no positions; the hook records where each token ends.
jsep.hooks.add('after-token', function recordEnd(env) {
  if (env.node) (env.node as { end?: number }).end = this.index;
});

class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const LOGICAL: Readonly<Record<string, 'and' | 'or'>> = {
  and: 'and',
  '&&': 'and',
  or: 'or',
  '||': 'or',
};
const NAMES = Object.keys(CONDITION_NAMES).join(', ');

export interface ParseOptions {
  /**
   * The names a condition may start from instead of the event aliases: a sweep's constraint reads
   * `sma_fast.period < sma_slow.period`, each name a field of the object it is evaluated against.
   */
  readonly names?: readonly string[];
}

export function parseCondition(source: string, options: ParseOptions = {}): ParseResult {
  return parse(source, 'condition', options.names ? new Set(options.names) : null);
}

/**
 * A rule expression: a condition that may also call the whitelisted functions and read values of
 * earlier bars. Its names are not checked here (see bindExpression).
 */
export function parseExpression(source: string): ParseResult {
  return parse(source, 'series', null);
}

function parse(source: string, mode: Mode, names: ReadonlySet<string> | null): ParseResult {
  const what = mode === 'condition' ? 'Condition' : 'Expression';
  if (source.length > MAX_CONDITION_LENGTH) {
    return fail(`${what} is longer than ${MAX_CONDITION_LENGTH} characters`, 0, source.length);
  }
  if (source.trim() === '') return fail(`${what} is empty`, 0, source.length);
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    if (error instanceof RangeError) return fail(`${what} is nested too deeply`, 0, source.length);
    const index =
      typeof (error as { index?: unknown }).index === 'number'
        ? (error as { index: number }).index
        : 0;
    const description = (error as { description?: unknown }).description;
    const message =
      typeof description === 'string' && description.trim() ? description.trim() : 'Syntax error';
    return fail(describeSyntaxError(message, source, index, what), index, index + 1, source.length);
  }
  try {
    return { ok: true, condition: { source, ast: convert(tree, source, mode, names) } };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) {
      return fail(error.message, error.span.start, error.span.end, source.length);
    }
    if (error instanceof RangeError) return fail(`${what} is nested too deeply`, 0, source.length);
    throw error;
  }
}

function fail(
  message: string,
  start: number,
  end: number,
  length = Number.POSITIVE_INFINITY,
): ParseResult {
  const from = Math.max(0, Math.min(start, length));
  return { ok: false, error: { message, start: from, end: Math.max(from, Math.min(end, length)) } };
}

function describeSyntaxError(message: string, source: string, index: number, what: string): string {
  if (message === 'Unexpected' || message === 'Unexpected ') {
    return index >= source.length ? `${what} ends too early` : `Unexpected "${source[index]}"`;
  }
  return message;
}

/**
 * The span of a jsep node. jsep records no start at all (the hook above records where each token
 * ends); the start is found by walking back from the end over the node's own shape: a name's
 * length, a member's dot, a call's or an index's matching bracket.
 */
function spanOf(node: jsep.Expression, source: string): Span {
  const recordedEnd = typeof node.end === 'number' ? node.end : undefined;
  if (recordedEnd !== undefined)
    return { start: startBefore(node, recordedEnd, source), end: recordedEnd };
  const word = leadingName(node);
  // No end either (a callee, a bare `this`): find the leading word.
  const start = word === undefined ? -1 : findWord(source, word);
  if (start >= 0) return { start, end: start + word!.length };
  const end = source.length;
  return { start: startBefore(node, end, source), end };
}

function leadingName(node: jsep.Expression): string | undefined {
  if (node.type === 'Identifier') return String(node.name);
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'CallExpression') return leadingName(node.callee as jsep.Expression);
  if (node.type === 'MemberExpression') return leadingName(node.object as jsep.Expression);
  return undefined;
}

/** First occurrence of an identifier as a whole word, not as a field after a dot or in quotes. */
function findWord(source: string, word: string): number {
  const escaped = word.replace(/[$]/g, '\\$');
  const match = new RegExp(`(?<![.\\w$'"])${escaped}(?![\\w$])`).exec(source);
  return match ? match.index : -1;
}

const skipSpacesBack = (source: string, at: number) => {
  let i = at;
  while (i > 0 && /\s/.test(source[i - 1]!)) i--;
  return i;
};

/** Index of the bracket that opens the one closing just before `end`. */
function openingBracket(source: string, end: number, open: string, close: string): number {
  let depth = 0;
  for (let i = skipSpacesBack(source, end) - 1; i >= 0; i--) {
    const ch = source[i];
    if (ch === close) depth++;
    else if (ch === open && --depth === 0) return i;
  }
  return -1;
}

/** Where a node that ends at `end` starts. */
function startBefore(node: jsep.Expression, end: number, source: string): number {
  const at = skipSpacesBack(source, end);
  switch (node.type) {
    case 'Identifier':
      return Math.max(0, at - String(node.name).length);
    case 'ThisExpression':
      return Math.max(0, at - 4);
    case 'Literal':
      return Math.max(0, at - String(node.raw).length);
    case 'MemberExpression': {
      const object = node.object as jsep.Expression;
      if (node.computed) {
        const open = openingBracket(source, end, '[', ']');
        return open < 0 ? 0 : startBefore(object, open, source);
      }
      const name = String((node.property as jsep.Expression).name ?? '');
      const dot = skipSpacesBack(source, at - name.length) - 1;
      return startBefore(object, Math.max(0, dot), source);
    }
    case 'CallExpression': {
      const open = openingBracket(source, end, '(', ')');
      return open < 0 ? 0 : startBefore(node.callee as jsep.Expression, open, source);
    }
    case 'ArrayExpression': {
      const open = openingBracket(source, end, '[', ']');
      return Math.max(0, open);
    }
    case 'BinaryExpression':
      return typeof (node.left as jsep.Expression).end === 'number'
        ? startBefore(
            node.left as jsep.Expression,
            (node.left as jsep.Expression).end as number,
            source,
          )
        : 0;
    default:
      return typeof node.start === 'number' ? node.start : 0;
  }
}

/** How a text is read: a route condition over an event, or a rule expression over series. */
type Mode = 'condition' | 'series';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function convert(
  node: jsep.Expression,
  source: string,
  mode: Mode,
  names: ReadonlySet<string> | null,
): ConditionNode {
  const span = spanOf(node, source);
  const recurse = (child: jsep.Expression) => convert(child, source, mode, names);
  switch (node.type) {
    case 'Literal': {
      const value = node.value;
      if (value instanceof RegExp)
        throw new ConditionSyntaxError('Regular expressions are not supported', span);
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new ConditionSyntaxError('Number is out of range', span);
      }
      return { kind: 'literal', value: value as string | number | boolean | null, ...span };
    }
    case 'Identifier': {
      const name = String(node.name);
      if (mode === 'series') {
        if (FORBIDDEN.has(name)) throw new ConditionSyntaxError(`"${name}" is not a name`, span);
        // Which names exist depends on the flow (bar fields, indicators upstream): bound later.
        return { kind: 'name', name, ...span };
      }
      if (names) {
        if (!names.has(name) || FORBIDDEN.has(name)) {
          const known = [...names].join(', ');
          throw new ConditionSyntaxError(
            `Unknown name "${name}"; use one of: ${known || '(none)'}`,
            span,
          );
        }
        return { kind: 'name', name, scoped: true, ...span };
      }
      if (!isConditionName(name)) {
        throw new ConditionSyntaxError(
          `Unknown name "${name}"; a condition starts from one of: ${NAMES}`,
          span,
        );
      }
      return { kind: 'name', name, ...span };
    }
    case 'MemberExpression': {
      const object = recurse(node.object as jsep.Expression);
      const property = node.property as jsep.Expression;
      if (!node.computed) {
        if (property.type !== 'Identifier')
          throw new ConditionSyntaxError('Expected a field name', span);
        const propertySpan = {
          start: Math.max(span.start, span.end - String(property.name).length),
          end: span.end,
        };
        if (mode === 'series' && FORBIDDEN.has(String(property.name)))
          throw new ConditionSyntaxError(`"${String(property.name)}" is not a field`, propertySpan);
        const field: ConditionNode = {
          kind: 'literal',
          value: String(property.name),
          ...propertySpan,
        };
        return { kind: 'member', object, property: field, computed: false, ...span };
      }
      if (mode === 'series') {
        const negative =
          property.type === 'UnaryExpression' &&
          (property.argument as jsep.Expression).type === 'Literal';
        if (negative || (property.type === 'Literal' && typeof property.value === 'number')) {
          const offset = negative ? -1 : (property.value as number);
          if (!Number.isInteger(offset) || offset < 0 || offset > MAX_LOOKBACK) {
            throw new ConditionSyntaxError(
              `An offset counts whole bars back, from 0 to ${MAX_LOOKBACK}: close[1] is the previous close`,
              span,
            );
          }
          return { kind: 'index', object, offset, ...span };
        }
        if (property.type === 'Literal' && typeof property.value === 'string') {
          if (FORBIDDEN.has(property.value))
            throw new ConditionSyntaxError(`"${property.value}" is not a field`, span);
          const field: ConditionNode = { kind: 'literal', value: property.value, ...span };
          return { kind: 'member', object, property: field, computed: false, ...span };
        }
        throw new ConditionSyntaxError(
          "Square brackets take a number of bars back (close[1]) or an output name (BB_20_2['upper'])",
          span,
        );
      }
      return {
        kind: 'member',
        object,
        property: recurse(property),
        computed: true,
        ...span,
      };
    }
    case 'ArrayExpression': {
      const elements = (node.elements as (jsep.Expression | null)[]).map((element) => {
        if (element === null) throw new ConditionSyntaxError('Empty element in list', span);
        return recurse(element);
      });
      return { kind: 'array', elements, ...span };
    }
    case 'UnaryExpression': {
      const operator = String(node.operator);
      if (!(UNARY_OPERATORS as readonly string[]).includes(operator)) {
        throw new ConditionSyntaxError(`Operator "${operator}" is not supported`, span);
      }
      const argument = recurse(node.argument as jsep.Expression);
      return {
        kind: 'unary',
        operator: operator as UnaryOperator,
        argument,
        start: Math.min(span.start, argument.start),
        end: span.end,
      };
    }
    case 'BinaryExpression': {
      const operator = String(node.operator);
      const left = recurse(node.left as jsep.Expression);
      const right = recurse(node.right as jsep.Expression);
      const whole = { start: left.start, end: Math.max(span.end, right.end) };
      const logical = LOGICAL[operator];
      if (logical) return { kind: 'logical', operator: logical, left, right, ...whole };
      if (mode === 'series' && (operator === 'crosses_above' || operator === 'crosses_below')) {
        // `a crosses_above b` reads as the call crosses_above(a, b).
        return { kind: 'call', name: operator, args: [left, right], ...whole };
      }
      if (!(BINARY_OPERATORS as readonly string[]).includes(operator)) {
        const at = source.indexOf(operator, left.end);
        const span = at >= 0 ? { start: at, end: at + operator.length } : whole;
        throw new ConditionSyntaxError(`Operator "${operator}" is not supported`, span);
      }
      return { kind: 'binary', operator: operator as BinaryOperator, left, right, ...whole };
    }
    case 'CallExpression': {
      if (mode === 'condition')
        throw new ConditionSyntaxError('Function calls are not allowed in conditions', span);
      const callee = node.callee as jsep.Expression;
      const name = callee.type === 'Identifier' ? String(callee.name) : '';
      const calleeSpan = { start: span.start, end: span.start + Math.max(1, name.length) };
      if (!isFunctionName(name)) {
        throw new ConditionSyntaxError(
          name
            ? `Unknown function "${name}"; functions: ${Object.keys(FUNCTIONS).join(', ')}`
            : 'Only the listed functions can be called',
          calleeSpan,
        );
      }
      const raw = node.arguments as jsep.Expression[];
      const spans = argumentSpans(source, span);
      // jsep records no end for a number: place such an argument by the commas around it.
      const args = raw.map((arg, i) => {
        const converted = recurse(arg);
        return typeof arg.end !== 'number' && spans[i] ? { ...converted, ...spans[i] } : converted;
      });
      const arity = FUNCTIONS[name];
      if (args.length < arity.min || args.length > arity.max) {
        const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
        throw new ConditionSyntaxError(
          `${name} takes ${expected} argument${arity.max === 1 ? '' : 's'}, not ${args.length}`,
          span,
        );
      }
      const length = WINDOW_ARGUMENT[name];
      if (length !== undefined && args[length]) {
        const arg = args[length]!;
        const bars = arg.kind === 'literal' ? arg.value : undefined;
        if (typeof bars !== 'number' || !Number.isInteger(bars) || bars < 1 || bars > MAX_LOOKBACK)
          throw new ConditionSyntaxError(
            `The number of bars of ${name} is a whole number from 1 to ${MAX_LOOKBACK}`,
            arg,
          );
      }
      return { kind: 'call', name, args, ...span };
    }
    case 'ThisExpression':
      throw new ConditionSyntaxError(
        mode === 'condition'
          ? `"this" is not available; use one of: ${NAMES}`
          : '"this" is not available',
        span,
      );
    case 'Compound':
    case 'SequenceExpression':
      throw new ConditionSyntaxError(
        mode === 'condition'
          ? 'A condition is a single expression; join parts with and / or'
          : 'An expression is a single expression; join parts with and / or',
        {
          start: 0,
          end: source.length,
        },
      );
    case 'ConditionalExpression':
      throw new ConditionSyntaxError('The ? : operator is not supported; use and / or', span);
    default:
      throw new ConditionSyntaxError(`Unsupported expression (${node.type})`, span);
  }
}

/** The spans of a call's arguments: the text between its parentheses, split at top-level commas. */
function argumentSpans(source: string, call: Span): Span[] {
  const open = source.indexOf('(', call.start);
  if (open < 0 || open >= call.end) return [];
  const spans: Span[] = [];
  let depth = 0;
  let from = open + 1;
  let quote: string | null = null;
  const push = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(source[a]!)) a++;
    while (b > a && /\s/.test(source[b - 1]!)) b--;
    spans.push({ start: a, end: b });
  };
  for (let i = open + 1; i < call.end; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ')' && depth === 0) {
      push(i);
      break;
    } else if (ch === ',' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  return spans;
}

/** Which argument of a window function is its number of bars. */
const WINDOW_ARGUMENT: Partial<Record<FunctionName, number>> = {
  highest: 1,
  lowest: 1,
  change: 1,
  mean: 1,
  sum: 1,
  stdev: 1,
};
