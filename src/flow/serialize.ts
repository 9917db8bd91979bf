/**
 * A flow model written as YAML, for new flows (templates, imports). Existing text is never
 * re-serialised: edits change its document in place (edits.ts) to keep the user's comments.
 */
import { Document, isMap, isSeq, type Node, visit } from 'yaml';
import {
  DEFAULT_BUS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FAULTS,
  DEFAULT_MONITORING,
  DEFAULT_RETRY,
  DEFAULT_RUN,
} from '../engine/config';
import { DEFAULT_SWEEP } from './grid';
import type { FlowModel } from './model';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings that differ from what they would be anyway. */
function changed<T extends object>(value: T, base: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([key, v]) => !same(v, (base as Record<string, unknown>)[key])),
  ) as Partial<T>;
}

/** The plain value of a flow's YAML form: only what differs from the defaults, beyond containers. */
export function flowToDocumentValue(model: FlowModel): Record<string, unknown> {
  const value: Record<string, unknown> = { name: model.name };
  if (model.description) value.description = model.description;
  const grids = new Map(model.grid?.axes.map((axis) => [axis.key, axis.written]) ?? []);
  value.containers = Object.fromEntries(
    model.containers.map((container) => [
      container.name,
      container.component
        ? {
            component: container.component,
            params: Object.fromEntries(
              Object.entries(container.params).map(([key, param]) => [
                key,
                grids.get(`${container.name}.${key}`) ?? param,
              ]),
            ),
          }
        : { kind: container.kind },
    ]),
  );
  value.event_flow = model.event_flow.map((pattern) => ({ ...pattern }));
  const system: Record<string, unknown> = {};
  const {
    event_buses,
    routing,
    transformations,
    monitoring,
    circuit_breaker,
    retry,
    fault_injection,
  } = model.event_system;
  if (!same(event_buses, { default: DEFAULT_BUS })) system.event_buses = event_buses;
  if (routing.length > 0) system.routing = routing;
  if (transformations.length > 0) system.transformations = transformations;
  if (!same(monitoring, DEFAULT_MONITORING)) system.monitoring = monitoring;
  if (!same(circuit_breaker, DEFAULT_CIRCUIT_BREAKER)) system.circuit_breaker = circuit_breaker;
  if (!same(retry, { default: DEFAULT_RETRY })) {
    const base = retry.default ?? DEFAULT_RETRY;
    system.retry = Object.fromEntries(
      Object.entries(retry).map(([name, policy]) => [
        name,
        changed(policy, name === 'default' ? DEFAULT_RETRY : base),
      ]),
    );
  }
  if (Object.keys(fault_injection).length > 0) {
    system.fault_injection = Object.fromEntries(
      Object.entries(fault_injection).map(([name, faults]) => [
        name,
        changed(faults, DEFAULT_FAULTS),
      ]),
    );
  }
  if (Object.keys(system).length > 0) value.event_system = system;
  const sweep = Object.fromEntries(
    Object.entries(model.sweep).filter(
      ([key, setting]) => !same(setting, DEFAULT_SWEEP[key as keyof typeof DEFAULT_SWEEP]),
    ),
  );
  if (Object.keys(sweep).length > 0) value.sweep = sweep;
  if (!same(model.run, DEFAULT_RUN)) value.run = model.run;
  const layout = Object.entries(model.layout);
  if (layout.length > 0)
    value.layout = Object.fromEntries(layout.map(([name, { x, y }]) => [name, [x, y]]));
  if (model.notes && model.notes.length > 0)
    value.notes = Object.fromEntries(
      model.notes.map((note) => [
        note.id,
        { text: note.text, at: [note.position.x, note.position.y], width: note.width },
      ]),
    );
  return value;
}

export function newFlowText(model: FlowModel): string {
  const doc = new Document(flowToDocumentValue(model));
  compactLeaves(doc);
  return doc.toString({ lineWidth: 0 });
}

export function emptyFlowText(name = 'Untitled flow'): string {
  return `name: ${name}\ncontainers: {}\nevent_flow: []\n`;
}

/** Room a one-line collection may take, leaving its key and indent within 100 characters. */
const FLOW_WIDTH = 72;

/**
 * Short maps and lists of scalars read best on one line: params, layout points, name lists. A
 * longer one (a pipeline of twenty containers) keeps one item a line.
 */
export function compactLeaves(doc: Document | Node): void {
  visit(doc, {
    Map(_, node) {
      if (
        isMap(node) &&
        node.items.length > 0 &&
        node.items.length <= 6 &&
        node.items.every((pair) => isLeaf(pair.value as Node)) &&
        oneLineLength(node.toJSON()) <= FLOW_WIDTH
      ) {
        node.flow = true;
      }
    },
    Seq(_, node) {
      if (
        isSeq(node) &&
        node.items.every((item) => isLeaf(item as Node)) &&
        oneLineLength(node.toJSON()) <= FLOW_WIDTH
      )
        node.flow = true;
    },
  });
}

function oneLineLength(value: unknown): number {
  return JSON.stringify(value).length;
}

function isLeaf(node: Node | null | undefined): boolean {
  if (!node) return true;
  if (isMap(node) || isSeq(node)) return false;
  return true;
}
