/// <reference lib="webworker" />
/**
 * The engine worker: receives ToWorker messages, runs the session, posts FromWorker messages.
 * Sample files are fetched from the app's own origin (public/data).
 */
import type { FromWorker, ToWorker } from './protocol';
import { EngineSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

let samplesUrl = '';

const session = new EngineSession({
  post: (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer),
  sample: async (file) => {
    const response = await fetch(new URL(file, samplesUrl));
    if (!response.ok) throw new Error(`Cannot load the sample file ${file} (${response.status})`);
    return response.text();
  },
  later: (callback, ms) => {
    setTimeout(callback, ms);
  },
  now: () => performance.now(),
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
  if (event.data.type === 'load') samplesUrl = event.data.samplesUrl;
  session.handle(event.data).catch((error: unknown) => {
    // An unexpected failure inside the session: report it as a load failure, keep the worker.
    self.postMessage({
      type: 'loadFailed',
      problems: [
        { container: 'engine', message: error instanceof Error ? error.message : String(error) },
      ],
    } satisfies FromWorker);
  });
};
