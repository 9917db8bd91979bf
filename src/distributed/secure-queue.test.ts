/**
 * A queue that wants a password and speaks only TLS (rediss://): a redis-server started here on a
 * free loopback port with a throwaway certificate authority. A sweep runs through it end to end,
 * with the password given in FLOW_STUDIO_QUEUE_PASSWORD (never on the command line), and every
 * wrong way to connect is said in plain words, without the password.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates, startRedis } from '../../scripts/redis.mjs';
import { startCli, stopCli } from '../../tests/cli-process';
import { smaGridFlow } from '../../tests/sma-grid-flow';
import { connect, PASSWORD_VARIABLE, parseQueueAddress } from './connection';

const PASSWORD = 'correct horse:battery@staple';
const dir = mkdtempSync(join(tmpdir(), 'flow-studio-tls-'));
const certificates = makeTestCertificates(dir);
let server: Awaited<ReturnType<typeof startRedis>>;

const FLOW = join(dir, 'tls.yaml');
writeFileSync(
  FLOW,
  smaGridFlow({
    name: 'tls sweep',
    bars: 1500,
    seed: 3,
    interval: '1d',
    fast: '[5, 10]',
    slow: '[30, 60]',
  }),
);

beforeAll(async () => {
  server = await startRedis({ password: PASSWORD, tls: certificates });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** Connects as a command would, and says what it got. */
async function tryConnect(url: string, options: { caFile?: string; env?: NodeJS.ProcessEnv }) {
  const outcome = await connect(parseQueueAddress(url, options), 2);
  if ('problem' in outcome) return outcome.problem;
  const pong = await outcome.client.ping();
  outcome.client.disconnect();
  return pong;
}

describe('a queue with a password and TLS', () => {
  const address = () => `rediss://127.0.0.1:${server.port}`;

  it('connects with the password and the CA, and says what is wrong otherwise', async () => {
    const env = { [PASSWORD_VARIABLE]: PASSWORD };
    expect(await tryConnect(address(), { caFile: certificates.ca, env })).toBe('PONG');
    const wrong = await tryConnect(address(), {
      caFile: certificates.ca,
      env: { [PASSWORD_VARIABLE]: 'guess' },
    });
    expect(wrong).toMatch(/refused the user name or password/);
    expect(wrong).not.toContain('guess');
    expect(await tryConnect(address(), { caFile: certificates.ca })).toMatch(/wants a password/);
    // A certificate nobody vouches for, and plain text to a TLS port.
    expect(await tryConnect(address(), { env })).toMatch(
      /the TLS connection to the queue at rediss:\/\/127\.0\.0\.1:\d+ failed: .*--tls-ca FILE/,
    );
    expect(await tryConnect(`redis://127.0.0.1:${server.port}`, { env })).toMatch(
      /closed the connection|did not answer in time/,
    );
  }, 60_000);

  it('runs a sweep through it, the password kept off the command line and out of what is printed', async () => {
    const env = { [PASSWORD_VARIABLE]: PASSWORD };
    const tls = ['--queue', address(), '--tls-ca', certificates.ca];
    const worker = startCli(['worker', ...tls, '--concurrency', '1'], env);
    try {
      await worker.waitFor(/waiting for cells/, 60_000);
      const coordinator = startCli(['sweep', FLOW, ...tls, '--name', 'tls', '--json'], env);
      const exit = await coordinator.exited;
      expect(exit.code, coordinator.stderr()).toBe(0);
      const summary = JSON.parse(coordinator.stdout()) as { runs: number; failed: number };
      expect(summary).toMatchObject({ runs: 4, failed: 0 });
      expect(coordinator.stderr()).toMatch(
        /on the queue at rediss:\/\/127\.0\.0\.1:\d+ \(password set, TLS\)/,
      );
      for (const printed of [coordinator.stdout(), coordinator.stderr(), worker.stdout()])
        expect(printed).not.toContain(PASSWORD);
    } finally {
      await stopCli(worker);
    }
  }, 180_000);
});
