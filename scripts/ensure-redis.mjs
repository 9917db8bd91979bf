// Makes sure the tests of distributed sweeps have a redis-server to start (they start their own,
// on a free loopback port): one on PATH or REDIS_SERVER, else Debian's package when root on
// Debian, else it stops and says what to install. Installing never starts the service: the
// package's own start is refused for the install, so nothing listens that the tests did not start.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { findRedisServer } from './redis.mjs';

function run(command, args) {
  console.log(`ensure-redis: ${command} ${args.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

const hasOpenssl = () => spawnSync('openssl', ['version']).status === 0;
let found = findRedisServer();
if (!found && process.env.REDIS_SERVER) {
  console.error(`ensure-redis: REDIS_SERVER=${process.env.REDIS_SERVER} is not a redis-server.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// The TLS test makes its certificates with openssl.
const missing = [...(found ? [] : ['redis-server']), ...(hasOpenssl() ? [] : ['openssl'])];
if (missing.length > 0 && isRoot && existsSync('/etc/debian_version')) {
  // Debian starts a service when its package is installed, unless policy-rc.d says no.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    if (run('apt-get', ['update', '-qq'])) {
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
    }
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  found = findRedisServer();
}
if (!found) {
  console.error(
    [
      'ensure-redis: no redis-server found for the tests of distributed sweeps.',
      'Install one of:',
      '  sudo apt-get install redis-server     (Debian/Ubuntu)',
      '  brew install redis                    (macOS)',
      'or point REDIS_SERVER at a redis-server binary (Redis 6.2 or later).',
    ].join('\n'),
  );
  process.exit(1);
}
if (!hasOpenssl()) {
  console.error(
    'ensure-redis: no openssl found (the TLS test makes its certificates with it): install openssl.',
  );
  process.exit(1);
}
console.log(`ensure-redis: using redis-server ${found.version} (${found.origin}: ${found.path})`);
