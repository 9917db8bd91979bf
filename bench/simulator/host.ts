/**
 * bench/simulator's headless half: what the worker's host (src/worker/session.ts) adds per bar to
 * the engine, measured in Node on the flow the browser benchmark runs, in the same run:
 * - the engine alone (createRun, runToEnd, monitoring on as the flow says, no observer);
 * - the session as the worker drives it (slices of engine time, a batch after each), posting to a
 *   host that drops the messages;
 * - the same, with every message cloned as postMessage would (v8.serialize and deserialize, the
 *   structured clone's format): its bytes and what cloning costs.
 *
 * Run: node scripts/run-ts.mjs bench/simulator/host.ts   (BENCH_BARS=200000 for a shorter run)
 */
import { deserialize, serialize } from 'node:v8';
import { COMPONENTS, createRun } from '../../src/engine';
import { compileFlow, loadBars, parseFlow } from '../../src/flow';
import { EngineSession } from '../../src/worker/session';
import { formatRate, section } from '../report';
import { millionBarFlow } from './flow';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const text = millionBarFlow(BARS);

async function engineAlone(): Promise<number> {
  const config = compileFlow(parseFlow(text).model!).config!;
  const bars = await loadBars(config, {
    sample: async () => '',
    csv: async () => undefined,
  });
  if (!bars.ok) throw new Error('bars');
  const run = createRun(config, { bars: bars.bars }, COMPONENTS);
  const started = performance.now();
  run.runToEnd();
  return performance.now() - started;
}

interface HostOutcome {
  readonly ms: number;
  readonly batches: number;
  readonly bytes: number;
  readonly cloneMs: number;
  readonly largest: number;
}

/** The session from play to the results, its ticks run back to back as the worker's timers would. */
async function session(clone: boolean): Promise<HostOutcome> {
  let batches = 0;
  let bytes = 0;
  let largest = 0;
  let cloneMs = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const session = new EngineSession({
    post: (message) => {
      if (message.type === 'batch') batches++;
      if (clone) {
        const started = performance.now();
        const buffer = serialize(message);
        deserialize(buffer);
        cloneMs += performance.now() - started;
        bytes += buffer.length;
        largest = Math.max(largest, buffer.length);
      }
      if (message.type === 'results') done();
    },
    sample: async () => '',
    later: (callback) => setImmediate(callback),
    now: () => performance.now(),
  });
  await session.handle({
    type: 'load',
    flow: text,
    data: { kind: 'flow' },
    speed: 0,
    samplesUrl: 'unused',
  });
  batches = 0;
  const started = performance.now();
  await session.handle({ type: 'play' });
  await finished;
  return { ms: performance.now() - started, batches, bytes, cloneMs, largest };
}

const alone = await engineAlone();
const quiet = await session(false);
const cloned = await session(true);
const rate = (ms: number) => formatRate((BARS * 1000) / ms, 'bars/s');
section(`${BARS.toLocaleString('en-US')} bars, the flow of bench/simulator (monitoring on)`, [
  ['', 'time', 'rate', 'batches', 'bytes cloned', 'largest batch', 'clone time'],
  ['engine alone (runToEnd)', `${alone.toFixed(0)} ms`, rate(alone), '', '', '', ''],
  [
    'worker session, messages dropped',
    `${quiet.ms.toFixed(0)} ms`,
    rate(quiet.ms),
    `${quiet.batches}`,
    '',
    '',
    '',
  ],
  [
    'worker session, messages cloned',
    `${cloned.ms.toFixed(0)} ms`,
    rate(cloned.ms),
    `${cloned.batches}`,
    `${(cloned.bytes / 1e6).toFixed(1)} MB`,
    `${(cloned.largest / 1e3).toFixed(0)} kB`,
    `${cloned.cloneMs.toFixed(0)} ms`,
  ],
]);
console.log(`\nThe session costs ${(quiet.ms / alone).toFixed(2)}x the engine alone.`);
