/**
 * bench/engine: events per second through the engine's buses and router for a five-stage
 * pipeline of trivial handlers, against plain direct calls doing the same work in the same run.
 * Also: the same pipeline with monitoring on, to show what tracing costs.
 *
 * Run: npm run bench:engine
 */
import type { Component } from '../../src/engine/component';
import type { BarEvent } from '../../src/engine/events';
import { createRun } from '../../src/engine/runtime/run';
import { makeBars, testConfig } from '../../src/engine/runtime/testing';
import type { ComponentRegistry } from '../../src/engine/runtime/types';
import { best, formatRate, section } from '../report';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const STAGES = 5;
const REPEATS = 3;

let sink = 0;

/** A stage does a trivial bit of work with the bar and passes it on. */
const stage = (): Component => ({
  consumes: ['BarEvent'],
  onEvent(event, ctx) {
    sink += (event as BarEvent).close;
    ctx.forward(event);
  },
  snapshot: () => null,
});
const registry: ComponentRegistry = { stage };

const closes = Array.from({ length: BARS }, (_, i) => 100 + Math.sin(i / 50) * 10);
const bars = makeBars('BENCH', closes);
const stageNames = (count: number) => Array.from({ length: count }, (_, i) => `s${i + 1}`);
const names = stageNames(STAGES);

function engineRun(monitoringOn: boolean, stages = names): number {
  const config = testConfig({
    containers: {
      data: 'synthetic_bars',
      ...Object.fromEntries(stages.map((name) => [name, 'stage'])),
    },
    patterns: [{ type: 'pipeline', containers: ['data', ...stages] }],
    monitoring: {
      trace_events: monitoringOn,
      correlation_tracking: monitoringOn,
      performance_metrics: monitoringOn,
      dead_letter_queue: monitoringOn,
    },
    maxEventsPerBar: 1000,
  });
  const observer = monitoringOn ? { onEvent: () => {} } : {};
  const run = createRun(config, { bars: { data: [bars] } }, registry, { observer });
  const started = performance.now();
  run.runToEnd();
  const elapsed = performance.now() - started;
  if (run.progress.deliveries !== BARS * stages.length) {
    throw new Error(`expected ${BARS * stages.length} deliveries, got ${run.progress.deliveries}`);
  }
  return elapsed;
}

/** The same work with no engine: build each bar once and call the five handlers directly. */
function directCalls(): number {
  const handlers = names.map(() => <T extends { close: number }>(bar: T): T => {
    sink += bar.close;
    return bar;
  });
  const started = performance.now();
  for (let i = 0; i < BARS; i++) {
    let bar = Object.freeze({
      type: 'BarEvent',
      event_id: `e${i}`,
      symbol: bars.symbol,
      timestamp: bars.timestamp[i]!,
      open: bars.open[i]!,
      high: bars.high[i]!,
      low: bars.low[i]!,
      close: bars.close[i]!,
      volume: bars.volume[i]!,
    });
    for (const handler of handlers) bar = handler(bar);
  }
  return performance.now() - started;
}

const direct = best(REPEATS, directCalls);
const engineOff = best(REPEATS, () => engineRun(false));
const engineOn = best(REPEATS, () => engineRun(true));
// Ten stages against five: the cost of one more hop, without the per-bar work (making the bar,
// the three phases, end-of-bar hooks) that the five-stage figure spreads over its events.
const engineTen = best(REPEATS, () => engineRun(false, stageNames(2 * STAGES)));
const marginal = ((engineTen - engineOff) * 1e6) / (BARS * STAGES);
const events = BARS * STAGES;
const nsPerEvent = (ms: number) => (ms * 1e6) / events;

section(
  `bench/engine: ${BARS.toLocaleString('en-US')} bars through a ${STAGES}-stage pipeline (best of ${REPEATS})`,
  [
    [
      'direct calls (baseline)',
      `${direct.toFixed(0)} ms`,
      formatRate(events / (direct / 1000), 'calls/s'),
      `${nsPerEvent(direct).toFixed(1)} ns/call`,
    ],
    [
      'engine, monitoring off',
      `${engineOff.toFixed(0)} ms`,
      formatRate(events / (engineOff / 1000), 'events/s'),
      `${nsPerEvent(engineOff).toFixed(1)} ns/event`,
    ],
    [
      'engine, monitoring on',
      `${engineOn.toFixed(0)} ms`,
      formatRate(events / (engineOn / 1000), 'events/s'),
      `${nsPerEvent(engineOn).toFixed(1)} ns/event`,
    ],
  ],
);
console.log(
  `overhead per routed event (monitoring off): ${(nsPerEvent(engineOff) - nsPerEvent(direct)).toFixed(1)} ns`,
);
console.log(
  `cost of one more routed hop (10 stages vs 5, monitoring off): ${marginal.toFixed(1)} ns`,
);
console.log(
  `engine / direct: ${(engineOff / direct).toFixed(2)}x   monitoring on / off: ${(engineOn / engineOff).toFixed(2)}x`,
);
if (sink === 42) console.log('');
