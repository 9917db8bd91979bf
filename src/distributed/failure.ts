/**
 * The row of a cell that failed for good in the queue (it ran out of attempts, passed a worker's
 * limit, killed its workers, or was refused): the same words whether the worker that saw it last
 * writes it, or the coordinator finds the failed job later.
 */

import type { Cell } from '../flow/grid';
import { type CellResult, failedResult } from '../sweep/job';

/** BullMQ's reason for a job whose workers stopped while running it too many times. */
export const STALLED = 'job stalled more than allowable limit';
/** How a refused job's reason begins: it was not run, and is no cell's row. */
export const REFUSED = 'refused: ';
/** How many times a cell may be taken back from a worker that stopped before it fails. */
export const MAX_STALLS = 2;

export interface FailedJob {
  readonly reason: string;
  /** Attempts made, and allowed; retries are not said of a failure no retry could mend. */
  readonly attemptsMade: number;
  readonly attempts: number;
  /** It failed at once, without retries (a limit passed, a job refused). */
  readonly unrecoverable: boolean;
}

export function failureReason(job: FailedJob): string {
  if (job.reason === STALLED)
    return `its worker stopped while running it (killed, or out of memory) ${MAX_STALLS + 1} times`;
  if (job.unrecoverable || job.attempts <= 1) return job.reason;
  return `${job.reason} (tried ${job.attemptsMade} of ${job.attempts} times)`;
}

export function failureRow(index: number, cell: Cell, job: FailedJob): CellResult {
  return failedResult({ index, cell }, failureReason(job));
}
