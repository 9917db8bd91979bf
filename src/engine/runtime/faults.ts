/**
 * Fault injection: makes a container's handler fail (at a rate, or on its Nth delivery) or run
 * slowly, so that retries, the circuit breaker and dead letters can be seen at work. Failures are
 * drawn from a generator seeded by the run (or the fault's own seed) and the container's name, so
 * the same run fails the same way every time, stepped or run, in the browser and in Node.
 */
import type { FaultSettings } from '../config';
import { SeededRandom } from '../data/random';
import { ALL_TYPES, maskOf } from './event-bits';

export class FaultInjector {
  private readonly random: SeededRandom;
  private readonly types: number;
  /** Deliveries of the affected types seen so far. */
  private count = 0;
  readonly slowMs: number;

  constructor(
    private readonly settings: FaultSettings,
    runSeed: number,
    container: string,
  ) {
    this.random = new SeededRandom(settings.seed ?? runSeed, `faults:${container}`);
    this.types = settings.events ? maskOf(settings.events) : ALL_TYPES;
    this.slowMs = settings.slow_ms;
  }

  /** Whether this delivery (of an event type with this bit) fails; the error if it does. */
  check(bit: number): string | null {
    if ((this.types & bit) === 0) return null;
    const n = ++this.count;
    const { failure_rate, fail_on, fail_times } = this.settings;
    // Drawn for every delivery, so the rate's failures do not shift when fail_on changes.
    const draw = failure_rate > 0 ? this.random.next() : 1;
    if (fail_on > 0 && n >= fail_on && n < fail_on + fail_times)
      return `injected fault: delivery ${n} fails (fail_on ${fail_on}${fail_times > 1 ? `, ${fail_times} in a row` : ''})`;
    if (draw < failure_rate) return `injected fault: delivery ${n} failed at rate ${failure_rate}`;
    return null;
  }
}

/** Wall time passes while a slow handler "works"; the run's results never depend on it. */
export function spin(clock: () => number, ms: number): void {
  const until = clock() + ms;
  while (clock() < until) {
    // busy: a slow handler holds the thread as a real one would
  }
}
