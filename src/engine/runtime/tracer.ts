/**
 * Keeps, per correlation id, the chain of events descended from one bar, and derives the latency of
 * each stage. Memory is bounded: chains with a decision in them (a signal, order or fill) are kept
 * up to one limit, chains of market data only up to a smaller one, oldest dropped first.
 */
import type { AnyEvent, EventType } from '../events';
import type { Trace, TraceLink, TraceStage } from './types';

const DECISION_TYPES: ReadonlySet<EventType> = new Set([
  'TradingSignal',
  'OrderEvent',
  'FillEvent',
  'SignalRejected',
  'OrderCancelled',
  'ContainerHalted',
]);

export class Tracer {
  private readonly chains = new Map<string, TraceLink[]>();
  private readonly decisive = new Set<string>();
  private readonly decisionOrder: string[] = [];
  private readonly barOrder: string[] = [];
  private openRoots: string[] = [];
  dropped = 0;

  constructor(
    private readonly maxDecisionTraces: number,
    private readonly maxBarTraces: number,
  ) {}

  record(event: AnyEvent, processedAt: number | null): void {
    let chain = this.chains.get(event.correlation_id);
    if (!chain) {
      chain = [];
      this.chains.set(event.correlation_id, chain);
      this.openRoots.push(event.correlation_id);
    }
    chain.push({ event, processed_at: processedAt });
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
    const byId = new Map(chain.map((link) => [link.event.event_id, link]));
    const stages: TraceStage[] = [];
    for (const link of chain) {
      const cause =
        link.event.causation_id === null ? undefined : byId.get(link.event.causation_id);
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
    return { correlation_id: correlationId, chain: [...chain], stages };
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
    this.decisive.clear();
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
      this.decisive.delete(old);
      this.dropped++;
    }
  }
}
