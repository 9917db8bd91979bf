/// <reference lib="webworker" />
/**
 * The engine worker: receives ToWorker messages, runs the session, posts FromWorker messages.
 * Sample files are fetched from the app's own origin (public/data).
 */
import type { FromWorker, ToWorker } from './protocol';
import { EngineSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

let samplesUrl = '';

/**
 * The next slice of a fast run, queued as a message to ourselves: setTimeout(0) waits at least
 * 4 ms once timers nest, a tenth of every 40 ms slice. A posted message still lets the page's
 * messages (pause, cancel) in between slices, as they share the posted-message queue.
 */
const wake = new MessageChannel();
const woken: (() => void)[] = [];
wake.port1.onmessage = () => woken.shift()?.();

const session = new EngineSession({
  // The session's typed arrays are its own, never over a SharedArrayBuffer: all can be transferred.
  post: (message: FromWorker, transfer: ArrayBufferLike[] = []) =>
    self.postMessage(message, transfer as Transferable[]),
  sample: async (file) => {
    const response = await fetch(new URL(file, samplesUrl));
    if (!response.ok) throw new Error(`Cannot load the sample file ${file} (${response.status})`);
    return response.text();
  },
  later: (callback, ms) => {
    if (ms > 0) setTimeout(callback, ms);
    else {
      woken.push(callback);
      wake.port2.postMessage(null);
    }
  },
  now: () => performance.now(),
});

/** Messages are handled in order: a play sent right after a load waits for the bars to arrive. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'ping') {
    // Answered at once, even while a load waits on the network: the page only needs a heartbeat.
    self.postMessage({ type: 'pong', id: message.id } satisfies FromWorker);
    return;
  }
  if (message.type === 'load') samplesUrl = message.samplesUrl;
  queue = queue
    .then(() => session.handle(message))
    .catch((error: unknown) => {
      // An unexpected failure inside the session: reported as a failed load; the worker lives on.
      self.postMessage({
        type: 'loadFailed',
        problems: [
          { container: 'engine', message: error instanceof Error ? error.message : String(error) },
        ],
      } satisfies FromWorker);
    });
};
