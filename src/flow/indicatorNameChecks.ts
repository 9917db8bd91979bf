/**
 * A routing filter that picks indicator events by name (`event.indicator_name in ['SMA_20',
 * 'RSI_14']`) and names an indicator no container of the flow publishes: that part of the filter
 * can never hold, and the reader believes it lets those events through. A warning at the name.
 */

import { type ConditionNode, parseCondition } from '../engine/condition';
import { findComponent } from './catalogue';
import { publishedIndicatorNames } from './features';
import type { Path } from './locate';
import type { FlowContainer } from './model';
import { didYouMean } from './names';
import { asArray, asRecord, type Raw } from './raw';
import type { RouteProblem } from './routeChecks';

/** The names the flow's enabled indicators publish under, each with its container. */
function publishedNames(containers: Iterable<FlowContainer>): Map<string, string> {
  const list = [...containers];
  const disabled = new Set(list.filter((container) => container.disabled).map((c) => c.name));
  const names = new Map<string, string>();
  for (const [container, name] of publishedIndicatorNames(list))
    if (!disabled.has(container)) names.set(name, container);
  return names;
}

/** `event.indicator_name` or `indicator.indicator_name`. */
const readsIndicatorName = (node: ConditionNode) =>
  node.kind === 'member' &&
  !node.computed &&
  node.object.kind === 'name' &&
  (node.object.name === 'event' || node.object.name === 'indicator') &&
  node.property.kind === 'literal' &&
  node.property.value === 'indicator_name';

/** The string literals a condition compares `indicator_name` with (==, !=, in [...]). */
function namesCompared(node: ConditionNode, out: Extract<ConditionNode, { kind: 'literal' }>[]) {
  switch (node.kind) {
    case 'binary': {
      const equality = ['==', '===', '!=', '!==', 'in'].includes(node.operator);
      for (const [mine, other] of [
        [node.left, node.right],
        [node.right, node.left],
      ] as const) {
        if (!equality || !readsIndicatorName(mine)) continue;
        const candidates = other.kind === 'array' ? other.elements : [other];
        for (const candidate of candidates)
          if (candidate.kind === 'literal' && typeof candidate.value === 'string')
            out.push(candidate);
      }
      namesCompared(node.left, out);
      namesCompared(node.right, out);
      return;
    }
    case 'logical':
      namesCompared(node.left, out);
      namesCompared(node.right, out);
      return;
    case 'unary':
      namesCompared(node.argument, out);
      return;
    default:
      return;
  }
}

export function checkIndicatorNames(
  doc: Raw,
  containers: ReadonlyMap<string, FlowContainer>,
  /** Containers with a swept parameter: their names change from cell to cell. */
  swept: ReadonlySet<string>,
  report: (problem: RouteProblem) => void,
): void {
  const indicators = [...containers.values()].filter(
    (container) => container.component && findComponent(container.component)?.kind === 'indicator',
  );
  if (indicators.some((container) => swept.has(container.name))) return;
  const published = publishedNames(indicators);
  const known = [...published.keys()];
  const listed = known.length
    ? `this flow's indicators publish ${[...published].map(([name, owner]) => `${name} (${owner})`).join(', ')}`
    : 'this flow has no indicator';
  asArray(asRecord(doc.event_system).routing).forEach((value, index) => {
    const entry = asRecord(value);
    const source = typeof entry.source === 'string' ? entry.source : undefined;
    asArray(entry.filters).forEach((filter, f) => {
      if (typeof filter !== 'string') return;
      const parsed = parseCondition(filter);
      if (!parsed.ok) return;
      const literals: Extract<ConditionNode, { kind: 'literal' }>[] = [];
      namesCompared(parsed.condition.ast, literals);
      const path: Path = ['event_system', 'routing', index, 'filters', f];
      for (const literal of literals) {
        const name = String(literal.value);
        if (published.has(name)) continue;
        report({
          severity: 'warning',
          message: `No container publishes an indicator named "${name}" (${listed}), so this never matches.${didYouMean(name, known)}`,
          path,
          inside: { from: literal.start, to: literal.end },
          ...(source ? { container: source } : {}),
        });
      }
    });
  });
}
