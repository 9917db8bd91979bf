/**
 * One container's circuit breaker, as a state machine over the outcomes of its deliveries (a
 * handler run that succeeded or failed, an event its full inbox refused). Closed, it judges the
 * error rate over a window of the latest outcomes and opens when the rate passes the limit. Open,
 * the container refuses every event until the wait is over. Half-open, a few trial events go
 * through: all succeed and it closes with a clean window, one fails and it opens again.
 */
import type { CircuitBreakerSettings } from '../config';
import type { BreakerState } from '../events';

export interface BreakerChange {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly reason: string;
  readonly errors: number;
  readonly outcomes: number;
  readonly rejected: number;
}

/** Where the run is, in both units a wait can be counted in. */
export interface Clock {
  readonly events: number;
  readonly bars: number;
}

export class Breaker {
  state: BreakerState = 'closed';
  /** Events refused in the current open spell, and over the run. */
  rejected = 0;
  totalRejected = 0;
  /**
   * Successes not yet in the window. The delivery path only counts them (it is the hottest path
   * of the engine); they enter the window, in order, before the next failure is judged.
   */
  successes = 0;
  private readonly window: Uint8Array;
  private head = 0;
  private count = 0;
  private failures = 0;
  private reopenAt = Number.POSITIVE_INFINITY;
  private trials = 0;

  constructor(private readonly settings: CircuitBreakerSettings) {
    this.window = new Uint8Array(Math.max(1, settings.window));
  }

  /** An outcome of a delivery to this container; the change it causes, if any. */
  record(failed: boolean, clock: Clock): BreakerChange | null {
    this.flush();
    if (this.state === 'open') return null;
    if (this.state === 'half_open') {
      if (failed)
        return this.open(clock, 'a trial event failed while half-open', 1, this.trials + 1);
      this.trials++;
      if (this.trials < this.settings.half_open_events) return null;
      const change = this.change(
        'closed',
        `${this.trials} trial event${this.trials === 1 ? '' : 's'} succeeded`,
        0,
        this.trials,
      );
      this.clearWindow();
      return change;
    }
    this.push(failed);
    const { min_events, error_rate } = this.settings;
    if (this.count < min_events || this.failures / this.count <= error_rate) return null;
    return this.open(
      clock,
      `error rate ${(this.failures / this.count).toFixed(2)} above ${error_rate} (${this.failures} of the last ${this.count} outcomes failed)`,
      this.failures,
      this.count,
    );
  }

  /** An event refused because the breaker is open. */
  reject(): void {
    this.rejected++;
    this.totalRejected++;
  }

  /** Open → half-open once the wait is over. */
  due(clock: Clock): BreakerChange | null {
    if (this.state !== 'open' || clock[this.settings.reset_unit] < this.reopenAt) return null;
    const { reset_after, reset_unit, half_open_events } = this.settings;
    const change = this.change(
      'half_open',
      `open for ${reset_after} ${unitName(reset_unit, reset_after)}: letting ${half_open_events} trial event${half_open_events === 1 ? '' : 's'} through`,
      0,
      0,
    );
    this.trials = 0;
    return change;
  }

  private open(clock: Clock, reason: string, errors: number, outcomes: number): BreakerChange {
    const { reset_after, reset_unit } = this.settings;
    this.reopenAt = reset_after > 0 ? clock[reset_unit] + reset_after : Number.POSITIVE_INFINITY;
    return this.change(
      'open',
      reset_after > 0
        ? `${reason}; refusing events for ${reset_after} ${unitName(reset_unit, reset_after)}`
        : `${reason}; refusing events for the rest of the run`,
      errors,
      outcomes,
    );
  }

  /** `errors` of `outcomes` are what the change was judged on: the window, or the trials. */
  private change(
    to: BreakerState,
    reason: string,
    errors: number,
    outcomes: number,
  ): BreakerChange {
    const change: BreakerChange = {
      from: this.state,
      to,
      reason,
      errors,
      outcomes,
      rejected: this.state === 'open' ? this.rejected : 0,
    };
    if (this.state === 'open') this.rejected = 0;
    this.state = to;
    return change;
  }

  private flush(): void {
    // More successes than the window holds would only push each other out.
    for (let n = Math.min(this.successes, this.window.length); n > 0; n--) this.push(false);
    this.successes = 0;
  }

  /** The window is a ring: `head` is the oldest outcome. */
  private push(failed: boolean): void {
    const size = this.window.length;
    if (this.count === size) {
      this.failures -= this.window[this.head]!;
      this.head = (this.head + 1) % size;
      this.count--;
    }
    this.window[(this.head + this.count) % size] = failed ? 1 : 0;
    this.count++;
    if (failed) this.failures++;
  }

  private clearWindow(): void {
    this.head = 0;
    this.count = 0;
    this.failures = 0;
  }
}

function unitName(unit: 'events' | 'bars', count: number): string {
  const word = unit === 'bars' ? 'bar' : 'event';
  return count === 1 ? word : `${word}s`;
}
