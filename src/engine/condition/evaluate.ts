/**
 * Evaluates a parsed condition against an event by walking its tree once into a chain of small
 * closures. Only plain data is reachable: own properties of objects and arrays, never a
 * prototype, a getter on a prototype, or a function. Anything that does not apply (a field the
 * event lacks, arithmetic on text) yields undefined, and a comparison with undefined is false.
 */
import type { BinaryOperator, ConditionNode } from './ast';
import { CONDITION_NAMES, type ConditionName } from './ast';
import type { Condition } from './parse';

type Value = unknown;
type Evaluator = (event: object) => Value;

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export interface CompiledCondition {
  readonly source: string;
  /** True when the condition holds for the event. */
  test(event: object): boolean;
  /** The raw value of the expression, for previews and tests. */
  value(event: object): Value;
}

export function compileCondition(condition: Condition): CompiledCondition {
  const evaluate = compileNode(condition.ast);
  return {
    source: condition.source,
    test: (event) => truthy(evaluate(event)),
    value: evaluate,
  };
}

export function truthy(value: Value): boolean {
  return Boolean(value);
}

function compileNode(node: ConditionNode): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'name':
      if (node.scoped) {
        const name = node.name;
        return (scope) => readField(scope, name);
      }
      return compileName(node.name as ConditionName);
    case 'member': {
      const object = compileNode(node.object);
      if (!node.computed && node.property.kind === 'literal') {
        const key = String(node.property.value);
        return (event) => readField(object(event), key);
      }
      const property = compileNode(node.property);
      return (event) => readField(object(event), property(event));
    }
    case 'array': {
      const elements = node.elements.map(compileNode);
      return (event) => elements.map((element) => element(event));
    }
    case 'unary': {
      const argument = compileNode(node.argument);
      switch (node.operator) {
        case 'not':
        case '!':
          return (event) => !truthy(argument(event));
        case '-':
          return (event) => {
            const value = argument(event);
            return typeof value === 'number' ? -value : undefined;
          };
        case '+':
          return (event) => {
            const value = argument(event);
            return typeof value === 'number' ? value : undefined;
          };
      }
      break;
    }
    case 'logical': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return node.operator === 'and'
        ? (event) => truthy(left(event)) && truthy(right(event))
        : (event) => truthy(left(event)) || truthy(right(event));
    }
    case 'binary': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const apply = BINARY[node.operator];
      return (event) => apply(left(event), right(event));
    }
  }
  // Calls and offsets belong to rule expressions (series.ts); the parser refuses them here.
  throw new Error(`Unknown condition node ${(node as { kind: string }).kind}`);
}

function compileName(name: ConditionName): Evaluator {
  const type = CONDITION_NAMES[name];
  if (type === null) return (event) => event;
  return (event) => ((event as { type?: unknown }).type === type ? event : undefined);
}

function readField(object: Value, key: Value): Value {
  if (typeof object !== 'object' || object === null) return undefined;
  if (Array.isArray(object)) {
    if (key === 'length') return object.length;
    return typeof key === 'number' && Number.isInteger(key) ? object[key] : undefined;
  }
  if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key) || !Object.hasOwn(object, key))
    return undefined;
  const value = (object as Record<string, unknown>)[key];
  return typeof value === 'function' ? undefined : value;
}

const isNumber = (value: Value): value is number => typeof value === 'number';
const comparable = (a: Value, b: Value) =>
  (typeof a === 'number' && typeof b === 'number') ||
  (typeof a === 'string' && typeof b === 'string');

/** Equality without coercion, except that a missing field (undefined) equals null. */
const equals = (a: Value, b: Value) => (a ?? null) === (b ?? null);

export const BINARY: Readonly<Record<BinaryOperator, (a: Value, b: Value) => Value>> = {
  '==': equals,
  '===': equals,
  '!=': (a, b) => !equals(a, b),
  '!==': (a, b) => !equals(a, b),
  '<': (a, b) => comparable(a, b) && (a as number) < (b as number),
  '<=': (a, b) => comparable(a, b) && (a as number) <= (b as number),
  '>': (a, b) => comparable(a, b) && (a as number) > (b as number),
  '>=': (a, b) => comparable(a, b) && (a as number) >= (b as number),
  '+': (a, b) => {
    if (isNumber(a) && isNumber(b)) return a + b;
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    return undefined;
  },
  '-': (a, b) => (isNumber(a) && isNumber(b) ? a - b : undefined),
  '*': (a, b) => (isNumber(a) && isNumber(b) ? a * b : undefined),
  '/': (a, b) => (isNumber(a) && isNumber(b) ? a / b : undefined),
  '%': (a, b) => (isNumber(a) && isNumber(b) ? a % b : undefined),
  in: (a, b) => {
    if (Array.isArray(b)) return b.includes(a);
    if (typeof a === 'string' && typeof b === 'string') return b.includes(a);
    return false;
  },
};
