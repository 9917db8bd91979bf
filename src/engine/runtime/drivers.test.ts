/**
 * The two drivers of a run give the same run: whole bar steps (./plan: runToEnd, runFor by bars
 * or time) and one delivery at a time (./stepped: stepEvent, stepBar, runFor with an event
 * limit), and any mix of them, end with the same results, counters, routes, incidents, dead
 * letters, breaker changes and snapshots (runFingerprint), on every example and template and on
 * generated flows with faults, retries, breakers and tight buses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlow, loadBars, parseFlow } from '../../flow';
import { COMPONENTS } from '../components/registry';
import type { EngineConfig } from '../config';
import { createRun, type Run } from './run';
import { runFingerprint, seen, testConfig, testRegistry } from './testing';
import { input, PATTERNS, troubledFlow } from './testing-flows';
import type { ComponentRegistry, RunInput } from './types';

const root = resolve(import.meta.dirname, '../../..');
const EXAMPLES = [
  ...readdirSync(join(root, 'examples'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => join('examples', file)),
  ...readdirSync(join(root, 'examples/templates')).map((file) => join('examples/templates', file)),
];

async function exampleRun(file: string): Promise<{ config: EngineConfig; input: RunInput }> {
  const parsed = parseFlow(readFileSync(join(root, file), 'utf8'));
  const config = compileFlow(parsed.model!).config!;
  const loaded = await loadBars(config, {
    sample: async (name) => readFileSync(join(root, 'public/data', name), 'utf8'),
    csv: async () => undefined,
  });
  if (!loaded.ok) throw new Error(`${file}: no bars`);
  return { config, input: { bars: loaded.bars } };
}

/** A new run; the test registry's sinks count into one shared record, emptied first. */
function fresh(config: EngineConfig, bars: RunInput, registry: ComponentRegistry): Run {
  seen.length = 0;
  return createRun(config, bars, registry, { clock: () => 0 });
}

function whole(config: EngineConfig, bars: RunInput, registry: ComponentRegistry): Run {
  const run = fresh(config, bars, registry);
  run.runToEnd();
  return run;
}

/** Event by event only: runFor with an event limit, `stride` deliveries at a time. */
function byEvents(
  config: EngineConfig,
  bars: RunInput,
  registry: ComponentRegistry,
  stride: number,
): Run {
  const run = fresh(config, bars, registry);
  while (run.status !== 'finished' && run.status !== 'failed') run.runFor({ maxEvents: stride });
  return run;
}

/** Both drivers in turn, handing over mid-step: events, a bar, whole bars, events, the rest. */
function mixed(config: EngineConfig, bars: RunInput, registry: ComponentRegistry): Run {
  const run = fresh(config, bars, registry);
  for (let i = 0; i < 7; i++) run.stepEvent();
  run.stepBar();
  run.runFor({ maxBars: 5 });
  run.runFor({ maxEvents: 3 });
  run.runFor({ maxBars: 40 });
  for (let i = 0; i < 2; i++) run.stepEvent();
  run.runToEnd();
  return run;
}

describe.each(EXAMPLES)('%s: planned and stepped drivers agree', (file) => {
  it('gives the same run whole, event by event and mixed', async () => {
    const { config, input: bars } = await exampleRun(file);
    const planned = whole(config, bars, COMPONENTS);
    expect(planned.status).toBe('finished');
    // The planned driver ran every step of a flow without retries.
    expect(planned.plan().planned_steps).toBe(planned.progress.barsDone);
    expect(planned.plan().stepped_steps).toBe(0);
    const expected = runFingerprint(planned);
    expect(runFingerprint(byEvents(config, bars, COMPONENTS, 97))).toEqual(expected);
    const mix = mixed(config, bars, COMPONENTS);
    expect(mix.plan().stepped_because).toContain('stepping');
    expect(runFingerprint(mix)).toEqual(expected);
  }, 60_000);
});

describe.each(Object.keys(PATTERNS))('generated %s flows: planned and stepped agree', (name) => {
  const shape = PATTERNS[name]!;
  it('gives the same run whole, event by event and mixed, under faults and tight buses', () => {
    fc.assert(
      fc.property(troubledFlow(shape), fc.integer({ min: 1, max: 40 }), (flow, stride) => {
        const config = testConfig(flow);
        const expected = runFingerprint(whole(config, input, testRegistry));
        expect(runFingerprint(byEvents(config, input, testRegistry, stride))).toEqual(expected);
        expect(runFingerprint(mixed(config, input, testRegistry))).toEqual(expected);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) },
    );
  }, 60_000);
});
