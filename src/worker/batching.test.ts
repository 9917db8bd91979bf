/**
 * How often the session reports a run going as fast as possible: at most one batch per
 * FAST_BATCH_MS of its clock while it runs, so that the page decodes and renders a few batches a
 * second whatever the engine's speed; and at once when it pauses or ends.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromWorker } from './protocol';
import { EngineSession, FAST_BATCH_MS } from './session';

const root = resolve(import.meta.dirname, '../..');
const pipeline = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8');

/** A session whose clock moves a millisecond each time it is read, so slices end by the clock. */
function ticking() {
  const posted: { at: number; message: FromWorker }[] = [];
  const timers: (() => void)[] = [];
  let clock = 0;
  const session = new EngineSession({
    post: (message) => posted.push({ at: clock, message }),
    sample: async (file) => readFileSync(join(root, 'public/data', file), 'utf8'),
    later: (callback) => timers.push(callback),
    now: () => clock++,
  });
  const drain = () => {
    while (timers.length > 0) timers.shift()!();
  };
  const batches = () =>
    posted.flatMap(({ at, message }) => (message.type === 'batch' ? [{ at, batch: message }] : []));
  return { session, drain, batches };
}

describe('batches of a fast run', () => {
  it('come at most once per FAST_BATCH_MS while running, and at once when the run ends', async () => {
    const h = ticking();
    await h.session.handle({
      type: 'load',
      flow: pipeline,
      data: { kind: 'flow' },
      speed: 0,
      samplesUrl: 'unused',
    });
    const loadedBatches = h.batches().length;
    await h.session.handle({ type: 'play' });
    h.drain();
    const during = h.batches().slice(loadedBatches);
    const running = during.filter(({ batch }) => batch.status === 'running');
    expect(running.length).toBeGreaterThan(2);
    for (let i = 1; i < running.length; i++)
      expect(running[i]!.at - running[i - 1]!.at).toBeGreaterThanOrEqual(FAST_BATCH_MS);
    const last = during.at(-1)!.batch;
    expect(last.status).toBe('finished');
    expect(last.barsDone).toBe(last.barsTotal);
    // Nothing is lost by batching less often: every event is logged or counted as skipped.
    const logged = during.reduce((sum, { batch }) => sum + batch.log.length + batch.logSkipped, 0);
    expect(logged).toBe(last.events);
  });
});
