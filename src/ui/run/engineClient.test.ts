import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { EngineClient, type WorkerLike } from './engineClient';

class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  /** Whether it answers pings (a hung worker does not). */
  answers = true;
  postMessage(message: ToWorker) {
    this.sent.push(message);
    if (message.type === 'ping' && this.answers)
      this.onmessage?.({ data: { type: 'pong', id: message.id } } as MessageEvent<FromWorker>);
  }
  terminate() {
    this.terminated = true;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  const received: FromWorker[] = [];
  let tick: () => void = () => {};
  let clock = 0;
  const client = new EngineClient({
    create: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    onMessage: (message) => received.push(message),
    onRestart: (reason) => restarts.push(reason),
    silenceLimitMs: 5_000,
    setInterval: (callback) => {
      tick = callback;
      return 1;
    },
    clearInterval: () => {},
    now: () => clock,
  });
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock += 1000;
      tick();
    }
  };
  return { client, workers, restarts, received, advance };
}

const play: ToWorker = { type: 'play' };

describe('EngineClient', () => {
  it('a busy worker that answers pings is left alone', () => {
    const { client, workers, restarts, advance } = setup();
    client.send(play);
    advance(20_000);
    expect(restarts).toEqual([]);
    expect(workers).toHaveLength(1);
  });

  it('a busy worker that stops answering is replaced, and the page is told', () => {
    const { client, workers, restarts, advance } = setup();
    client.send(play);
    workers[0]!.answers = false;
    advance(7_000);
    expect(restarts).toEqual(['The engine stopped answering for 5 seconds.']);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('an idle worker is not pinged', () => {
    const { workers, restarts, advance } = setup();
    workers[0]!.answers = false;
    advance(20_000);
    expect(restarts).toEqual([]);
    expect(workers[0]!.sent).toEqual([]);
  });

  it('a crash restarts the worker with the error in the reason', () => {
    const { client, workers, restarts } = setup();
    workers[0]!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(restarts).toEqual(['The engine crashed: out of memory.']);
    client.send(play);
    expect(workers[1]!.sent).toEqual([play]);
  });

  it('passes messages through, but not pongs', () => {
    const { client, workers, received } = setup();
    client.send(play);
    workers[0]!.onmessage?.({ data: { type: 'pong', id: 1 } } as MessageEvent<FromWorker>);
    workers[0]!.onmessage?.({
      data: { type: 'uploadProgress', fraction: 0.5 },
    } as MessageEvent<FromWorker>);
    expect(received).toEqual([{ type: 'uploadProgress', fraction: 0.5 }]);
  });
});
