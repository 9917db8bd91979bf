/**
 * Flows that cannot work as drawn, found before a run (part of analyse.ts's pass):
 * - which event types can travel each connection, worked out from what each component emits,
 *   what it passes on, the routes' `events` lists and the transformations on them; from that, a
 *   route that blocks the events its transformation would turn into what its target takes, a
 *   route that carries nothing, a transformation that applies nowhere, a strategy that never sees
 *   a bar, a broker that never gets an order, decisions that go nowhere;
 * - route conditions (selective routes and routing filters) that are constant, not a true/false
 *   test, name a field the event type does not have, or compare values of different types;
 * - selective routes that can never be reached (an earlier route has the same condition, or one
 *   that always holds).
 * All are warnings: the flow still runs, but not as it reads.
 */
import { type ConditionNode, compileCondition, parseCondition } from '../engine/condition';
import { CONDITION_NAMES } from '../engine/condition/ast';
import { EVENT_TYPES, type EventType } from '../engine/events';
import {
  type ComponentSpec,
  findComponent,
  findTransformer,
  type TransformerSpec,
  transformerMakes,
  transformerTakes,
} from './catalogue';
import { type FieldKind, fieldKind, fieldNames } from './eventFields';
import type { Path } from './locate';
import type { FlowContainer } from './model';
import { didYouMean } from './names';
import { asArray, asRecord, isRecord, type Raw } from './raw';

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const isEventType = (value: unknown): value is EventType =>
  (EVENT_TYPES as readonly unknown[]).includes(value);

export interface RouteProblem {
  readonly severity: 'warning';
  readonly message: string;
  readonly path: Path;
  readonly key?: boolean;
  readonly inside?: { readonly from: number; readonly to: number };
  readonly container?: string;
}
type Report = (problem: RouteProblem) => void;

/** The event types a selective block decides by its conditions when it names none. */
const DEFAULT_SELECTED: readonly EventType[] = ['TradingSignal'];
/** Decisions a component ends when it consumes them (it makes something else of them). */
const DECISIONS: readonly EventType[] = ['TradingSignal', 'OrderEvent'];

interface Link {
  readonly source: string;
  readonly target: string;
  /** The types the route lets through; null: every type. */
  readonly types: ReadonlySet<EventType> | null;
  /** A routing entry's own transformation. */
  readonly own: TransformerSpec | null;
  /** The routing entry it comes from (index), if any. */
  readonly entry: number | null;
}

interface Transformation {
  readonly spec: TransformerSpec;
  readonly from: EventType;
  readonly to: EventType;
  readonly index: number;
}

export function checkRoutes(
  doc: Raw,
  containers: ReadonlyMap<string, FlowContainer>,
  blockPath: (index: number) => Path,
  report: Report,
): void {
  const system = asRecord(doc.event_system);
  const blocks = Array.isArray(doc.event_flow)
    ? doc.event_flow
    : doc.event_flow === undefined
      ? []
      : [doc.event_flow];
  const links: Link[] = [];
  const link = (source: unknown, target: unknown, rest: Partial<Link> = {}) => {
    if (typeof source === 'string' && typeof target === 'string' && containers.has(source))
      if (containers.has(target) && source !== target)
        links.push({ source, target, types: null, own: null, entry: null, ...rest });
  };
  blocks.forEach((value, index) => {
    const block = asRecord(value);
    if (block.type === 'pipeline') {
      const chain = asArray(block.containers);
      for (let i = 0; i + 1 < chain.length; i++) link(chain[i], chain[i + 1]);
    } else if (block.type === 'broadcast') {
      for (const target of asArray(block.targets)) link(block.source, target);
    } else if (block.type === 'hierarchical') {
      for (const child of asArray(block.children))
        link(block.parent, isRecord(child) ? child.name : child);
    } else if (block.type === 'selective') {
      for (const route of asArray(block.routes)) link(block.source, asRecord(route).target);
      link(block.source, block.default);
      checkSelective(block, blockPath(index), report);
    }
  });
  asArray(system.routing).forEach((value, index) => {
    const entry = asRecord(value);
    const source = asString(entry.source);
    const events = Array.isArray(entry.events) ? new Set(entry.events.filter(isEventType)) : null;
    const ownId = asString(asRecord(entry.transform).transformer);
    const own = ownId === undefined ? null : (findTransformer(ownId) ?? null);
    for (const target of asArray(entry.targets))
      link(entry.source, target, { types: events, own, entry: index });
    asArray(entry.filters).forEach((filter, f) => {
      if (typeof filter !== 'string') return;
      const path: Path = ['event_system', 'routing', index, 'filters', f];
      checkConditionMeaning(filter, events ? [...events] : EVENT_TYPES, path, report, source);
    });
  });
  const transformations = readTransformations(system);

  // Only a flow whose every container has its component can be followed event by event.
  const specs = new Map<string, ComponentSpec | null>();
  for (const container of containers.values()) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (!spec) return;
    specs.set(container.name, container.disabled ? null : spec);
  }
  const flow = followEvents(containers, specs, links, transformations);
  reportTransformations(transformations, flow, report);
  reportRoutes(system, links, specs, flow, transformations, report);
  reportContainers(containers, specs, links, flow, report);
}

// ---- events along the connections ----------------------------------------------------------

interface EventFlow {
  /** Types arriving at each container. */
  readonly arriving: Map<string, Set<EventType>>;
  /** Types each container sends on. */
  readonly leaving: Map<string, Set<EventType>>;
  /** Types that cross each link (after its transformations). */
  readonly crossing: Map<Link, Set<EventType>>;
  /** Types each container sends across at least one route (before a transformation). */
  readonly sentOn: Map<string, Set<EventType>>;
  /** Transformations that applied somewhere (by index). */
  readonly applied: Set<number>;
}

const consumes = (spec: ComponentSpec | null | undefined, type: EventType) =>
  !!spec && (spec.consumes as readonly EventType[]).includes(type);

/** A global transformation applies on a route into a container that takes what it makes, not what it takes. */
const appliesInto = (t: Transformation, spec: ComponentSpec | null | undefined) =>
  t.from === t.to ? consumes(spec, t.from) : !consumes(spec, t.from) && consumes(spec, t.to);

function followEvents(
  containers: ReadonlyMap<string, FlowContainer>,
  specs: ReadonlyMap<string, ComponentSpec | null>,
  links: readonly Link[],
  transformations: readonly Transformation[],
): EventFlow {
  const arriving = new Map([...containers.keys()].map((name) => [name, new Set<EventType>()]));
  const leaving = new Map([...containers.keys()].map((name) => [name, new Set<EventType>()]));
  const crossing = new Map(links.map((l) => [l, new Set<EventType>()]));
  const sentOn = new Map([...containers.keys()].map((name) => [name, new Set<EventType>()]));
  const applied = new Set<number>();
  const sends = (name: string): Set<EventType> => {
    const spec = specs.get(name);
    const out = new Set<EventType>(spec?.emits as readonly EventType[] | undefined);
    for (const type of arriving.get(name)!)
      if (!(DECISIONS.includes(type) && consumes(spec, type) && !out.has(type))) out.add(type);
    return out;
  };
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (const name of containers.keys()) leaving.set(name, sends(name));
    for (const l of links) {
      const target = specs.get(l.target);
      const carried = crossing.get(l)!;
      for (const type of leaving.get(l.source)!) {
        if (l.types && !l.types.has(type)) continue;
        sentOn.get(l.source)!.add(type);
        let made = type;
        if (l.own) {
          if (transformerTakes(l.own, type)) made = transformerMakes(l.own, type);
        } else {
          const t = transformations.find((t) => t.from === type && appliesInto(t, target));
          if (t) {
            applied.add(t.index);
            made = t.to;
          }
        }
        if (!carried.has(made)) carried.add(made);
        if (!arriving.get(l.target)!.has(made)) {
          arriving.get(l.target)!.add(made);
          changed = true;
        }
      }
    }
  }
  return { arriving, leaving, crossing, sentOn, applied };
}

function readTransformations(system: Raw): Transformation[] {
  return asArray(system.transformations).flatMap((value, index): Transformation[] => {
    const entry = asRecord(value);
    const spec = findTransformer(asString(entry.transformer) ?? '');
    const from = entry.from_event;
    if (!spec || !isEventType(from) || !transformerTakes(spec, from)) return [];
    return [{ spec, from, to: transformerMakes(spec, from), index }];
  });
}

function reportTransformations(
  transformations: readonly Transformation[],
  flow: EventFlow,
  report: Report,
): void {
  for (const t of transformations) {
    if (flow.applied.has(t.index)) continue;
    report({
      severity: 'warning',
      message:
        t.from === t.to
          ? `"${t.spec.id}" never applies: no route brings ${t.from} to a container that takes it`
          : `"${t.spec.id}" never applies: it turns ${t.from} into ${t.to} only on a route into a container that takes ${t.to} but not ${t.from} (a broker, for orders), and no route brings ${t.from} to one`,
      path: ['event_system', 'transformations', t.index],
    });
  }
}

function reportRoutes(
  system: Raw,
  links: readonly Link[],
  specs: ReadonlyMap<string, ComponentSpec | null>,
  flow: EventFlow,
  transformations: readonly Transformation[],
  report: Report,
): void {
  asArray(system.routing).forEach((_, index) => {
    for (const l of links.filter((each) => each.entry === index)) {
      if (!l.types || l.own) continue;
      const sent = flow.leaving.get(l.source)!;
      const path: Path = ['event_system', 'routing', index, 'events'];
      const target = specs.get(l.target);
      // The route lets through only what the transformation makes, not what it takes.
      const blocked = transformations.find(
        (t) => appliesInto(t, target) && sent.has(t.from) && !l.types!.has(t.from),
      );
      if (blocked) {
        report({
          severity: 'warning',
          message: `This route carries only ${[...l.types].join(', ')}: the ${blocked.from} events "${l.source}" sends cannot reach "${l.target}", so "${blocked.spec.id}" never turns them into ${blocked.to} on it. Add ${blocked.from} to its events.`,
          path,
          container: l.source,
        });
        continue;
      }
      const never = [...l.types].filter((type) => !sent.has(type));
      if (never.length === l.types.size) {
        report({
          severity: 'warning',
          message: `"${l.source}" never sends ${never.join(' or ')}: this route to "${l.target}" carries nothing (it sends ${[...sent].join(', ') || 'nothing'})`,
          path,
          container: l.source,
        });
      }
    }
  });
}

/** What each kind of component needs to receive to do anything, and what it decides. */
const NEEDS: Partial<Record<ComponentSpec['kind'], { type: EventType; why: string }>> = {
  strategy: { type: 'BarEvent', why: 'it decides on bars, so it never signals' },
  classifier: { type: 'BarEvent', why: 'it classifies on bars, so its regime never changes' },
  risk: { type: 'TradingSignal', why: 'it has no signal to turn into an order' },
  execution: { type: 'OrderEvent', why: 'it has no order to fill' },
  portfolio: { type: 'FillEvent', why: 'it books no trade' },
};
const DECIDES: Partial<Record<ComponentSpec['kind'], EventType>> = {
  strategy: 'TradingSignal',
  risk: 'OrderEvent',
  execution: 'FillEvent',
};

function reportContainers(
  containers: ReadonlyMap<string, FlowContainer>,
  specs: ReadonlyMap<string, ComponentSpec | null>,
  links: readonly Link[],
  flow: EventFlow,
  report: Report,
): void {
  for (const name of containers.keys()) {
    const spec = specs.get(name);
    if (!spec) continue;
    const path: Path = ['containers', name];
    const incoming = links.filter((l) => l.target === name);
    const outgoing = links.filter((l) => l.source === name);
    // A container with no connection in is not wired yet, which the canvas shows; one that is
    // connected and still gets nothing it needs is what a reader cannot see.
    const need = NEEDS[spec.kind];
    if (need && incoming.length > 0 && !flow.arriving.get(name)!.has(need.type)) {
      report({
        severity: 'warning',
        message: `"${name}" never receives ${article(need.type)} ${need.type}: ${need.why}`,
        path,
        key: true,
        container: name,
      });
      continue;
    }
    const decision = DECIDES[spec.kind];
    if (!decision) continue;
    if (flow.sentOn.get(name)!.has(decision)) continue;
    // With no route out, say so only when the flow has a container that would take them.
    const takers = [...specs.values()].some((other) => consumes(other, decision));
    if (outgoing.length === 0 && !takers) continue;
    report({
      severity: 'warning',
      message:
        outgoing.length === 0
          ? `The ${decision} events of "${name}" go nowhere: no route leads from it`
          : `The ${decision} events of "${name}" go nowhere: none of its routes carries them`,
      path,
      key: true,
      container: name,
    });
  }
}

// ---- conditions --------------------------------------------------------------------------

type Kind = FieldKind | 'boolean' | 'null' | 'array' | 'unknown';

/** What a route condition means, beyond parsing: the problems a reader would not see. */
export function checkConditionMeaning(
  source: string,
  types: readonly EventType[],
  path: Path,
  report: Report,
  /** The route's source: the canvas badges it. */
  container?: string,
): { constant: boolean | null } {
  const parsed = parseCondition(source);
  if (!parsed.ok) return { constant: null };
  const warn = (message: string, node?: ConditionNode) =>
    report({
      severity: 'warning',
      message,
      path,
      ...(node ? { inside: { from: node.start, to: node.end } } : {}),
      ...(container ? { container } : {}),
    });
  if (!readsEvent(parsed.condition.ast)) {
    const holds = compileCondition(parsed.condition).test({});
    warn(
      `This condition reads nothing of the event: it is always ${holds ? 'true' : 'false'}, so it ${holds ? 'lets every event through' : 'never lets an event through'}`,
    );
    return { constant: holds };
  }
  const kind = infer(parsed.condition.ast, types, warn);
  if (kind !== 'boolean' && kind !== 'unknown' && kind !== 'null')
    warn(
      `This condition is ${article(kind)} ${kind}, not a true/false test: it holds whenever the value is not empty or zero. Compare it with something (e.g. > 0.5).`,
    );
  return { constant: null };
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function readsEvent(node: ConditionNode): boolean {
  switch (node.kind) {
    case 'name':
      return true;
    case 'literal':
      return false;
    case 'member':
      return readsEvent(node.object) || (node.computed && readsEvent(node.property));
    case 'array':
      return node.elements.some(readsEvent);
    case 'unary':
      return readsEvent(node.argument);
    case 'binary':
    case 'logical':
      return readsEvent(node.left) || readsEvent(node.right);
    case 'call':
      return node.args.some(readsEvent);
    case 'index':
      return readsEvent(node.object);
  }
}

type Warn = (message: string, node?: ConditionNode) => void;

function infer(node: ConditionNode, types: readonly EventType[], warn: Warn): Kind {
  switch (node.kind) {
    case 'literal':
      return node.value === null ? 'null' : (typeof node.value as Kind);
    case 'name':
      return 'object';
    case 'array':
      for (const element of node.elements) infer(element, types, warn);
      return 'array';
    case 'member':
      return member(node, types, warn);
    case 'unary': {
      const argument = infer(node.argument, types, warn);
      if (node.operator === 'not' || node.operator === '!') return 'boolean';
      if (argument === 'string')
        warn(`"${node.operator}" applies to a number, and this is a string`, node);
      return 'number';
    }
    case 'logical': {
      const left = infer(node.left, types, warn);
      const right = infer(node.right, types, warn);
      return left === 'boolean' && right === 'boolean' ? 'boolean' : 'unknown';
    }
    case 'binary': {
      const left = infer(node.left, types, warn);
      const right = infer(node.right, types, warn);
      const op = node.operator;
      if (op === 'in') return 'boolean';
      if (['<', '<=', '>', '>='].includes(op)) {
        if (comparable(left) && comparable(right) && left !== right)
          warn(
            `Compares ${article(left)} ${left} with ${article(right)} ${right}: "${op}" never holds between different types (there is no conversion)`,
            node,
          );
        return 'boolean';
      }
      if (['==', '!=', '===', '!=='].includes(op)) {
        if (comparable(left) && comparable(right) && left !== right) {
          const equal = op.startsWith('=');
          warn(
            `Compares ${article(left)} ${left} with ${article(right)} ${right}: they are never equal (there is no conversion), so this is always ${equal ? 'false' : 'true'}`,
            node,
          );
        }
        return 'boolean';
      }
      if ((left === 'string' || right === 'string') && op !== '+')
        warn(`"${op}" applies to numbers, and one side is a string`, node);
      return left === 'string' && right === 'string' ? 'string' : 'number';
    }
    default:
      return 'unknown';
  }
}

const comparable = (kind: Kind): kind is 'number' | 'string' | 'boolean' =>
  kind === 'number' || kind === 'string' || kind === 'boolean';

/** `event.field` or `signal.field`: a field of the types the route carries. */
function member(
  node: Extract<ConditionNode, { kind: 'member' }>,
  types: readonly EventType[],
  warn: Warn,
): Kind {
  if (node.computed) infer(node.property, types, warn);
  const object = node.object;
  if (object.kind !== 'name' || node.computed || node.property.kind !== 'literal') {
    infer(object, types, warn);
    return 'unknown';
  }
  const alias = CONDITION_NAMES[object.name as keyof typeof CONDITION_NAMES] ?? null;
  const field = String(node.property.value);
  if (alias && !types.includes(alias)) {
    warn(
      `"${object.name}" is always null here: the condition sees only ${types.join(', ')}, never a ${alias}`,
      object,
    );
    return 'null';
  }
  const candidates = alias ? [alias] : types;
  const kinds = new Set(
    candidates.map((type) => fieldKind(type, field)).filter((k) => k !== undefined),
  );
  if (kinds.size === 0) {
    const known = [...new Set(candidates.flatMap(fieldNames))];
    const about =
      candidates.length === 1
        ? `${article(candidates[0]!).replace('a', 'A')} ${candidates[0]}`
        : 'No event this route carries';
    warn(
      `${about} ${candidates.length === 1 ? 'has no' : 'has a'} field "${field}", so this reads null.${didYouMean(field, known)}`,
      node,
    );
    return 'null';
  }
  return kinds.size === 1 ? [...kinds][0]! : 'unknown';
}

// ---- selective routes --------------------------------------------------------------------

/** Each route's condition means something, and each can be reached. */
function checkSelective(block: Raw, at: Path, report: Report): void {
  const source = asString(block.source);
  const on = source ? { container: source } : {};
  const types = Array.isArray(block.events) ? block.events.filter(isEventType) : DEFAULT_SELECTED;
  const seen = new Map<string, number>();
  let alwaysFrom: number | null = null;
  asArray(block.routes).forEach((value, index) => {
    const condition = asString(asRecord(value).condition);
    if (condition === undefined) return;
    const path: Path = [...at, 'routes', index, 'condition'];
    const parsed = parseCondition(condition);
    if (!parsed.ok) return;
    if (alwaysFrom !== null) {
      report({
        severity: 'warning',
        message: `This route can never be reached: route ${alwaysFrom + 1}'s condition always holds and takes every event first`,
        path,
        ...on,
      });
      return;
    }
    const key = canonical(parsed.condition.ast);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report({
        severity: 'warning',
        message: `This route can never be reached: route ${earlier + 1} has the same condition and takes every event it would`,
        path,
        ...on,
      });
      return;
    }
    seen.set(key, index);
    const { constant } = checkConditionMeaning(condition, types, path, report, source);
    if (constant === true) alwaysFrom = index;
  });
  if (alwaysFrom !== null && typeof block.default === 'string')
    report({
      severity: 'warning',
      message: `The default is never used: route ${alwaysFrom + 1}'s condition always holds`,
      path: [...at, 'default'],
      ...on,
    });
}

/** The tree without positions, so `a>1` and `a > 1` compare equal. */
function canonical(node: ConditionNode): string {
  return JSON.stringify(node, (key, value) =>
    key === 'start' || key === 'end' ? undefined : value,
  );
}
