/**
 * The schema's findings (zod issues) in plain words, each at the path of the value at fault: a
 * wrong-typed field is named with what it should be and what it is ("event_flow[0].parent should
 * be a container name, not the number 42"), and a block that matches none of the shapes it may
 * take is checked against the one its `type` asks for, so its own wrong fields are named.
 */
import type { z } from 'zod';
import type { Problem } from './analyse';
import { didYouMean } from './names';
import { patternSchema } from './schema';

type Issue = z.core.$ZodIssue;
type Segment = string | number;

const PATTERN_TYPES = ['pipeline', 'broadcast', 'hierarchical', 'selective'];

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'name',
    'description',
    'containers',
    'event_flow',
    'event_system',
    'sweep',
    'run',
    'layout',
    'notes',
  ],
};

/** `event_flow[0].parent`, `containers.sma.params`: the path as a person reads it. */
export function pathText(path: readonly Segment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text || 'the flow';
}

function valueAt(raw: unknown, path: readonly Segment[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value;
}

/** What a value is, in words: the number 42, the text "x", a list, a mapping. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return value === '' ? 'an empty text' : `the text "${shown}"`;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a mapping';
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping (keys and values)',
  record: 'a mapping (keys and values)',
};

/** What a field should be, from its place in the flow where the type alone says too little. */
function expectedAt(path: readonly Segment[], expected: string): string {
  const last = path[path.length - 1];
  const named = ['parent', 'source', 'target', 'default'];
  if (expected === 'string' && typeof last === 'string' && named.includes(last))
    return 'a container name';
  if (expected === 'array' && (last === 'containers' || last === 'targets' || last === 'children'))
    return 'a list of container names';
  if (path[0] === 'containers' && path.length === 2 && expected === 'object')
    return 'a mapping with a component (and its params)';
  return EXPECTED[expected] ?? expected;
}

const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big)\b/;

/** One issue in words, its path read from `raw` (the document, or the part the issue's path starts at). */
export function plainIssue(issue: Issue, raw: unknown): string {
  const path = issue.path as Segment[];
  const where = pathText(path);
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined)
        return `${where} is missing: it should be ${expectedAt(path, issue.expected)}`;
      return `${where} should be ${expectedAt(path, issue.expected)}, not ${describeValue(value)}`;
    case 'invalid_value':
      return `${where} should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(value)}`;
    case 'too_small':
      if (!DEFAULT_MESSAGE.test(issue.message)) return `${where}: ${issue.message}`;
      if (issue.origin === 'array') return `${where} needs at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `${where} must not be empty`;
      return `${where} must be at least ${issue.minimum}, not ${describeValue(value)}`;
    case 'too_big':
      if (!DEFAULT_MESSAGE.test(issue.message)) return `${where}: ${issue.message}`;
      if (issue.origin === 'array') return `${where} takes at most ${issue.maximum} item(s)`;
      return `${where} must be at most ${issue.maximum}, not ${describeValue(value)}`;
    case 'invalid_union':
      if (path[0] === 'layout')
        return `${where} should be a position, [x, y] or { x: …, y: … } with numbers, not ${describeValue(value)}`;
      if (path.includes('children'))
        return `${where} should be a container name or { name: …, regime: … }, not ${describeValue(value)}`;
      return `${where} does not have any of the forms it may take (found ${describeValue(value)})`;
    default:
      return DEFAULT_MESSAGE.test(issue.message)
        ? `${where}: ${issue.message.replace(/^Invalid input:?\s*/, 'invalid: ')}`
        : `${where}: ${issue.message}`;
  }
}

/**
 * event_flow holds one block or a list of them: a union that says only "no match". Each block is
 * checked against the shape its type asks for instead, so the fields at fault are named.
 */
function eventFlowProblems(raw: unknown, path: readonly Segment[]): Problem[] {
  const value = valueAt(raw, path);
  const blocks: [readonly Segment[], unknown][] = Array.isArray(value)
    ? value.map((block, index) => [[...path, index], block])
    : [[path, value]];
  const problems: Problem[] = [];
  for (const [at, block] of blocks) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      problems.push({
        severity: 'error',
        message: `${pathText(at)} should be a block with a type (pipeline, broadcast, hierarchical or selective) and its keys, not ${describeValue(block)}`,
        path: at,
      });
      continue;
    }
    const type = (block as Record<string, unknown>).type;
    if (typeof type !== 'string' || !PATTERN_TYPES.includes(type)) {
      problems.push({
        severity: 'error',
        message:
          type === undefined
            ? `${pathText(at)} needs a type: pipeline, broadcast, hierarchical or selective`
            : `${pathText([...at, 'type'])} should be pipeline, broadcast, hierarchical or selective, not ${describeValue(type)}.${typeof type === 'string' ? didYouMean(type, PATTERN_TYPES) : ''}`,
        path: type === undefined ? at : [...at, 'type'],
      });
      continue;
    }
    const checked = patternSchema.safeParse(block);
    if (!checked.success)
      problems.push(
        ...shapeProblems(
          checked.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })),
          raw,
        ),
      );
  }
  return problems;
}

/** zod's issues as problems at their paths; unknown keys point at each key. */
export function shapeProblems(issues: readonly Issue[], raw: unknown): Problem[] {
  const problems: Problem[] = [];
  // A value of the wrong type says all there is to say about it: its other checks are dropped.
  const wrongTyped = new Set(
    issues
      .filter((issue) => issue.code === 'invalid_type')
      .map((issue) => issue.path.join('\u0000')),
  );
  for (const issue of issues) {
    const path = issue.path as Segment[];
    if (issue.code !== 'invalid_type' && wrongTyped.has(path.join('\u0000'))) continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = KNOWN_KEYS[path.join('.')] ?? [];
        problems.push({
          severity: 'error',
          message: `Unknown key "${key}"${path.length > 0 ? ` in ${pathText(path)}` : ''}.${didYouMean(key, known)}`,
          path: [...path, key],
          key: true,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && path[0] === 'event_flow' && path.length <= 2) {
      problems.push(...eventFlowProblems(raw, path));
      continue;
    }
    // Component parameters are checked against their own component by analyse().
    if (path[0] === 'containers' && path[2] === 'params' && path.length > 3) continue;
    problems.push({ severity: 'error', message: plainIssue(issue, raw), path });
  }
  return problems;
}
