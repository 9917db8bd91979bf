/**
 * YAML text → flow model, with every problem found located in the text. Safety first: the text's
 * size is bounded, aliases may not multiply the document (billion laughs), unknown tags are
 * refused and no key can be __proto__, constructor or prototype. Then the shape (schema.ts) and
 * the meaning (analyse.ts) are checked together, so one pass reports every problem.
 */

import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { analyse, type Problem } from './analyse';
import type { Diagnostic } from './diagnostics';
import { nodeAt, type Path, spanInside, spanOf } from './locate';
import type { FlowModel } from './model';
import { didYouMean } from './names';
import { flowSchema } from './schema';

export const MAX_FLOW_BYTES = 2_000_000;
export const MAX_ALIAS_COUNT = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedFlow {
  /**
   * The flow, whenever the text reads as one: null only for YAML syntax errors, unsafe content or
   * a wrong shape. A flow with errors in its meaning (a reference to nothing, a cycle) still has a
   * model, so the canvas can show it with the problems on its nodes.
   */
  readonly model: FlowModel | null;
  /** No error at all: the flow can be compiled and run. */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export function parseFlow(text: string): ParsedFlow {
  if (text.length > MAX_FLOW_BYTES) {
    return failed([
      at(
        1,
        1,
        `The flow is ${(text.length / 1e6).toFixed(1)} MB; flows are limited to ${MAX_FLOW_BYTES / 1e6} MB`,
      ),
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) diagnostics.push(yamlProblem(error, lineCounter, 'error'));
  for (const warning of doc.warnings) {
    const unknownTag = warning.code === 'TAG_RESOLVE_FAILED';
    diagnostics.push(
      yamlProblem(
        warning,
        lineCounter,
        unknownTag ? 'error' : 'warning',
        unknownTag ? 'Unknown tag: flows use plain YAML values only' : undefined,
      ),
    );
  }
  // A duplicate key is reported but does not stop the other checks; every other YAML error does.
  const fatal =
    doc.errors.some((error) => error.code !== 'DUPLICATE_KEY') ||
    doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (fatal) return failed(diagnostics);

  const forbidden = forbiddenKeys(doc, lineCounter, text);
  if (forbidden.length > 0) return failed(forbidden);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    return failed([
      at(
        1,
        1,
        `The document expands too much through aliases (${error instanceof Error ? error.message : String(error)})`,
      ),
    ]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return failed([
      locateProblem(
        {
          severity: 'error',
          message: 'A flow is a mapping of keys (name, containers, event_flow, …)',
          path: [],
        },
        doc,
        lineCounter,
        text,
      ),
    ]);
  }

  const shape = flowSchema.safeParse(raw);
  const problems: Problem[] = shape.success ? [] : shapeProblems(shape.error.issues);
  const analysis = analyse(raw);
  problems.push(...analysis.problems);
  const located = [
    ...diagnostics,
    ...dedupe(problems).map((problem) => locateProblem(problem, doc, lineCounter, text)),
  ];
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  const ok = !located.some((d) => d.severity === 'error');
  return { model: shape.success ? analysis.model : null, ok, diagnostics: located };
}

function failed(diagnostics: Diagnostic[]): ParsedFlow {
  return { model: null, ok: false, diagnostics };
}

function at(line: number, column: number, message: string): Diagnostic {
  return {
    severity: 'error',
    message,
    path: [],
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  };
}

interface YamlIssue {
  readonly message: string;
  readonly pos: [number, number];
  readonly code: string;
}

function yamlProblem(
  issue: YamlIssue,
  lineCounter: LineCounter,
  severity: 'error' | 'warning',
  override?: string,
): Diagnostic {
  const start = lineCounter.linePos(issue.pos[0]);
  const end = lineCounter.linePos(Math.max(issue.pos[0] + 1, issue.pos[1]));
  const message =
    override ?? issue.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity,
    message:
      issue.code === 'DUPLICATE_KEY'
        ? `${message}: two containers (or keys) share a name`
        : message,
    path: [],
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col,
  };
}

function forbiddenKeys(doc: Document, lineCounter: LineCounter, text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        found.push({
          severity: 'error',
          message: `The key "${String(pair.key.value)}" is not allowed`,
          path: [],
          ...spanOf(pair.key, lineCounter, text),
        });
      }
    },
  });
  return found;
}

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['name', 'description', 'containers', 'event_flow', 'event_system', 'sweep', 'run', 'layout'],
};

/** zod's issues as problems at their paths; unknown keys point at each key. */
function shapeProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = KNOWN_KEYS[path.join('.')] ?? [];
        problems.push({
          severity: 'error',
          message: `Unknown key "${key}"${path.length > 0 ? ` in ${path.join('.')}` : ''}.${didYouMean(key, known)}`,
          path: [...path, key],
          key: true,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && path[0] === 'event_flow') {
      problems.push({
        severity: 'error',
        message:
          'Each event_flow block needs a type (pipeline, broadcast, hierarchical or selective) and that type’s keys',
        path,
      });
      continue;
    }
    // Component parameters are checked against their own component by analyse().
    if (path[0] === 'containers' && path[2] === 'params') continue;
    problems.push({
      severity: 'error',
      message: `${path.join('.') || 'flow'}: ${issue.message}`,
      path,
    });
  }
  return problems;
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('.')}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function locateProblem(
  problem: Problem,
  doc: Document,
  lineCounter: LineCounter,
  text: string,
): Diagnostic {
  const node = nodeAt(doc, problem.path as Path, problem.key === true);
  const span = problem.inside
    ? spanInside(node, problem.inside.from, problem.inside.to, lineCounter, text)
    : spanOf(node ?? (isMap(doc.contents) ? doc.contents : null), lineCounter, text);
  return {
    severity: problem.severity,
    message: problem.message,
    path: problem.path,
    ...span,
    ...(problem.container ? { container: problem.container } : {}),
  };
}
