/**
 * A sweep worker thread (bundled to dist-cli/sweep-worker.mjs): runs the cell jobs its
 * coordinator sends, one at a time, and posts each row back. Sample files come from the package's
 * public/data, a flow's CSV files from beside the flow file, the --data CSV by its path (checked
 * against its hash).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { hashText } from '../sweep/job';
import type { FromSweepWorker, ToSweepWorker } from '../sweep/protocol';
import { CellRunner } from '../sweep/runner';

const { samples, flowDir } = workerData as { samples: string; flowDir: string };

const runner = new CellRunner({
  sample: async (file) => readFileSync(resolve(samples, file), 'utf8'),
  csv: async (name) => {
    try {
      return readFileSync(resolve(flowDir, name), 'utf8');
    } catch {
      return undefined;
    }
  },
  data: async (ref) => {
    const text = readFileSync(ref.name, 'utf8');
    if (hashText(text) !== ref.hash)
      throw new Error(`${ref.name} changed while the sweep ran (its content hash differs)`);
    return text;
  },
  now: () => performance.now(),
});

parentPort?.on('message', (message: ToSweepWorker) => {
  if (message.type !== 'run') return;
  runner.run(message.job).then(
    (result) =>
      parentPort?.postMessage({ type: 'result', id: message.id, result } satisfies FromSweepWorker),
    (error: unknown) =>
      parentPort?.postMessage({
        type: 'failed',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies FromSweepWorker),
  );
});
