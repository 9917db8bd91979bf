/**
 * Sweeps over a real queue: a redis-server started here on a free loopback port, the built
 * `flow-studio` as separate processes (a coordinator and three workers), and no mock anywhere.
 * A worker killed in the middle of a cell, a coordinator killed and started again by name, a
 * duplicate delivery, hostile jobs: the table is complete, each cell once, and equal to the local
 * sweep's, number for number.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../scripts/redis.mjs';
import { type CliProcess, listeningPorts, ROOT, startCli, stopCli } from '../../tests/cli-process';
import { smaGridFlow } from '../../tests/sma-grid-flow';
import { keys, PREFIX, QUEUE } from './keys';

const BIN = join(ROOT, 'bin/flow-studio.mjs');
const dir = mkdtempSync(join(tmpdir(), 'flow-studio-queue-'));
/** 12 cells of a 20,000-bar flow: long enough to kill a worker in the middle of one. */
const FLOW = join(dir, 'grid.yaml');
writeFileSync(
  FLOW,
  smaGridFlow({
    name: 'queue test sweep',
    bars: 20_000,
    seed: 11,
    fast: '[5, 10, 20]',
    slow: '[40, 80]',
    equity: '[50, 95]',
  }),
);
const CELLS = 12;

interface Summary {
  runs: number;
  failed: number;
  rows: {
    index: number;
    cell: Record<string, unknown>;
    metrics: Record<string, number> | null;
    bars: number;
    error: string | null;
  }[];
}

/** What must be equal between two sweeps: every cell's values, figures, bars and error. */
const figures = (summary: Summary) =>
  summary.rows.map(({ index, cell, metrics, bars, error }) => ({
    index,
    cell,
    metrics,
    bars,
    error,
  }));

let server: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
let local: Summary;
const workers: CliProcess[] = [];

function startWorker(url: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const worker = startCli(
    ['worker', '--queue', url, '--concurrency', '1', '--stall-seconds', '3', '--verbose', ...extra],
    env,
  );
  return worker;
}

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, '127.0.0.1');
  for (let i = 0; i < 3; i++) workers.push(startWorker(server.url));
  // The local sweep, on worker threads, while the queue workers start.
  const run = spawnSync(process.execPath, [BIN, 'sweep', FLOW, '--workers', '2', '--json'], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  local = JSON.parse(run.stdout) as Summary;
  expect(local.runs).toBe(CELLS);
  await Promise.all(workers.map((worker) => worker.waitFor(/waiting for cells/)));
}, 240_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => stopCli(worker)));
  redis?.disconnect();
  await server?.stop();
}, 60_000);

async function sweepRows(name: string) {
  return {
    rows: await redis.hlen(keys.rows(name)),
    entries: await redis.xlen(keys.done(name)),
  };
}

describe('a sweep over the queue', () => {
  it('finishes with a worker killed in the middle of a cell: every row once, the local numbers', async () => {
    const out = join(dir, 'killed');
    const coordinator = startCli([
      'sweep',
      FLOW,
      '--queue',
      server.url,
      '--name',
      'killed',
      '--json',
      '--out',
      out,
    ]);
    const victim = workers[0]!;
    const started = await victim.waitFor(/cell #(\d+) started/, 120_000);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const cell = Number(started[1]);
    // Nothing of ours listens: the coordinator and the workers only connect out.
    for (const one of [coordinator, workers[1]!, workers[2]!]) {
      const ports = listeningPorts(one.child.pid!);
      if (ports !== null) expect(ports).toEqual([]);
    }
    const exit = await coordinator.exited;
    expect(exit.code, coordinator.stderr()).toBe(0);
    const summary = JSON.parse(coordinator.stdout()) as Summary;
    expect(summary.runs).toBe(CELLS);
    expect(summary.failed).toBe(0);
    expect(figures(summary)).toEqual(figures(local));
    // The killed worker never finished its cell; another one ran it.
    expect(victim.stdout()).not.toMatch(new RegExp(`cell #${cell} done`));
    expect(`${workers[1]!.stdout()}${workers[2]!.stdout()}`).toMatch(
      new RegExp(`cell #${cell} started`),
    );
    expect(await sweepRows('killed')).toEqual({ rows: CELLS, entries: CELLS });
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(CELLS + 1);
    expect(coordinator.stderr()).toMatch(/12\/12 runs; [23] workers, [23] cells at a time/);
  }, 240_000);

  it('resumes by name after its coordinator was killed; a duplicate delivery writes no row', async () => {
    const first = startCli(['sweep', FLOW, '--queue', server.url, '--name', 'resumed']);
    await first.waitFor(/^\d+\/12 runs/m, 120_000);
    first.child.kill('SIGKILL');
    await first.exited;
    await expect
      .poll(() => redis.hlen(keys.rows('resumed')), { timeout: 120_000 })
      .toBeGreaterThan(0);
    // Deliver a cell whose row is in once more, as a queue may after a failover.
    const queue = new Queue(QUEUE, {
      connection: { port: server.port, host: '127.0.0.1' },
      prefix: PREFIX,
    });
    const meta = JSON.parse((await redis.hget(keys.sweep('resumed'), 'meta'))!) as { id: string };
    const [done] = await redis.hkeys(keys.rows('resumed'));
    const original = JSON.parse((await redis.hget(keys.rows('resumed'), done!))!) as object;
    const flow = (await redis.hget(keys.sweep('resumed'), 'flow'))!;
    const { planSweep } = await import('../sweep/plan');
    const planned = planSweep(flow, { kind: 'flow' });
    if (!planned.ok) throw new Error('plan');
    const job = planned.plan.jobs.find((one) => one.index === Number(done))!;
    const duplicate = await queue.add(
      'cell',
      { v: 1, sweep: 'resumed', id: meta.id, job },
      { jobId: 'duplicate-delivery' },
    );
    // The second coordinator has only the name.
    const second = startCli(['sweep', '--queue', server.url, '--name', 'resumed', '--json']);
    const exit = await second.exited;
    expect(exit.code, second.stderr()).toBe(0);
    expect(second.stderr()).toMatch(/\(resumed\)/);
    const summary = JSON.parse(second.stdout()) as Summary;
    expect(figures(summary)).toEqual(figures(local));
    await expect
      .poll(() => queue.getJobState(duplicate.id!), { timeout: 60_000 })
      .toBe('completed');
    expect((await queue.getJob(duplicate.id!))?.returnvalue).toBe('already');
    expect(await sweepRows('resumed')).toEqual({ rows: CELLS, entries: CELLS });
    expect(JSON.parse((await redis.hget(keys.rows('resumed'), done!))!)).toEqual(original);
    await queue.close();
  }, 240_000);

  it('fails a malformed, oversized or foreign job alone, with its reason; the workers go on', async () => {
    const queue = new Queue(QUEUE, {
      connection: { port: server.port, host: '127.0.0.1' },
      prefix: PREFIX,
    });
    const meta = JSON.parse((await redis.hget(keys.sweep('resumed'), 'meta'))!) as { id: string };
    const flow = (await redis.hget(keys.sweep('resumed'), 'flow'))!;
    const cellJob = {
      flow,
      data: { kind: 'flow' },
      index: 0,
      cell: { 'sma_fast.period': 5, 'sma_slow.period': 40, 'risk.equity_pct': 50 },
    };
    const hostile: [string, unknown, RegExp][] = [
      ['not-an-object', 'hello', /^refused: the job: /],
      [
        'oversized',
        { v: 1, sweep: 'resumed', id: meta.id, job: { ...cellJob, flow: 'x'.repeat(2_300_000) } },
        /^refused: the job is 2\.3 MB; a job is limited to 2\.2 MB/,
      ],
      [
        'prototype',
        JSON.parse(
          `{"v":1,"sweep":"resumed","id":"${meta.id}","job":${JSON.stringify(cellJob).replace('"cell":{', '"cell":{"__proto__":{"x":1},')}}`,
        ),
        /^refused: the job's cell has the key "__proto__"/,
      ],
      [
        'foreign',
        { v: 1, sweep: 'nobody', id: '0000000000000000', job: cellJob },
        /^refused: the queue holds no sweep "nobody"/,
      ],
      [
        'wrong-cell',
        {
          v: 1,
          sweep: 'resumed',
          id: meta.id,
          job: { ...cellJob, cell: { ...cellJob.cell, 'sma_fast.period': 6 } },
        },
        /^refused: the job's values are not those of cell #0/,
      ],
      [
        'other-flow',
        { v: 1, sweep: 'resumed', id: meta.id, job: { ...cellJob, flow: `${flow}\n# changed` } },
        /^refused: the job's flow or data is not sweep "resumed"'s/,
      ],
    ];
    for (const [id, data] of hostile) await queue.add('cell', data, { jobId: id, attempts: 3 });
    for (const [id, , reason] of hostile) {
      await expect.poll(() => queue.getJobState(id), { timeout: 60_000 }).toBe('failed');
      const job = await queue.getJob(id);
      expect(job?.failedReason).toMatch(reason);
      // Refused at once: a retry would be refused the same way.
      expect(job?.attemptsMade).toBe(1);
    }
    expect(await sweepRows('resumed')).toEqual({ rows: CELLS, entries: CELLS });
    for (const worker of workers.slice(1)) expect(worker.child.exitCode).toBeNull();
    expect(`${workers[1]!.stdout()}${workers[2]!.stdout()}`).toMatch(
      /job prototype failed: refused/,
    );
    await queue.close();
  }, 120_000);

  it('reports a cell failed with its error once its attempts are spent', async () => {
    // --by-path: the workers must read the CSV themselves, and these allow no folder.
    const data = join(ROOT, 'public/data/aapl_daily.csv');
    const coordinator = startCli([
      'sweep',
      join(ROOT, 'examples/sma-sweep.yaml'),
      '--data',
      data,
      '--by-path',
      '--queue',
      server.url,
      '--name',
      'by-path',
      '--attempts',
      '2',
    ]);
    const exit = await coordinator.exited;
    expect(exit.code, coordinator.stderr()).toBe(1);
    expect(coordinator.stdout()).toMatch(
      /Run #\d+ failed: sweep "by-path" reads .*aapl_daily\.csv by path, and this worker reads no files: start it with --data-dir FOLDER.* \(tried 2 of 2 times\)/,
    );
    expect(coordinator.stdout()).toMatch(/90 runs on [23] queue workers/);
  }, 240_000);
});
