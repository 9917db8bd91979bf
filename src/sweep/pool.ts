/**
 * Hands cell jobs to a set of workers and gathers their rows, for any host: Web Workers in the
 * browser, worker_threads in Node. Each worker runs one job at a time; the next job goes to the
 * first worker free. Progress comes with an ETA from the pace so far; a cancel stops handing out
 * jobs and tells the workers to drop what they hold.
 */
import { type CellJob, type CellResult, failedResult } from './job';

/** One worker as the pool sees it: it runs a job and resolves with its row. */
export interface PoolWorker {
  run(job: CellJob): Promise<CellResult>;
  /** Stop at once (a cancelled sweep); the pool makes no more use of it. */
  terminate(): void;
}

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedMs: number;
  /** Estimated time left, from the pace so far; null until a row has come back. */
  readonly etaMs: number | null;
}

export interface PoolOptions {
  readonly onResult: (result: CellResult) => void;
  readonly onProgress?: (progress: SweepProgress) => void;
  readonly now: () => number;
  readonly signal?: {
    readonly aborted: boolean;
    addEventListener?(type: 'abort', listener: () => void): void;
  };
}

export interface PoolOutcome {
  readonly results: CellResult[];
  readonly cancelled: boolean;
  readonly elapsedMs: number;
}

export async function runPool(
  jobs: readonly CellJob[],
  workers: readonly PoolWorker[],
  options: PoolOptions,
): Promise<PoolOutcome> {
  const started = options.now();
  const results: CellResult[] = [];
  const queue = new JobQueue(jobs);
  let failed = 0;
  let cancelled = false;
  const progress = () => {
    const elapsedMs = options.now() - started;
    const done = results.length;
    options.onProgress?.({
      done,
      total: jobs.length,
      failed,
      elapsedMs,
      etaMs: done === 0 ? null : (elapsedMs / done) * (jobs.length - done),
    });
  };
  const stop = () => {
    cancelled = true;
    for (const worker of workers) worker.terminate();
  };
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener?.('abort', stop);
  progress();
  await Promise.all(
    workers.map(async (worker) => {
      let group: string | undefined;
      for (;;) {
        const job = cancelled ? undefined : queue.take(group);
        if (!job) return;
        group = job.group;
        let result: CellResult;
        try {
          result = await worker.run(job);
        } catch (error) {
          if (cancelled) return;
          result = failedResult(job, error instanceof Error ? error.message : String(error));
        }
        if (cancelled) return;
        if (result.error !== null) failed++;
        results.push(result);
        options.onResult(result);
        progress();
      }
    }),
  );
  return { results, cancelled, elapsedMs: options.now() - started };
}

/**
 * Jobs in order, taken group by group: a worker keeps to the group it ran last while it has jobs
 * left, else starts the first group no worker has started, else helps with the largest group left.
 */
class JobQueue {
  private readonly groups = new Map<string, CellJob[]>();
  private readonly started = new Set<string>();

  constructor(jobs: readonly CellJob[]) {
    jobs.forEach((job, i) => {
      const key = job.group ?? `\u0000${i}`;
      const list = this.groups.get(key) ?? [];
      list.push(job);
      this.groups.set(key, list);
    });
  }

  take(group: string | undefined): CellJob | undefined {
    const own = group === undefined ? undefined : this.groups.get(group);
    if (own && own.length > 0) return this.shift(group!, own);
    for (const [key, list] of this.groups)
      if (!this.started.has(key) && list.length > 0) return this.shift(key, list);
    let largest: [string, CellJob[]] | undefined;
    for (const entry of this.groups)
      if (entry[1].length > (largest?.[1].length ?? 0)) largest = entry;
    return largest ? this.shift(largest[0], largest[1]) : undefined;
  }

  private shift(key: string, list: CellJob[]): CellJob | undefined {
    this.started.add(key);
    const job = list.shift();
    if (list.length === 0) this.groups.delete(key);
    return job;
  }
}
