// Bundles one TypeScript script (a benchmark, a docs generator) with rolldown (Vite's bundler, already installed) and runs it
// in Node: Node 20 cannot run TypeScript itself. Usage: node scripts/run-ts.mjs bench/engine/pipeline.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts>');
  process.exit(2);
}
const outDir = resolve('node_modules/.bench');
mkdirSync(outDir, { recursive: true });
const out = resolve(outDir, `${basename(entry, '.ts')}.mjs`);
const build = spawnSync(
  'npx',
  [
    'rolldown',
    entry,
    '--platform',
    'node',
    '--format',
    'esm',
    '--file',
    out,
    '--log-level',
    'warn',
  ],
  { stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [out, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
