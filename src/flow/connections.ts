/**
 * Drawing and removing connections, as changes to the event_flow blocks. A block that does not
 * change stays the same object, so the document writer keeps its text (and comments) as it was.
 *
 * The rules (docs/yaml-reference.md, "Connecting on the canvas"):
 * - from a selective source: a new route; from a hierarchical parent: a new child; from a
 *   broadcast source: a new target;
 * - from the end of a pipeline: the pipeline grows (and joins a pipeline that starts at the target);
 * - from the middle of a pipeline: the pipeline splits and the container broadcasts to both;
 * - from a container with no outgoing connection: a new pipeline (or it joins the front of one).
 */
import { findComponent } from './catalogue';
import type { FlowModel } from './model';

export type RawBlock = Readonly<Record<string, unknown>>;

export const NEW_ROUTE_CONDITION = 'signal.strength > 0.5';

/** Thresholds new routes take in turn, strongest first, so that no two routes start alike. */
const ROUTE_THRESHOLDS = [0.8, 0.5, 0.3, 0.2, 0.1, 0.05];

/** A condition for a new route that none of `taken` already uses. */
export function freshRouteCondition(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (const threshold of ROUTE_THRESHOLDS) {
    const condition = `signal.strength > ${threshold}`;
    if (!used.has(condition)) return condition;
  }
  return NEW_ROUTE_CONDITION;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const childName = (child: unknown): string | undefined =>
  typeof child === 'string'
    ? child
    : typeof child === 'object' && child !== null
      ? ((child as { name?: unknown }).name as string)
      : undefined;

/** Every (source, target) the blocks connect, in order. */
export function blockEdges(block: RawBlock): [string, string][] {
  switch (block.type) {
    case 'pipeline': {
      const chain = list(block.containers);
      return chain.slice(1).map((target, i) => [chain[i]!, target]);
    }
    case 'broadcast':
      return list(block.targets).map((target) => [String(block.source), target]);
    case 'hierarchical':
      return (Array.isArray(block.children) ? block.children : []).flatMap((child) => {
        const name = childName(child);
        return name ? [[String(block.parent), name] as [string, string]] : [];
      });
    case 'selective': {
      const routes = (Array.isArray(block.routes) ? block.routes : []).map(
        (route) => [String(block.source), String((route as RawBlock).target)] as [string, string],
      );
      return typeof block.default === 'string'
        ? [...routes, [String(block.source), block.default]]
        : routes;
    }
    default:
      return [];
  }
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether a connection may be drawn, and why not. Checked while the user drags. */
export function canConnect(model: FlowModel, source: string, target: string): Verdict {
  const byName = new Map(model.containers.map((c) => [c.name, c]));
  const from = byName.get(source);
  const to = byName.get(target);
  if (!from || !to) return { ok: false, reason: `No container named "${!from ? source : target}"` };
  if (source === target) return { ok: false, reason: 'A container cannot connect to itself' };
  if (to.kind === 'data')
    return { ok: false, reason: `"${target}" is a data container: it only sends bars` };
  const edges = model.event_flow.flatMap((pattern) => blockEdges(pattern as unknown as RawBlock));
  for (const route of model.event_system.routing)
    for (const t of route.targets) edges.push([route.source, t]);
  if (edges.some(([s, t]) => s === source && t === target))
    return { ok: false, reason: `"${source}" already sends to "${target}"` };
  const path = pathBetween(edges, target, source);
  if (path)
    return { ok: false, reason: `That would make a cycle: ${[...path, target].join(' → ')}` };
  const arriving = eventsLeaving(model, edges, source);
  const consumes = to.component ? (findComponent(to.component)?.consumes ?? []) : [];
  if (arriving && consumes.length > 0 && !consumes.some((type) => arriving.has(type))) {
    return {
      ok: false,
      reason: `"${target}" handles ${consumes.join(', ')}; "${source}" sends only ${[...arriving].join(', ')}`,
    };
  }
  return { ok: true };
}

function pathBetween(
  edges: readonly [string, string][],
  from: string,
  to: string,
): string[] | null {
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
      return path;
    }
    for (const [s, t] of edges) {
      if (s === node && !seen.has(t)) {
        seen.add(t);
        previous.set(t, node);
        queue.push(t);
      }
    }
  }
  return null;
}

/**
 * The event types that can leave a container: what it emits and what reaches it (everything
 * passes through). Null when it has nothing upstream yet: it may still be wired later.
 */
function eventsLeaving(
  model: FlowModel,
  edges: readonly [string, string][],
  name: string,
): Set<string> | null {
  const byName = new Map(model.containers.map((c) => [c.name, c]));
  const out = new Set<string>();
  const stack = [name];
  const seen = new Set<string>();
  let upstream = false;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const container = byName.get(node);
    const spec = container?.component ? findComponent(container.component) : undefined;
    if (!spec) return null;
    for (const type of spec.emits) out.add(type);
    if (container!.kind === 'data') upstream = true;
    for (const [s, t] of edges) {
      if (t === node) {
        upstream = true;
        stack.push(s);
      }
    }
  }
  return upstream ? out : null;
}

/** The blocks after drawing source → target (canConnect has agreed). */
export function connectBlocks(
  blocks: readonly RawBlock[],
  source: string,
  target: string,
  regimes: readonly string[],
): RawBlock[] {
  const out = [...blocks];
  const index = (test: (block: RawBlock) => boolean) => out.findIndex(test);
  const selective = index((b) => b.type === 'selective' && b.source === source);
  if (selective >= 0) {
    const block = out[selective]!;
    out[selective] = {
      ...block,
      routes: [
        ...(block.routes as RawBlock[]),
        {
          condition: freshRouteCondition(
            (block.routes as RawBlock[]).map((route) => String(route.condition)),
          ),
          target,
        },
      ],
    };
    return out;
  }
  const hierarchy = index((b) => b.type === 'hierarchical' && b.parent === source);
  if (hierarchy >= 0) {
    const block = out[hierarchy]!;
    const used = new Set(blockEdges(block).map(([, child]) => regimeOf(block, child)));
    const regime = regimes.find((r) => !used.has(r)) ?? `regime_${used.size + 1}`;
    out[hierarchy] = {
      ...block,
      children: [...(block.children as unknown[]), { name: target, regime }],
    };
    return out;
  }
  const fan = index((b) => b.type === 'broadcast' && b.source === source);
  if (fan >= 0) {
    const block = out[fan]!;
    out[fan] = { ...block, targets: [...list(block.targets), target] };
    return out;
  }
  const ending = index((b) => b.type === 'pipeline' && list(b.containers).at(-1) === source);
  if (ending >= 0) {
    const starting = index((b) => b.type === 'pipeline' && list(b.containers)[0] === target);
    const chain = list(out[ending]!.containers);
    if (starting >= 0 && starting !== ending) {
      out[ending] = { ...out[ending]!, containers: [...chain, ...list(out[starting]!.containers)] };
      out.splice(starting, 1);
    } else {
      out[ending] = { ...out[ending]!, containers: [...chain, target] };
    }
    return out;
  }
  const middle = index(
    (b) => b.type === 'pipeline' && list(b.containers).slice(0, -1).includes(source),
  );
  if (middle >= 0) {
    const chain = list(out[middle]!.containers);
    const at = chain.indexOf(source);
    const parts: RawBlock[] = [];
    if (at >= 1) parts.push({ ...out[middle]!, containers: chain.slice(0, at + 1) });
    if (chain.length - (at + 1) >= 2)
      parts.push({ type: 'pipeline', containers: chain.slice(at + 1) });
    parts.push({ type: 'broadcast', source, targets: [chain[at + 1]!, target] });
    out.splice(middle, 1, ...parts);
    return out;
  }
  const front = index((b) => b.type === 'pipeline' && list(b.containers)[0] === target);
  if (front >= 0) {
    out[front] = { ...out[front]!, containers: [source, ...list(out[front]!.containers)] };
    return out;
  }
  out.push({ type: 'pipeline', containers: [source, target] });
  return out;
}

function regimeOf(block: RawBlock, child: string): string | undefined {
  for (const entry of Array.isArray(block.children) ? block.children : []) {
    if (typeof entry === 'object' && entry !== null && (entry as RawBlock).name === child)
      return String((entry as RawBlock).regime);
  }
  const regimes = block.regimes as Record<string, string> | undefined;
  return regimes?.[child];
}

/** The blocks after removing source → target wherever it is drawn. */
export function disconnectBlocks(
  blocks: readonly RawBlock[],
  source: string,
  target: string,
): RawBlock[] {
  return blocks.flatMap((block): RawBlock[] => {
    if (!blockEdges(block).some(([s, t]) => s === source && t === target)) return [block];
    switch (block.type) {
      case 'pipeline': {
        const chain = list(block.containers);
        const at = chain.findIndex((name, i) => name === source && chain[i + 1] === target);
        const parts = [chain.slice(0, at + 1), chain.slice(at + 1)].filter(
          (part) => part.length >= 2,
        );
        return parts.map((part, i) =>
          i === 0 && at + 1 >= 2
            ? { ...block, containers: part }
            : { type: 'pipeline', containers: part },
        );
      }
      case 'broadcast': {
        const targets = list(block.targets).filter((t) => t !== target);
        // A broadcast to one container is a pipeline: say so, rather than keep its look.
        if (targets.length === 1) return [{ type: 'pipeline', containers: [source, targets[0]] }];
        return targets.length === 0 ? [] : [{ ...block, targets }];
      }
      case 'hierarchical': {
        const children = (block.children as unknown[]).filter(
          (child) => childName(child) !== target,
        );
        if (children.length === 0) return [];
        const next: Record<string, unknown> = { ...block, children };
        if (block.regimes && typeof block.regimes === 'object') {
          next.regimes = Object.fromEntries(
            Object.entries(block.regimes).filter(([name]) => name !== target),
          );
        }
        return [next];
      }
      case 'selective': {
        const routes = (block.routes as RawBlock[]).filter((route) => route.target !== target);
        const fallback =
          block.default === target ? undefined : (block.default as string | undefined);
        if (routes.length === 0)
          return fallback ? [{ type: 'pipeline', containers: [source, fallback] }] : [];
        const next: Record<string, unknown> = { ...block, routes };
        if (fallback === undefined) delete next.default;
        return [next];
      }
      default:
        return [block];
    }
  });
}

/** Every container the blocks send `source`'s events to, in order. */
export function targetsOf(blocks: readonly RawBlock[], source: string): string[] {
  const out: string[] = [];
  for (const block of blocks)
    for (const [s, t] of blockEdges(block)) if (s === source && !out.includes(t)) out.push(t);
  return out;
}

/** The blocks with every reference to `name` removed (a deleted container). */
export function removeFromBlocks(blocks: readonly RawBlock[], name: string): RawBlock[] {
  let out: RawBlock[] = [...blocks];
  for (const block of blocks) {
    for (const [s, t] of blockEdges(block))
      if (s === name || t === name) out = disconnectBlocks(out, s, t);
  }
  return out;
}
