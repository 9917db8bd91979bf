/**
 * Keeps, per correlation id, the chain of events descended from one bar, and derives the latency of
 * each stage. Memory is bounded: chains with a decision in them (a signal, order or fill) are kept
 * up to one limit, chains of market data only up to a smaller one, oldest dropped first. Beside
 * the chains it keeps what happened to their deliveries beyond a plain success (failures, retries,
 * dead letters), and which chains each trade id runs through.
 */
import type { AnyEvent, EventType } from '../events';
import type { Trace, TraceDelivery, TraceLink, TraceStage, TradeTrace } from './types';

const DECISION_TYPES: ReadonlySet<EventType> = new Set([
  'TradingSignal',
  'OrderEvent',
  'FillEvent',
  'SignalRejected',
  'OrderCancelled',
  'BreakerStateChanged',
]);

export class Tracer {
  private readonly chains = new Map<string, TraceLink[]>();
  private readonly deliveries = new Map<string, TraceDelivery[]>();
  private readonly decisive = new Set<string>();
  private readonly decisionOrder: string[] = [];
  private readonly barOrder: string[] = [];
  /** Correlation ids each trade's events belong to, in the order they began. */
  private readonly trades = new Map<string, string[]>();
  private openRoots: string[] = [];
  dropped = 0;

  constructor(
    private readonly maxDecisionTraces: number,
    private readonly maxBarTraces: number,
  ) {}

  record(event: AnyEvent, processedAt: number | null, bar: number): void {
    let chain = this.chains.get(event.correlation_id);
    if (!chain) {
      chain = [];
      this.chains.set(event.correlation_id, chain);
      this.openRoots.push(event.correlation_id);
    }
    chain.push({ event, processed_at: processedAt, bar });
    if (event.trade_id !== null) {
      let chains = this.trades.get(event.trade_id);
      if (!chains) {
        chains = [];
        this.trades.set(event.trade_id, chains);
      }
      if (!chains.includes(event.correlation_id)) chains.push(event.correlation_id);
    }
    if (DECISION_TYPES.has(event.type) && !this.decisive.has(event.correlation_id)) {
      this.decisive.add(event.correlation_id);
      // A chain that turns decisive after its bar step (a fill on the next bar) moves lists.
      const barIndex = this.barOrder.indexOf(event.correlation_id);
      if (barIndex >= 0) {
        this.barOrder.splice(barIndex, 1);
        this.keep(this.decisionOrder, event.correlation_id, this.maxDecisionTraces);
      }
    }
  }

  /** A failure, retry or dead letter of one of a chain's events. */
  note(correlationId: string, delivery: TraceDelivery): void {
    if (!this.chains.has(correlationId)) return;
    let list = this.deliveries.get(correlationId);
    if (!list) {
      list = [];
      this.deliveries.set(correlationId, list);
    }
    list.push(delivery);
    // A chain with trouble in it is worth keeping as long as a decision.
    if (!this.decisive.has(correlationId)) {
      this.decisive.add(correlationId);
      const barIndex = this.barOrder.indexOf(correlationId);
      if (barIndex >= 0) {
        this.barOrder.splice(barIndex, 1);
        this.keep(this.decisionOrder, correlationId, this.maxDecisionTraces);
      }
    }
  }

  /** Files the chains begun in the bar step that just ended, and forgets the oldest. */
  endStep(): void {
    for (const root of this.openRoots) {
      if (this.decisive.has(root)) this.keep(this.decisionOrder, root, this.maxDecisionTraces);
      else this.keep(this.barOrder, root, this.maxBarTraces);
    }
    this.openRoots = [];
  }

  trace(correlationId: string): Trace | null {
    const chain = this.chains.get(correlationId);
    if (!chain) return null;
    return build(correlationId, chain, this.deliveries.get(correlationId) ?? []);
  }

  /**
   * Every chain a trade runs through, each cut to the trade's events, the events that caused them
   * and the indicators of the bars among those.
   */
  tradeTrace(tradeId: string): TradeTrace | null {
    const ids = this.trades.get(tradeId);
    if (!ids) return null;
    const chains: Trace[] = [];
    let missing = 0;
    let opened: TraceLink | null = null;
    let closed: TraceLink | null = null;
    for (const id of ids) {
      const chain = this.chains.get(id);
      if (!chain) {
        missing++;
        continue;
      }
      const byId = new Map(chain.map((link) => [link.event.event_id, link]));
      const keep = new Set<string>();
      for (const link of chain) {
        if (link.event.trade_id !== tradeId) continue;
        if (link.event.type === 'FillEvent') {
          opened ??= link;
          closed = link;
        }
        // The event and every cause up to the root.
        for (let at: TraceLink | undefined = link; at && !keep.has(at.event.event_id); ) {
          keep.add(at.event.event_id);
          at = at.event.causation_id === null ? undefined : byId.get(at.event.causation_id);
        }
      }
      // The indicators read on the decision's bar show why it was taken.
      const kept = chain.filter(
        (link) =>
          keep.has(link.event.event_id) ||
          (link.event.type === 'IndicatorEvent' &&
            link.event.causation_id !== null &&
            keep.has(link.event.causation_id)),
      );
      const notes = (this.deliveries.get(id) ?? []).filter((note) => keep.has(note.event_id));
      chains.push(build(id, kept, notes));
    }
    return {
      trade_id: tradeId,
      chains,
      opened_bar: opened?.bar ?? null,
      closed_bar: closed && closed !== opened ? closed.bar : null,
      opened_time: opened?.event.timestamp ?? null,
      closed_time: closed && closed !== opened ? closed.event.timestamp : null,
      missing,
    };
  }

  /** Correlation ids whose chains hold an event of this type, most recent last. */
  correlationsWith(type: EventType): string[] {
    const out: string[] = [];
    for (const [id, chain] of this.chains)
      if (chain.some((link) => link.event.type === type)) out.push(id);
    return out;
  }

  clear(): void {
    this.chains.clear();
    this.deliveries.clear();
    this.decisive.clear();
    this.trades.clear();
    this.decisionOrder.length = 0;
    this.barOrder.length = 0;
    this.openRoots = [];
    this.dropped = 0;
  }

  private keep(order: string[], id: string, limit: number): void {
    order.push(id);
    while (order.length > limit) {
      const old = order.shift()!;
      this.chains.delete(old);
      this.deliveries.delete(old);
      this.decisive.delete(old);
      this.dropped++;
    }
  }
}

function build(
  correlationId: string,
  chain: readonly TraceLink[],
  deliveries: readonly TraceDelivery[],
): Trace {
  const byId = new Map(chain.map((link) => [link.event.event_id, link]));
  const stages: TraceStage[] = [];
  for (const link of chain) {
    const cause = link.event.causation_id === null ? undefined : byId.get(link.event.causation_id);
    if (!cause) continue;
    stages.push({
      from: cause.event.type,
      to: link.event.type,
      from_container: cause.event.source,
      to_container: link.event.source,
      simulated_ms: link.event.timestamp - cause.event.timestamp,
      processing_ms:
        link.processed_at === null || cause.processed_at === null
          ? null
          : link.processed_at - cause.processed_at,
    });
  }
  return { correlation_id: correlationId, chain: [...chain], stages, deliveries: [...deliveries] };
}
