/**
 * Vitest global setup: the runner's tests start dist-cli's sweep worker on worker_threads, so it
 * is built from the current sources before any test runs. A bundle left from an older checkout
 * would otherwise test old code (npm ci builds it once, through `prepare`).
 */
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const built = spawnSync('npm', ['run', '--silent', 'build:cli'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) throw new Error('npm run build:cli failed: see its output above');
}
