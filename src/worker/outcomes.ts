/**
 * Dead letters and breaker changes on their way to the page: each becomes a row as it happens and
 * leaves with the next batch. The page lists the first DEAD_LETTER_ROWS with their details and
 * counts the rest; the exports, built from the engine's own records, hold every one it kept.
 */
import type { BreakerTransition, DeadLetter } from '../engine';
import type { DeadLetterRow } from './protocol';
import { DEAD_LETTER_ROWS } from './protocol';
import { summarise, symbolOf } from './summary';

export class OutcomeCollector {
  private rows: DeadLetterRow[] = [];
  private breakers: BreakerTransition[] = [];
  private seen = 0;

  deadLetter(letter: DeadLetter): void {
    const index = this.seen++;
    if (index >= DEAD_LETTER_ROWS) return;
    const { event } = letter;
    this.rows.push({
      index,
      event_id: event.event_id,
      type: event.type,
      symbol: symbolOf(event),
      container: letter.container,
      source: letter.source,
      reason: letter.reason,
      error: letter.error,
      attempts: letter.attempts,
      time: letter.time,
      bar: letter.bar,
      correlation: event.correlation_id,
      trade: event.trade_id,
      summary: summarise(event),
    });
  }

  breaker(change: BreakerTransition): void {
    this.breakers.push(change);
  }

  /** What happened since the last batch. */
  take(): { deadLetterRows: DeadLetterRow[]; breakers: BreakerTransition[] } {
    const taken = { deadLetterRows: this.rows, breakers: this.breakers };
    this.rows = [];
    this.breakers = [];
    return taken;
  }

  clear(): void {
    this.rows = [];
    this.breakers = [];
    this.seen = 0;
  }
}
