/**
 * `flow-studio worker`: takes cell jobs from the queue and runs them on its cell threads, one per
 * core by default, until it is stopped. Each job is checked before it runs (queue-job.ts), and its
 * row is written once, whatever happens: a cell whose row is already in (a duplicate delivery)
 * is not run again; a cell whose worker died is handed to another by BullMQ when the lock the
 * dead worker held runs out; a cell that fails is retried up to its sweep's attempts, then its
 * row says why it failed.
 */
import { hostname } from 'node:os';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type CellResult, hashText } from '../sweep/job';
import { cellProblem } from './cell-check';
import { CellThreadError, CellThreads } from './cell-threads';
import { encodeRow } from './codec';
import { connect, connectionProblem, type QueueAddress, redisOptions } from './connection';
import { failureReason, failureRow, MAX_STALLS, REFUSED } from './failure';
import { PREFIX, QUEUE } from './keys';
import { checkQueueJob } from './queue-job';
import { type SweepMeta, SweepStore, type WorkerInfo } from './store';
import { SweepTexts } from './texts';
import { FLOW_STUDIO_VERSION } from './version';

export interface QueueWorkerOptions {
  readonly address: QueueAddress;
  readonly concurrency: number;
  readonly dataDirs: readonly string[];
  /** How long a cell's lock lasts without renewal before the cell goes to another worker. */
  readonly stallSeconds: number;
  readonly cellTimeoutSeconds: number;
  readonly cellMemoryMb: number;
  readonly samples: string;
  readonly threadScript: string;
  readonly log: (line: string) => void;
  /** Say when each cell starts and ends. */
  readonly verbose: boolean;
}

export interface QueueWorker {
  readonly id: string;
  /** Stops taking cells; waits for those running unless `now`, which leaves them to others. */
  close(now?: boolean): Promise<void>;
  readonly stats: { done: number; failed: number; refused: number };
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { address, log } = options;
  const connected = await connect(address);
  if ('problem' in connected) throw new Error(connected.problem);
  const client: Redis = connected.client;
  const store = new SweepStore(client);
  const texts = new SweepTexts(store, options.dataDirs);
  const threads = new CellThreads({
    count: options.concurrency,
    script: options.threadScript,
    samples: options.samples,
    timeoutMs: options.cellTimeoutSeconds * 1000,
    memoryMb: options.cellMemoryMb,
  });
  const id = `${hostname()}:${process.pid}:${Math.random().toString(16).slice(2, 8)}`;
  const stats = { done: 0, failed: 0, refused: 0 };
  const metas = new Map<string, { meta: SweepMeta | null; at: number }>();
  const metaOf = async (name: string): Promise<SweepMeta | null> => {
    const known = metas.get(name);
    if (known && Date.now() - known.at < 5000) return known.meta;
    const meta = await store.meta(name);
    metas.set(name, { meta, at: Date.now() });
    return meta;
  };
  const sweepsSeen = new Set<string>();

  const runJob = async (job: Job): Promise<string> => {
    const check = checkQueueJob(job.data);
    if (!check.ok) {
      stats.refused++;
      throw new UnrecoverableError(`${REFUSED}${check.reason}`);
    }
    const { sweep, id: sweepId, job: cell } = check.job;
    const meta = await metaOf(sweep);
    if (!meta || meta.id !== sweepId) {
      stats.refused++;
      throw new UnrecoverableError(
        `${REFUSED}the queue holds no sweep "${sweep}" with this job's id (it was removed or replaced)`,
      );
    }
    if (hashText(cell.flow) !== meta.flowHash || !sameData(cell.data, meta)) {
      stats.refused++;
      throw new UnrecoverableError(`${REFUSED}the job's flow or data is not sweep "${sweep}"'s`);
    }
    if (meta.version !== FLOW_STUDIO_VERSION)
      throw new Error(
        `this worker runs Flow Studio ${FLOW_STUDIO_VERSION} and sweep "${sweep}" was started by ${meta.version}: run one version on every machine`,
      );
    // The flow is the sweep's (its hash): parsing it is done once per sweep, and cached.
    const wrongCell = cellProblem(cell);
    if (wrongCell !== null) {
      stats.refused++;
      throw new UnrecoverableError(`${REFUSED}${wrongCell}`);
    }
    if (!sweepsSeen.has(meta.id)) {
      sweepsSeen.add(meta.id);
      log(`sweep ${sweep}: ${meta.flowName}, ${meta.total} cells`);
    }
    // A duplicate delivery, or a cell whose row its previous worker wrote just before it died.
    if (await store.hasRow(sweep, cell.index)) return 'already';
    if (options.verbose) log(`sweep ${sweep}: cell #${cell.index} started`);
    const files = Object.fromEntries(meta.files.map((file) => [file.name, file.hash]));
    const needs = cell.data.kind === 'csv' ? [cell.data.hash] : meta.files.map((file) => file.hash);
    let row: CellResult;
    try {
      row = await threads.run({
        sweep: meta.id,
        files,
        needs,
        text: (hash) => texts.text(meta, hash),
        job: cell,
      });
    } catch (error) {
      if (error instanceof CellThreadError && (error.kind === 'timeout' || error.kind === 'memory'))
        throw new UnrecoverableError(error.message);
      throw error;
    }
    const written = await store.writeRow(sweep, sweepId, cell.index, encodeRow(row));
    if (written === 'written') {
      stats.done++;
      if (row.error !== null) {
        stats.failed++;
        log(`sweep ${sweep}: cell #${cell.index} failed: ${row.error}`);
      } else if (options.verbose) log(`sweep ${sweep}: cell #${cell.index} done`);
    }
    return written;
  };

  const worker = new Worker(QUEUE, runJob, {
    connection: redisOptions(address),
    prefix: PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.stallSeconds * 1000,
    stalledInterval: options.stallSeconds * 1000,
    maxStalledCount: MAX_STALLS,
  });

  // A cell that will not be tried again gets its row: the reason, and how many times it ran.
  worker.on('failed', (job, error) => {
    if (!job || job.finishedOn === undefined) return;
    void finalFailure(job, error).catch((problem: unknown) =>
      log(`could not record the failure of job ${job.id}: ${connectionProblem(address, problem)}`),
    );
  });
  const finalFailure = async (job: Job, error: Error) => {
    const check = checkQueueJob(job.data);
    const claim = check.ok
      ? { sweep: check.job.sweep, id: check.job.id, index: check.job.job.index }
      : check;
    const failed = {
      reason: error.message,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      unrecoverable: error instanceof UnrecoverableError || error.name === 'UnrecoverableError',
    };
    log(`job ${job.id} failed: ${failureReason(failed)}`);
    // A refused job is not its cell: it writes no row (its sweep's own job still runs).
    if (error.message.startsWith(REFUSED)) return;
    if (claim.sweep === undefined || claim.id === undefined || claim.index === undefined) return;
    const meta = await metaOf(claim.sweep);
    if (!meta || meta.id !== claim.id) return;
    const row = failureRow(claim.index, check.ok ? check.job.job.cell : {}, failed);
    if ((await store.writeRow(claim.sweep, claim.id, claim.index, encodeRow(row))) === 'written')
      stats.failed++;
  };

  let lastProblem = '';
  worker.on('error', (error) => {
    const problem = connectionProblem(address, error);
    if (problem !== lastProblem) log(`queue: ${problem}; retrying`);
    lastProblem = problem;
  });
  worker.on('ready', () => {
    if (lastProblem) log('queue: connected again');
    lastProblem = '';
  });

  const heartbeatMs = Math.min(5000, options.stallSeconds * 1000);
  const info = (): WorkerInfo => ({
    host: hostname(),
    pid: process.pid,
    slots: options.concurrency,
    version: FLOW_STUDIO_VERSION,
    busy: threads.busy,
    done: stats.done,
  });
  const beat = () => store.heartbeat(id, info(), heartbeatMs * 3).catch(() => {});
  await beat();
  const timer = setInterval(beat, heartbeatMs);

  return {
    id,
    stats,
    close: async (now = false) => {
      clearInterval(timer);
      await worker.close(now);
      await threads.close();
      await store.leave(id).catch(() => {});
      client.disconnect();
    },
  };
}

function sameData(data: SweepMeta['data'], meta: SweepMeta): boolean {
  return JSON.stringify(data) === JSON.stringify(meta.data);
}
