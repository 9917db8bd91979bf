/**
 * The simulator's state on the page: what the run is doing, its progress and the user's choices
 * (speed, data). Messages from the worker are applied to the feed at once and published to React
 * once per animation frame, so a fast run costs the page a few renders a second.
 */
import { create } from 'zustand';
import type { RunFailure, Trace, TradeTrace } from '../../engine';
import type {
  BarProblemMessage,
  DataChoice,
  FromWorker,
  PortfolioResult,
  Speed,
  ToWorker,
} from '../../worker/protocol';
import { saveTextFile } from '../files';
import { useFlow } from '../store/instance';
import { chartPaintDue } from './drawTurns';
import { EngineClient } from './engineClient';
import { feed } from './feed';
import { keepUpload, removeSavedUpload, savedUpload } from './savedUpload';
import {
  type ContainerStatus,
  FAST_PULSE_EVERY_MS,
  PULSE_EVERY_MS,
  useStatus,
} from './statusStore';

export type Phase = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'finished' | 'failed';
export type RunTab =
  | 'chart'
  | 'log'
  | 'trace'
  | 'deadletters'
  | 'results'
  | 'data'
  | 'sweep'
  | 'history';
export type ExportFile =
  | 'results.json'
  | 'trades.csv'
  | 'fills.csv'
  | 'equity.csv'
  | 'incidents.csv'
  | 'dead_letters.csv'
  | 'dead_letters.json'
  | 'breakers.csv';

export interface UploadInfo {
  readonly name: string;
  readonly rows: number;
  readonly symbol: string;
  readonly first: number;
  readonly last: number;
  /** The file's size in bytes. */
  readonly size: number;
}

export interface TraceView {
  readonly correlationId: string;
  readonly trace: Trace | null;
  readonly summaries: readonly string[];
  /** Set when a whole trade is shown: its chains, entry to exit. */
  readonly trade?: {
    readonly id: string;
    readonly trace: TradeTrace | null;
    readonly summaries: readonly (readonly string[])[];
  };
}

interface RunState {
  phase: Phase;
  speed: Speed;
  data: DataChoice;
  upload: UploadInfo | null;
  uploadProgress: number | null;
  /** How much of the run's bars the worker has read, while loading. */
  loadProgress: number;
  uploadProblems: { readonly name: string; readonly problems: readonly BarProblemMessage[] } | null;
  /** Why the flow could not be loaded for a run. */
  problems: readonly BarProblemMessage[];
  failure: RunFailure | null;
  /** A worker restart, said once. */
  notice: string | null;
  /** Why the uploaded CSV is not kept for the next visit (the browser refused it). */
  uploadNote: string | null;
  barsDone: number;
  barsTotal: number;
  time: number;
  events: number;
  eventsPerSecond: number;
  deadLetters: number;
  eventsLogged: boolean;
  /** Bumped when the feed has new data. */
  version: number;
  /** The flow text of the loaded run; a changed flow loads again on the next run. */
  loadedText: string | null;
  trace: TraceView | null;
  /** After Step event: the container that took the event, and where it came from. */
  stepped: { readonly container: string; readonly from: readonly string[] } | null;
  tab: RunTab;
  /** Whether the run views are open below the designer (they open with a run or a tab). */
  expanded: boolean;
  /** The run shows one cell of a sweep (opened from its results), not the designer's flow. */
  cell: { readonly label: string; readonly text: string } | null;
  /** The run's symbols, in the order of its data, and the one the price chart shows. */
  symbols: readonly string[];
  symbol: string | null;

  run(): void;
  /** Runs a flow text other than the designer's: a sweep's cell, opened from its results. */
  runCell(text: string, label: string): void;
  pause(): void;
  stepEvent(): void;
  stepBar(): void;
  setSpeed(speed: Speed): void;
  reset(): void;
  cancel(): void;
  /** Drops the run and everything it showed: another flow was opened. */
  forget(): void;
  uploadCsv(file: File): void;
  /** Forgets the uploaded CSV, here and in the browser's storage; runs use the flow's data. */
  removeUpload(): void;
  chooseData(choice: DataChoice): void;
  traceOf(correlationId: string): void;
  /** Every chain of one trade, entry to exit. */
  traceTrade(tradeId: string): void;
  clearTrace(): void;
  exportResults(what: ExportFile): void;
  setTab(tab: RunTab): void;
  setExpanded(expanded: boolean): void;
  dismissNotice(): void;
  /** Charts another symbol of the run, during it or after; later runs chart it too if they can. */
  chooseSymbol(symbol: string): void;
}

let client: EngineClient | null = null;
/** Each container's events in, at the last batch: a step's delivery is the one that grew. */
let lastIn: Record<string, number> = {};
let stepping = false;
type ResultListener = (
  portfolios: readonly PortfolioResult[],
  flow: string,
  cell: string | null,
) => void;
const resultListeners = new Set<ResultListener>();

/** Hears each finished run's results (run history keeps them). */
export function onRunResults(listener: ResultListener): () => void {
  resultListeners.add(listener);
  return () => resultListeners.delete(listener);
}

/** The CSV the user uploaded for runs, kept as the file itself (sweeps send it to their workers). */
let uploadedFile: File | null = null;
/** The CSV being read comes from the browser's storage (an earlier visit), not from the user. */
let restoring = false;

/** Reads the CSV kept from an earlier visit (or before an engine restart) into the engine. */
async function restoreUpload(): Promise<void> {
  const saved = await savedUpload();
  // Storage that cannot be read holds no CSV of the user's: there is nothing to say.
  if (!saved.ok || !saved.value || useRun.getState().uploadProgress !== null) return;
  uploadedFile = saved.value;
  restoring = true;
  useRun.setState({ uploadProgress: 0, uploadProblems: null });
  send({ type: 'upload', file: saved.value, name: saved.value.name });
}

export function uploadedCsv(): File | null {
  return useRun.getState().data.kind === 'upload' ? uploadedFile : null;
}
let pendingExport: string | null = null;
/** The symbol the user chose to chart, asked of every later run (charted if the run has it). */
let preferredSymbol: string | undefined;
let pendingStep: 'stepEvent' | 'stepBar' | 'play' | null = null;

function engine(): EngineClient {
  if (client) return client;
  client = new EngineClient({
    create: () =>
      new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'engine',
      }),
    onMessage: receive,
    onRestart: (reason) => {
      pendingStep = null;
      pendingExport = null;
      clearStatus();
      const wasReading = useRun.getState().uploadProgress !== null && uploadedFile !== null;
      const lost = wasReading
        ? ` ${uploadedFile?.name} was being read and is not loaded: upload it again.`
        : '';
      useRun.setState({
        phase: 'idle',
        loadedText: null,
        upload: null,
        data: { kind: 'flow' },
        uploadProgress: null,
        // The new worker has no run: no other symbol can be charted until the next one.
        symbols: [],
        symbol: null,
        notice: `${reason} It was restarted; your flow is safe.${lost} Press Run to start again.`,
      });
      // The CSV kept in the browser goes to the new engine, unless it is the one being read
      // when the engine stopped: reading it again could stop this one too.
      restoring = false;
      if (!wasReading) void restoreUpload();
    },
  });
  void restoreUpload();
  return client;
}

const send = (message: ToWorker) => engine().send(message);

/**
 * Starts the engine worker, and loads what the run views need, ahead of the first run when the
 * page has nothing else to do: pressing Run then costs no compile on the main thread.
 */
export function warmUpEngine(preload: () => Promise<unknown>): void {
  const start = () => {
    engine();
    void preload();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 3_000 });
  else setTimeout(start, 1_000);
}

/** Publishes to React at most once per animation frame. */
let frame = 0;
let pending: Partial<RunState> = {};
let pendingCounters: Record<string, ContainerStatus> | null = null;
let pendingActive: string[] = [];
/** The canvas' counters and pulses, published in a task of their own after the run's views. */
let countersTask: ReturnType<typeof setTimeout> | null = null;

function publishCounters() {
  countersTask = null;
  if (!pendingCounters) return;
  // Steps and paced replays pulse as before: there each pulse is news.
  const { phase, speed } = useRun.getState();
  const fast = phase === 'running' && speed === 0;
  useStatus
    .getState()
    .update(
      pendingCounters,
      pendingActive,
      performance.now(),
      fast ? FAST_PULSE_EVERY_MS : PULSE_EVERY_MS,
    );
  pendingCounters = null;
  pendingActive = [];
}

/** The canvas shows no counters: those of a batch not yet published go too. */
function clearStatus() {
  pendingCounters = null;
  pendingActive = [];
  useStatus.getState().clear();
}

function publish(update: Partial<RunState>) {
  pending = { ...pending, ...update };
  if (frame) return;
  const flush = () => {
    // A chart drew for the running run in the last frame and paints in this one: the run views
    // commit in the next (see drawTurns.ts).
    if (useRun.getState().phase === 'running' && chartPaintDue()) {
      frame = requestAnimationFrame(flush);
      return;
    }
    frame = 0;
    const state = pending;
    pending = {};
    useRun.setState((current) => ({ ...state, version: current.version + 1 }));
    // The canvas' counters render in the next task, not in this frame's: when a run starts, the
    // run views change (controls, charts) and every container grows a row of counters, which
    // makes React Flow measure the nodes again and redraw their connections. In one task the two
    // were the longest task of a run's first second (50-90 ms on this 2-core machine).
    if (pendingCounters && countersTask === null) countersTask = setTimeout(publishCounters, 0);
  };
  // In a hidden tab frames stop, and so does publishing; the state catches up when it shows.
  frame = requestAnimationFrame(flush);
}

function receive(message: FromWorker) {
  switch (message.type) {
    case 'pong':
      return;
    case 'uploadProgress':
      return publish({ uploadProgress: message.fraction });
    case 'loadProgress':
      return publish({ loadProgress: message.fraction });
    case 'uploaded':
      if (uploadedFile && !restoring) {
        const name = uploadedFile.name;
        void keepUpload(uploadedFile).then((kept) =>
          useRun.setState({
            uploadNote: kept.ok
              ? null
              : `${name} is used for runs now, but the browser did not keep it for your next visit: ${kept.error}.`,
          }),
        );
      }
      restoring = false;
      return publish({
        upload: {
          name: message.name,
          rows: message.rows,
          symbol: message.symbol,
          first: message.first,
          last: message.last,
          size: uploadedFile?.size ?? 0,
        },
        uploadProgress: null,
        uploadProblems: null,
        data: { kind: 'upload' },
        loadedText: null,
      });
    case 'uploadFailed':
      restoring = false;
      return publish({
        uploadProgress: null,
        uploadProblems: { name: message.name, problems: message.problems },
      });
    case 'loadFailed':
      pendingStep = null;
      // Nothing of an earlier run may pass for this one's: its charts, log and counters go.
      feed.clear();
      clearStatus();
      return publish({
        phase: 'failed',
        problems: message.problems,
        loadedText: null,
        barsDone: 0,
        barsTotal: 0,
        events: 0,
        trace: null,
        symbols: [],
        symbol: null,
      });
    case 'loaded': {
      lastIn = {};
      feed.clear();
      feed.chart = message.chart;
      clearStatus();
      publish({
        symbols: message.chart?.symbols ?? [],
        symbol: message.chart?.symbol ?? null,
        phase: 'ready',
        barsTotal: message.barsTotal,
        barsDone: 0,
        events: 0,
        eventsPerSecond: 0,
        deadLetters: 0,
        failure: null,
        problems: [],
        eventsLogged: message.eventsLogged,
        trace: null,
      });
      if (pendingStep) {
        send({ type: pendingStep });
        pendingStep = null;
      }
      return;
    }
    case 'batch': {
      feed.appendLog(message.log, message.logSkipped);
      if (message.logTail) feed.replaceTail(message.logTail);
      if (message.candles) feed.candles.append(message.candles);
      for (const mark of message.marks) feed.marks.push(mark);
      for (const trade of message.tradeLines) feed.tradeLines.push(trade);
      feed.tradeLinesLeftOut = message.tradeLinesLeftOut;
      feed.chartFills = message.chartFills;
      for (const [name, info] of Object.entries(message.lineInfo ?? {}))
        feed.lineInfo.set(name, info);
      for (const [name, points] of Object.entries(message.overlays))
        feed.line(feed.overlays, name).append(points);
      for (const [name, point] of Object.entries(message.equity))
        feed.line(feed.equity, name).append({
          time: Float64Array.of(point.time),
          value: Float64Array.of(point.value),
        });
      feed.appendIncidents(message.incidents);
      for (const row of message.deadLetterRows) feed.deadLetters.push(row);
      for (const change of message.breakers) feed.breakers.push(change);
      const lastChange = new Map(feed.breakers.map((change) => [change.container, change.reason]));
      const counters: Record<string, ContainerStatus> = {};
      for (const c of message.counters)
        counters[c.name] = {
          in: c.in,
          out: c.out,
          errors: c.errors,
          queued: c.queued,
          deadLettered: c.dead_lettered,
          halted: c.halted,
          breaker: c.breaker,
          retries: c.retries,
          rejected: c.rejected,
          breakerReason: lastChange.get(c.name) ?? null,
        };
      pendingCounters = counters;
      pendingActive.push(...message.active);
      const grew = message.counters.filter((c) => c.in > (lastIn[c.name] ?? 0));
      lastIn = Object.fromEntries(message.counters.map((c) => [c.name, c.in]));
      // (The batch that announces a freshly loaded run comes before the step's own.)
      if (stepping && (grew.length > 0 || message.status === 'finished')) {
        stepping = false;
        const container = grew[0]?.name;
        const stepped = container
          ? {
              container,
              from: message.active
                .filter((link) => link.endsWith(`->${container}`))
                .map((link) => link.slice(0, link.indexOf('->'))),
            }
          : null;
        useStatus.getState().step(stepped?.container ?? null);
        publish({ stepped });
      }
      const phase: Phase =
        message.status === 'running'
          ? 'running'
          : message.status === 'finished'
            ? 'finished'
            : message.status === 'failed'
              ? 'failed'
              : message.barsDone === 0 && message.events === 0
                ? 'ready'
                : 'paused';
      return publish({
        phase,
        barsDone: message.barsDone,
        barsTotal: message.barsTotal,
        time: message.time,
        events: message.events,
        eventsPerSecond: message.eventsPerSecond,
        deadLetters: message.deadLetters,
        failure: message.failure,
      });
    }
    case 'chart':
      feed.resetChart(message.chart);
      return publish({ symbol: message.chart.symbol, symbols: message.chart.symbols });
    case 'results':
      // A frame after the last batch: drawing both at once would make one long frame.
      setTimeout(() => {
        feed.results = message.portfolios;
        publish({});
        const state = useRun.getState();
        for (const listener of resultListeners)
          listener(message.portfolios, state.loadedText ?? '', state.cell?.label ?? null);
      }, 50);
      return;
    case 'trace':
      showTrace(message.correlationId, message.trace, message.summaries);
      return;
    case 'tradeTrace': {
      const chains = message.trade?.chains ?? [];
      useRun.setState({
        trace: {
          correlationId: chains[0]?.correlation_id ?? '',
          trace: chains[0] ?? null,
          summaries: message.summaries[0] ?? [],
          trade: { id: message.tradeId, trace: message.trade, summaries: message.summaries },
        },
        tab: 'trace',
        expanded: true,
      });
      lightPath(chains.flatMap((chain) => chain.chain.map((link) => link.event.source)));
      return;
    }
    case 'export': {
      const wanted = pendingExport;
      pendingExport = null;
      for (const file of message.files)
        if (!wanted || file.name.endsWith(wanted)) saveTextFile(file.name, file.text);
      return;
    }
  }
}

function showTrace(correlationId: string, trace: Trace | null, summaries: readonly string[]) {
  useRun.setState({ trace: { correlationId, trace, summaries }, tab: 'trace', expanded: true });
  if (!trace) {
    useStatus.getState().trace([], []);
    return;
  }
  lightPath(trace.chain.map((link) => link.event.source));
}

/** Lights the containers a trace went through, and every connection between two of them. */
function lightPath(sources: readonly string[]) {
  const containers = [...new Set(sources)];
  const links = containers.flatMap((a) => containers.map((b) => `${a}->${b}`));
  useStatus.getState().trace(containers, links);
}

/** Loads the current flow when nothing is loaded, the last run ended, or the flow changed. */
function loadIfNeeded(next: 'play' | 'stepEvent' | 'stepBar'): boolean {
  const state = useRun.getState();
  const text = useFlow.getState().text;
  const stale =
    state.loadedText !== text ||
    state.phase === 'idle' ||
    state.phase === 'failed' ||
    state.phase === 'loading' ||
    state.phase === 'finished';
  if (!stale) return false;
  pendingStep = next;
  useRun.setState({
    cell: null,
    phase: 'loading',
    loadProgress: 0,
    loadedText: text,
    problems: [],
    failure: null,
    expanded: true,
  });
  send({
    type: 'load',
    flow: text,
    data: state.data,
    speed: state.speed,
    samplesUrl: new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href,
    ...(preferredSymbol ? { chartSymbol: preferredSymbol } : {}),
  });
  return true;
}

export const useRun = create<RunState>()((set, get) => ({
  phase: 'idle',
  speed: 0,
  data: { kind: 'flow' },
  upload: null,
  uploadProgress: null,
  loadProgress: 0,
  uploadProblems: null,
  problems: [],
  failure: null,
  notice: null,
  uploadNote: null,
  barsDone: 0,
  barsTotal: 0,
  time: Number.NaN,
  events: 0,
  eventsPerSecond: 0,
  deadLetters: 0,
  eventsLogged: true,
  version: 0,
  loadedText: null,
  trace: null,
  stepped: null,
  tab: 'chart',
  expanded: false,
  cell: null,
  symbols: [],
  symbol: null,

  run: () => {
    stepping = false;
    useStatus.getState().step(null);
    set({ stepped: null });
    if (loadIfNeeded('play')) return;
    if (get().phase === 'finished') return;
    set({ phase: 'running' });
    send({ type: 'play' });
  },
  runCell: (text, label) => {
    pendingStep = 'play';
    set({
      cell: { label, text },
      phase: 'loading',
      loadProgress: 0,
      loadedText: text,
      problems: [],
      failure: null,
      expanded: true,
      tab: 'chart',
    });
    send({
      type: 'load',
      flow: text,
      data: get().data,
      speed: 0,
      samplesUrl: new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href,
      ...(preferredSymbol ? { chartSymbol: preferredSymbol } : {}),
    });
  },
  pause: () => send({ type: 'pause' }),
  stepEvent: () => {
    stepping = true;
    if (!loadIfNeeded('stepEvent')) send({ type: 'stepEvent' });
  },
  stepBar: () => {
    if (!loadIfNeeded('stepBar')) send({ type: 'stepBar' });
  },
  setSpeed: (speed) => {
    set({ speed });
    if (client) send({ type: 'speed', speed });
  },
  reset: () => {
    if (get().loadedText === null) return;
    send({ type: 'reset' });
  },
  cancel: () => {
    send({ type: 'cancel' });
    feed.clear();
    clearStatus();
    set({
      phase: 'idle',
      loadedText: null,
      barsDone: 0,
      events: 0,
      trace: null,
      symbols: [],
      symbol: null,
    });
  },
  forget: () => {
    pendingStep = null;
    preferredSymbol = undefined;
    if (get().phase !== 'idle' && client) send({ type: 'cancel' });
    feed.clear();
    clearStatus();
    set({
      phase: 'idle',
      stepped: null,
      loadedText: null,
      barsDone: 0,
      barsTotal: 0,
      events: 0,
      deadLetters: 0,
      trace: null,
      problems: [],
      failure: null,
      symbols: [],
      symbol: null,
      version: get().version + 1,
    });
  },
  uploadCsv: (file) => {
    uploadedFile = file;
    restoring = false;
    set({ uploadProgress: 0, uploadProblems: null });
    send({ type: 'upload', file, name: file.name });
  },
  removeUpload: () => get().chooseData({ kind: 'flow' }),
  chooseData: (choice) => {
    if (choice.kind === 'flow' && get().upload) {
      send({ type: 'forgetUpload' });
      uploadedFile = null;
      set({ uploadNote: null });
      void removeSavedUpload().then((removed) => {
        if (!removed.ok)
          set({ uploadNote: `The CSV could not be removed from the browser: ${removed.error}.` });
      });
    }
    set({
      data: choice,
      loadedText: null,
      ...(choice.kind === 'flow' ? { upload: null } : {}),
    });
  },
  traceOf: (correlationId) => send({ type: 'trace', correlationId }),
  traceTrade: (tradeId) => send({ type: 'tradeTrace', tradeId }),
  clearTrace: () => {
    useStatus.getState().trace([], []);
    set({ trace: null });
  },
  exportResults: (what) => {
    pendingExport = what;
    send({ type: 'export', format: what.endsWith('.json') ? 'json' : 'csv' });
  },
  setTab: (tab) => set({ tab, expanded: true }),
  setExpanded: (expanded) => set({ expanded }),
  dismissNotice: () => set({ notice: null }),
  chooseSymbol: (symbol) => {
    preferredSymbol = symbol;
    if (symbol === get().symbol || !get().symbols.includes(symbol)) return;
    send({ type: 'chartSymbol', symbol });
  },
}));

// A run belongs to the flow it ran: opening another flow drops its views and the canvas counters.
let runFlowId = useFlow.getState().flowId;
useFlow.subscribe((state) => {
  if (state.flowId === runFlowId) return;
  runFlowId = state.flowId;
  useRun.getState().forget();
});
