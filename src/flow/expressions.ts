/**
 * Rule expressions in a flow: what names a container's expressions can use (the vocabulary that
 * validation, the inspector's completion and hover, and Monaco's all read), and the check of one
 * expression against it, with the column of any problem.
 */

import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { indicatorName } from '../engine/components/features';
import {
  BAR_FIELDS,
  type Binding,
  bindExpression,
  FUNCTIONS,
  parseExpression,
  type SeriesProgram,
  STATE_NAMES,
} from '../engine/condition';
import { type ComponentSpec, findComponent } from './catalogue';
import { flowToGraph } from './graph';
import type { FlowModel } from './model';
import { didYouMean } from './names';

export type VocabularyKind = 'field' | 'indicator' | 'output' | 'state' | 'function';

export interface VocabularyEntry {
  /** What is written: "close", "RSI_14", "MACD_12_26_9.signal", "crosses_above". */
  readonly name: string;
  readonly kind: VocabularyKind;
  /** A short line: a signature, or what an indicator is. */
  readonly detail: string;
  readonly doc: string;
}

const FIELD_DOCS: Readonly<Record<(typeof BAR_FIELDS)[number], string>> = {
  open: 'The bar’s open.',
  high: 'The bar’s high.',
  low: 'The bar’s low.',
  close: 'The bar’s close.',
  volume: 'The bar’s volume.',
  hl2: '(high + low) / 2',
  hlc3: '(high + low + close) / 3',
  ohlc4: '(open + high + low + close) / 4',
};

const STATE_DOCS: Readonly<Record<(typeof STATE_NAMES)[number], string>> = {
  position: 'The direction this strategy holds: 1 long, -1 short, 0 flat (its own signals).',
  bars_in_position: 'Bars since this strategy took its current position (0 when flat).',
  entry_price: 'The close of the bar this strategy took its position on (null when flat).',
  regime: "The current regime of the classifier upstream, a text such as 'trending_up'.",
};

/** An indicator upstream: its name and outputs. */
export interface UpstreamIndicator {
  readonly name: string;
  readonly spec: ComponentSpec;
}

export interface ExpressionScope {
  readonly scope: 'strategy' | 'indicator';
  readonly indicators: readonly UpstreamIndicator[];
  /** The classifier `regime` reads, or null when there is none upstream. */
  readonly classifier: string | null;
  /** The regimes that classifier reports. */
  readonly regimes?: readonly string[];
}

/** Every name an expression in this scope can use, for completion, hover and the reference. */
export function vocabulary(scope: ExpressionScope): VocabularyEntry[] {
  const entries: VocabularyEntry[] = [];
  for (const field of BAR_FIELDS)
    entries.push({ name: field, kind: 'field', detail: 'bar field', doc: FIELD_DOCS[field] });
  for (const { name, spec } of scope.indicators) {
    const outputs = spec.outputs ?? ['value'];
    entries.push({
      name,
      kind: 'indicator',
      detail: `${spec.label} (${outputs[0]})`,
      doc: spec.description,
    });
    for (const output of outputs.slice(1))
      entries.push({
        name: `${name}.${output}`,
        kind: 'output',
        detail: `${spec.label}: ${output}`,
        doc: `The ${output} output of ${name}.`,
      });
  }
  if (scope.scope === 'strategy')
    for (const state of STATE_NAMES) {
      if (state === 'regime' && scope.classifier === null) continue;
      entries.push({
        name: state,
        kind: 'state',
        detail: state === 'regime' ? `regime of ${scope.classifier}` : 'position state',
        doc:
          state === 'regime' && scope.classifier
            ? `${STATE_DOCS.regime} Here: ${scope.classifier}, which reports ${scope.regimes?.join(', ') ?? 'its regimes'}.`
            : STATE_DOCS[state],
      });
    }
  for (const [name, fn] of Object.entries(FUNCTIONS))
    entries.push({ name, kind: 'function', detail: fn.signature, doc: fn.doc });
  return entries;
}

export type ExpressionCheck =
  | { readonly ok: true; readonly program: SeriesProgram }
  | {
      readonly ok: false;
      readonly message: string;
      /** 0-based character offsets in the expression. */
      readonly start: number;
      readonly end: number;
    };

/** Parses an expression and binds its names to the scope; a problem says where. */
export function checkExpression(source: string, scope: ExpressionScope): ExpressionCheck {
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, ...parsed.error };
  const byName = new Map(scope.indicators.map((indicator) => [indicator.name, indicator.spec]));
  const bound = bindExpression(parsed.condition, (name, output): Binding | { error: string } => {
    if ((BAR_FIELDS as readonly string[]).includes(name)) {
      return output === null
        ? { kind: 'bar', field: name as (typeof BAR_FIELDS)[number] }
        : { error: `${name} is a bar field; it has no outputs` };
    }
    if ((STATE_NAMES as readonly string[]).includes(name)) {
      if (scope.scope !== 'strategy')
        return { error: `${name} is a strategy's state; an indicator's formula cannot read it` };
      if (name === 'regime' && scope.classifier === null)
        return { error: 'regime needs a classifier upstream of this strategy' };
      return output === null
        ? { kind: 'state', name: name as (typeof STATE_NAMES)[number] }
        : { error: `${name} has no outputs` };
    }
    const spec = byName.get(name);
    if (!spec) {
      const known = [...byName.keys()];
      return {
        error: `Unknown name "${name}": not a bar field, nor an indicator upstream${known.length > 0 ? ` (upstream: ${known.join(', ')})` : ''}.${didYouMean(name, [...known, ...BAR_FIELDS, ...(scope.scope === 'strategy' ? STATE_NAMES : [])])}`,
      };
    }
    const outputs = spec.outputs ?? ['value'];
    if (output !== null && !outputs.includes(output))
      return { error: `${name} has no output "${output}" (outputs: ${outputs.join(', ')})` };
    return { kind: 'feature', name, output: output === outputs[0] ? null : output };
  });
  if (!bound.ok) return { ok: false, ...bound.error };
  return { ok: true, program: bound.program };
}

/** The indicators among these containers, by the name their events carry. */
export function indicatorsAmong(
  containers: Iterable<{
    readonly component: string | null;
    readonly params: Readonly<Record<string, unknown>>;
  }>,
): UpstreamIndicator[] {
  const out: UpstreamIndicator[] = [];
  for (const container of containers) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (spec?.kind === 'indicator') out.push({ name: indicatorName(spec, container.params), spec });
  }
  return out;
}

/** The expression parameters of a component. */
export function expressionParams(spec: ComponentSpec) {
  return Object.entries(spec.params).filter(([, param]) => param.type === 'expression');
}

/**
 * The containers upstream of `name`, nearest first (breadth-first against the connections), so the
 * first classifier found is the one closest to it.
 */
export function upstreamOrder(
  name: string,
  incoming: ReadonlyMap<string, readonly string[]>,
): string[] {
  const seen = new Set<string>([name]);
  const order: string[] = [];
  const queue = [...(incoming.get(name) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    order.push(next);
    queue.push(...(incoming.get(next) ?? []));
  }
  return order;
}

interface ScopeContainer {
  readonly name: string;
  readonly component: string | null;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The scope of a container's expressions: the indicators upstream and the classifier `regime`
 * reads (its `classifier` parameter, else the nearest classifier upstream).
 */
export function scopeOf(
  container: ScopeContainer,
  scope: 'strategy' | 'indicator',
  containers: ReadonlyMap<string, ScopeContainer>,
  incoming: ReadonlyMap<string, readonly string[]>,
): ExpressionScope {
  const upstream = upstreamOrder(container.name, incoming)
    .map((name) => containers.get(name))
    .filter((c): c is ScopeContainer => c !== undefined);
  const classifiers = upstream.filter(
    (c) => c.component !== null && findComponent(c.component)?.kind === 'classifier',
  );
  const chosen =
    typeof container.params.classifier === 'string' && container.params.classifier !== ''
      ? classifiers.find((c) => c.name === container.params.classifier)
      : classifiers[0];
  return {
    scope,
    indicators: indicatorsAmong(upstream),
    classifier: chosen?.name ?? null,
    regimes: chosen?.component ? (findComponent(chosen.component)?.regimes ?? []) : [],
  };
}

/** The expression scope of a container of a flow (null when it has no expression parameter). */
export function scopeInFlow(model: FlowModel, name: string): ExpressionScope | null {
  const container = model.containers.find((c) => c.name === name);
  const spec = container?.component ? findComponent(container.component) : undefined;
  const param = spec ? expressionParams(spec)[0]?.[1] : undefined;
  if (!container || param?.type !== 'expression') return null;
  const incoming = new Map<string, string[]>();
  for (const edge of flowToGraph(model).edges)
    if (edge.pattern !== 'feedback')
      incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  return scopeOf(
    container,
    param.scope,
    new Map(model.containers.map((c) => [c.name, c])),
    incoming,
  );
}

/**
 * The expression parameter whose value holds this offset of a flow's text, for the YAML editor's
 * completion and hover: which container and parameter, or null when the offset is elsewhere.
 */
export function expressionParamAt(
  text: string,
  offset: number,
): { readonly container: string; readonly param: string } | null {
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root)) return null;
  const section = root.items.find((item) => isScalar(item.key) && item.key.value === 'containers');
  if (!section || !isMap(section.value)) return null;
  for (const entry of section.value.items) {
    if (!isPair(entry) || !isScalar(entry.key) || !isMap(entry.value)) continue;
    const body = entry.value;
    const component = body.get('component');
    const spec = typeof component === 'string' ? findComponent(component) : undefined;
    const params = body.items.find((item) => isScalar(item.key) && item.key.value === 'params');
    if (!spec || !params || !isMap(params.value)) continue;
    for (const param of params.value.items) {
      if (!isScalar(param.key) || !isScalar(param.value) || !param.value.range) continue;
      const key = String(param.key.value);
      if (spec.params[key]?.type !== 'expression') continue;
      const [from, , to] = param.value.range;
      if (offset >= from && offset <= to) return { container: String(entry.key.value), param: key };
    }
  }
  return null;
}
