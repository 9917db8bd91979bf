/// <reference lib="webworker" />
/**
 * The flow reader worker: parses and checks flow texts (and imports files) off the page's thread,
 * so a text of a megabyte or two never pauses the page. One job at a time, in order; the page
 * keeps only the newest and gives up on a job past the time limit by ending this worker.
 */
import { answer } from './reader';
import type { ToReader } from './reader-protocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<ToReader>) => self.postMessage(answer(event.data));
