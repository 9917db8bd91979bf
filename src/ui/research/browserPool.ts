/**
 * The sweep's workers in the browser: Web Workers running src/worker/sweep.worker.ts, as the
 * sweep pool's PoolWorkers. One per core less one by default (the page keeps a core), at least one.
 */
import type { CellJob, CellResult, DataRef } from '../../sweep/job';
import type { Outlined } from '../../sweep/plan';
import type { PoolWorker } from '../../sweep/pool';
import type { FromSweepWorker, ToSweepWorker } from '../../sweep/protocol';

export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

export interface BrowserWorkers {
  readonly workers: PoolWorker[];
  /** The grid planned into jobs by the first worker. */
  plan(flow: string, data: DataRef): Promise<Outlined>;
  timeline(flow: string, data: DataRef): Promise<number[] | string>;
  terminate(): void;
}

export function startWorkers(
  count: number,
  upload: { hash: string; file: Blob } | null,
): BrowserWorkers {
  const samplesUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
  let nextId = 0;
  const handles = Array.from({ length: count }, () => {
    const worker = new Worker(new URL('../../worker/sweep.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sweep',
    });
    const waiting = new Map<number, (message: FromSweepWorker) => void>();
    const failAll = (error: string) => {
      for (const [id, answer] of waiting) answer({ type: 'failed', id, error });
      waiting.clear();
    };
    worker.onmessage = (event: MessageEvent<FromSweepWorker>) => {
      const answer = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      answer?.(event.data);
    };
    worker.onerror = (event) =>
      failAll(`The sweep worker crashed: ${event.message || 'no detail'}`);
    const send = (message: ToSweepWorker) => worker.postMessage(message);
    send({ type: 'init', samplesUrl });
    if (upload) send({ type: 'file', hash: upload.hash, file: upload.file });
    const ask = (message: ToSweepWorker & { id: number }) =>
      new Promise<FromSweepWorker>((resolve) => {
        waiting.set(message.id, resolve);
        send(message);
      });
    const poolWorker: PoolWorker = {
      run: async (job: CellJob): Promise<CellResult> => {
        const answer = await ask({ type: 'run', id: nextId++, job });
        if (answer.type === 'result') return answer.result;
        throw new Error(answer.type === 'failed' ? answer.error : 'Unexpected answer');
      },
      terminate: () => {
        failAll('cancelled');
        worker.terminate();
      },
    };
    return { poolWorker, ask };
  });
  return {
    workers: handles.map((handle) => handle.poolWorker),
    plan: async (flow, data) => {
      const answer = await handles[0]!.ask({ type: 'plan', id: nextId++, flow, data });
      if (answer.type === 'plan') return answer.outlined;
      return {
        ok: false,
        problems: [
          answer.type === 'failed' ? answer.error : 'The sweep worker did not plan the grid',
        ],
      };
    },
    timeline: async (flow, data) => {
      const answer = await handles[0]!.ask({ type: 'timeline', id: nextId++, flow, data });
      if (answer.type === 'timeline') return answer.timeline;
      return answer.type === 'failed' ? answer.error : 'Unexpected answer';
    },
    terminate: () => {
      for (const handle of handles) handle.poolWorker.terminate();
    },
  };
}
