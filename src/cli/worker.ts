/**
 * `flow-studio worker --queue redis://HOST:PORT`: runs the cells of every sweep in the queue, one
 * per core at a time by default, until it is stopped (Ctrl+C or SIGTERM: it finishes the cells it
 * runs; a second one stops at once, and those cells go to other workers). It listens on no port.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { cellThreadScript } from '../distributed/cell-threads';
import { describeAddress, parseQueueAddress } from '../distributed/connection';
import { startQueueWorker } from '../distributed/worker';
import { WORKER_USAGE } from './worker-usage';

function whole(value: string | undefined, fallback: number, name: string, max: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} takes a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

export function parseWorkerArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      'data-dir': { type: 'string', multiple: true },
      'stall-seconds': { type: 'string' },
      'cell-timeout': { type: 'string' },
      'cell-memory': { type: 'string' },
      'tls-ca': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new Error(`Unexpected argument "${positionals[0]}"`);
  if (values.queue === undefined) throw new Error('Missing --queue redis://HOST:PORT');
  return {
    address: parseQueueAddress(values.queue, { env: process.env, caFile: values['tls-ca'] }),
    concurrency: whole(values.concurrency, availableParallelism(), 'concurrency', 256),
    dataDirs: values['data-dir'] ?? [],
    stallSeconds: whole(values['stall-seconds'], 30, 'stall-seconds', 3600),
    cellTimeoutSeconds: whole(values['cell-timeout'], 3600, 'cell-timeout', 7 * 86_400),
    cellMemoryMb: whole(values['cell-memory'], 4096, 'cell-memory', 1_000_000),
    verbose: values.verbose ?? false,
  };
}

export async function workerMain(argv: readonly string[], samples: string): Promise<number> {
  let args: ReturnType<typeof parseWorkerArgs>;
  try {
    args = parseWorkerArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${WORKER_USAGE}`);
    return 2;
  }
  const threadScript = cellThreadScript();
  if (!threadScript) {
    console.error('The cell thread is not built yet: run `npm run build:cli`');
    return 2;
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  let worker: Awaited<ReturnType<typeof startQueueWorker>>;
  try {
    worker = await startQueueWorker({ ...args, samples, threadScript, log });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  log(
    `worker ${worker.id}: ${args.concurrency} cell${args.concurrency === 1 ? '' : 's'} at a time, queue ${describeAddress(args.address)}; waiting for cells`,
  );
  await new Promise<void>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        log('stopping now; the cells running here go to other workers');
        void worker.close(true).then(done);
        return;
      }
      stopping = true;
      log('stopping after the cells running here (Ctrl+C again to stop at once)');
      void worker.close(false).then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const { done, failed, refused } = worker.stats;
  log(`worker stopped: ran ${done} cells (${failed} failed), refused ${refused} jobs`);
  return 0;
}
