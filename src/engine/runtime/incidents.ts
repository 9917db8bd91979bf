/**
 * Nothing silent: every outcome of a run that nobody asked for, counted by kind and reason and
 * listed with its details. Cancelled orders, rejected signals, dead letters, decision events that
 * reached no container (dropped), circuit breakers opening. (The full dead-letter records and the
 * breakers' whole history are the run's deadLetters() and breakerHistory().) The run records them
 * whatever the monitoring switches say; the runner prints them, the results files and the app's
 * Results list them.
 *
 * The listing is open: a new kind is one entry in INCIDENT_KINDS, and an incident may carry its
 * own fields in `details` (a dead letter's attempts, a breaker's history) that every view shows.
 */
import type { AnyEvent, EventType } from '../events';

export interface IncidentKindInfo {
  /** "Cancelled orders": the heading of the kind's rows. */
  readonly label: string;
  /** "order cancelled" / "orders cancelled": how a count of them reads in a sentence. */
  readonly one: string;
  readonly many: string;
  /** Whether a run that has any says so on its first screen (the runner's first lines, Results). */
  readonly headline: boolean;
}

export const INCIDENT_KINDS = {
  cancelled_order: {
    label: 'Cancelled orders',
    one: 'order cancelled',
    many: 'orders cancelled',
    headline: true,
  },
  rejected_signal: {
    label: 'Rejected signals',
    one: 'signal rejected',
    many: 'signals rejected',
    headline: false,
  },
  dead_letter: { label: 'Dead letters', one: 'dead letter', many: 'dead letters', headline: true },
  dropped_event: {
    label: 'Dropped events',
    one: 'event dropped',
    many: 'events dropped',
    headline: false,
  },
  breaker_opened: {
    // Counted per opening: one breaker that opens 15 times is 15 openings, not 15 breakers.
    label: 'Circuit breaker openings',
    one: 'circuit breaker opening',
    many: 'circuit breaker openings',
    headline: true,
  },
} as const satisfies Readonly<Record<string, IncidentKindInfo>>;

export type IncidentKind = keyof typeof INCIDENT_KINDS;

export interface Incident {
  readonly kind: IncidentKind;
  /** Simulated time (ms since the epoch) of the bar step it happened in. */
  readonly time: number;
  /** The container it happened in (the broker that cancelled, the target of a dead letter...). */
  readonly container: string;
  readonly event_type: EventType | null;
  readonly symbol: string | null;
  /** A short, stable reason to count by: "insufficient_cash", "queue_full", "event_type"... */
  readonly reason: string;
  /** The whole story in plain words. */
  readonly detail: string;
  /** The trace of the event concerned, when it has one. */
  readonly correlation_id: string | null;
  /** Further fields of this kind of incident, by name (shown as they are). */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface IncidentCount {
  readonly kind: IncidentKind;
  readonly reason: string;
  readonly count: number;
  /** The detail of the first incident of this kind and reason. */
  readonly example: string;
}

export interface IncidentReport {
  readonly total: number;
  readonly by_kind: Readonly<Partial<Record<IncidentKind, number>>>;
  readonly counts: readonly IncidentCount[];
  /** The first `listed` incidents in time order; counts cover all of them. */
  readonly entries: readonly Incident[];
  readonly listed: number;
}

export const MAX_LISTED_INCIDENTS = 10_000;

export class IncidentLedger {
  private list: Incident[] = [];
  private counts = new Map<
    string,
    { kind: IncidentKind; reason: string; count: number; example: string }
  >();
  private kinds = new Map<IncidentKind, number>();
  total = 0;

  constructor(private readonly maxListed = MAX_LISTED_INCIDENTS) {}

  record(incident: Incident): void {
    this.total++;
    this.kinds.set(incident.kind, (this.kinds.get(incident.kind) ?? 0) + 1);
    const key = `${incident.kind}\u0000${incident.reason}`;
    const count = this.counts.get(key);
    if (count) count.count++;
    else
      this.counts.set(key, {
        kind: incident.kind,
        reason: incident.reason,
        count: 1,
        example: incident.detail,
      });
    if (this.list.length < this.maxListed) this.list.push(incident);
  }

  count(kind: IncidentKind): number {
    return this.kinds.get(kind) ?? 0;
  }

  /** Incidents listed since index `from` (hosts send them a batch at a time). */
  since(from: number): readonly Incident[] {
    return this.list.slice(from);
  }

  get listedCount(): number {
    return this.list.length;
  }

  report(): IncidentReport {
    const order = Object.keys(INCIDENT_KINDS);
    return {
      total: this.total,
      by_kind: Object.fromEntries(this.kinds),
      counts: [...this.counts.values()]
        .map((c) => ({ ...c }))
        .sort(
          (a, b) =>
            order.indexOf(a.kind) - order.indexOf(b.kind) ||
            b.count - a.count ||
            a.reason.localeCompare(b.reason),
        ),
      entries: this.list,
      listed: this.list.length,
    };
  }

  clear(): void {
    this.list = [];
    this.counts.clear();
    this.kinds.clear();
    this.total = 0;
  }
}

/** "3 orders cancelled", "1 dead letter". */
export function countPhrase(kind: IncidentKind, count: number): string {
  const info = INCIDENT_KINDS[kind];
  return `${count.toLocaleString('en-US')} ${count === 1 ? info.one : info.many}`;
}

/**
 * The first-screen sentence of a run whose incidents include a headline kind (cancellations,
 * dead letters, halts), or null: "3 orders cancelled (2 insufficient_cash, 1 end_of_data)".
 */
export function headline(report: IncidentReport): string | null {
  const parts: string[] = [];
  for (const kind of Object.keys(INCIDENT_KINDS) as IncidentKind[]) {
    const total = report.by_kind[kind] ?? 0;
    if (total === 0 || !INCIDENT_KINDS[kind].headline) continue;
    const reasons = report.counts
      .filter((c) => c.kind === kind)
      .map((c) => `${c.count.toLocaleString('en-US')} ${c.reason}`);
    parts.push(`${countPhrase(kind, total)} (${reasons.join(', ')})`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/** Filter rules that lose nothing: the event went elsewhere, or became another event. */
const BENIGN_RULES: ReadonlySet<string> = new Set(['duplicate', 'transformed']);

/**
 * Watches one dispatch of a decision event (a signal or an order, or a new fill) to its routes:
 * when none of them took it and none dead-lettered it, the last rule that filtered it out says
 * why it was dropped.
 */
export class DropWatch {
  private rule: string | null = null;
  private target: string | null = null;
  private note: string | null = null;
  private type: EventType | null = null;

  begin(): void {
    this.rule = null;
  }

  /** A dispatch was filtered out by `rule` on its way to `target` (as an event of `type`). */
  filtered(rule: string, target: string | null, note: string | null, type: EventType): void {
    if (BENIGN_RULES.has(rule)) return;
    this.rule = rule;
    this.target = target;
    this.note = note;
    this.type = type;
  }

  /** The reason and the sentence of a drop, or null when no rule dropped it. */
  verdict(source: string, eventType: EventType): { reason: string; detail: string } | null {
    const rule = this.rule;
    if (rule === null) return null;
    const target = this.target ?? '';
    const type = this.type ?? eventType;
    const became = type === eventType ? '' : ` (it was made into ${type} on the way)`;
    const why: Readonly<Record<string, string>> = {
      event_type: `the route to "${target}" does not carry ${type}${became}`,
      filter_condition: `the filter "${this.note}" on the route to "${target}" refused it`,
      no_route: `"${source}" has no route out`,
      no_route_matched: `no selective route's condition held, and there is no default route`,
      transformer_declined: `${this.note} declined it on the route to "${target}"`,
      unsubscribed: `nothing at or after "${target}" takes ${type}${became}`,
      regime_inactive: `"${source}" emits only while ${this.note}`,
    };
    return {
      reason: rule,
      detail: `${eventType} from "${source}" reached no container: ${why[rule] ?? rule}`,
    };
  }
}

/** The incident a rejected signal or a cancelled order is, as emitted by `container`; else null. */
export function refusalIncident(container: string, event: AnyEvent, time: number): Incident | null {
  if (event.type !== 'SignalRejected' && event.type !== 'OrderCancelled') return null;
  const rejected = event.type === 'SignalRejected';
  return {
    kind: rejected ? 'rejected_signal' : 'cancelled_order',
    time,
    container,
    event_type: rejected ? 'TradingSignal' : 'OrderEvent',
    symbol: event.symbol,
    reason: event.code,
    detail: rejected
      ? `${event.strategy_id}: ${event.reason}`
      : `order ${event.order_id}: ${event.reason}`,
    correlation_id: event.correlation_id,
  };
}

/** The incident a circuit breaker opening is; null for its other changes. */
export function breakerIncident(event: AnyEvent, time: number): Incident | null {
  if (event.type !== 'BreakerStateChanged' || event.state !== 'open') return null;
  return {
    kind: 'breaker_opened',
    time,
    container: event.container,
    event_type: null,
    symbol: null,
    reason: event.previous === 'half_open' ? 'reopened' : 'opened',
    detail: `the circuit breaker of "${event.container}" opened: ${event.reason}`,
    correlation_id: event.correlation_id,
    details: { errors: event.errors, outcomes: event.outcomes },
  };
}
