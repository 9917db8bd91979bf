/**
 * Building a run's containers: one component per container from the registry, the compiled
 * topology (routes, selective groups, gates, the market feed), and the timeline of the data
 * containers' bars. Both drivers of a run (./steps, event by event; ./plan, bar step by bar step)
 * run the same containers built here.
 */
import type { ComponentContext } from '../component';
import { DEFAULT_RETRY, type EngineConfig } from '../config';
import { Container } from './container';
import type { Delivery } from './delivery';
import { typeBit } from './event-bits';
import { compileDispatch } from './plan';
import { SeenSet } from './seen';
import type { EventStamper } from './stamp';
import { Timeline } from './timeline';
import {
  addMarketFeed,
  compileTopology,
  EngineConfigError,
  isDataComponent,
  type Topology,
} from './topology';
import type { ComponentRegistry, RunInput } from './types';

export interface Built {
  readonly topology: Topology;
  readonly containers: readonly Container[];
  readonly timeline: Timeline;
}

/** Refuses a config naming a component the engine does not know, before anything is built. */
export function checkComponents(config: EngineConfig, registry: ComponentRegistry): void {
  for (const container of config.containers) {
    if (!isDataComponent(container.component) && !registry[container.component]) {
      throw new EngineConfigError(
        `Container "${container.name}" uses component "${container.component}", which the engine does not know`,
        [container.name],
      );
    }
  }
}

export function buildContainers(
  config: EngineConfig,
  input: RunInput,
  registry: ComponentRegistry,
  delivery: Delivery,
  stamper: EventStamper,
): Built {
  const eventSystem = config.eventSystem;
  const instances = config.containers.map((container) => {
    // A disabled container has no component: the engine passes what it receives straight on.
    if (isDataComponent(container.component) || container.disabled) return null;
    const factory = registry[container.component]!;
    return factory(container.params, { container: container.name, seed: config.run.seed });
  });
  const topology = compileTopology(config, (index) => instances[index]?.consumes ?? []);
  const market = addMarketFeed(topology, (index) => instances[index]?.marketFeed === true);
  const retry = eventSystem.retry ?? {};
  const containers: Container[] = [];
  const contextFor = (container: Container): ComponentContext => ({
    container: container.name,
    get now() {
      return stamper.time;
    },
    emit: (type, payload, cause) => delivery.emit(container, type, payload, cause),
    forward: (event) => delivery.forward(container, event),
    published: (name, key) => {
      const index = topology.byName.get(name);
      if (index === undefined) return undefined;
      return containers[index]!.component?.publish?.(key);
    },
  });
  for (const spec of topology.containers) {
    const container = new Container(
      spec.index,
      spec.name,
      spec.component,
      instances[spec.index] ?? null,
      spec.bus,
      eventSystem.circuit_breaker,
      retry[spec.name] ?? retry.default ?? DEFAULT_RETRY,
      eventSystem.faults?.[spec.name],
      config.run.seed,
    );
    for (const type of container.component?.consumes ?? []) container.consumesMask |= typeBit(type);
    container.plainOut = topology.plainOut[spec.index]!;
    container.selectiveOut = topology.selectiveOut[spec.index]!;
    container.marketOut = market[spec.index]!;
    container.gates = topology.gates[spec.index]!;
    container.ctx = contextFor(container);
    containers.push(container);
  }
  // Sources counted after the market feed is added: a broker hears bars by two ways.
  const sources = containers.map(() => new Set<number>());
  for (const route of topology.routes) sources[route.target]!.add(route.source);
  for (const container of containers)
    if (sources[container.index]!.size > 1) container.seen = new SeenSet();
  for (const container of containers) container.dispatch = compileDispatch(container, containers);
  delivery.install(topology, containers);

  const series = [];
  for (const container of containers) {
    if (!isDataComponent(container.componentId)) continue;
    const bars = input.bars[container.name];
    if (!bars || bars.length === 0) {
      throw new EngineConfigError(`Data container "${container.name}" has no bars to play`, [
        container.name,
      ]);
    }
    for (const one of bars) series.push({ container: container.index, series: one });
  }
  return { topology, containers, timeline: new Timeline(series) };
}
