/**
 * A sweep's coordinator (`flow-studio sweep FLOW.yaml --queue URL`): describes the sweep in the
 * queue's store, ships its data there once, enqueues one job per cell, and follows the rows as
 * workers write them, with progress. It holds nothing the sweep needs: stopped and started again
 * with the same name, it reads the rows already in, enqueues only the cells that have neither a
 * row nor a job, and turns jobs that failed for good into failed rows.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type CellResult, type DataRef, hashText } from '../sweep/job';
import { planSweep, type SweepPlan } from '../sweep/plan';
import { decodeRow } from './codec';
import { connect, connectionProblem, type QueueAddress, redisOptions } from './connection';
import { reconcile, removeSweep } from './jobs';
import { KEEP_SECONDS, PREFIX, QUEUE } from './keys';
import { SHIP_LIMIT_CHARS, type SweepFile, type SweepMeta, SweepStore } from './store';
import { FLOW_STUDIO_VERSION } from './version';

export interface SweepRequest {
  readonly address: QueueAddress;
  readonly name: string;
  /** The flow to start (or to check a resumed sweep against); null resumes by name alone. */
  readonly flow: { readonly text: string; readonly dir: string } | null;
  /** --data: one CSV for every data container. */
  readonly data: { readonly path: string; readonly text: string } | null;
  readonly fresh: boolean;
  /** Workers read the data at the coordinator's paths instead of copies in the store. */
  readonly byPath: boolean;
  readonly attempts: number;
  readonly replay: boolean;
}

export interface QueueProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly etaMs: number | null;
  /** Workers alive, the cells they run at once, and how many they run now. */
  readonly workers: number;
  readonly slots: number;
}

export interface SweepEvents {
  readonly progress?: (progress: QueueProgress) => void;
  readonly row?: (row: CellResult) => void;
  readonly notice?: (line: string) => void;
}

export interface SweepOutcome {
  /** Every row in, by cell index; fewer than the cells when the follow was stopped. */
  readonly rows: readonly CellResult[];
  readonly complete: boolean;
  /** From the sweep's creation to its last row (a resumed sweep's whole time), or this follow's. */
  readonly elapsedMs: number;
}

/** With no new row for this long, the coordinator looks at the jobs of the cells still missing. */
const RECONCILE_MS = 10_000;

export type Opened =
  | { readonly ok: true; readonly sweep: OpenSweep }
  | { readonly ok: false; readonly problem: string };

/** Connects, then finds the sweep of this name (or creates it), ready to follow. */
export async function openSweep(request: SweepRequest): Promise<Opened> {
  const connected = await connect(request.address);
  if ('problem' in connected) return { ok: false, problem: connected.problem };
  const { client } = connected;
  try {
    const opened = await open(client, request);
    if (!opened.ok) client.disconnect();
    return opened;
  } catch (error) {
    client.disconnect();
    return { ok: false, problem: connectionProblem(request.address, error) };
  }
}

async function open(client: Redis, request: SweepRequest): Promise<Opened> {
  const store = new SweepStore(client);
  const { name } = request;
  let existing = await store.meta(name);
  if (existing && request.fresh) {
    await removeSweep(request.address, store, existing);
    existing = null;
  }
  if (existing) {
    const problem = mismatch(existing, request);
    if (problem) return { ok: false, problem };
    const flow = request.flow?.text ?? (await store.flow(name));
    if (flow === null)
      return { ok: false, problem: `The queue's copy of sweep "${name}" is damaged` };
    return planned(client, request, store, existing, flow, true);
  }
  if (!request.flow)
    return {
      ok: false,
      problem: `The queue holds no sweep named "${name}" (a finished sweep is kept for ${KEEP_SECONDS / 86_400} days): give the flow file to start it`,
    };
  const data: DataRef = request.data
    ? { kind: 'csv', name: resolve(request.data.path), hash: hashText(request.data.text) }
    : { kind: 'flow' };
  const plan = planSweep(request.flow.text, data);
  if (!plan.ok) return { ok: false, problem: plan.problems.join('\n') };
  const dataFile = request.data
    ? fileOf(request.data.path, resolve(request.data.path), request.data.text, request.byPath)
    : null;
  const files = request.data ? [] : flowFiles(plan.plan, request.flow.dir, request.byPath);
  for (const file of [...files, ...(dataFile ? [dataFile] : [])]) {
    if (file.shipped && file.chars > SHIP_LIMIT_CHARS)
      return {
        ok: false,
        problem: `${file.path} is ${(file.chars / 1e6).toFixed(0)} MB; at most ${SHIP_LIMIT_CHARS / 1e6} MB is shipped through the queue: put it where every worker can read it and add --by-path`,
      };
  }
  const meta: SweepMeta = {
    id: randomBytes(8).toString('hex'),
    name,
    flowName: plan.plan.model.name,
    flowHash: hashText(request.flow.text),
    data,
    dataFile,
    files,
    total: plan.plan.jobs.length,
    attempts: request.attempts,
    replay: request.replay,
    version: FLOW_STUDIO_VERSION,
    created: await store.now(),
    state: 'running',
  };
  for (const file of [...files, ...(dataFile ? [dataFile] : [])])
    if (file.shipped) await store.ship(name, textOf(file, request));
  const id = await store.create(meta, request.flow.text);
  // Another coordinator created it a moment before: follow that one.
  const created = id === meta.id ? meta : await store.meta(name);
  if (!created) return { ok: false, problem: `Sweep "${name}" vanished while it was created` };
  return planned(client, request, store, created, request.flow.text, id !== meta.id);
}

function textOf(file: SweepFile, request: SweepRequest): string {
  if (request.data && file.path === resolve(request.data.path)) return request.data.text;
  return readFileSync(file.path, 'utf8');
}

function fileOf(name: string, path: string, text: string, byPath: boolean): SweepFile {
  return { name, path, hash: hashText(text), chars: text.length, shipped: !byPath };
}

/** The CSV files the flow's csv_bars containers name, that can be read here. */
function flowFiles(plan: SweepPlan, dir: string, byPath: boolean): SweepFile[] {
  const files: SweepFile[] = [];
  for (const container of plan.model.containers) {
    const file = container.params.file;
    if (container.component !== 'csv_bars' || container.disabled || typeof file !== 'string')
      continue;
    if (file === '' || files.some((known) => known.name === file)) continue;
    const path = resolve(dir, file);
    try {
      files.push(fileOf(file, path, readFileSync(path, 'utf8'), byPath));
    } catch {
      // Not readable here: its cells fail with the runner's own words, as in a local sweep.
    }
  }
  return files;
}

function mismatch(existing: SweepMeta, request: SweepRequest): string | null {
  const other = `A sweep named "${existing.name}" of another`;
  const fix = 'give another --name, or --fresh to replace it';
  if (request.flow && hashText(request.flow.text) !== existing.flowHash)
    return `${other} flow is in the queue: ${fix}`;
  if (request.flow) {
    const hash = request.data ? hashText(request.data.text) : null;
    const had = existing.data.kind === 'csv' ? existing.data.hash : null;
    if (hash !== had) return `${other} data is in the queue: ${fix}`;
  }
  if (existing.version !== FLOW_STUDIO_VERSION)
    return `Sweep "${existing.name}" was started by Flow Studio ${existing.version}, and this is ${FLOW_STUDIO_VERSION}: finish it with that version, or --fresh to start it again`;
  return null;
}

function planned(
  client: Redis,
  request: SweepRequest,
  store: SweepStore,
  meta: SweepMeta,
  flow: string,
  resumed: boolean,
): Opened {
  const plan = planSweep(flow, meta.data);
  if (!plan.ok) return { ok: false, problem: plan.problems.join('\n') };
  return {
    ok: true,
    sweep: new OpenSweep(client, request.address, store, meta, plan.plan, resumed),
  };
}

export class OpenSweep {
  constructor(
    private readonly client: Redis,
    private readonly address: QueueAddress,
    private readonly store: SweepStore,
    readonly meta: SweepMeta,
    readonly plan: SweepPlan,
    /** It was in the queue already (or another coordinator created it just now). */
    readonly resumed: boolean,
  ) {}

  /** Removes the sweep from the queue; returns how many waiting jobs were taken out. */
  async cancel(): Promise<number> {
    try {
      return await removeSweep(this.address, this.store, this.meta);
    } finally {
      this.client.disconnect();
    }
  }

  /** Enqueues what is missing and follows the rows until every cell has one, or `signal`. */
  async follow(events: SweepEvents, signal?: AbortSignal): Promise<SweepOutcome> {
    const { meta, plan, store } = this;
    const started = Date.now();
    const queue = new Queue(QUEUE, { connection: redisOptions(this.address), prefix: PREFIX });
    let lastProblem = '';
    queue.on('error', (error) => {
      const problem = connectionProblem(this.address, error);
      if (problem !== lastProblem) events.notice?.(`queue: ${problem}; retrying`);
      lastProblem = problem;
    });
    const reader = this.client.duplicate();
    reader.on('error', () => {});
    const rows = new Map<number, CellResult>();
    const jobs = plan.jobs.map((job) => (meta.replay ? job : { ...job, replay: false }));
    const planned = new Set(jobs.map((job) => job.index));
    let last = '0';
    let failed = 0;
    let sessionRows = 0;
    let workers = { count: 0, slots: 0 };
    let workersAt = 0;
    let reported = 0;
    let lastRowAt = Date.now();
    const following = new SweepStore(reader);
    /** Reads the next rows in; returns how many stream entries there were. */
    const take = async (blockMs: number) => {
      const next = await following.follow(meta.name, last, blockMs);
      last = next.last;
      const fresh = next.indexes.filter((index) => planned.has(index) && !rows.has(index));
      const texts = await store.rows(meta.name, fresh);
      fresh.forEach((index, i) => {
        const text = texts[i];
        const row = text ? decodeRow(text) : `the row of cell #${index} is missing`;
        if (typeof row === 'string') {
          events.notice?.(`sweep ${meta.name}: ${row}`);
          return;
        }
        rows.set(index, row);
        if (row.error !== null) failed++;
        events.row?.(row);
      });
      return next.indexes.length;
    };
    const progress = async (force: boolean) => {
      const now = Date.now();
      if (now - workersAt > 5000 || force) {
        const alive = await store.workers(15_000).catch(() => []);
        workers = {
          count: alive.length,
          slots: alive.reduce((sum, worker) => sum + worker.slots, 0),
        };
        workersAt = now;
      }
      if (!force && now - reported < 1000) return;
      reported = now;
      const elapsedMs = now - started;
      const left = meta.total - rows.size;
      events.progress?.({
        done: rows.size,
        total: meta.total,
        failed,
        elapsedMs,
        etaMs: sessionRows === 0 ? null : (elapsedMs / sessionRows) * left,
        workers: workers.count,
        slots: workers.slots,
      });
    };
    try {
      // The rows already in (a resumed sweep), then the cells to enqueue.
      while ((await take(0)) > 0) {}
      await reconcile(queue, store, meta, jobs, rows, !this.resumed);
      await progress(true);
      if (workers.count === 0 && rows.size < meta.total)
        events.notice?.(
          `No worker is connected yet: start \`flow-studio worker --queue ${this.address.display}\` on any machine that has Flow Studio ${FLOW_STUDIO_VERSION}`,
        );
      while (rows.size < meta.total && !signal?.aborted) {
        const before = rows.size;
        await take(1000);
        const now = Date.now();
        if (rows.size > before) {
          sessionRows += rows.size - before;
          lastRowAt = now;
        } else if (now - lastRowAt > RECONCILE_MS) {
          await reconcile(queue, store, meta, jobs, rows, false);
          lastRowAt = now;
        }
        await progress(rows.size === meta.total);
      }
      const complete = rows.size === meta.total;
      if (complete) await store.finish(meta.name, meta, KEEP_SECONDS);
      return {
        rows: [...rows.values()].sort((a, b) => a.index - b.index),
        complete,
        // The sweep's own time, from its creation to its last row (both by Redis's clock): a
        // resumed sweep's rate counts the time its rows took, not this coordinator's share.
        elapsedMs: last === '0' ? Date.now() - started : Number(last.split('-')[0]) - meta.created,
      };
    } finally {
      await queue.close().catch(() => {});
      reader.disconnect();
      this.client.disconnect();
    }
  }
}
