/**
 * The canvas's view of a flow as plain data (no React): nodes and the edges each pattern yields.
 * The designer turns these into React Flow nodes and edges.
 */
import type { ContainerKind } from './catalogue';
import { findComponent } from './catalogue';
import type { FlowModel, Position } from './model';

export type EdgePattern =
  | 'pipeline'
  | 'broadcast'
  | 'hierarchical'
  | 'selective'
  /** An explicit event_system.routing entry. */
  | 'route'
  /** Implicit: portfolio updates and fills flowing back to the risk and execution containers upstream. */
  | 'feedback';

export interface GraphNode {
  readonly id: string;
  readonly kind: ContainerKind;
  readonly component: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly position: Position;
  readonly disabled?: boolean;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly pattern: EdgePattern;
  /** Index of the event_flow block (or routing entry) the edge comes from; -1 for feedback. */
  readonly block: number;
  /** Regime (hierarchical), condition (selective), "default", or event types and filters (route). */
  readonly label?: string;
  /** Selective: evaluation order, from 0; the default route has none. */
  readonly order?: number;
  readonly isDefault?: boolean;
}

export interface FlowGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export const COLUMN_WIDTH = 240;
export const ROW_HEIGHT = 130;
/** Depth columns per band before a chain wraps onto the next band. */
const BAND_COLUMNS = 5;
const BAND_GAP = 40;

export function flowToGraph(model: FlowModel): FlowGraph {
  const edges: GraphEdge[] = [];
  const add = (edge: Omit<GraphEdge, 'id'>) =>
    edges.push({
      ...edge,
      id: `${edge.pattern}:${edge.block}:${edge.source}->${edge.target}${edge.order !== undefined ? `#${edge.order}` : ''}${edge.isDefault ? '#default' : ''}`,
    });
  model.event_flow.forEach((pattern, block) => {
    switch (pattern.type) {
      case 'pipeline':
        for (let i = 0; i + 1 < pattern.containers.length; i++) {
          add({
            source: pattern.containers[i]!,
            target: pattern.containers[i + 1]!,
            pattern: 'pipeline',
            block,
          });
        }
        break;
      case 'broadcast':
        for (const target of pattern.targets)
          add({ source: pattern.source, target, pattern: 'broadcast', block });
        break;
      case 'hierarchical':
        for (const child of pattern.children) {
          add({
            source: pattern.parent,
            target: child.name,
            pattern: 'hierarchical',
            block,
            label: child.regime,
          });
        }
        break;
      case 'selective':
        pattern.routes.forEach((route, order) => {
          add({
            source: pattern.source,
            target: route.target,
            pattern: 'selective',
            block,
            label: route.condition,
            order,
          });
        });
        if (pattern.default) {
          add({
            source: pattern.source,
            target: pattern.default,
            pattern: 'selective',
            block,
            label: 'default',
            isDefault: true,
          });
        }
        break;
    }
  });
  model.event_system.routing.forEach((route, block) => {
    const label = [
      route.events?.join(', '),
      ...(route.filters ?? []),
      route.transform ? `⇢ ${route.transform.transformer.replace(/_transformer$/, '')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    for (const target of route.targets)
      add({ source: route.source, target, pattern: 'route', block, ...(label ? { label } : {}) });
  });
  for (const edge of feedbackEdges(model, edges)) add(edge);
  return { nodes: placeNodes(model, edges), edges };
}

/** Portfolios report back to the risk and execution containers upstream of them (see the engine). */
function feedbackEdges(model: FlowModel, edges: readonly GraphEdge[]): Omit<GraphEdge, 'id'>[] {
  const incoming = new Map<string, string[]>();
  for (const edge of edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const kinds = new Map(model.containers.map((c) => [c.name, c.kind]));
  const out: Omit<GraphEdge, 'id'>[] = [];
  for (const portfolio of model.containers.filter((c) => c.kind === 'portfolio')) {
    const seen = new Set<string>();
    const stack = [...(incoming.get(portfolio.name) ?? [])];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(incoming.get(name) ?? []));
    }
    for (const name of seen) {
      const kind = kinds.get(name);
      if (kind === 'risk' || kind === 'execution')
        out.push({ source: portfolio.name, target: name, pattern: 'feedback', block: -1 });
    }
  }
  return out;
}

/** Saved positions where there are some; otherwise columns by depth along the flow. */
function placeNodes(model: FlowModel, edges: readonly GraphEdge[]): GraphNode[] {
  const depth = new Map<string, number>();
  const forward = edges.filter((edge) => edge.pattern !== 'feedback');
  for (const container of model.containers) depth.set(container.name, 0);
  for (let pass = 0; pass < model.containers.length; pass++) {
    let changed = false;
    for (const edge of forward) {
      const next = (depth.get(edge.source) ?? 0) + 1;
      if (next > (depth.get(edge.target) ?? 0) && next <= model.containers.length) {
        depth.set(edge.target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Columns by depth, wrapped into bands of BAND_COLUMNS so that a long chain reads as rows rather
  // than one line too long to fit the canvas at a legible zoom.
  const rows = new Map<number, number>();
  const rowOf = new Map<string, number>();
  for (const container of model.containers) {
    const column = depth.get(container.name) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    rowOf.set(container.name, row);
  }
  const bandTop: number[] = [0];
  const maxColumn = Math.max(0, ...rows.keys());
  for (let band = 0; band * BAND_COLUMNS <= maxColumn; band++) {
    let tallest = 1;
    for (let c = band * BAND_COLUMNS; c < (band + 1) * BAND_COLUMNS; c++)
      tallest = Math.max(tallest, rows.get(c) ?? 0);
    bandTop.push(bandTop[band]! + tallest * ROW_HEIGHT + BAND_GAP);
  }
  return model.containers.map((container) => {
    const column = depth.get(container.name) ?? 0;
    const band = Math.floor(column / BAND_COLUMNS);
    return {
      id: container.name,
      kind: container.kind,
      component: container.component,
      params: container.params,
      ...(container.disabled ? { disabled: true } : {}),
      position: model.layout[container.name] ?? {
        x: (column % BAND_COLUMNS) * COLUMN_WIDTH,
        y: bandTop[band]! + rowOf.get(container.name)! * ROW_HEIGHT,
      },
    };
  });
}

/** The catalogue label of a node's component, or its kind while it has none. */
export function nodeLabel(node: GraphNode): string {
  return (node.component && findComponent(node.component)?.label) || `${node.kind} (no component)`;
}
