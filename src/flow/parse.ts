/**
 * YAML text → flow model, with every problem found located in the text. Safety first: before the
 * YAML library sees the text, one linear scan checks its size, nesting depth and number of entries
 * (limits.ts), so no text can exhaust the stack or make the parser run for minutes; aliases may not
 * multiply the document (billion laughs), unknown tags are refused, no key can be __proto__,
 * constructor or prototype, and reading past the time limit gives up. Then the shape (schema.ts,
 * in words by shape.ts) and the meaning (analyse.ts) are checked together, so one pass reports
 * every problem.
 */

import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { analyse, type Problem } from './analyse';
import type { Diagnostic } from './diagnostics';
import { checkLimits, errorAt, FLOW_LIMITS, LIMIT_MESSAGES } from './limits';
import { nodeAt, type Path, spanInside, spanOf } from './locate';
import type { FlowModel } from './model';
import { type LayoutSpans, layoutSpans } from './move';
import { flowSchema } from './schema';
import { shapeProblems } from './shape';

export const MAX_FLOW_BYTES = FLOW_LIMITS.size;
export const MAX_ALIAS_COUNT = 100;
/** Problems listed one by one; past these, one line says how many more there are. */
export const MAX_PROBLEMS = 100;
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
  /**
   * Where each container's position is written in the text, so that a move can rewrite just those
   * characters (move.ts); absent when the YAML has errors, warnings or duplicate keys.
   */
  readonly layoutSpans?: LayoutSpans;
}

export interface ParseOptions {
  /** The clock the time limit is measured on (tests pass their own). */
  readonly now?: () => number;
}

export function parseFlow(text: string, options: ParseOptions = {}): ParsedFlow {
  const limit = checkLimits(text);
  if (limit) return failed([limit]);
  try {
    return readFlow(text, options.now ?? Date.now);
  } catch (error) {
    // The limits keep recursion far from the stack's end; should it still run out, say so plainly.
    if (error instanceof RangeError) return failed([errorAt(1, 1, LIMIT_MESSAGES.depth())]);
    throw error;
  }
}

function readFlow(text: string, now: () => number): ParsedFlow {
  const started = now();
  const overTime = () => now() - started > FLOW_LIMITS.seconds * 1000;
  const lineCounter = new LineCounter();
  // Duplicate keys are found below in one pass: the library's own check compares every key of a
  // mapping with every other, which takes seconds on a mapping of a few thousand keys.
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
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
  if (doc.errors.length > 0 || doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED'))
    return failed(capped(diagnostics, diagnostics.length));
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))
    return failed([
      errorAt(1, 1, 'The flow is empty: there is nothing in it but blank lines or comments'),
    ]);
  if (overTime()) return failed([errorAt(1, 1, LIMIT_MESSAGES.time())]);

  const { forbidden, duplicates } = checkKeys(doc, lineCounter, text);
  if (forbidden.length > 0) return failed(forbidden);
  // A duplicate key is reported but does not stop the other checks.
  diagnostics.push(...duplicates);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    if (error instanceof RangeError) throw error;
    return failed([
      errorAt(
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
  const problems: Problem[] = shape.success ? [] : shapeProblems(shape.error.issues, raw);
  const analysis = analyse(raw);
  problems.push(...analysis.problems);
  if (overTime()) return failed([errorAt(1, 1, LIMIT_MESSAGES.time())]);
  const unique = dedupe(problems);
  const located = [
    ...diagnostics,
    ...unique.slice(0, MAX_PROBLEMS).map((p) => locateProblem(p, doc, lineCounter, text)),
  ];
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  const ok = !located.some((d) => d.severity === 'error');
  // A move rewrites positions in place only where applyEdit would read the document (see move.ts).
  const spans =
    doc.warnings.length === 0 && duplicates.length === 0 ? layoutSpans(doc, text) : undefined;
  return {
    model: shape.success ? analysis.model : null,
    ok,
    diagnostics: capped(located, unique.length + diagnostics.length),
    ...(spans ? { layoutSpans: spans } : {}),
  };
}

/**
 * At most MAX_PROBLEMS problems are listed, the last one saying how many more there are: a text
 * with fifty thousand wrong keys needs its first few fixed, not fifty thousand markers.
 */
function capped(diagnostics: Diagnostic[], total: number): Diagnostic[] {
  if (total <= MAX_PROBLEMS) return diagnostics;
  const shown = diagnostics.slice(0, MAX_PROBLEMS);
  const last = shown[shown.length - 1]!;
  shown.push({
    ...last,
    severity: 'error',
    message: `…and ${(total - shown.length).toLocaleString('en-US')} more problems not listed: fix these first`,
    path: [],
  });
  return shown;
}

function failed(diagnostics: Diagnostic[]): ParsedFlow {
  return { model: null, ok: false, diagnostics };
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
    message,
    path: [],
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col,
  };
}

/** Keys that may not be used, and keys given twice in one mapping, each at the key. */
function checkKeys(
  doc: Document,
  lineCounter: LineCounter,
  text: string,
): { forbidden: Diagnostic[]; duplicates: Diagnostic[] } {
  const forbidden: Diagnostic[] = [];
  const duplicates: Diagnostic[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (FORBIDDEN_KEYS.has(key)) {
          forbidden.push({
            severity: 'error',
            message: `The key "${key}" is not allowed`,
            path: [],
            ...spanOf(pair.key, lineCounter, text),
          });
        } else if (seen.has(key)) {
          duplicates.push({
            severity: 'error',
            message: `The key "${key}" appears twice in the same mapping: two containers (or keys) share a name`,
            path: [],
            ...spanOf(pair.key, lineCounter, text),
          });
        }
        seen.add(key);
      }
    },
  });
  return { forbidden, duplicates };
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
