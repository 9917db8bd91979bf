/**
 * Prints a digest of everything each example and template's run produces (results, counters,
 * routes, incidents, dead letters: runFingerprint), with its own monitoring and with monitoring
 * off. Run it before and after an engine change: equal digests mean results unchanged to the last
 * digit. Usage: node scripts/run-ts.mjs scripts/results-digest.ts
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../src/engine/components/registry';
import type { EngineConfig } from '../src/engine/config';
import { createRun } from '../src/engine/runtime/run';
import { runFingerprint } from '../src/engine/runtime/testing';
import { compileFlow, loadBars, parseFlow } from '../src/flow';

const root = process.cwd();
const files = [
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join('examples', f)),
  ...readdirSync(join(root, 'examples/templates')).map((f) => join('examples/templates', f)),
];
const off = {
  trace_events: false,
  correlation_tracking: false,
  performance_metrics: false,
  dead_letter_queue: false,
};
for (const file of files) {
  const parsed = parseFlow(readFileSync(join(root, file), 'utf8'));
  if (!parsed.model) throw new Error(`${file} does not parse`);
  const config = compileFlow(parsed.model).config!;
  const loaded = await loadBars(config, {
    sample: async (name) => readFileSync(join(root, 'public/data', name), 'utf8'),
    csv: async () => undefined,
  });
  if (!loaded.ok) throw new Error(`${file}: no bars`);
  for (const monitoring of ['own', 'off'] as const) {
    const used: EngineConfig =
      monitoring === 'own'
        ? config
        : { ...config, eventSystem: { ...config.eventSystem, monitoring: off } };
    const run = createRun(used, { bars: loaded.bars }, COMPONENTS, { clock: () => 0 });
    run.runToEnd();
    const digest = createHash('sha256')
      .update(JSON.stringify(runFingerprint(run)))
      .digest('hex');
    console.log(`${digest.slice(0, 16)}  ${file} (monitoring ${monitoring})`);
  }
}
