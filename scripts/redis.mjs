// Finds and starts a redis-server for the tests and benchmarks of distributed sweeps. Shared by
// ensure-redis.mjs (which may install one) and the tests (which start their own on a free
// loopback port, never a shared default, and stop it when they end).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_REDIS = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/opt/homebrew/bin/redis-server',
];

/** @returns {{ path: string, origin: string, version: string } | null} */
export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER;
  const candidates = fromEnv
    ? [[fromEnv, 'REDIS_SERVER']]
    : [
        ['redis-server', 'PATH'],
        ...SYSTEM_REDIS.filter((path) => existsSync(path)).map((path) => [path, 'system']),
      ];
  for (const [path, origin] of candidates) {
    const probe = spawnSync(path, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) {
      const version = /v=(\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';
      return { path, origin, version };
    }
  }
  return null;
}

/** A port nobody listens on now, on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a redis-server on 127.0.0.1 only, on a free port, keeping nothing on disk. With
 * `password` it requires it; with `tls` ({ cert, key, ca } file paths) it speaks TLS only.
 * @param {{ password?: string, tls?: { cert: string, key: string, ca: string } }} [options]
 * @returns {Promise<{ port: number, url: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startRedis(options = {}) {
  const found = findRedisServer();
  if (!found) throw new Error('No redis-server found: run `node scripts/ensure-redis.mjs`');
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'flow-studio-redis-'));
    const args = [
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
      '--maxmemory-policy',
      'noeviction',
    ];
    if (options.password) args.push('--requirepass', options.password);
    if (options.tls) {
      args.push(
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        options.tls.cert,
        '--tls-key-file',
        options.tls.key,
        '--tls-ca-cert-file',
        options.tls.ca,
        '--tls-auth-clients',
        'no',
      );
    } else {
      args.push('--port', String(port));
    }
    const child = spawn(found.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      const onData = (chunk) => {
        output += chunk;
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      const stop = () =>
        new Promise((resolve) => {
          const done = () => {
            rmSync(dir, { recursive: true, force: true });
            resolve();
          };
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        });
      const scheme = options.tls ? 'rediss' : 'redis';
      const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
      return { port, url: `${scheme}://${auth}127.0.0.1:${port}`, pid: child.pid, stop };
    }
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    lastError = output.trim().split('\n').slice(-3).join('\n');
  }
  throw new Error(`redis-server did not start: ${lastError}`);
}

/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1, made with openssl, for
 * a TLS redis-server in tests. @param {string} dir
 * @returns {{ ca: string, cert: string, key: string }}
 */
export function makeTestCertificates(dir) {
  const file = (name) => join(dir, name);
  const openssl = (args) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`openssl ${args[0]} failed: ${result.stderr || result.error?.message}`);
  };
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Flow Studio test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  ]);
  writeFileSync(file('san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('san.cnf'),
    '-out',
    file('server.pem'),
  ]);
  return { ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}
