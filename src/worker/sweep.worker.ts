/// <reference lib="webworker" />
/**
 * A sweep worker in the browser: runs the cell jobs the page's pool sends, one at a time, and
 * posts each row back. Sample files are fetched from the app's own origin; an uploaded CSV comes
 * once per worker as a 'data' message, known by its content hash. The first worker also plans the
 * grid into jobs, off the page's main thread.
 */
import { outlineSweep } from '../sweep/plan';
import type { FromSweepWorker, ToSweepWorker } from '../sweep/protocol';
import { CellRunner } from '../sweep/runner';

declare const self: DedicatedWorkerGlobalScope;

let samplesUrl = '';
const uploads = new Map<string, string | Promise<string>>();

const runner = new CellRunner({
  sample: async (file) => {
    const response = await fetch(new URL(file, samplesUrl));
    if (!response.ok) throw new Error(`Cannot load the sample file ${file} (${response.status})`);
    return response.text();
  },
  csv: async () => undefined,
  data: async (ref) => {
    const text = uploads.get(ref.hash);
    if (text === undefined) throw new Error(`The CSV ${ref.name} was not sent to this worker`);
    return await text;
  },
  now: () => performance.now(),
});

const post = (message: FromSweepWorker) => self.postMessage(message);

/** One job at a time, in the order sent. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<ToSweepWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      samplesUrl = message.samplesUrl;
      return;
    case 'data':
      uploads.set(message.hash, message.text);
      return;
    case 'file':
      uploads.set(message.hash, message.file.text());
      return;
    case 'run':
      queue = queue.then(async () => {
        try {
          post({ type: 'result', id: message.id, result: await runner.run(message.job) });
        } catch (error) {
          post({
            type: 'failed',
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      });
      return;
    case 'plan':
      queue = queue.then(() => {
        post({ type: 'plan', id: message.id, outlined: outlineSweep(message.flow, message.data) });
      });
      return;
    case 'timeline':
      queue = queue.then(async () => {
        post({
          type: 'timeline',
          id: message.id,
          timeline: await runner.timeline(message.flow, message.data),
        });
      });
      return;
  }
};
