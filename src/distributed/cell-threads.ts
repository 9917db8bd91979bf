/**
 * A queue worker's cell threads: one per cell it runs at once. The process's own thread stays free
 * for the queue (BullMQ renews each running job's lock from it), while the threads compute.
 *
 * Each thread is held to limits, so that one hostile or runaway job fails alone and the worker
 * goes on: a heap limit (a cell that needs more dies with its thread, which is replaced) and a
 * time limit. A thread keeps the group of the cell it ran last, so the next cell of that group
 * goes to it when it is free and replays its recorded signals instead of recomputing them.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellJob, CellResult } from '../sweep/job';
import type { FromCellThread, ToCellThread } from './thread-protocol';

export interface CellTask {
  /** The sweep's id. */
  readonly sweep: string;
  /** The flow's CSV file names and their hashes. */
  readonly files: Readonly<Record<string, string>>;
  /** Hashes of the texts the cell needs, sent to its thread (once) before it runs. */
  readonly needs: readonly string[];
  /** The text of a CSV by its hash (from the queue's store or an allowed folder). */
  readonly text: (hash: string) => Promise<string>;
  readonly job: CellJob;
}

/** Why a cell's thread stopped: a limit it passed (it would pass it again), or a crash. */
export class CellThreadError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'memory' | 'crash' | 'failed',
  ) {
    super(message);
  }
}

export interface CellThreadsOptions {
  readonly count: number;
  readonly script: string;
  readonly samples: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

interface Slot {
  thread: Worker;
  busy: boolean;
  group: string | undefined;
  /** Texts the thread holds, oldest first. */
  readonly has: Set<string>;
  settle: ((outcome: FromCellThread | CellThreadError) => void) | null;
}

const TEXTS_PER_THREAD = 8;

/** The thread bundle: beside this bundle, or in dist-cli when run from the sources (tests). */
export function cellThreadScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    resolve(here, 'cell-thread.mjs'),
    resolve(here, '../../dist-cli/cell-thread.mjs'),
  ];
  return candidates.find((file) => existsSync(file)) ?? null;
}

export class CellThreads {
  private readonly slots: Slot[];
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: CellThreadsOptions) {
    this.slots = Array.from({ length: options.count }, () => this.spawn());
  }

  get busy(): number {
    return this.slots.filter((slot) => slot.busy).length;
  }

  async run(task: CellTask): Promise<CellResult> {
    const group = task.job.group === undefined ? undefined : `${task.sweep}|${task.job.group}`;
    const slot = await this.take(group);
    try {
      for (const hash of task.needs) {
        if (slot.has.has(hash)) continue;
        const text = await task.text(hash);
        this.send(slot, { type: 'text', hash, text });
        slot.has.add(hash);
        if (slot.has.size > TEXTS_PER_THREAD) {
          const oldest = slot.has.values().next().value as string;
          slot.has.delete(oldest);
          this.send(slot, { type: 'drop', hash: oldest });
        }
      }
      const outcome = await this.runOn(slot, task);
      if (outcome instanceof CellThreadError) throw outcome;
      if (outcome.type === 'failed') throw new CellThreadError(outcome.error, 'failed');
      slot.group = group;
      return outcome.result;
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.thread.terminate()));
  }

  private runOn(slot: Slot, task: CellTask): Promise<FromCellThread | CellThreadError> {
    return new Promise((settle) => {
      const timer = setTimeout(() => {
        this.replace(
          slot,
          new CellThreadError(
            `the cell ran longer than ${this.options.timeoutMs / 1000} s, this worker's limit (--cell-timeout)`,
            'timeout',
          ),
        );
      }, this.options.timeoutMs);
      slot.settle = (outcome) => {
        clearTimeout(timer);
        slot.settle = null;
        settle(outcome);
      };
      if (!this.slots.includes(slot)) {
        this.replace(slot, new CellThreadError('the cell thread stopped before the cell', 'crash'));
        return;
      }
      this.send(slot, {
        type: 'run',
        id: this.nextId++,
        sweep: task.sweep,
        files: task.files,
        job: task.job,
      });
    });
  }

  private send(slot: Slot, message: ToCellThread): void {
    slot.thread.postMessage(message);
  }

  /** A free thread, the one that ran this group last if it is free. */
  private async take(group: string | undefined): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new CellThreadError('the worker is stopping', 'crash');
      const free = this.slots.filter((slot) => !slot.busy);
      const slot =
        free.find((s) => group !== undefined && s.group === group) ??
        free.find((s) => s.group === undefined) ??
        free[0];
      if (slot) {
        slot.busy = true;
        return slot;
      }
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  private spawn(): Slot {
    const thread = new Worker(this.options.script, {
      workerData: { samples: this.options.samples },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
    });
    const slot: Slot = { thread, busy: false, group: undefined, has: new Set(), settle: null };
    thread.on('message', (message: FromCellThread) => slot.settle?.(message));
    thread.on('error', (error: NodeJS.ErrnoException) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(
        slot,
        new CellThreadError(
          memory
            ? `the cell ran out of memory: this worker allows ${this.options.memoryMb} MB per cell (--cell-memory)`
            : `the cell's thread stopped: ${error.message}`,
          memory ? 'memory' : 'crash',
        ),
      );
    });
    thread.on('exit', () => {
      if (!this.closed && this.slots.includes(slot))
        this.replace(slot, new CellThreadError('the cell thread exited', 'crash'));
    });
    return slot;
  }

  /** Ends a thread that passed a limit or crashed, tells its cell why, and starts a new one. */
  private replace(slot: Slot, reason: CellThreadError): void {
    const settle = slot.settle;
    slot.settle = null;
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      this.slots[index] = this.spawn();
      void slot.thread.terminate();
      this.waiting.shift()?.();
    }
    settle?.(reason);
  }
}
