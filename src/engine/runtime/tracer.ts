/**
 * Keeps, per correlation id, the chain of events descended from one bar, and derives the latency of
 * each stage. Memory is bounded: chains with a decision in them (a signal, order or fill) are kept
 * up to one limit, chains of market data only up to a smaller one, oldest dropped first. Beside
 * the chains it keeps what happened to their deliveries beyond a plain success (failures, retries,
 * dead letters), and which chains each trade id runs through.
 */
import type { AnyEvent, EventType } from '../events';
import { maskOf, typeIndex } from './event-bits';
import { RingQueue } from './ring';
import { SeqTable } from './seq-table';
import type { Trace, TraceDelivery, TraceLink, TraceStage, TradeTrace } from './types';

const DECISION_BITS = maskOf([
  'TradingSignal',
  'OrderEvent',
  'FillEvent',
  'SignalRejected',
  'OrderCancelled',
  'BreakerStateChanged',
]);

/**
 * Where a chain is filed: open until its bar step ends, then kept as a bar or a decision chain,
 * until it is forgotten.
 */
const OPEN = 0;
const BAR = 1;
const DECISION = 2;
const FORGOTTEN = 3;

/**
 * One chain and everything known of it, in one object: a traced event costs one table lookup at
 * most (none when it continues the chain recorded last, as nearly every event does, or begins
 * one), and forgetting a chain one delete.
 */
class Chain {
  /**
   * Its links flat, three slots each (the event, its processing time or null, its bar step): no
   * object per link, so a kept chain is smaller to keep and for the collector to copy.
   */
  readonly items: (AnyEvent | number | null)[] = [];
  deliveries: TraceDelivery[] | null = null;
  /** Holds a decision or a delivery in trouble: kept as long as a decision. */
  decisive = false;
  filed = OPEN;

  constructor(
    readonly id: string,
    /** The sequence number of its root ("e<seq>" is its id), 0 for an id of another form. */
    readonly seq: number,
    /** Chains in the order they began: listings give them so. */
    readonly born: number,
  ) {}
}

/** The n of an id "e<n>" as EventStamper makes them (no leading zero), or 0 for any other string. */
function seqOf(id: string): number {
  if (id.length < 2 || id.length > 16 || id.charCodeAt(0) !== 101 || id.charCodeAt(1) === 48)
    return 0;
  let n = 0;
  for (let i = 1; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    n = n * 10 + digit;
  }
  return Number.isSafeInteger(n) ? n : 0;
}

/**
 * The chains kept in one list, oldest first, in a ring (shifting a 2,000-item array moved every
 * item, once a bar step). A bar chain that turns decisive moves to the decision list and leaves
 * a stale entry behind, passed over when its turn to go comes: `live` counts the others.
 */
class Filed {
  readonly order = new RingQueue<Chain>(64);
  live = 0;

  constructor(
    readonly kind: number,
    readonly limit: number,
  ) {}
}

export class Tracer {
  /** The kept chains by the sequence number of their root; ids of another form in a map. */
  private readonly chains = new SeqTable<Chain>();
  private readonly otherChains = new Map<string, Chain>();
  private born = 0;
  private readonly decisionChains: Filed;
  private readonly barChains: Filed;
  /** Correlation ids each trade's events belong to, in the order they began. */
  private readonly trades = new Map<string, string[]>();
  /** Chains begun in the current bar step (the array is reused from step to step). */
  private readonly openRoots: (Chain | null)[] = [];
  private openCount = 0;
  /** The chain recorded last (never a forgotten one). */
  private last: Chain | null = null;
  dropped = 0;

  constructor(maxDecisionTraces: number, maxBarTraces: number) {
    this.decisionChains = new Filed(DECISION, maxDecisionTraces);
    this.barChains = new Filed(BAR, maxBarTraces);
  }

  /** An event is emitted; `type` is its type's index, when the caller knows it. */
  record(
    event: AnyEvent,
    processedAt: number | null,
    bar: number,
    type: number = typeIndex(event.type),
  ): void {
    const id = event.correlation_id;
    let chain = this.last;
    if (chain === null || chain.id !== id) {
      // A root (a bar: its own correlation) begins a chain that cannot exist yet, as ids are
      // never reused: no lookup of a fresh string in a map of thousands.
      chain = (id !== event.event_id && this.find(id)) || this.open(id);
      this.last = chain;
    }
    chain.items.push(event, processedAt, bar);
    if (event.trade_id !== null) {
      let chains = this.trades.get(event.trade_id);
      if (!chains) {
        chains = [];
        this.trades.set(event.trade_id, chains);
      }
      if (!chains.includes(id)) chains.push(id);
    }
    if ((DECISION_BITS & (1 << type)) !== 0 && !chain.decisive) this.turnDecisive(chain);
  }

  private open(id: string): Chain {
    const chain = new Chain(id, seqOf(id), ++this.born);
    if (chain.seq > 0) this.chains.set(chain.seq, chain);
    else this.otherChains.set(id, chain);
    this.openRoots[this.openCount++] = chain;
    return chain;
  }

  private find(id: string): Chain | undefined {
    const seq = seqOf(id);
    if (seq === 0) return this.otherChains.get(id);
    return this.chains.get(seq);
  }

  /** A failure, retry or dead letter of one of a chain's events. */
  note(correlationId: string, delivery: TraceDelivery): void {
    const chain = this.find(correlationId);
    if (!chain) return;
    if (chain.deliveries === null) chain.deliveries = [];
    chain.deliveries.push(delivery);
    // A chain with trouble in it is worth keeping as long as a decision.
    if (!chain.decisive) this.turnDecisive(chain);
  }

  /** A chain that turns decisive after its bar step (a fill on the next bar) moves lists. */
  private turnDecisive(chain: Chain): void {
    chain.decisive = true;
    if (chain.filed !== BAR) return;
    this.barChains.live--;
    this.keep(this.decisionChains, chain);
  }

  /** Files the chains begun in the bar step that just ended, and forgets the oldest. */
  endStep(): void {
    const roots = this.openRoots;
    for (let i = 0; i < this.openCount; i++) {
      const root = roots[i]!;
      roots[i] = null;
      this.keep(root.decisive ? this.decisionChains : this.barChains, root);
    }
    this.openCount = 0;
  }

  trace(correlationId: string): Trace | null {
    const chain = this.find(correlationId);
    if (!chain) return null;
    return build(correlationId, linksOf(chain), chain.deliveries ?? []);
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
      const found = this.find(id);
      if (!found) {
        missing++;
        continue;
      }
      const chain = linksOf(found);
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
      const notes = (found.deliveries ?? []).filter((note) => keep.has(note.event_id));
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
    const chains = [...this.chains.valuesUnordered(), ...this.otherChains.values()];
    chains.sort((a, b) => a.born - b.born);
    for (const chain of chains) {
      const items = chain.items;
      for (let i = 0; i < items.length; i += 3)
        if ((items[i] as AnyEvent).type === type) {
          out.push(chain.id);
          break;
        }
    }
    return out;
  }

  clear(): void {
    this.chains.clear();
    this.otherChains.clear();
    this.born = 0;
    this.trades.clear();
    for (const list of [this.decisionChains, this.barChains]) {
      list.order.clear();
      list.live = 0;
    }
    this.openRoots.length = 0;
    this.openCount = 0;
    this.last = null;
    this.dropped = 0;
  }

  private keep(list: Filed, chain: Chain): void {
    chain.filed = list.kind;
    list.order.push(chain);
    list.live++;
    while (list.live > list.limit) {
      const old = list.order.shift()!;
      if (old.filed !== list.kind) continue; // moved on: a stale entry
      old.filed = FORGOTTEN;
      list.live--;
      if (old.seq > 0) this.chains.delete(old.seq);
      else this.otherChains.delete(old.id);
      if (old === this.last) this.last = null;
      this.dropped++;
    }
  }
}

/** A chain's links as the trace gives them, in emission order. */
function linksOf(chain: Chain): TraceLink[] {
  const items = chain.items;
  const links: TraceLink[] = [];
  for (let i = 0; i < items.length; i += 3)
    links.push({
      event: items[i] as AnyEvent,
      processed_at: items[i + 1] as number | null,
      bar: items[i + 2] as number,
    });
  return links;
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
