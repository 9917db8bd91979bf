/**
 * Messages between a sweep's coordinator and its workers (Web Workers in the browser,
 * worker_threads in Node): plain data, so both hosts speak the same protocol.
 */
import type { CellJob, CellResult, DataRef } from './job';
import type { Outlined } from './plan';

export type ToSweepWorker =
  /** Where the app's sample files are (the browser's workers fetch them). */
  | { readonly type: 'init'; readonly samplesUrl: string }
  | { readonly type: 'run'; readonly id: number; readonly job: CellJob }
  /**
   * Plan a grid flow into cell jobs. The page asks a worker: parsing the flow and enumerating
   * its cells takes tens of milliseconds, too long for the page's main thread.
   */
  | {
      readonly type: 'plan';
      readonly id: number;
      readonly flow: string;
      readonly data: DataRef;
    }
  /** The bar timestamps of a flow's data, for walk-forward windows. */
  | {
      readonly type: 'timeline';
      readonly id: number;
      readonly flow: string;
      readonly data: DataRef;
    }
  /** The text of the CSV a job's data reference names by hash, sent once per worker. */
  | { readonly type: 'data'; readonly hash: string; readonly text: string }
  /** The browser's uploaded file, read by the worker itself (no copy of its text on the page). */
  | { readonly type: 'file'; readonly hash: string; readonly file: Blob };

export type FromSweepWorker =
  | { readonly type: 'result'; readonly id: number; readonly result: CellResult }
  | { readonly type: 'timeline'; readonly id: number; readonly timeline: number[] | string }
  | { readonly type: 'plan'; readonly id: number; readonly outlined: Outlined }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };
