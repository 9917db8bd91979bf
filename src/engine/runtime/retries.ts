/**
 * Events waiting to be delivered again after their handler failed. A wait counted in events ends
 * after that many more deliveries anywhere in the run, or as soon as nothing else is waiting in
 * the current phase (there is nothing to wait behind); a wait counted in bars ends at the start of
 * the decision phase of that later bar step. Ties keep the order the retries were scheduled in.
 */
import type { RetryPolicy, WaitUnit } from '../config';
import type { AnyEvent } from '../events';

export interface RetryEntry {
  readonly event: AnyEvent;
  /** Index of the target container and of the route the event came by. */
  readonly target: number;
  readonly route: number;
  /** The attempt this delivery will be (2 for the first retry). */
  readonly attempt: number;
  /** The error of the attempt that failed. */
  readonly error: string;
  readonly due: number;
  readonly order: number;
}

/** The wait before attempt `next` (2, 3, ...): backoff × multiplier^(retries before it). */
export function backoffFor(policy: RetryPolicy, next: number): number {
  return Math.round(policy.backoff * policy.backoff_multiplier ** Math.max(0, next - 2));
}

export class RetryQueue {
  private readonly byEvents: RetryEntry[] = [];
  private readonly byBars: RetryEntry[] = [];
  private order = 0;

  get length(): number {
    return this.byEvents.length + this.byBars.length;
  }

  get waitingOnEvents(): number {
    return this.byEvents.length;
  }

  get waitingOnBars(): number {
    return this.byBars.length;
  }

  schedule(entry: Omit<RetryEntry, 'order'>, unit: WaitUnit): void {
    const list = unit === 'events' ? this.byEvents : this.byBars;
    const full: RetryEntry = { ...entry, order: this.order++ };
    let at = list.length;
    while (at > 0 && list[at - 1]!.due > full.due) at--;
    list.splice(at, 0, full);
  }

  /** The next retry whose wait in events is over, if any. */
  dueByEvents(deliveries: number): RetryEntry | undefined {
    return this.byEvents.length > 0 && this.byEvents[0]!.due <= deliveries
      ? this.byEvents.shift()
      : undefined;
  }

  /** The retry that would be due first, waiting or not (the phase has nothing else to do). */
  nextByEvents(): RetryEntry | undefined {
    return this.byEvents.shift();
  }

  /** Every retry due by this bar step. */
  dueByBars(step: number): RetryEntry[] {
    let count = 0;
    while (count < this.byBars.length && this.byBars[count]!.due <= step) count++;
    return this.byBars.splice(0, count);
  }

  /** Everything still waiting (the run ended). */
  drain(): RetryEntry[] {
    const all = [...this.byEvents, ...this.byBars].sort((a, b) => a.order - b.order);
    this.byEvents.length = 0;
    this.byBars.length = 0;
    return all;
  }

  clear(): void {
    this.byEvents.length = 0;
    this.byBars.length = 0;
    this.order = 0;
  }
}
