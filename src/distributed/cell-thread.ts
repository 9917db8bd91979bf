/**
 * A queue worker's thread (bundled to dist-cli/cell-thread.mjs): runs the cells its process
 * hands it, one at a time, with the same CellRunner as a local sweep. It reads nothing from the
 * queue and no file but the package's sample data: the process sends each CSV a cell needs once,
 * by its content hash, and says which of the flow's file names stands for which hash. So a job,
 * whatever its flow names, can read only what its sweep's coordinator shipped or the worker's
 * operator allowed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { CellRunner } from '../sweep/runner';
import type { FromCellThread, ToCellThread } from './thread-protocol';

const { samples } = workerData as { samples: string };
const texts = new Map<string, string>();
/** One runner per sweep: its caches (bars by file name, recorded signals) belong to that sweep. */
const runners = new Map<string, CellRunner>();
const KEEP_RUNNERS = 4;

function runnerFor(sweep: string, files: Readonly<Record<string, string>>): CellRunner {
  const known = runners.get(sweep);
  if (known) return known;
  const runner = new CellRunner({
    sample: async (file) => readFileSync(resolve(samples, file), 'utf8'),
    csv: async (name) => (Object.hasOwn(files, name) ? texts.get(files[name]!) : undefined),
    data: async (ref) => {
      const text = texts.get(ref.hash);
      if (text === undefined) throw new Error(`the CSV ${ref.name} did not reach this worker`);
      return text;
    },
    now: () => performance.now(),
  });
  runners.set(sweep, runner);
  if (runners.size > KEEP_RUNNERS) runners.delete(runners.keys().next().value as string);
  return runner;
}

const post = (message: FromCellThread) => parentPort?.postMessage(message);

parentPort?.on('message', (message: ToCellThread) => {
  switch (message.type) {
    case 'text':
      texts.set(message.hash, message.text);
      return;
    case 'drop':
      texts.delete(message.hash);
      return;
    case 'run': {
      const { id, job } = message;
      runnerFor(message.sweep, message.files)
        .run(job)
        .then(
          (result) => post({ type: 'result', id, result }),
          (error: unknown) =>
            post({
              type: 'failed',
              id,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
      return;
    }
  }
});
