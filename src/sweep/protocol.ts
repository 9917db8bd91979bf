/**
 * Messages between a sweep's coordinator and its workers (Web Workers in the browser,
 * worker_threads in Node): plain data, so both hosts speak the same protocol.
 */
import type { CellJob, CellResult } from './job';

export type ToSweepWorker =
  | { readonly type: 'run'; readonly id: number; readonly job: CellJob }
  /** The text of the CSV a job's data reference names by hash, sent once per worker. */
  | { readonly type: 'data'; readonly hash: string; readonly text: string };

export type FromSweepWorker =
  | { readonly type: 'result'; readonly id: number; readonly result: CellResult }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };
