/**
 * A flow model into the engine's configuration; refuses flows that cannot run, saying why.
 * A flow with a grid compiles one cell at a time (its first when none is given). Feature
 * parameters that name an indicator by its container (`fast: sma_fast`, the way to read an
 * indicator whose period is swept) become that indicator's name in this cell (`SMA_15`).
 */
import { indicatorName, parseFeatureRef } from '../engine/components/features';
import type { EngineConfig } from '../engine/config';
import { findComponent } from './catalogue';
import { type RawBlock, removeFromBlocks } from './connections';
import type { Diagnostic } from './diagnostics';
import { expressionParams, scopeInFlow } from './expressions';
import { publishedIndicatorNames, sharedIndicatorNames } from './features';
import { type Cell, describeCell, gridCells } from './grid';
import type { FlowContainer, FlowModel } from './model';

export interface Compiled {
  readonly config: EngineConfig | null;
  readonly problems: readonly Pick<Diagnostic, 'message' | 'container'>[];
}

export function compileFlow(model: FlowModel, given?: Cell): Compiled {
  const cell = given ?? firstCell(model);
  const problems: { message: string; container?: string }[] = [];
  for (const container of model.containers) {
    if (!container.component) {
      problems.push({
        message: `"${container.name}" has no component: choose one before running`,
        container: container.name,
      });
    }
  }
  if (!model.containers.some((container) => container.kind === 'data')) {
    problems.push({ message: 'The flow has no data container: add one to give it bars' });
  } else if (!model.containers.some((c) => c.kind === 'data' && !c.disabled)) {
    problems.push({ message: 'Every data container is disabled: enable one to give the run bars' });
  }
  const swept = new Set(model.grid?.axes.map((axis) => axis.key) ?? []);
  for (const key of Object.keys(cell ?? {})) {
    if (!swept.has(key))
      problems.push({ message: `The run sets ${key}, which is not swept in this flow` });
  }
  if (problems.length > 0) return { config: null, problems };
  // A disabled data container sends no bars: it and the connections from it are left out. Any
  // other disabled container stays, without its component, passing events through.
  const silent = new Set(
    model.containers.filter((c) => c.disabled && c.kind === 'data').map((c) => c.name),
  );
  const containers = withCell(
    model.containers.filter((container) => !silent.has(container.name)),
    cell,
  );
  const resolved = resolveContainerReferences(containers);
  return {
    config: {
      containers: resolved.map((container) => ({
        name: container.name,
        component: container.component!,
        params: withRegimeSource(container, model),
        ...(container.disabled ? { disabled: true } : {}),
      })),
      patterns: withoutContainers(model.event_flow, silent),
      routes: model.event_system.routing.filter((route) => !silent.has(route.source)),
      transformations: model.event_system.transformations,
      eventSystem: {
        buses: model.event_system.event_buses,
        monitoring: model.event_system.monitoring,
        circuit_breaker: model.event_system.circuit_breaker,
        retry: model.event_system.retry,
        faults: model.event_system.fault_injection,
      },
      run: model.run,
    },
    problems,
  };
}

/** The patterns with the connections from and to `names` taken out. */
function withoutContainers(
  patterns: FlowModel['event_flow'],
  names: ReadonlySet<string>,
): FlowModel['event_flow'] {
  if (names.size === 0) return patterns;
  let blocks = patterns as unknown as RawBlock[];
  for (const name of names) blocks = removeFromBlocks(blocks, name);
  return blocks as unknown as FlowModel['event_flow'];
}

/** The model's containers with a cell's values in place of the grid's first ones. */
export function withCell(
  containers: readonly FlowContainer[],
  cell: Cell | undefined,
): FlowContainer[] {
  if (!cell) return [...containers];
  return containers.map((container) => {
    const prefix = `${container.name}.`;
    const own = Object.entries(cell).filter(([key]) => key.startsWith(prefix));
    if (own.length === 0) return container;
    const params = { ...container.params };
    for (const [key, value] of own) params[key.slice(prefix.length)] = value;
    return { ...container, params };
  });
}

/**
 * Feature references by container name become the indicator's name. Indicators that would share
 * a name (two PSARs of different steps: the name leaves the parameters out) publish under their
 * container names instead, so neither overwrites the other's values; the analysis asks a reader
 * of the shared name to choose one by its container.
 */
function resolveContainerReferences(containers: readonly FlowContainer[]): FlowContainer[] {
  const indicators = publishedIndicatorNames(containers);
  /** Indicators that publish under their container's name. */
  const shared = sharedIndicatorNames(containers);
  const byContainer = new Set(
    containers
      .filter((container) => {
        const spec = container.component ? findComponent(container.component) : undefined;
        return spec?.kind === 'indicator' && shared.has(indicatorName(spec, container.params));
      })
      .map((container) => container.name),
  );
  const names = new Set(indicators.values());
  return containers.map((original) => {
    const spec = original.component ? findComponent(original.component) : undefined;
    if (!spec) return original;
    const container = byContainer.has(original.name)
      ? { ...original, params: { ...original.params, name: original.name } }
      : original;
    let params: Record<string, unknown> | null = null;
    for (const [key, param] of Object.entries(spec.params)) {
      const value = container.params[key];
      if (param.type !== 'feature' || typeof value !== 'string') continue;
      const ref = parseFeatureRef(value);
      // An indicator's own name wins over a container of the same name.
      const indicator = names.has(ref.name) ? undefined : indicators.get(ref.name);
      if (indicator === undefined) continue;
      params ??= { ...container.params };
      params[key] = ref.output === null ? indicator : `${indicator}.${ref.output}`;
    }
    return params ? { ...container, params } : container;
  });
}

/** Each container's params by name: what constraints are evaluated against. */
export function paramsByContainer(
  model: FlowModel,
): Record<string, Readonly<Record<string, unknown>>> {
  return Object.fromEntries(model.containers.map((c) => [c.name, c.params]));
}

/** The first combination the constraints keep: what a plain run of a grid flow runs. */
export function firstCell(model: FlowModel): Cell | undefined {
  if (!model.grid) return undefined;
  return gridCells(model.grid, paramsByContainer(model)).next().value?.cell;
}

/** What a plain run of a grid flow runs, in words for the run views. */
export function firstCellNote(model: FlowModel): string | null {
  const cell = firstCell(model);
  if (!model.grid || !cell) return null;
  return `This flow sweeps ${model.grid.runs.toLocaleString('en-US')} runs; a plain run uses the first (${describeCell(cell)}). Sweep runs them all.`;
}

/**
 * A rule strategy whose `classifier` is left empty reads the regime of the nearest classifier
 * upstream: the engine is told which container that is.
 */
function withRegimeSource(container: FlowContainer, model: FlowModel): FlowContainer['params'] {
  const spec = container.component ? findComponent(container.component) : undefined;
  if (!spec || !('classifier' in spec.params) || expressionParams(spec).length === 0)
    return container.params;
  if (typeof container.params.classifier === 'string' && container.params.classifier !== '')
    return container.params;
  const classifier = scopeInFlow(model, container.name)?.classifier;
  return classifier ? { ...container.params, classifier } : container.params;
}
