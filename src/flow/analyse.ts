/**
 * Everything checked about a flow beyond its shape, and the model built from it: containers
 * (declared, or known only by name in the seed's examples), references, conditions, regimes,
 * feature references, cycles and transformations. It works on the raw document defensively, so
 * it can report alongside shape errors instead of after them. Problems carry document paths;
 * parse.ts turns them into lines and columns.
 */

import { indicatorName, parseFeatureRef } from '../engine/components/features';
import { parseCondition } from '../engine/condition';
import { DEFAULT_RUN, type PatternConfig, type RouteConfig } from '../engine/config';
import { EVENT_TYPES, type EventType } from '../engine/events';
import { cyclesAmong, type Link } from '../engine/runtime/cycles';
import {
  type ComponentSpec,
  type ContainerKind,
  defaultParams,
  findComponent,
  isParamActive,
} from './catalogue';
import { readEventSystem, readRouteTransform } from './eventSystem';
import { checkExpression, expressionParams, scopeOf } from './expressions';
import { sharedIndicatorNames } from './features';
import { type GridAxis, type GridValue, isGridValue, readGridValue } from './grid';
import { checkIndicatorNames } from './indicatorNameChecks';
import type { Path } from './locate';
import {
  DEFAULT_NOTE_WIDTH,
  type FlowContainer,
  type FlowModel,
  type FlowNote,
  type Position,
} from './model';
import { didYouMean, inferKind } from './names';
import { asArray, asRecord, isRecord, type Raw } from './raw';
import { upgradeParams } from './renamed-params';
import { checkRoutes } from './routeChecks';
import { PARAMS_SCHEMAS } from './schema';
import { plainIssue } from './shape';
import { readSweep } from './sweep-block';

export interface Problem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly path: Path;
  /** Point at the key rather than the value. */
  readonly key?: boolean;
  /** A range of characters inside the scalar at `path` (a condition's error). */
  readonly inside?: { readonly from: number; readonly to: number };
  readonly container?: string;
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

interface Edge {
  readonly source: string;
  readonly target: string;
  readonly path: Path;
}

export interface Analysis {
  readonly problems: Problem[];
  readonly model: FlowModel;
}

export function analyse(raw: unknown): Analysis {
  const problems: Problem[] = [];
  const doc = asRecord(raw);
  const report = (problem: Problem) => problems.push(problem);

  // ---- containers -------------------------------------------------------------------------
  const declaredSection = isRecord(doc.containers);
  const containers = new Map<string, FlowContainer>();
  const axes: GridAxis[] = [];
  for (const [name, value] of Object.entries(asRecord(doc.containers))) {
    containers.set(name, declaredContainer(name, asRecord(value), report, axes));
  }

  // ---- event_flow blocks and routing ------------------------------------------------------
  const edges: Edge[] = [];
  const references: { name: string; path: Path }[] = [];
  const refer = (name: unknown, path: Path) => {
    if (typeof name === 'string') references.push({ name, path });
  };
  const blocks = Array.isArray(doc.event_flow)
    ? doc.event_flow
    : doc.event_flow === undefined
      ? []
      : [doc.event_flow];
  const blockPath = (index: number): Path =>
    Array.isArray(doc.event_flow) ? ['event_flow', index] : ['event_flow'];
  const patterns: PatternConfig[] = [];
  blocks.forEach((value, index) => {
    const block = asRecord(value);
    const at = blockPath(index);
    const pattern = readPattern(block, at, containers, refer, edges, report);
    if (pattern) patterns.push(pattern);
  });
  const eventSystem = asRecord(doc.event_system);
  const routes: RouteConfig[] = [];
  asArray(eventSystem.routing).forEach((value, index) => {
    const entry = asRecord(value);
    const at: Path = ['event_system', 'routing', index];
    const source = asString(entry.source);
    refer(source, [...at, 'source']);
    const targets = asArray(entry.targets).filter((t): t is string => typeof t === 'string');
    targets.forEach((target, t) => {
      refer(target, [...at, 'targets', t]);
      if (source) edges.push({ source, target, path: [...at, 'targets', t] });
    });
    const filters = asArray(entry.filters).filter((f): f is string => typeof f === 'string');
    filters.forEach((filter, f) => {
      checkCondition(filter, [...at, 'filters', f], report);
    });
    const events = asArray(entry.events).filter((e): e is EventType =>
      (EVENT_TYPES as readonly unknown[]).includes(e),
    );
    const transform = readRouteTransform(
      entry.transform,
      entry.events ? events : undefined,
      [...at, 'transform'],
      report,
    );
    if (source)
      routes.push({
        source,
        targets,
        ...(entry.events ? { events } : {}),
        ...(filters.length > 0 ? { filters } : {}),
        ...(transform ? { transform } : {}),
      });
  });

  // Containers known only by name (the seed's examples): kind from the name, component missing.
  // Suggestions compare a name with every container: the first few unknown names get one.
  let suggestions = 20;
  for (const { name, path } of references) {
    if (containers.has(name)) continue;
    if (declaredSection) {
      report({
        severity: 'error',
        message: `"${name}" is not a container of this flow.${suggestions-- > 0 ? didYouMean(name, containers.keys()) : ''}`,
        path,
      });
      continue;
    }
    const kind = inferKind(name);
    report({
      severity: 'warning',
      message: kind
        ? `Container "${name}" is known only by its name: taken to be ${article(kind)} ${kind} container; choose its component`
        : `Container "${name}" is known only by its name and its kind cannot be guessed; give it a kind and a component`,
      path,
      container: name,
    });
    containers.set(name, { name, kind: kind ?? 'strategy', component: null, params: {} });
  }

  for (const edge of edges) {
    const target = containers.get(edge.target);
    if (target?.kind === 'data') {
      report({
        severity: 'error',
        message: `Data container "${edge.target}" cannot receive events`,
        path: edge.path,
        container: edge.target,
      });
    }
    if (edge.source === edge.target) {
      report({
        severity: 'error',
        message: `"${edge.source}" is connected to itself`,
        path: edge.path,
        container: edge.source,
      });
    }
  }
  reportCycles(edges, report);
  const swept = new Map(axes.map((axis) => [axis.key, axis.values]));
  checkFeatures(containers, edges, swept, report);
  checkExpressions(containers, edges, report);
  checkRegimes(patterns, containers, blockPath, report);
  checkRoutes(doc, containers, blockPath, report);
  checkIndicatorNames(doc, containers, new Set(axes.map((axis) => axis.container)), report);
  const system = readEventSystem(eventSystem, containers, report);

  const layout: Record<string, Position> = {};
  for (const [name, value] of Object.entries(asRecord(doc.layout))) {
    const point = Array.isArray(value) ? { x: value[0], y: value[1] } : asRecord(value);
    if (typeof point.x === 'number' && typeof point.y === 'number')
      layout[name] = { x: point.x, y: point.y };
    if (!containers.has(name)) {
      report({
        severity: 'warning',
        message: `The layout places "${name}", which is not a container`,
        path: ['layout', name],
        key: true,
      });
    }
  }

  const { grid, sweep } = readSweep(doc.sweep, axes, containers, report);
  const notes = Object.entries(asRecord(doc.notes)).flatMap(([id, raw]): FlowNote[] => {
    const note = asRecord(raw);
    const at = Array.isArray(note.at) ? note.at : [];
    if (typeof note.text !== 'string' || typeof at[0] !== 'number' || typeof at[1] !== 'number')
      return [];
    const width = typeof note.width === 'number' ? note.width : DEFAULT_NOTE_WIDTH;
    return [{ id, text: note.text, position: { x: at[0], y: at[1] }, width }];
  });

  const model: FlowModel = {
    name: asString(doc.name) ?? 'Untitled flow',
    description: asString(doc.description) ?? '',
    containers: [...containers.values()],
    event_flow: patterns,
    event_system: { ...system, routing: routes },
    run: { ...DEFAULT_RUN, ...(asRecord(doc.run) as Partial<typeof DEFAULT_RUN>) },
    layout,
    ...(notes.length > 0 ? { notes } : {}),
    grid,
    sweep,
  };
  return { problems, model };
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? 'an' : 'a');

function declaredContainer(
  name: string,
  value: Raw,
  report: (problem: Problem) => void,
  axes: GridAxis[],
): FlowContainer {
  const at: Path = ['containers', name];
  const componentId = asString(value.component);
  const spec = componentId === undefined ? undefined : findComponent(componentId);
  const givenKind = asString(value.kind) as ContainerKind | undefined;
  if (componentId !== undefined && !spec) {
    report({
      severity: 'error',
      message: `Unknown component "${componentId}".${didYouMean(componentId, catalogueIds())}`,
      path: [...at, 'component'],
      container: name,
    });
  }
  if (spec && givenKind && givenKind !== spec.kind) {
    report({
      severity: 'error',
      message: `Component "${spec.id}" is ${article(spec.kind)} ${spec.kind}, not ${article(givenKind)} ${givenKind}`,
      path: [...at, 'kind'],
      container: name,
    });
  }
  let kind: ContainerKind | null = spec?.kind ?? givenKind ?? null;
  if (componentId === undefined) {
    kind ??= inferKind(name);
    report({
      severity: 'warning',
      message: kind
        ? `Container "${name}" has no component yet; choose one of the ${kind} components`
        : `Container "${name}" has neither a component nor a kind`,
      path: at,
      key: true,
      container: name,
    });
  }
  // Old parameter names are upgraded first; then grid-valued parameters are read here and the
  // rest are checked by the component's schema. The model holds each grid's first value, so the
  // flow reads as its first run everywhere.
  const written = spec
    ? upgraded(spec.id, asRecord(value.params), [...at, 'params'], name, report)
    : asRecord(value.params);
  const given: Raw = { ...written };
  if (spec) {
    for (const [key, raw] of Object.entries(written)) {
      const param = spec.params[key];
      if (!param || !isGridValue(param, raw)) continue;
      delete given[key];
      const path: Path = [...at, 'params', key];
      const read = readGridValue(param, raw);
      if (!read.ok) {
        report({ severity: 'error', message: `${key}: ${read.message}`, path, container: name });
        continue;
      }
      const schema = PARAMS_SCHEMAS.get(spec.id)!;
      const wrong = read.values.find((item) => !schema.safeParse({ [key]: item }).success);
      if (wrong !== undefined) {
        const issue = schema.safeParse({ [key]: wrong }).error?.issues[0];
        report({
          severity: 'error',
          message: `${key}: the value ${String(wrong)} in the sweep is not allowed: ${issue?.message ?? 'out of range'}`,
          path,
          container: name,
        });
        continue;
      }
      axes.push({
        container: name,
        param: key,
        key: `${name}.${key}`,
        values: read.values,
        label: read.label,
        written: raw,
      });
      given[key] = read.values[0];
    }
    const result = PARAMS_SCHEMAS.get(spec.id)!.safeParse(given);
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            report({
              severity: 'error',
              message: `"${spec.label}" has no parameter "${key}".${didYouMean(key, Object.keys(spec.params))}`,
              path: [...at, 'params', key],
              key: true,
              container: name,
            });
          }
        } else {
          report({
            severity: 'error',
            message: plainIssue(issue, given),
            path: [...at, 'params', ...(issue.path as (string | number)[])],
            container: name,
          });
        }
      }
    }
  } else if (Object.keys(written).length > 0 && componentId === undefined) {
    report({
      severity: 'warning',
      message: 'Parameters of a container without a component are ignored',
      path: [...at, 'params'],
      key: true,
      container: name,
    });
  }
  return {
    name,
    kind: kind ?? 'strategy',
    component: spec ? spec.id : null,
    params: spec ? { ...defaultParams(spec), ...given } : given,
    ...(value.disabled === true ? { disabled: true as const } : {}),
  };
}

/** Old parameter names read under their new ones, each with a warning at its key. */
function upgraded(
  component: string,
  params: Raw,
  at: Path,
  container: string,
  report: (problem: Problem) => void,
): Raw {
  const result = upgradeParams(component, params);
  for (const rename of result.renames)
    report({
      severity: 'warning',
      message: rename.message,
      path: [...at, rename.from],
      key: true,
      container,
    });
  return result.params as Raw;
}

let ids: string[] | undefined;
function catalogueIds(): string[] {
  ids ??= [...PARAMS_SCHEMAS.keys()];
  return ids;
}

function readPattern(
  block: Raw,
  at: Path,
  containers: ReadonlyMap<string, FlowContainer>,
  refer: (name: unknown, path: Path) => void,
  edges: Edge[],
  report: (problem: Problem) => void,
): PatternConfig | null {
  const names = (key: string) =>
    asArray(block[key]).map((value, index) => ({ name: value, path: [...at, key, index] as Path }));
  const events = (key: string) =>
    block[key] === undefined
      ? {}
      : {
          events: asArray(block[key]).filter((e): e is EventType =>
            (EVENT_TYPES as readonly unknown[]).includes(e),
          ),
        };
  switch (block.type) {
    case 'pipeline': {
      const chain = names('containers');
      for (const { name, path } of chain) refer(name, path);
      const valid = chain.map((c) => c.name).filter((n): n is string => typeof n === 'string');
      for (let i = 0; i + 1 < chain.length; i++) {
        const [from, to] = [chain[i]!, chain[i + 1]!];
        if (typeof from.name === 'string' && typeof to.name === 'string')
          edges.push({ source: from.name, target: to.name, path: to.path });
      }
      return { type: 'pipeline', containers: valid };
    }
    case 'broadcast': {
      const source = asString(block.source);
      refer(source, [...at, 'source']);
      const targets = names('targets');
      for (const { name, path } of targets) {
        refer(name, path);
        if (source && typeof name === 'string') edges.push({ source, target: name, path });
      }
      return source
        ? {
            type: 'broadcast',
            source,
            targets: targets.map((t) => t.name).filter((n): n is string => typeof n === 'string'),
          }
        : null;
    }
    case 'hierarchical': {
      const parent = asString(block.parent);
      refer(parent, [...at, 'parent']);
      const regimes = asRecord(block.regimes);
      const children: { name: string; regime: string }[] = [];
      asArray(block.children).forEach((value, index) => {
        const path: Path = [...at, 'children', index];
        const child = isRecord(value) ? asString(value.name) : asString(value);
        if (!child) return;
        refer(child, isRecord(value) ? [...path, 'name'] : path);
        if (parent) edges.push({ source: parent, target: child, path });
        let regime =
          (isRecord(value) ? asString(value.regime) : undefined) ?? asString(regimes[child]);
        if (regime === undefined) {
          const inferred = inferRegime(child, parent, containers);
          report({ severity: 'warning', message: inferred.message, path, container: child });
          regime = inferred.regime;
        }
        children.push({ name: child, regime });
      });
      return parent ? { type: 'hierarchical', parent, children, ...events('events') } : null;
    }
    case 'selective': {
      const source = asString(block.source);
      refer(source, [...at, 'source']);
      const routes: { condition: string; target: string }[] = [];
      asArray(block.routes).forEach((value, index) => {
        const route = asRecord(value);
        const target = asString(route.target);
        const condition = asString(route.condition);
        refer(target, [...at, 'routes', index, 'target']);
        if (condition !== undefined)
          checkCondition(condition, [...at, 'routes', index, 'condition'], report);
        if (source && target)
          edges.push({ source, target, path: [...at, 'routes', index, 'target'] });
        if (target && condition !== undefined) routes.push({ condition, target });
      });
      const fallback = asString(block.default);
      if (fallback !== undefined) {
        refer(fallback, [...at, 'default']);
        if (source) edges.push({ source, target: fallback, path: [...at, 'default'] });
      }
      return source
        ? {
            type: 'selective',
            source,
            routes,
            ...(fallback ? { default: fallback } : {}),
            ...events('events'),
          }
        : null;
    }
    default:
      return null;
  }
}

interface InferredRegime {
  readonly regime: string;
  readonly message: string;
}

/** A child listed by name only: its regime is the parent's regime named in it, or its own name's tail. */
function inferRegime(
  child: string,
  parent: string | undefined,
  containers: ReadonlyMap<string, FlowContainer>,
): InferredRegime {
  const spec = parent ? findComponent(containers.get(parent)?.component ?? '') : undefined;
  const named = spec?.regimes?.find((regime) => child.toLowerCase().includes(regime));
  if (named)
    return { regime: named, message: `Regime of "${child}" taken from its name: ${named}` };
  const tail = child.includes('_') ? child.slice(child.lastIndexOf('_') + 1) : child;
  return {
    regime: tail,
    message: `Regime of "${child}" not given: taken from its name as "${tail}"; set it with regimes: { ${child}: … } or children: [{ name, regime }]`,
  };
}

function checkCondition(condition: string, path: Path, report: (problem: Problem) => void): void {
  const parsed = parseCondition(condition);
  if (!parsed.ok) {
    report({
      severity: 'error',
      message: `Condition does not parse: ${parsed.error.message} (column ${parsed.error.start + 1} of the condition)`,
      path,
      inside: { from: parsed.error.start, to: parsed.error.end },
    });
  }
}

function reportCycles(edges: readonly Edge[], report: (problem: Problem) => void): void {
  const names = [...new Set(edges.flatMap((edge) => [edge.source, edge.target]))];
  const index = new Map(names.map((name, i) => [name, i]));
  const routes: Link[] = edges
    .filter((edge) => edge.source !== edge.target)
    .map((edge) => ({ source: index.get(edge.source)!, target: index.get(edge.target)! }));
  for (const cycle of cyclesAmong(names.length, routes)) {
    const members = new Set(cycle.map((i) => names[i]!));
    // The last connection declared among them is most likely the one that closed the loop.
    const closing = edges
      .filter((edge) => members.has(edge.source) && members.has(edge.target))
      .at(-1)!;
    report({
      severity: 'error',
      message: `These containers form a cycle: ${cycle.map((i) => names[i]).join(' → ')} → ${names[cycle[0]!]}. Events would loop; break one connection.`,
      path: closing.path,
    });
  }
}

/** Feature parameters must name an indicator upstream, and an output it has. */
function checkFeatures(
  containers: ReadonlyMap<string, FlowContainer>,
  edges: readonly Edge[],
  swept: ReadonlyMap<string, readonly GridValue[]>,
  report: (problem: Problem) => void,
): void {
  const upstream = new Map<string, Set<string>>();
  for (const name of containers.keys()) upstream.set(name, new Set());
  const incoming = new Map<string, string[]>();
  for (const edge of edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const ancestors = (name: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(incoming.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(incoming.get(next) ?? []));
    }
    return seen;
  };
  const shared = sharedIndicatorNames(containers.values());
  for (const container of containers.values()) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (!spec) continue;
    const feature = Object.entries(spec.params).filter(
      ([, param]) => param.type === 'feature' && isParamActive(param, container.params),
    );
    if (feature.length === 0) continue;
    const available = new Map<string, string>();
    /** Indicators whose name changes from run to run of a sweep: reachable by container only. */
    const renamed = new Map<string, string>();
    const byContainer = new Map<string, string>();
    for (const name of ancestors(container.name)) {
      const other = containers.get(name);
      const otherSpec = other?.component ? findComponent(other.component) : undefined;
      if (otherSpec?.kind !== 'indicator') continue;
      const named = indicatorName(otherSpec, other!.params);
      const sweptKeys = sweptNameKeys(otherSpec, other!, swept);
      if (sweptKeys.length === 0) available.set(named, otherSpec.id);
      // Every name it takes in the sweep, so a reference to any of them gets the right advice.
      for (const key of sweptKeys)
        for (const value of swept.get(`${other!.name}.${key}`) ?? [])
          renamed.set(indicatorName(otherSpec, { ...other!.params, [key]: value }), other!.name);
      byContainer.set(other!.name, otherSpec.id);
    }
    const checks = feature.flatMap(([key, param]) =>
      (swept.get(`${container.name}.${key}`) ?? [container.params[key]]).map(
        (value) => [key, param, String(value ?? '')] as const,
      ),
    );
    for (const [key, param, reference] of checks) {
      if (param.type !== 'feature') continue;
      const ref = parseFeatureRef(reference);
      const path: Path = ['containers', container.name, 'params', key];
      const owners = shared.get(ref.name);
      if (owners && !byContainer.has(ref.name)) {
        report({
          severity: 'error',
          message: `"${container.name}" reads ${reference}, a name ${owners.length} indicators share (${owners.join(', ')}): refer to one by its container name, for example ${owners[0]}${ref.output ? `.${ref.output}` : ''}`,
          path,
          container: container.name,
        });
        continue;
      }
      const source = available.get(ref.name) ?? byContainer.get(ref.name);
      const sweptName = renamed.get(ref.name);
      if (!source && sweptName) {
        report({
          severity: 'error',
          message: `"${container.name}" reads ${reference}, but ${sweptName}'s name changes from run to run of the sweep: refer to it by its container name, ${sweptName}${ref.output ? `.${ref.output}` : ''}`,
          path,
          container: container.name,
        });
        continue;
      }
      if (!source) {
        const names = [...available.keys(), ...renamed.values()];
        report({
          severity: 'error',
          message: `"${container.name}" reads ${reference || '(nothing)'}, which no indicator upstream provides${names.length > 0 ? ` (upstream: ${names.join(', ')})` : '; connect an indicator before it'}.${didYouMean(ref.name, names)}`,
          path,
          container: container.name,
        });
        continue;
      }
      const sourceSpec = findComponent(source)!;
      if (ref.output !== null && !sourceSpec.outputs?.includes(ref.output)) {
        report({
          severity: 'error',
          message: `${ref.name} has no output "${ref.output}" (outputs: ${sourceSpec.outputs?.join(', ')})`,
          path,
          container: container.name,
        });
      } else if (!param.accepts.includes(source)) {
        report({
          severity: 'warning',
          message: `${param.label} reads ${ref.name}, ${article(sourceSpec.label)} ${sourceSpec.label}; it expects ${param.accepts.join(' or ')}`,
          path,
          container: container.name,
        });
      }
    }
  }
}

/** Rule expressions parse, and name only what is upstream; problems point at their column. */
function checkExpressions(
  containers: ReadonlyMap<string, FlowContainer>,
  edges: readonly Edge[],
  report: (problem: Problem) => void,
): void {
  let incoming: Map<string, string[]> | null = null;
  for (const container of containers.values()) {
    const spec = container.component ? findComponent(container.component) : undefined;
    if (!spec) continue;
    const params = expressionParams(spec);
    if (params.length === 0) continue;
    if (!incoming) {
      incoming = new Map();
      for (const edge of edges)
        incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
    }
    const at = (key: string): Path => ['containers', container.name, 'params', key];
    const chosen = container.params.classifier;
    const scope = scopeOf(
      container,
      params[0]![1].type === 'expression' ? params[0]![1].scope : 'strategy',
      containers,
      incoming,
    );
    if (typeof chosen === 'string' && chosen !== '' && scope.classifier === null) {
      report({
        severity: 'error',
        message: `"${chosen}" is not a classifier upstream of "${container.name}"`,
        path: at('classifier'),
        container: container.name,
      });
    }
    for (const [key, param] of params) {
      if (param.type !== 'expression') continue;
      const source = String(container.params[key] ?? '');
      if (source.trim() === '') {
        if (!param.optional)
          report({
            severity: 'error',
            message: `${param.label} needs an expression`,
            path: at(key),
            container: container.name,
          });
        continue;
      }
      const checked = checkExpression(source, scope);
      if (!checked.ok) {
        report({
          severity: 'error',
          message: `${param.label}: ${checked.message} (column ${checked.start + 1})`,
          path: at(key),
          inside: { from: checked.start, to: checked.end },
          container: container.name,
        });
      }
    }
  }
}

function checkRegimes(
  patterns: readonly PatternConfig[],
  containers: ReadonlyMap<string, FlowContainer>,
  blockPath: (index: number) => Path,
  report: (problem: Problem) => void,
): void {
  patterns.forEach((pattern, index) => {
    if (pattern.type !== 'hierarchical') return;
    const spec = findComponent(containers.get(pattern.parent)?.component ?? '');
    if (!spec?.regimes) return;
    pattern.children.forEach((child, c) => {
      if (!spec.regimes!.includes(child.regime)) {
        report({
          severity: 'warning',
          message: `"${pattern.parent}" never reports the regime "${child.regime}" (it reports ${spec.regimes!.join(', ')}): "${child.name}" would never be active`,
          path: [...blockPath(index), 'children', c],
          container: child.name,
        });
      }
    });
  });
}

/** The swept parameters an indicator's name is made of (its name template reads them). */
function sweptNameKeys(
  spec: ComponentSpec,
  container: FlowContainer,
  swept: ReadonlyMap<string, unknown>,
): string[] {
  if (typeof container.params.name === 'string' && container.params.name !== '') return [];
  const template = spec.nameTemplate ?? '';
  return [...template.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1]!)
    .filter((key) => swept.has(`${container.name}.${key}`));
}
