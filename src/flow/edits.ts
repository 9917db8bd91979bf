/**
 * Every change the canvas, the inspector or a command makes to a flow, as data. The flow layer
 * applies an edit to the YAML document itself (yaml's Document API), so the user's comments, key
 * order and formatting elsewhere stay as they were, and returns the new text.
 */
import type { EventType } from '../engine/events';
import type { Position } from './model';

export type PatternKind = 'pipeline' | 'broadcast' | 'hierarchical' | 'selective';

export type FlowEdit =
  | {
      readonly type: 'addContainer';
      /** Made unique if taken (sma → sma_2). */
      readonly name: string;
      readonly component: string;
      readonly params?: Readonly<Record<string, unknown>>;
      readonly position: Position;
    }
  | { readonly type: 'removeContainers'; readonly names: readonly string[] }
  | { readonly type: 'renameContainer'; readonly from: string; readonly to: string }
  | { readonly type: 'setComponent'; readonly container: string; readonly component: string }
  | {
      readonly type: 'setParam';
      readonly container: string;
      readonly param: string;
      readonly value: unknown;
    }
  | { readonly type: 'moveContainers'; readonly positions: Readonly<Record<string, Position>> }
  /** Draw a connection; the flow layer decides how it joins the patterns already there. */
  | { readonly type: 'connect'; readonly source: string; readonly target: string }
  | { readonly type: 'disconnect'; readonly source: string; readonly target: string }
  /** Turn the fan-out of `source` into another pattern, keeping its targets. */
  | { readonly type: 'setPattern'; readonly source: string; readonly pattern: PatternKind }
  | {
      readonly type: 'setRouteCondition';
      readonly source: string;
      readonly index: number;
      readonly condition: string;
    }
  | {
      readonly type: 'moveRoute';
      readonly source: string;
      readonly from: number;
      readonly to: number;
    }
  | { readonly type: 'setDefaultRoute'; readonly source: string; readonly target: string | null }
  | {
      readonly type: 'setRegime';
      readonly parent: string;
      readonly child: string;
      readonly regime: string;
    }
  /** Draw an explicit route (event_system.routing), optionally for some event types only. */
  | {
      readonly type: 'connectRoute';
      readonly source: string;
      readonly target: string;
      readonly events?: readonly EventType[];
    }
  /**
   * Set any setting under event_system (a bus, the breaker, monitoring, a retry policy, a
   * container's faults, a route's events, filters or transformation); undefined removes it.
   */
  | {
      readonly type: 'setEventSystem';
      readonly path: readonly (string | number)[];
      readonly value: unknown;
    }
  /** Add containers (and the connections among them) from YAML text, renaming on clashes. */
  | { readonly type: 'paste'; readonly yaml: string; readonly offset: Position }
  | { readonly type: 'setName'; readonly name: string }
  /** Switch containers off (kept in the YAML, passed through by the run) or on again. */
  | { readonly type: 'setDisabled'; readonly names: readonly string[]; readonly disabled: boolean }
  /** A note on the canvas; its id is made unique (note → note_2). */
  | {
      readonly type: 'addNote';
      readonly id: string;
      readonly text: string;
      readonly position: Position;
    }
  | { readonly type: 'setNoteText'; readonly id: string; readonly text: string }
  | { readonly type: 'moveNotes'; readonly positions: Readonly<Record<string, Position>> }
  | { readonly type: 'removeNotes'; readonly ids: readonly string[] };

export type EditResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly renamed?: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly error: string };
