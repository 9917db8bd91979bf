/** Sweep workers on worker_threads, as the sweep pool's PoolWorkers; or one in this thread. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellJob, CellResult } from '../sweep/job';
import type { PoolWorker } from '../sweep/pool';
import type { FromSweepWorker, ToSweepWorker } from '../sweep/protocol';
import { CellRunner, type RunnerHost } from '../sweep/runner';

/** The worker bundle: beside this bundle, or in dist-cli when run from the sources (tests). */
export function workerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    resolve(here, 'sweep-worker.mjs'),
    resolve(here, '../../dist-cli/sweep-worker.mjs'),
  ];
  return candidates.find((file) => existsSync(file)) ?? null;
}

export function threadWorkers(
  count: number,
  script: string,
  data: { samples: string; flowDir: string },
): PoolWorker[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(script, { workerData: data });
    const waiting = new Map<
      number,
      { resolve: (r: CellResult) => void; reject: (e: Error) => void }
    >();
    let nextId = 0;
    worker.on('message', (message: FromSweepWorker) => {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.type === 'result') pending?.resolve(message.result);
      else if (message.type === 'failed') pending?.reject(new Error(message.error));
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
    return {
      run: (job: CellJob) =>
        new Promise<CellResult>((resolvePromise, reject) => {
          const id = nextId++;
          waiting.set(id, { resolve: resolvePromise, reject });
          worker.postMessage({ type: 'run', id, job } satisfies ToSweepWorker);
        }),
      terminate: () => void worker.terminate(),
    };
  });
}

/** One worker in this thread: for --workers 0 and for tests. */
export function inThreadWorker(host: RunnerHost): PoolWorker {
  const runner = new CellRunner(host);
  return { run: (job) => runner.run(job), terminate: () => {} };
}
