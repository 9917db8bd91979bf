/**
 * A sweep's jobs in BullMQ's queue: what the coordinator enqueues (only the cells that have
 * neither a row nor a job, so a resumed or restarted coordinator never enqueues a cell twice),
 * jobs that failed for good turned into their cells' failed rows, and removing a sweep's jobs.
 */
import { Queue } from 'bullmq';
import type { CellJob, CellResult } from '../sweep/job';
import { encodeRow } from './codec';
import { type QueueAddress, redisOptions } from './connection';
import { failureRow } from './failure';
import { jobId, KEEP_SECONDS, PREFIX, QUEUE } from './keys';
import { JOB_VERSION, type QueueJob } from './queue-job';
import type { SweepMeta, SweepStore } from './store';

const BATCH = 500;

/**
 * Every cell with no row gets one thing done: a job that failed for good becomes its failed row;
 * a cell with no job at all is enqueued; a job waiting or running is left alone. Jobs are looked
 * at before rows, so a cell whose job finished in between is seen with its row, not enqueued.
 */
export async function reconcile(
  queue: Queue,
  store: SweepStore,
  meta: SweepMeta,
  jobs: readonly CellJob[],
  rows: ReadonlyMap<number, CellResult>,
  brandNew: boolean,
): Promise<void> {
  const missing = jobs.filter((job) => !rows.has(job.index));
  const states = new Map<number, string>();
  if (!brandNew) {
    for (let start = 0; start < missing.length; start += BATCH) {
      const part = missing.slice(start, start + BATCH);
      const found = await Promise.all(
        part.map((job) => queue.getJobState(jobId(meta.id, job.index))),
      );
      for (const [i, job] of part.entries()) states.set(job.index, found[i]!);
    }
  }
  const written = new Set(await store.rowIndexes(meta.name));
  const enqueue: CellJob[] = [];
  for (const job of missing) {
    if (written.has(job.index)) continue;
    const state = states.get(job.index) ?? 'unknown';
    if (state === 'unknown') enqueue.push(job);
    if (state !== 'failed') continue;
    const failedJob = await queue.getJob(jobId(meta.id, job.index));
    if (!failedJob) continue;
    const attempts = failedJob.opts.attempts ?? 1;
    const row = failureRow(job.index, job.cell, {
      reason: failedJob.failedReason || 'the job failed',
      attemptsMade: failedJob.attemptsMade,
      attempts,
      unrecoverable: failedJob.attemptsMade < attempts,
    });
    await store.writeRow(meta.name, meta.id, job.index, encodeRow(row));
  }
  for (let start = 0; start < enqueue.length; start += BATCH) {
    await queue.addBulk(
      enqueue.slice(start, start + BATCH).map((job) => ({
        name: 'cell',
        data: { v: JOB_VERSION, sweep: meta.name, id: meta.id, job } satisfies QueueJob,
        opts: {
          jobId: jobId(meta.id, job.index),
          attempts: meta.attempts,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { age: KEEP_SECONDS },
        },
      })),
    );
  }
}

/** Removes a sweep: its waiting jobs and its keys (running cells' rows are then refused). */
export async function removeSweep(
  address: QueueAddress,
  store: SweepStore,
  meta: SweepMeta,
): Promise<number> {
  const queue = new Queue(QUEUE, { connection: redisOptions(address), prefix: PREFIX });
  queue.on('error', () => {});
  let removed = 0;
  try {
    for (let start = 0; start < meta.total; start += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, meta.total - start) }, (_, i) => i + start);
      const results = await Promise.all(
        ids.map((i) => queue.remove(jobId(meta.id, i)).catch(() => 0)),
      );
      removed += results.filter((result) => result === 1).length;
    }
  } finally {
    await queue.close();
  }
  await store.remove(meta.name, meta);
  return removed;
}
