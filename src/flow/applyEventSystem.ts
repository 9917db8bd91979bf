/**
 * Edits of the event_system block: set or remove any setting under it (a bus, the breaker, a
 * retry policy, a container's faults, a route's events, filters or transformation), draw an
 * explicit route, and keep the container-keyed maps in step when containers are renamed or
 * removed. Like every edit, they change the YAML document in place, so comments elsewhere stay.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { EventType } from '../engine/events';
import { compactLeaves } from './serialize';

export type EventSystemPath = readonly (string | number)[];

/** The maps of event_system keyed by container name. */
const KEYED = ['event_buses', 'retry', 'fault_injection'] as const;

/**
 * Sets the value at `path` under event_system (creating the maps on the way), or removes it when
 * `value` is undefined (and the maps it leaves empty, up to event_system itself).
 */
export function setEventSystem(doc: Document, path: EventSystemPath, value: unknown): void {
  const full = ['event_system', ...path];
  if (value === undefined) {
    if (!doc.hasIn(full)) return;
    doc.deleteIn(full);
    for (let depth = full.length - 1; depth > 0; depth--) {
      const parent = doc.getIn(full.slice(0, depth), true);
      if ((isMap(parent) || isSeq(parent)) && parent.items.length === 0 && !isSeq(parent))
        doc.deleteIn(full.slice(0, depth));
      else break;
    }
    return;
  }
  ensureBlockMaps(doc, full.slice(0, -1), full.at(-1));
  const node = doc.createNode(value) as Node;
  compactLeaves(node);
  doc.setIn(full, node);
}

/**
 * Maps and lists on the way to a new setting (a list where the next step is an index): maps are
 * written as blocks, not `{ }`, so they read as the seed's.
 */
function ensureBlockMaps(
  doc: Document,
  path: readonly (string | number)[],
  leaf?: string | number,
): void {
  for (let depth = 1; depth <= path.length; depth++) {
    const at = path.slice(0, depth);
    const next = depth < path.length ? path[depth] : leaf;
    const node = doc.getIn(at, true);
    if (node === undefined) {
      doc.setIn(at, doc.createNode(typeof next === 'number' ? [] : {}) as YAMLMap);
    } else if (isMap(node) && node.flow && depth < path.length) {
      node.flow = false;
    }
  }
}

/** A new explicit route from source to target (event_system.routing). */
export function addRoute(
  doc: Document,
  source: string,
  target: string,
  events: readonly EventType[] | undefined,
): void {
  const entry: Record<string, unknown> = { source, targets: [target] };
  if (events && events.length > 0) entry.events = [...events];
  const routing = doc.getIn(['event_system', 'routing'], true);
  const node = doc.createNode(entry) as Node;
  compactLeaves(node);
  if (isMap(node)) node.flow = false;
  if (isSeq(routing)) {
    routing.flow = false;
    (routing.items as Node[]).push(node);
    return;
  }
  ensureBlockMaps(doc, ['event_system']);
  const seq = doc.createNode([]) as YAMLSeq;
  (seq.items as Node[]).push(node);
  doc.setIn(['event_system', 'routing'], seq);
}

/** A container renamed: its own bus, retry policy and faults follow it. */
export function renameInEventSystem(doc: Document, from: string, to: string): void {
  for (const key of KEYED) {
    const map = doc.getIn(['event_system', key], true);
    if (!isMap(map)) continue;
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === from);
    if (pair) (pair.key as { value: unknown }).value = to;
  }
}

/** Containers removed: their own settings go with them. */
export function removeFromEventSystem(doc: Document, names: Iterable<string>): void {
  for (const name of names)
    for (const key of KEYED)
      if (doc.hasIn(['event_system', key, name])) setEventSystem(doc, [key, name], undefined);
}
