/**
 * A cell that takes its workers down every time (here: each worker is killed while it runs the
 * cell) is not retried for ever: after the third worker dies on it, the cell is reported failed,
 * with that reason, in its row, and the sweep ends. A real redis-server on a free loopback port,
 * the built `flow-studio` as processes, no mock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../scripts/redis.mjs';
import { type CliProcess, startCli, stopCli } from '../../tests/cli-process';
import { smaGridFlow } from '../../tests/sma-grid-flow';

const dir = mkdtempSync(join(tmpdir(), 'flow-studio-stalls-'));
/** One cell of 20,000 bars: long enough to kill its worker while it runs. */
const FLOW = join(dir, 'one-cell.yaml');
writeFileSync(
  FLOW,
  smaGridFlow({ name: 'one slow cell', bars: 20_000, seed: 5, fast: '10', slow: '50' }),
);

let server: Awaited<ReturnType<typeof startRedis>>;
const started: CliProcess[] = [];

beforeAll(async () => {
  server = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map((one) => stopCli(one)));
  await server?.stop();
}, 60_000);

describe('a cell whose workers keep dying', () => {
  it('is reported failed with the reason after three workers died on it', async () => {
    const coordinator = startCli(['sweep', FLOW, '--queue', server.url, '--name', 'deadly']);
    started.push(coordinator);
    for (let death = 1; death <= 3; death++) {
      const worker = startCli([
        'worker',
        '--queue',
        server.url,
        '--concurrency',
        '1',
        '--stall-seconds',
        '2',
        '--verbose',
      ]);
      started.push(worker);
      await worker.waitFor(/cell #0 started/, 120_000);
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    // A fourth worker finds the cell given up, and runs nothing.
    const last = startCli(['worker', '--queue', server.url, '--stall-seconds', '2', '--verbose']);
    started.push(last);
    const exit = await coordinator.exited;
    expect(exit.code, coordinator.stderr()).toBe(1);
    expect(coordinator.stdout()).toMatch(
      /Run #0 failed: its worker stopped while running it \(killed, or out of memory\) 3 times/,
    );
    expect(coordinator.stdout()).toMatch(/1 runs on \d queue workers?/);
    expect(last.stdout()).not.toMatch(/cell #0 started/);
  }, 300_000);
});
