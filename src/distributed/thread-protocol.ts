/** Messages between a queue worker's process and its cell threads: plain data. */
import type { CellJob } from '../sweep/job';
import type { FromSweepWorker } from '../sweep/protocol';

export type ToCellThread =
  /** A CSV's text, by its content hash: sent once before the first cell that needs it. */
  | { readonly type: 'text'; readonly hash: string; readonly text: string }
  /** Forget a text no cell will need soon. */
  | { readonly type: 'drop'; readonly hash: string }
  | {
      readonly type: 'run';
      readonly id: number;
      /** The sweep's id: a thread keeps one runner (and its caches) per sweep. */
      readonly sweep: string;
      /** The flow's CSV file names and the hash of the text each stands for. */
      readonly files: Readonly<Record<string, string>>;
      readonly job: CellJob;
    };

export type FromCellThread = Extract<FromSweepWorker, { type: 'result' } | { type: 'failed' }>;
