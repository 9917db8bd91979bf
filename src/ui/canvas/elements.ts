/**
 * The flow model as React Flow nodes and edges. Data objects are reused when nothing about a node
 * changed, so React Flow's memoised nodes do not re-render on every edit of a 500-node flow; and
 * so are whole nodes, with the size React Flow measured (see `reuse`).
 */
import type { Edge, Node } from '@xyflow/react';
import {
  type Diagnostic,
  type EdgePattern,
  type FlowModel,
  findComponent,
  flowToGraph,
  type GraphNode,
} from '../../flow';

export interface ContainerNodeData extends Record<string, unknown> {
  readonly name: string;
  readonly kind: GraphNode['kind'];
  readonly component: string | null;
  readonly label: string;
  /** Key parameters shown on the node: [label, value]. */
  readonly summary: readonly (readonly [string, string])[];
  readonly errors: number;
  readonly warnings: number;
  readonly firstProblem: string | null;
  readonly consumes: readonly string[];
  readonly emits: readonly string[];
  readonly disabled: boolean;
  /** Faults injected into it on purpose, in a few words ("fails 30%"), or null. */
  readonly faults: string | null;
  /** Deliveries its retry policy allows (1: no retry). */
  readonly attempts: number;
}

export interface NoteNodeData extends Record<string, unknown> {
  readonly id: string;
  readonly text: string;
  readonly width: number;
}

export interface FlowEdgeData extends Record<string, unknown> {
  readonly pattern: EdgePattern;
  readonly label?: string;
  readonly order?: number;
  readonly isDefault?: boolean;
  readonly block: number;
}

export type ContainerNode = Node<ContainerNodeData, 'container'>;
export type NoteNode = Node<NoteNodeData, 'note'>;
/** What the canvas holds: containers, and notes (id "note:<id>"). */
export type CanvasNode = ContainerNode | NoteNode;
export const NOTE_PREFIX = 'note:';
export const isNoteId = (id: string) => id.startsWith(NOTE_PREFIX);
export type FlowEdgeType = Edge<FlowEdgeData, 'flow'>;

function format(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) return `${value.length} tiers`;
  return String(value);
}

/** A container's injected faults in a few words, for its node. */
function faultText(model: FlowModel, name: string): string | null {
  const faults = model.event_system.fault_injection[name];
  if (!faults) return null;
  const parts = [
    faults.failure_rate > 0 ? `fails ${+(faults.failure_rate * 100).toFixed(1)}%` : '',
    faults.fail_on > 0
      ? `fails #${faults.fail_on}${faults.fail_times > 1 ? `–${faults.fail_on + faults.fail_times - 1}` : ''}`
      : '',
    faults.slow_ms > 0 ? `slow ${faults.slow_ms} ms` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

function nodeData(
  node: GraphNode,
  diagnostics: readonly Diagnostic[],
  model: FlowModel,
): ContainerNodeData {
  const spec = node.component ? findComponent(node.component) : undefined;
  const summary = spec
    ? Object.entries(spec.params)
        .filter(
          ([key, param]) => param.key && node.params[key] !== undefined && node.params[key] !== '',
        )
        .filter(
          ([, param]) =>
            !param.visibleWhen ||
            param.visibleWhen.in.includes(node.params[param.visibleWhen.param] as string),
        )
        .slice(0, 3)
        .map(([key, param]) => [param.label, format(node.params[key])] as const)
    : [];
  const mine = diagnostics.filter((d) => d.container === node.id);
  const errors = mine.filter((d) => d.severity === 'error');
  return {
    name: node.id,
    kind: node.kind,
    component: node.component,
    label: spec?.label ?? `${node.kind} (choose a component)`,
    summary,
    errors: errors.length,
    warnings: mine.filter((d) => d.severity === 'warning').length,
    firstProblem: (errors[0] ?? mine[0])?.message ?? null,
    consumes: spec?.consumes ?? [],
    emits: spec?.emits ?? [],
    disabled: node.disabled === true,
    faults: faultText(model, node.id),
    attempts:
      (model.event_system.retry[node.id] ?? model.event_system.retry.default)?.max_attempts ?? 1,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The node as it was when nothing about it changed; else the new one, with the size React Flow
 * measured. A node without `measured` is one React Flow has never seen: it hides it, and its
 * connections, until its resize observer has measured it again. Built afresh, every edit of a
 * 500-container flow (a drop after a drag) re-measured all 500 and remounted all 450 connections.
 */
function reuse<T extends CanvasNode>(old: T | undefined, made: T): T {
  if (!old) return made;
  // A node being dragged stays under the pointer: a model read meanwhile (a large flow's previous
  // drop, read in the worker) would pull it back to where that model has it.
  const next = old.dragging ? { ...made, position: old.position, dragging: true } : made;
  if (
    old.position === next.position &&
    old.data === next.data &&
    (old.selected ?? false) === (next.selected ?? false) &&
    old.ariaLabel === next.ariaLabel
  )
    return old;
  return old.measured ? { ...next, measured: old.measured } : next;
}

const samePosition = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x === b.x && a.y === b.y;

export function toElements(
  model: FlowModel,
  diagnostics: readonly Diagnostic[],
  previous: readonly CanvasNode[],
  selected: ReadonlySet<string>,
): { nodes: CanvasNode[]; edges: FlowEdgeType[] } {
  const graph = flowToGraph(model);
  const before = new Map(previous.map((node) => [node.id, node]));
  const notes = (model.notes ?? []).map((note): NoteNode => {
    const id = `${NOTE_PREFIX}${note.id}`;
    const previousNote = before.get(id);
    const old = previousNote?.type === 'note' ? previousNote : undefined;
    const data = { id: note.id, text: note.text, width: note.width };
    return reuse(old, {
      id,
      type: 'note',
      position: old && samePosition(old.position, note.position) ? old.position : note.position,
      data: old && same(old.data, data) ? old.data : data,
      selected: selected.has(id),
      ariaLabel: `Note ${note.id}`,
      // Notes sit under the containers they describe.
      zIndex: -1,
    });
  });
  const containers = graph.nodes.map((node): ContainerNode => {
    const data = nodeData(node, diagnostics, model);
    const previousNode = before.get(node.id);
    const old = previousNode?.type === 'container' ? previousNode : undefined;
    return reuse(old, {
      id: node.id,
      type: 'container',
      position: old && samePosition(old.position, node.position) ? old.position : node.position,
      data: old && same(old.data, data) ? old.data : data,
      selected: selected.has(node.id),
      ariaLabel: `${data.label} container ${node.id}${data.disabled ? ' (disabled)' : ''}`,
    });
  });
  const nodes: CanvasNode[] = [...notes, ...containers];
  const names = new Set(graph.nodes.map((node) => node.id));
  const edges = graph.edges
    .filter((edge) => names.has(edge.source) && names.has(edge.target))
    .map(
      (edge): FlowEdgeType => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: 'flow',
        data: {
          pattern: edge.pattern,
          block: edge.block,
          ...(edge.label !== undefined ? { label: edge.label } : {}),
          ...(edge.order !== undefined ? { order: edge.order } : {}),
          ...(edge.isDefault ? { isDefault: true } : {}),
        },
        selectable: edge.pattern !== 'feedback',
        deletable: edge.pattern !== 'feedback',
        focusable: edge.pattern !== 'feedback',
        ariaLabel: `${edge.pattern} connection from ${edge.source} to ${edge.target}${edge.label ? ` (${edge.label})` : ''}`,
        className: `edge-${edge.pattern}`,
      }),
    );
  return { nodes, edges };
}

/**
 * The new edges, each given back as it was when nothing about it changed (selection included):
 * React Flow re-renders an edge whose object is new, and a drop on a 500-container flow re-rendered
 * all 450 connections to redraw the two that moved.
 */
export function reuseEdges(
  previous: readonly FlowEdgeType[],
  next: readonly FlowEdgeType[],
  chosen: ReadonlySet<string>,
): FlowEdgeType[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  return next.map((made) => {
    const edge = chosen.has(made.id) ? { ...made, selected: true } : made;
    const old = before.get(edge.id);
    return old &&
      old.source === edge.source &&
      old.target === edge.target &&
      old.ariaLabel === edge.ariaLabel &&
      old.className === edge.className &&
      (old.selected ?? false) === (edge.selected ?? false) &&
      same(old.data, edge.data)
      ? old
      : edge;
  });
}
