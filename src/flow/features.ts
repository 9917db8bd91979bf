/**
 * The indicator outputs a container can read: those of the indicators upstream of it, each by the
 * indicator's name and by its container's.
 */
import { indicatorName } from '../engine/components/features';
import { findComponent } from './catalogue';
import { flowToGraph } from './graph';
import type { FlowContainer, FlowModel } from './model';

export interface AvailableFeature {
  /** What a feature parameter holds: "SMA_20", or "MACD_12_26_9.signal" for another output. */
  readonly reference: string;
  readonly indicator: string;
  readonly component: string;
  /** The reference names the indicator's container (`sma_fast`), which a period change keeps. */
  readonly byContainer?: boolean;
}

export function upstreamFeatures(model: FlowModel, container: string): AvailableFeature[] {
  const incoming = new Map<string, string[]>();
  for (const edge of flowToGraph(model).edges) {
    if (edge.pattern !== 'feedback')
      incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  }
  const seen = new Set<string>();
  const stack = [...(incoming.get(container) ?? [])];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(incoming.get(name) ?? []));
  }
  const shared = sharedIndicatorNames(model.containers);
  const out: AvailableFeature[] = [];
  for (const other of model.containers) {
    if (!seen.has(other.name) || !other.component) continue;
    const spec = findComponent(other.component);
    if (spec?.kind !== 'indicator') continue;
    const name = indicatorName(spec, other.params);
    const outputs = spec.outputs ?? ['value'];
    // A name two indicators share reads neither: offer only their container names.
    if (!shared.has(name)) {
      out.push({ reference: name, indicator: name, component: spec.id });
      for (const output of outputs.slice(1))
        out.push({ reference: `${name}.${output}`, indicator: name, component: spec.id });
    }
    // By its container too (a swept period, or a name two indicators share, is read that way).
    const byContainer = { indicator: name, component: spec.id, byContainer: true };
    out.push({ reference: other.name, ...byContainer });
    for (const output of outputs.slice(1))
      out.push({ reference: `${other.name}.${output}`, ...byContainer });
  }
  return out;
}

/** Indicator names that more than one indicator container of the flow would publish under. */
export function sharedIndicatorNames(
  containers: Iterable<FlowContainer>,
): ReadonlyMap<string, readonly string[]> {
  const byName = new Map<string, string[]>();
  for (const container of containers) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (spec?.kind !== 'indicator' || container.disabled) continue;
    const name = indicatorName(spec, container.params);
    byName.set(name, [...(byName.get(name) ?? []), container.name]);
  }
  return new Map([...byName].filter(([, owners]) => owners.length > 1));
}

/**
 * The name each indicator container publishes under, by container: its indicator's name, or the
 * container's own name where several indicators would share one (sharedIndicatorNames).
 */
export function publishedIndicatorNames(containers: readonly FlowContainer[]): Map<string, string> {
  const shared = sharedIndicatorNames(containers);
  const published = new Map<string, string>();
  for (const container of containers) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (spec?.kind !== 'indicator') continue;
    const name = indicatorName(spec, container.params);
    published.set(container.name, shared.has(name) ? container.name : name);
  }
  return published;
}
