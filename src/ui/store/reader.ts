/**
 * Reading flow texts without pausing the page. A short text (most flows are a few kilobytes) is
 * read at once on the page, in a few milliseconds; so is a text past the limits, which one linear
 * scan refuses. Anything else goes to the reader worker (src/worker/reader.worker.ts): the page
 * stays responsive while a megabyte is parsed, and a read past the time limit is given up by
 * ending the worker, with the limit's message. Only the newest text waiting to be parsed is kept:
 * typing into a large flow never queues up work.
 */
import {
  checkLimits,
  errorAt,
  FLOW_LIMITS,
  type Imported,
  importFlowText,
  LIMIT_MESSAGES,
  type ParsedFlow,
  parseFlow,
} from '../../flow';
import type { FromReader, ToReader } from '../../worker/reader-protocol';

/** Texts up to this many characters are read on the page: at most a few tens of milliseconds. */
export const SYNC_LIMIT = 16_000;

export interface FlowReader {
  /** The reading of `text`: at once when it is short or past the limits, later when large. */
  parse(text: string): ParsedFlow | Promise<ParsedFlow | Superseded>;
  /** A text brought in from outside (file, link), read as a flow to open (importFlowText). */
  importText(text: string, source: string): Promise<Imported>;
}

/** A parse given up because a newer text came before it began. */
export const SUPERSEDED = Symbol('superseded');
export type Superseded = typeof SUPERSEDED;

/** Reads everything at once: for tests and Node, where nothing waits on the thread. */
export const immediateReader: FlowReader = {
  parse: (text) => parseFlow(text),
  importText: async (text, source) => importFlowText(text, source),
};

export interface WorkerLike {
  postMessage(message: ToReader): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromReader>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

interface Job {
  readonly message: ToReader;
  readonly settle: (reply: FromReader | { readonly failure: string }) => void;
}

const failedParse = (message: string): ParsedFlow => ({
  model: null,
  ok: false,
  diagnostics: [errorAt(1, 1, message)],
});

export class WorkerReader implements FlowReader {
  private worker: WorkerLike | null = null;
  private running: { job: Job; timer: ReturnType<typeof setTimeout> } | null = null;
  private pendingParse: Job | null = null;
  private readonly imports: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly create: () => WorkerLike,
    private readonly timeLimitMs = FLOW_LIMITS.seconds * 1000,
  ) {}

  parse(text: string): ParsedFlow | Promise<ParsedFlow | Superseded> {
    if (text.length <= SYNC_LIMIT) return parseFlow(text);
    const limit = checkLimits(text);
    if (limit) return { model: null, ok: false, diagnostics: [limit] };
    return new Promise((resolve) => {
      // A parse still waiting is for an older text: nobody needs it any more.
      this.pendingParse?.settle({ failure: '' });
      this.pendingParse = {
        message: { type: 'parse', id: this.nextId++, text },
        settle: (reply) => {
          if ('failure' in reply) resolve(reply.failure ? failedParse(reply.failure) : SUPERSEDED);
          else if (reply.type === 'parsed') resolve(reply.parsed);
        },
      };
      this.pump();
    });
  }

  importText(text: string, source: string): Promise<Imported> {
    if (text.length <= SYNC_LIMIT || checkLimits(text))
      return Promise.resolve(importFlowText(text, source));
    return new Promise((resolve) => {
      this.imports.push({
        message: { type: 'import', id: this.nextId++, text, source },
        settle: (reply) => {
          if ('failure' in reply)
            resolve({ ok: false, title: `${source} could not be read`, problems: [reply.failure] });
          else if (reply.type === 'imported') resolve(reply.imported);
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    // Imports first: someone waits on them to open a file.
    const job = this.imports.shift() ?? this.pendingParse;
    if (!job) return;
    if (job === this.pendingParse) this.pendingParse = null;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => this.fail(LIMIT_MESSAGES.time()), this.timeLimitMs);
    this.running = { job, timer };
    worker.postMessage(job.message);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (event) => {
      const running = this.running;
      if (!running || running.job.message.id !== event.data.id) return;
      clearTimeout(running.timer);
      this.running = null;
      running.job.settle(event.data);
      this.pump();
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(
        'Reading the flow stopped unexpectedly (the browser ended the reader, perhaps out of memory), so it was given up',
      );
    };
    this.worker = worker;
    return worker;
  }

  /** Gives up the job in hand and ends its worker; the next job starts a new one. */
  private fail(message: string): void {
    const running = this.running;
    this.running = null;
    if (this.worker) {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.terminate();
      this.worker = null;
    }
    if (running) {
      clearTimeout(running.timer);
      running.job.settle({ failure: message });
    }
    this.pump();
  }
}
