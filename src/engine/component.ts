/**
 * The contract between the engine and the components that run inside containers. A component
 * sees only events and this context: it never holds a reference to another container, so the
 * same component runs unchanged in the worker, the headless runner and tests.
 */
import type { AnyEvent, BarEvent, EventOf, EventType, PayloadByType } from './events';

export interface ComponentContext {
  /** The container this component runs in. */
  readonly container: string;
  /** Simulated time of the bar being processed (ms since the Unix epoch, UTC). */
  readonly now: number;
  /**
   * Emit a new event. The engine stamps event_id, seq, timestamp (now), source (this container),
   * causation_id (the cause's event_id) and correlation_id (the cause's correlation_id) onto the
   * payload object itself, which becomes the (frozen) event: pass a fresh object, never reuse it.
   * An IndicatorEvent is built afresh from exactly the fields of IndicatorPayload (the engine's
   * most frequent event, made faster so): other keys on its payload are not kept, and the engine
   * keeps no reference to that payload, so an indicator may refill one payload for every event.
   */
  emit<T extends EventType>(type: T, payload: PayloadByType[T], cause: AnyEvent): EventOf<T>;
  /** Pass an event on unchanged to this container's outputs. */
  forward(event: AnyEvent): void;
  /**
   * The context another container publishes (a classifier's current regime for a symbol), read
   * as an immutable value. Undefined when that container publishes nothing for the key.
   */
  published(container: string, key: string): string | undefined;
}

export interface Component {
  /**
   * Event types delivered to onEvent. Every other event passes through the container unchanged.
   * A consumed event goes no further unless the component forwards it.
   */
  readonly consumes: readonly EventType[];
  /**
   * Market-facing components (brokers, portfolios) see every bar first, before any decision is
   * made on it: fills of resting orders happen at the bar's prices before strategies react to the
   * bar, as with a real broker.
   */
  readonly marketFeed?: boolean;
  onEvent(event: AnyEvent, ctx: ComponentContext): void;
  /** Called once per bar step after every queue has drained, with that step's bars. */
  onBarEnd?(bars: readonly BarEvent[], ctx: ComponentContext): void;
  /**
   * Called once, when the last bar step's decisions are done and before its end of bar: what the
   * end of the data means to the component (a broker cancels what can no longer fill and may close
   * open positions). Events emitted here are delivered before the end of the bar.
   */
  onTestEnd?(ctx: ComponentContext): void;
  /** Values this component publishes for others to read, by key (for example symbol → regime). */
  publish?(key: string): string | undefined;
  /** The component's state as plain JSON, for snapshots at a pause. */
  snapshot(): unknown;
  /** What the component has to show after (or during) a run: a portfolio's equity and trades. */
  report?(): unknown;
  /**
   * The round trips closed so far from index `from` on (a portfolio's trades), for hosts that
   * draw them as they close: what report() would list, without computing the rest of it.
   */
  tradesSince?(from: number): readonly unknown[];
}

/** What a factory learns about where its component runs. */
export interface ComponentEnvironment {
  readonly container: string;
  /** The run's seed, for components that draw random numbers. */
  readonly seed: number;
}

export type ComponentFactory<P> = (params: P, env: ComponentEnvironment) => Component;
