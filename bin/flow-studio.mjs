#!/usr/bin/env node
// The headless runner. It runs the bundle `npm install` builds (npm run build:cli).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist-cli/flow-studio.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('flow-studio: the runner is not built yet; run `npm run build:cli` first.');
  process.exit(2);
}
await import(bundle.href);
