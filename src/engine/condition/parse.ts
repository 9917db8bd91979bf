/**
 * Parses route and filter conditions with jsep, then converts its tree into the language's own,
 * refusing anything that is not a plain expression over event fields: calls, `this`, assignment,
 * conditional and bitwise operators, several expressions at once. Nothing here ever runs the text.
 */
import jsep from 'jsep';
import {
  BINARY_OPERATORS,
  type BinaryOperator,
  CONDITION_NAMES,
  type ConditionNode,
  isConditionName,
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
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor']);

export interface ParseOptions {
  /**
   * The names a condition may start from instead of the event aliases: a sweep's constraint reads
   * `sma_fast.period < sma_slow.period`, each name a field of the object it is evaluated against.
   */
  readonly names?: readonly string[];
}

export function parseCondition(source: string, options: ParseOptions = {}): ParseResult {
  if (source.length > MAX_CONDITION_LENGTH) {
    return fail(`Condition is longer than ${MAX_CONDITION_LENGTH} characters`, 0, source.length);
  }
  if (source.trim() === '') return fail('Condition is empty', 0, source.length);
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    if (error instanceof RangeError)
      return fail('Condition is nested too deeply', 0, source.length);
    const index =
      typeof (error as { index?: unknown }).index === 'number'
        ? (error as { index: number }).index
        : 0;
    const description = (error as { description?: unknown }).description;
    const message =
      typeof description === 'string' && description.trim() ? description.trim() : 'Syntax error';
    return fail(describeSyntaxError(message, source, index), index, index + 1, source.length);
  }
  try {
    const names = options.names ? new Set(options.names) : null;
    return { ok: true, condition: { source, ast: convert(tree, source, names) } };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) {
      return fail(error.message, error.span.start, error.span.end, source.length);
    }
    if (error instanceof RangeError)
      return fail('Condition is nested too deeply', 0, source.length);
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

function describeSyntaxError(message: string, source: string, index: number): string {
  if (message === 'Unexpected' || message === 'Unexpected ') {
    return index >= source.length ? 'Condition ends too early' : `Unexpected "${source[index]}"`;
  }
  return message;
}

/** Best-effort span of a jsep node: its recorded end, and a start found from its children. */
function spanOf(node: jsep.Expression, source: string): Span {
  const recordedEnd = typeof node.end === 'number' ? node.end : undefined;
  const word = leadingName(node);
  // jsep records no start at all, and no end for a callee or a bare `this`: find the leading word.
  const start = word === undefined ? -1 : findWord(source, word);
  if (start >= 0) return { start, end: recordedEnd ?? start + word!.length };
  const end = recordedEnd ?? source.length;
  return { start: startOf(node, end), end };
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

function startOf(node: jsep.Expression, end: number): number {
  switch (node.type) {
    case 'Identifier':
      return Math.max(0, end - String(node.name).length);
    case 'Literal':
      return Math.max(0, end - String(node.raw).length);
    case 'MemberExpression':
      return startOf(node.object as jsep.Expression, end);
    case 'CallExpression':
      return startOf(node.callee as jsep.Expression, end);
    case 'BinaryExpression':
      return startOf(node.left as jsep.Expression, end);
    default:
      return typeof node.start === 'number' ? node.start : 0;
  }
}

function convert(
  node: jsep.Expression,
  source: string,
  names: ReadonlySet<string> | null,
): ConditionNode {
  const span = spanOf(node, source);
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
      if (names) {
        if (!names.has(name) || FORBIDDEN_NAMES.has(name)) {
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
      const object = convert(node.object as jsep.Expression, source, names);
      const property = node.property as jsep.Expression;
      if (!node.computed) {
        if (property.type !== 'Identifier')
          throw new ConditionSyntaxError('Expected a field name', span);
        const propertySpan = {
          start: Math.max(span.start, span.end - String(property.name).length),
          end: span.end,
        };
        const field: ConditionNode = {
          kind: 'literal',
          value: String(property.name),
          ...propertySpan,
        };
        return { kind: 'member', object, property: field, computed: false, ...span };
      }
      return {
        kind: 'member',
        object,
        property: convert(property, source, names),
        computed: true,
        ...span,
      };
    }
    case 'ArrayExpression': {
      const elements = (node.elements as (jsep.Expression | null)[]).map((element) => {
        if (element === null) throw new ConditionSyntaxError('Empty element in list', span);
        return convert(element, source, names);
      });
      return { kind: 'array', elements, ...span };
    }
    case 'UnaryExpression': {
      const operator = String(node.operator);
      if (!(UNARY_OPERATORS as readonly string[]).includes(operator)) {
        throw new ConditionSyntaxError(`Operator "${operator}" is not supported`, span);
      }
      const argument = convert(node.argument as jsep.Expression, source, names);
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
      const left = convert(node.left as jsep.Expression, source, names);
      const right = convert(node.right as jsep.Expression, source, names);
      const whole = { start: left.start, end: Math.max(span.end, right.end) };
      const logical = LOGICAL[operator];
      if (logical) return { kind: 'logical', operator: logical, left, right, ...whole };
      if (!(BINARY_OPERATORS as readonly string[]).includes(operator)) {
        const at = source.indexOf(operator, left.end);
        const span = at >= 0 ? { start: at, end: at + operator.length } : whole;
        throw new ConditionSyntaxError(`Operator "${operator}" is not supported`, span);
      }
      return { kind: 'binary', operator: operator as BinaryOperator, left, right, ...whole };
    }
    case 'CallExpression':
      throw new ConditionSyntaxError('Function calls are not allowed in conditions', span);
    case 'ThisExpression':
      throw new ConditionSyntaxError(`"this" is not available; use one of: ${NAMES}`, span);
    case 'Compound':
    case 'SequenceExpression':
      throw new ConditionSyntaxError(
        'A condition is a single expression; join parts with and / or',
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
