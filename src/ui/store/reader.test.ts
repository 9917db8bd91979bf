import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nestedYaml } from '../../../e2e/hostile';
import { FLOW_LIMITS } from '../../flow';
import { answer } from '../../worker/reader';
import type { FromReader, ToReader } from '../../worker/reader-protocol';
import { SUPERSEDED, SYNC_LIMIT, type WorkerLike, WorkerReader } from './reader';

/** A reader worker in this process: it answers each message when the test lets it. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromReader>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: ToReader[] = [];
  terminated = false;
  postMessage(message: ToReader) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** Does the work of the oldest message and answers it. */
  answer() {
    const reply = answer(this.received.shift()!);
    this.onmessage?.({ data: reply } as MessageEvent<FromReader>);
  }
  crash() {
    this.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
  }
}

const large = (name: string) =>
  `name: ${name}\ncontainers:\n${Array.from({ length: 600 }, (_, i) => `  c${i}: { component: sma }`).join('\n')}\n`;

let workers: FakeWorker[];
let reader: WorkerReader;
beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  reader = new WorkerReader(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
});
afterEach(() => vi.useRealTimers());

describe('the flow reader', () => {
  it('reads a short text at once, and a text past the limits at once, without a worker', () => {
    expect(reader.parse('name: small\ncontainers: {}\n')).toMatchObject({ ok: true });
    const nested = reader.parse(nestedYaml(900_000));
    expect(nested).toMatchObject({ model: null, diagnostics: [{ line: 1, column: 70 }] });
    expect(workers).toHaveLength(0);
  });

  it('reads a large text in the worker', async () => {
    const text = large('big');
    expect(text.length).toBeGreaterThan(SYNC_LIMIT);
    const reading = reader.parse(text) as Promise<unknown>;
    expect(reading).toBeInstanceOf(Promise);
    workers[0]!.answer();
    await expect(reading).resolves.toMatchObject({ ok: true, model: { name: 'big' } });
  });

  it('keeps only the newest text waiting: typing never queues up work', async () => {
    const first = reader.parse(large('one')) as Promise<unknown>;
    const second = reader.parse(large('two')) as Promise<unknown>;
    const third = reader.parse(large('three')) as Promise<unknown>;
    await expect(second).resolves.toBe(SUPERSEDED);
    workers[0]!.answer();
    await expect(first).resolves.toMatchObject({ model: { name: 'one' } });
    expect(workers[0]!.received).toHaveLength(1);
    workers[0]!.answer();
    await expect(third).resolves.toMatchObject({ model: { name: 'three' } });
  });

  it('gives up a read past the time limit, ends that worker and starts a new one', async () => {
    const slow = reader.parse(large('slow')) as Promise<unknown>;
    vi.advanceTimersByTime(FLOW_LIMITS.seconds * 1000 + 1);
    await expect(slow).resolves.toMatchObject({
      model: null,
      diagnostics: [{ message: expect.stringMatching(/took longer than 10 seconds/) }],
    });
    expect(workers[0]!.terminated).toBe(true);
    const next = reader.parse(large('next')) as Promise<unknown>;
    workers[1]!.answer();
    await expect(next).resolves.toMatchObject({ model: { name: 'next' } });
  });

  it('says so when the worker dies, and reads the next text with a new one', async () => {
    const lost = reader.importText(large('lost'), 'big.yaml');
    workers[0]!.crash();
    await expect(lost).resolves.toMatchObject({
      ok: false,
      title: 'big.yaml could not be read',
      problems: [expect.stringMatching(/stopped unexpectedly/)],
    });
    const next = reader.importText(large('next'), 'next.yaml');
    workers[1]!.answer();
    await expect(next).resolves.toMatchObject({ ok: true, name: 'next' });
  });
});
