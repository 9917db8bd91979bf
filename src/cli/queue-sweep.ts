/**
 * `flow-studio sweep FLOW.yaml --queue redis://HOST:PORT [--name NAME]`: the sweep's cells go to
 * a job queue for `flow-studio worker`s on any machine; this command follows the rows as they
 * come, with progress, and prints the same table as a local sweep. Stopped, the sweep goes on in
 * the queue; the same command (or `--name NAME` alone) picks it up again.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeAddress, parseQueueAddress } from '../distributed/connection';
import { openSweep, type QueueProgress } from '../distributed/coordinator';
import { defaultSweepName } from '../distributed/keys';
import { hashText } from '../sweep/job';
import { asFlowText } from './convert';
import type { QueueArgs } from './queue-args';
import type { SweepArgs } from './sweep';
import { reportSweep } from './sweep-report';

function read(path: string): string | { problem: string } {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return { problem: `Cannot read ${path}` };
  }
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

function progressLine(p: QueueProgress): string {
  const failed = p.failed > 0 ? ` (${p.failed} failed)` : '';
  const workers =
    p.workers === 0
      ? 'no worker connected'
      : `${p.workers} worker${p.workers === 1 ? '' : 's'}, ${p.slots} cell${p.slots === 1 ? '' : 's'} at a time`;
  const eta = p.etaMs === null || p.done === p.total ? '' : `, about ${seconds(p.etaMs)} left`;
  return `${p.done}/${p.total} runs${failed}; ${workers}${eta}`;
}

export async function queueSweepMain(args: SweepArgs, queue: QueueArgs): Promise<number> {
  let address: ReturnType<typeof parseQueueAddress>;
  try {
    address = parseQueueAddress(queue.url, { env: process.env, caFile: queue.tlsCa });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const flowFile = args.flowPath ? read(args.flowPath) : null;
  if (flowFile !== null && typeof flowFile !== 'string') {
    console.error(flowFile.problem);
    return 2;
  }
  // An ADMF-PC config is converted here, once: the queue and its workers see only the flow.
  const flowText = flowFile === null ? null : asFlowText(flowFile, args.flowPath);
  if (flowFile !== null && flowText === null) return 2;
  const dataText = args.dataPath ? read(args.dataPath) : null;
  if (dataText !== null && typeof dataText !== 'string') {
    console.error(dataText.problem);
    return 2;
  }
  const name =
    queue.name ??
    defaultSweepName(args.flowPath, hashText(`${flowText ?? ''}\u0000${dataText ?? ''}`));
  const opened = await openSweep({
    address,
    name,
    flow: flowText === null ? null : { text: flowText, dir: dirname(resolve(args.flowPath)) },
    data: dataText === null ? null : { path: args.dataPath!, text: dataText },
    fresh: queue.fresh,
    byPath: queue.byPath,
    attempts: queue.attempts,
    replay: args.replay,
  });
  if (!opened.ok) {
    console.error(opened.problem);
    return 2;
  }
  const { sweep } = opened;
  if (queue.cancel) {
    const removed = await sweep.cancel();
    console.log(
      `Removed sweep ${name} from the queue: ${removed} waiting cell${removed === 1 ? '' : 's'} taken out; cells running now finish, and their rows are dropped.`,
    );
    return 0;
  }
  const status = (line: string) => process.stderr.write(`${line}\n`);
  status(
    `Sweep ${name}: ${sweep.meta.flowName}, ${sweep.meta.total} cells, on the queue at ${describeAddress(address)}${sweep.resumed ? ' (resumed)' : ''}`,
  );
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let outcome: Awaited<ReturnType<typeof sweep.follow>>;
  let lastProgress: QueueProgress | null = null;
  try {
    outcome = await sweep.follow(
      {
        progress: (p) => {
          lastProgress = p;
          status(progressLine(p));
        },
        notice: status,
        row: (row) => {
          if (row.error !== null) status(`Run #${row.index} failed: ${row.error}`);
        },
      },
      controller.signal,
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (!outcome.complete) {
    status(
      `Stopped following. The sweep goes on in the queue: \`flow-studio sweep --queue ${address.display} --name ${name}\` follows it again, --cancel removes it.`,
    );
    return 130;
  }
  return reportSweep(args, sweep.plan, {
    rows: outcome.rows,
    seconds: outcome.elapsedMs / 1000,
    workers: (lastProgress as QueueProgress | null)?.workers ?? 0,
    workerNoun: 'queue worker',
    extra: { sweep: name, queue: address.display },
  });
}
