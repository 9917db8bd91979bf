/**
 * Dead letters and circuit-breaker changes as files: every record whole (the event included), for
 * the runner's JSON and CSV files and the simulator's exports alike, so that they are the same
 * bytes for the same run.
 */

import type { Run } from '../runtime/run';
import type { BreakerTransition, DeadLetter } from '../runtime/types';
import { csv, iso } from './csv';
import type { RunOutcomes } from './export';

/** A dead letter as plain JSON: what failed, where, why, after how many attempts, and the event. */
export interface DeadLetterRecord {
  readonly time: string;
  readonly bar: number;
  readonly container: string;
  readonly source: string;
  readonly handler: string;
  readonly reason: string;
  readonly error: string;
  readonly attempts: number;
  readonly event_type: string;
  readonly event_id: string;
  readonly correlation_id: string;
  readonly trade_id: string | null;
  readonly event: Readonly<Record<string, unknown>>;
}

export interface BreakerRecord {
  readonly time: string;
  readonly bar: number;
  readonly container: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly errors: number;
  readonly outcomes: number;
  readonly rejected: number;
  readonly event_id: string;
}

export function deadLetterRecord(letter: DeadLetter): DeadLetterRecord {
  return {
    time: iso(letter.time),
    bar: letter.bar,
    container: letter.container,
    source: letter.source,
    handler: letter.handler,
    reason: letter.reason,
    error: letter.error,
    attempts: letter.attempts,
    event_type: letter.event.type,
    event_id: letter.event.event_id,
    correlation_id: letter.event.correlation_id,
    trade_id: letter.event.trade_id,
    event: { ...letter.event },
  };
}

export function breakerRecord(change: BreakerTransition): BreakerRecord {
  return {
    time: iso(change.time),
    bar: change.bar,
    container: change.container,
    from: change.from,
    to: change.to,
    reason: change.reason,
    errors: change.errors,
    outcomes: change.outcomes,
    rejected: change.rejected,
    event_id: change.event_id,
  };
}

export function deadLettersCsv(letters: readonly DeadLetter[]): string {
  return csv(
    [
      'time',
      'bar',
      'container',
      'source',
      'reason',
      'attempts',
      'error',
      'event_type',
      'event_id',
      'correlation_id',
      'trade_id',
      'event',
    ],
    letters.map((letter) => {
      const record = deadLetterRecord(letter);
      return [
        record.time,
        record.bar,
        record.container,
        record.source,
        record.reason,
        record.attempts,
        record.error,
        record.event_type,
        record.event_id,
        record.correlation_id,
        record.trade_id ?? '',
        JSON.stringify(record.event),
      ];
    }),
  );
}

export function breakersCsv(changes: readonly BreakerTransition[]): string {
  return csv(
    ['time', 'bar', 'container', 'from', 'to', 'reason', 'errors', 'outcomes', 'rejected'],
    changes.map((change) => [
      iso(change.time),
      change.bar,
      change.container,
      change.from,
      change.to,
      change.reason,
      change.errors,
      change.outcomes,
      change.rejected,
    ]),
  );
}

/** Dead letters by reason, for one line of a summary: "handler_error 8, circuit_open 4". */
export function countByReason(letters: readonly DeadLetter[]): string {
  const counts = new Map<string, number>();
  for (const letter of letters) counts.set(letter.reason, (counts.get(letter.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ');
}

/** What a results document needs of a run's dead letters and breakers. */
export function outcomesOf(run: Run): RunOutcomes {
  return {
    deadLetterCount: run.deadLetterCount(),
    deadLetters: run.deadLetters(),
    breakers: run.breakerHistory(),
    incidents: run.incidents(),
  };
}
