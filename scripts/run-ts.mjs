// Bundles one TypeScript script (a benchmark, a docs generator) with rolldown (Vite's bundler, already installed) and runs it
// in Node: Node 20 cannot run TypeScript itself. Usage: node scripts/run-ts.mjs bench/engine/pipeline.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';

// Options before the file are node's own (e.g. --max-old-space-size=256), the rest the script's.
const args = process.argv.slice(2);
const first = args.findIndex((arg) => !arg.startsWith('--'));
const nodeOptions = args.slice(0, Math.max(first, 0));
const entry = args[first];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs [node options] <file.ts> [arguments]');
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
const run = spawnSync(process.execPath, [...nodeOptions, out, ...args.slice(first + 1)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
