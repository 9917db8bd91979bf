/**
 * Compiles an EngineConfig into the routing table the scheduler walks: container indexes, plain
 * routes (pipeline, broadcast, hierarchical, explicit routing), selective groups, hierarchical
 * gates, the implicit market feed and the implicit portfolio feedback. Everything that can be
 * wrong with the wiring is found here, before the first bar.
 */
import { findComponent } from '../catalogue';
import { findTransformer, transformerMakes, transformerTakes } from '../catalogue/transformers';
import { type CompiledCondition, compileCondition, parseCondition } from '../condition';
import type {
  EngineConfig,
  EventBusSettings,
  RouteTransform,
  TransformationConfig,
} from '../config';
import { DEFAULT_BUS } from '../config';
import { EVENT_TYPES, type EventType } from '../events';
import { ALL_TYPES, maskOf, typeBit, typeIndex } from './event-bits';
import { createTransformer, TRANSFORMER_IDS, type Transformer } from './transformers';

export type RoutePattern =
  | 'pipeline'
  | 'broadcast'
  | 'hierarchical'
  | 'selective'
  | 'route'
  | 'market'
  | 'feedback';

export interface CompiledRoute {
  readonly index: number;
  readonly id: string;
  readonly source: number;
  readonly target: number;
  readonly pattern: RoutePattern;
  /** Bit mask of the event types allowed across; ALL_TYPES when unrestricted. */
  readonly types: number;
  readonly filters: readonly CompiledCondition[];
  /** Transformation to apply, by event type index (sparse). */
  readonly transforms: readonly (AppliedTransform | undefined)[];
  /**
   * Event types worth delivering on this route: the target or a container after it subscribes to
   * them (or a transformation turns them into something subscribed). The rest are filtered out as
   * `unsubscribed` instead of travelling through containers that would only pass them on.
   */
  useful: number;
}

export interface AppliedTransform {
  /** This route's own instance (a transformer may keep state for the run). */
  readonly transformer: Transformer;
  readonly name: string;
  /** The type it makes of the event it applies to. */
  readonly to: EventType;
}

export interface SelectiveGroup {
  readonly id: string;
  readonly source: number;
  /** Event types decided by the conditions. */
  readonly routedTypes: number;
  readonly choices: readonly {
    readonly condition: CompiledCondition;
    readonly route: CompiledRoute;
  }[];
  readonly fallback: CompiledRoute | null;
  /** One route per distinct target (default included) for the types not decided. */
  readonly broadcast: readonly CompiledRoute[];
}

export interface RegimeGate {
  readonly parent: number;
  readonly regime: string;
  readonly types: number;
  readonly block: string;
}

export interface TopologyContainer {
  readonly index: number;
  readonly name: string;
  readonly component: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly isSource: boolean;
  readonly bus: EventBusSettings;
}

export interface Topology {
  readonly containers: readonly TopologyContainer[];
  readonly byName: ReadonlyMap<string, number>;
  readonly routes: readonly CompiledRoute[];
  /** Out routes by source index: plain routes in declaration order. */
  readonly plainOut: readonly (readonly CompiledRoute[])[];
  readonly selectiveOut: readonly (readonly SelectiveGroup[])[];
  /** Market feed routes by source (data) index; filled in once components say who is market-facing. */
  readonly gates: readonly (readonly RegimeGate[])[];
  /** Number of distinct sources that can deliver to each container (dedupe needed above 1). */
  readonly fanIn: readonly number[];
  /** Container indexes that can reach each container through the declared routes. */
  readonly upstream: readonly ReadonlySet<number>[];
}

export class EngineConfigError extends Error {
  constructor(
    message: string,
    readonly containers: readonly string[] = [],
  ) {
    super(message);
    this.name = 'EngineConfigError';
  }
}

const DEFAULT_GATED: readonly EventType[] = ['TradingSignal', 'OrderEvent'];
const DEFAULT_SELECTED: readonly EventType[] = ['TradingSignal'];

/** Whether a container is a data source (its catalogue kind is data). */
export function isDataComponent(component: string): boolean {
  return findComponent(component)?.kind === 'data';
}

/**
 * `consumesOf` gives the event types each container's component consumes (empty for sources):
 * transformations depend on it.
 */
export function compileTopology(
  config: EngineConfig,
  consumesOf: (index: number) => readonly EventType[],
): Topology {
  const containers = config.containers.map((container, index): TopologyContainer => {
    const isSource = isDataComponent(container.component);
    const bus =
      config.eventSystem.buses[container.name] ?? config.eventSystem.buses.default ?? DEFAULT_BUS;
    return {
      index,
      name: container.name,
      component: container.component,
      params: container.params,
      isSource,
      bus,
    };
  });
  const byName = new Map<string, number>();
  for (const container of containers) {
    if (byName.has(container.name)) {
      throw new EngineConfigError(`Two containers are named "${container.name}"`, [container.name]);
    }
    byName.set(container.name, container.index);
  }
  const indexOf = (name: string, where: string): number => {
    const index = byName.get(name);
    if (index === undefined)
      throw new EngineConfigError(`${where} names "${name}", which is not a container`, [name]);
    return index;
  };

  const routes: CompiledRoute[] = [];
  const plainOut: CompiledRoute[][] = containers.map(() => []);
  const selectiveOut: SelectiveGroup[][] = containers.map(() => []);
  const gates: RegimeGate[][] = containers.map(() => []);
  const transforms = compileTransformations(config.transformations);

  const addRoute = (
    source: number,
    target: number,
    pattern: RoutePattern,
    types = ALL_TYPES,
    filters: readonly CompiledCondition[] = [],
    listed = true,
    own: RouteTransform | undefined = undefined,
  ): CompiledRoute => {
    if (containers[target]?.isSource && pattern !== 'feedback') {
      throw new EngineConfigError(
        `Data container "${containers[target]!.name}" cannot receive events (from "${containers[source]!.name}")`,
        [containers[target]!.name],
      );
    }
    const route: CompiledRoute = {
      index: routes.length,
      id: `${containers[source]!.name}->${containers[target]!.name}#${routes.length}`,
      source,
      target,
      pattern,
      types,
      filters,
      transforms: own
        ? routeTransforms(
            own,
            types,
            `the route ${containers[source]!.name} → ${containers[target]!.name}`,
          )
        : transformsFor(transforms, consumesOf(target)),
      useful: ALL_TYPES,
    };
    routes.push(route);
    if (listed) plainOut[source]!.push(route);
    return route;
  };

  config.patterns.forEach((pattern, blockIndex) => {
    const where = `event_flow block ${blockIndex + 1} (${pattern.type})`;
    switch (pattern.type) {
      case 'pipeline': {
        const chain = pattern.containers.map((name) => indexOf(name, where));
        for (let i = 0; i + 1 < chain.length; i++) addRoute(chain[i]!, chain[i + 1]!, 'pipeline');
        break;
      }
      case 'broadcast': {
        const source = indexOf(pattern.source, where);
        for (const target of pattern.targets) addRoute(source, indexOf(target, where), 'broadcast');
        break;
      }
      case 'hierarchical': {
        const parent = indexOf(pattern.parent, where);
        const types = maskOf(pattern.events ?? DEFAULT_GATED);
        for (const child of pattern.children) {
          const index = indexOf(child.name, where);
          addRoute(parent, index, 'hierarchical');
          gates[index]!.push({ parent, regime: child.regime, types, block: where });
        }
        break;
      }
      case 'selective': {
        const source = indexOf(pattern.source, where);
        const choices = pattern.routes.map((choice, routeIndex) => ({
          condition: compileRouteCondition(choice.condition, `${where}, route ${routeIndex + 1}`),
          route: addRoute(source, indexOf(choice.target, where), 'selective', ALL_TYPES, [], false),
        }));
        const fallback =
          pattern.default === undefined
            ? null
            : addRoute(source, indexOf(pattern.default, where), 'selective', ALL_TYPES, [], false);
        const targets = new Map<number, CompiledRoute>();
        for (const { route } of choices)
          if (!targets.has(route.target)) targets.set(route.target, route);
        if (fallback && !targets.has(fallback.target)) targets.set(fallback.target, fallback);
        selectiveOut[source]!.push({
          id: where,
          source,
          routedTypes: maskOf(pattern.events ?? DEFAULT_SELECTED),
          choices,
          fallback,
          broadcast: [...targets.values()],
        });
        break;
      }
    }
  });

  config.routes.forEach((route, routeIndex) => {
    const where = `routing entry ${routeIndex + 1}`;
    const source = indexOf(route.source, where);
    const types = route.events ? maskOf(route.events) : ALL_TYPES;
    const filters = (route.filters ?? []).map((filter, filterIndex) =>
      compileRouteCondition(filter, `${where}, filter ${filterIndex + 1}`),
    );
    for (const target of route.targets)
      addRoute(source, indexOf(target, where), 'route', types, filters, true, route.transform);
  });

  const upstream = reachability(containers.length, routes);
  addFeedback(containers, upstream, addRoute);
  markUseful(containers.length, routes, consumesOf);
  return {
    containers,
    byName,
    routes,
    plainOut,
    selectiveOut,
    gates,
    fanIn: fanInOf(containers.length, routes),
    upstream,
  };
}

/**
 * Portfolios send their updates, fills and cancellations back to every risk and execution
 * container upstream of them: risk sizes from positions and equity, a broker checks cash.
 */
function addFeedback(
  containers: readonly TopologyContainer[],
  upstream: readonly ReadonlySet<number>[],
  addRoute: (source: number, target: number, pattern: RoutePattern, types: number) => CompiledRoute,
): void {
  const kind = (index: number) => findComponent(containers[index]!.component)?.kind;
  const types = maskOf(FEEDBACK_EVENTS);
  for (const portfolio of containers) {
    if (kind(portfolio.index) !== 'portfolio') continue;
    for (const member of upstream[portfolio.index]!) {
      const memberKind = kind(member);
      if (memberKind === 'risk' || memberKind === 'execution')
        addRoute(portfolio.index, member, 'feedback', types);
    }
  }
}

export const FEEDBACK_EVENTS: readonly EventType[] = [
  'PortfolioUpdateEvent',
  'FillEvent',
  'OrderCancelled',
];

/** Adds the market feed: every data container to each market-facing container downstream of it. */
export function addMarketFeed(
  topology: Topology,
  isMarketFacing: (index: number) => boolean,
): (readonly CompiledRoute[])[] {
  const feed: CompiledRoute[][] = topology.containers.map(() => []);
  const routes = topology.routes as CompiledRoute[];
  for (const target of topology.containers) {
    if (!isMarketFacing(target.index)) continue;
    for (const source of topology.upstream[target.index]!) {
      if (!topology.containers[source]!.isSource) continue;
      const route: CompiledRoute = {
        index: routes.length,
        id: `${topology.containers[source]!.name}->${target.name}#market`,
        source,
        target: target.index,
        pattern: 'market',
        types: maskOf(['BarEvent']),
        filters: [],
        transforms: [],
        useful: maskOf(['BarEvent']),
      };
      routes.push(route);
      feed[source]!.push(route);
    }
  }
  return feed;
}

/**
 * Which event types are worth sending down each route: those the target consumes, those that
 * pass through it to a container that does (a fixed point, since routes may form loops), and
 * those the route itself transforms (a signal a route turns into an order for a broker).
 */
function markUseful(
  count: number,
  routes: readonly CompiledRoute[],
  consumesOf: (index: number) => readonly EventType[],
): void {
  const transformed = routes.map((route) => {
    let mask = 0;
    route.transforms.forEach((transform, index) => {
      if (transform) mask |= 1 << index;
    });
    return mask;
  });
  const useful = Array.from({ length: count }, (_, index) => maskOf(consumesOf(index)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const route of routes) {
      const worth = useful[route.target]! | transformed[route.index]!;
      const next = useful[route.source]! | (route.types & worth);
      if (next !== useful[route.source]) {
        useful[route.source] = next;
        changed = true;
      }
    }
  }
  for (const route of routes) route.useful = useful[route.target]! | transformed[route.index]!;
}

function reachability(count: number, routes: readonly CompiledRoute[]): Set<number>[] {
  const next: number[][] = Array.from({ length: count }, () => []);
  for (const route of routes) next[route.source]!.push(route.target);
  const upstream: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  for (let start = 0; start < count; start++) {
    const stack = [...next[start]!];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      if (node !== start) upstream[node]!.add(start);
      stack.push(...next[node]!);
    }
  }
  return upstream;
}

function fanInOf(count: number, routes: readonly CompiledRoute[]): number[] {
  const sources = Array.from({ length: count }, () => new Set<number>());
  for (const route of routes) sources[route.target]!.add(route.source);
  return sources.map((set) => set.size);
}

function compileRouteCondition(source: string, where: string): CompiledCondition {
  const parsed = parseCondition(source);
  if (!parsed.ok) {
    throw new EngineConfigError(
      `${where}: condition "${source}" does not parse: ${parsed.error.message} (column ${parsed.error.start + 1})`,
    );
  }
  return compileCondition(parsed.condition);
}

interface CompiledTransformation {
  readonly from: EventType;
  readonly to: EventType;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

function compileTransformations(
  transformations: readonly TransformationConfig[],
): readonly CompiledTransformation[] {
  return transformations.map((entry, index) => {
    const where = `transformation ${index + 1}`;
    const spec = findTransformer(entry.transformer);
    if (!spec) {
      throw new EngineConfigError(
        `${where}: unknown transformer "${entry.transformer}"; known: ${TRANSFORMER_IDS.join(', ')}`,
      );
    }
    if (
      !transformerTakes(spec, entry.from_event) ||
      transformerMakes(spec, entry.from_event) !== entry.to_event
    ) {
      throw new EngineConfigError(
        `${where}: transformer "${entry.transformer}" turns ${spec.from === 'any' ? 'any event' : spec.from} into ${spec.to === 'same' ? 'the same type' : spec.to}, not ${entry.from_event} into ${entry.to_event}`,
      );
    }
    // Made once here so that a bad parameter stops the run before the first bar.
    instantiate(entry.transformer, entry.params ?? {}, where);
    return {
      from: entry.from_event,
      to: entry.to_event,
      name: entry.transformer,
      params: entry.params ?? {},
    };
  });
}

function instantiate(
  name: string,
  params: Readonly<Record<string, unknown>>,
  where: string,
): Transformer {
  const made = createTransformer(name, params);
  if (typeof made === 'string') throw new EngineConfigError(`${where}: ${made}`);
  return made;
}

/**
 * A transformation of event_system.transformations applies on routes into a container that does
 * not consume the original type but consumes the one it is turned into; one that keeps the type
 * (a risk check, an enrichment) applies on routes into a container that consumes that type. Each
 * route gets its own instance.
 */
function transformsFor(
  transformations: readonly CompiledTransformation[],
  consumes: readonly EventType[],
): (AppliedTransform | undefined)[] {
  const byType: (AppliedTransform | undefined)[] = [];
  for (const { from, to, name, params } of transformations) {
    const applies =
      from === to ? consumes.includes(from) : !consumes.includes(from) && consumes.includes(to);
    if (applies) {
      byType[typeIndex(from)] = {
        transformer: instantiate(name, params, 'transformation'),
        name,
        to,
      };
    }
  }
  return byType;
}

/** A routing entry's own transformation: every type it takes that may cross the route. */
function routeTransforms(
  own: RouteTransform,
  types: number,
  where: string,
): (AppliedTransform | undefined)[] {
  const transformer = instantiate(own.transformer, own.params ?? {}, where);
  const byType: (AppliedTransform | undefined)[] = [];
  for (const type of EVENT_TYPES) {
    if ((types & typeBit(type)) === 0 || !transformerTakes(transformer.spec, type)) continue;
    byType[typeIndex(type)] = {
      transformer,
      name: own.transformer,
      to: transformerMakes(transformer.spec, type),
    };
  }
  if (byType.length === 0) {
    throw new EngineConfigError(
      `${where}: transformer "${own.transformer}" takes ${transformer.spec.from}, which this route does not carry`,
    );
  }
  return byType;
}
