/**
 * Prints a digest of everything each example and template's run produces (results, counters,
 * routes, incidents, dead letters: runFingerprint), with its own monitoring and with monitoring
 * off. Run it before and after an engine change: equal digests mean results unchanged to the last
 * digit. Usage: node scripts/run-ts.mjs scripts/results-digest.ts
 *
 * With --traces it digests instead every trace each run keeps (every chain by correlation id, every
 * trade's trace, the events the observer saw), with the default retention and with a tight one
 * that forgets chains: for a change to the tracer. The clock counts its calls, so processing
 * times are compared too.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../src/engine/components/registry';
import type { EngineConfig } from '../src/engine/config';
import { EVENT_TYPES } from '../src/engine/events';
import { createRun, type Run } from '../src/engine/runtime/run';
import { runFingerprint } from '../src/engine/runtime/testing';
import { compileFlow, loadBars, parseFlow } from '../src/flow';

const root = process.cwd();
const files = [
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join('examples', f)),
  ...readdirSync(join(root, 'examples/templates')).map((f) => join('examples/templates', f)),
];
const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** Every trace a run keeps, as plain data. */
function traces(run: Run): unknown {
  const ids = new Set<string>();
  for (const type of EVENT_TYPES) for (const id of run.tracesWith(type)) ids.add(id);
  const chains = [...ids].map((id) => run.trace(id));
  const trades = new Set<string>();
  for (const trace of chains)
    for (const link of trace?.chain ?? []) if (link.event.trade_id) trades.add(link.event.trade_id);
  return {
    lists: EVENT_TYPES.map((type) => run.tracesWith(type)),
    chains,
    trades: [...trades].map((id) => run.tradeTrace(id)),
  };
}

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
  if (process.argv.includes('--traces')) {
    for (const retention of [{}, { maxBarTraces: 7, maxDecisionTraces: 5 }]) {
      let tick = 0;
      const observed: string[] = [];
      const run = createRun(config, { bars: loaded.bars }, COMPONENTS, {
        clock: () => ++tick,
        observer: {
          onEvent: (event, container) => observed.push(`${event.event_id}@${container}`),
        },
        ...retention,
      });
      run.runToEnd();
      console.log(
        `${digest({ traces: traces(run), observed, tick })}  ${file} (traces, retention ${JSON.stringify(retention)})`,
      );
    }
    continue;
  }
  for (const monitoring of ['own', 'off'] as const) {
    const used: EngineConfig =
      monitoring === 'own'
        ? config
        : { ...config, eventSystem: { ...config.eventSystem, monitoring: off } };
    const run = createRun(used, { bars: loaded.bars }, COMPONENTS, { clock: () => 0 });
    run.runToEnd();
    console.log(`${digest(runFingerprint(run))}  ${file} (monitoring ${monitoring})`);
  }
}
