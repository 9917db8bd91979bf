/**
 * The page's handle on the engine worker. It watches the worker: a crash (an uncaught error or a
 * failed load of the script) or silence past the limit while it is expected to answer means the
 * worker is replaced by a new one and the page is told why. The flow lives in the page, so a
 * lost worker loses only the run.
 */
import type { FromWorker, ToWorker } from '../../worker/protocol';

export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface EngineClientOptions {
  create(): WorkerLike;
  onMessage(message: FromWorker): void;
  /** The worker was lost and replaced; what happened, in words for the user. */
  onRestart(reason: string): void;
  /** How often to ask a busy worker whether it is alive, and how long silence may last. */
  pingEveryMs?: number;
  silenceLimitMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  now?: () => number;
}

export class EngineClient {
  private worker: WorkerLike;
  private lastHeard = 0;
  private pingId = 0;
  private busy = false;
  private readonly timer: unknown;

  constructor(private readonly options: EngineClientOptions) {
    this.worker = this.start();
    const every = options.pingEveryMs ?? 1_000;
    const setTimer = options.setInterval ?? ((cb, ms) => globalThis.setInterval(cb, ms));
    this.timer = setTimer(() => this.watch(), every);
  }

  /** Sends a message; `expectsWork` marks the worker busy so that its silence counts. */
  send(message: ToWorker, transfer: Transferable[] = []): void {
    if (message.type === 'load' || message.type === 'play' || message.type === 'upload') {
      this.busy = true;
      this.lastHeard = this.now();
    }
    if (message.type === 'pause' || message.type === 'cancel') this.busy = false;
    this.worker.postMessage(message, transfer);
  }

  dispose(): void {
    (this.options.clearInterval ?? ((h) => globalThis.clearInterval(h as number)))(this.timer);
    this.worker.terminate();
  }

  private now(): number {
    return (this.options.now ?? (() => performance.now()))();
  }

  private start(): WorkerLike {
    const worker = this.options.create();
    worker.onmessage = (event) => {
      this.lastHeard = this.now();
      const message = event.data;
      if (
        message.type === 'loadFailed' ||
        message.type === 'uploaded' ||
        message.type === 'uploadFailed' ||
        (message.type === 'batch' && message.status !== 'running')
      )
        this.busy = false;
      if (message.type !== 'pong') this.options.onMessage(message);
    };
    worker.onerror = (event) => {
      const detail = event.message ? `: ${event.message}` : '';
      this.restart(`The engine crashed${detail}.`);
    };
    return worker;
  }

  private watch(): void {
    if (!this.busy) return;
    const limit = this.options.silenceLimitMs ?? 8_000;
    if (this.now() - this.lastHeard > limit) {
      this.restart(`The engine stopped answering for ${Math.round(limit / 1000)} seconds.`);
      return;
    }
    this.worker.postMessage({ type: 'ping', id: ++this.pingId });
  }

  private restart(reason: string): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.busy = false;
    this.worker = this.start();
    this.options.onRestart(reason);
  }
}
