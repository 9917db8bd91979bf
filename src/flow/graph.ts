/**
 * The canvas's view of a flow as plain data (no React): nodes and the edges each pattern yields.
 * The designer turns these into React Flow nodes and edges.
 */
import type { ContainerKind } from './catalogue';
import type { Position } from './model';

export type EdgePattern =
  | 'pipeline'
  | 'broadcast'
  | 'hierarchical'
  | 'selective'
  /** An explicit event_system.routing entry. */
  | 'route'
  /** Implicit: portfolio updates and fills flowing back to the risk containers upstream. */
  | 'feedback';

export interface GraphNode {
  readonly id: string;
  readonly kind: ContainerKind;
  readonly component: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly position: Position;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly pattern: EdgePattern;
  /** Index of the event_flow block (or routing entry) the edge comes from. */
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
