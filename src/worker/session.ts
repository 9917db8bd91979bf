/**
 * The simulator's side of the worker: one run at a time, paced by the replay speed, reporting to
 * the page in batches. Host-free (messages, timers and sample files are passed in), so the same
 * code runs in the Web Worker and in unit tests under Node.
 */
import {
  type AnyEvent,
  breakersCsv,
  COMPONENTS,
  type ComponentSpec,
  countPhrase,
  createRun,
  deadLettersCsv,
  EngineConfigError,
  equityCsv,
  fillsCsv,
  findComponent,
  headline,
  INCIDENT_KINDS,
  type IncidentKind,
  incidentsCsv,
  metricRows,
  outcomesOf,
  type PortfolioReport,
  parseBarsCsv,
  type Run,
  resultsDocument,
  type Trade,
  tradesCsv,
} from '../engine';
import type { BarSeries } from '../engine/data/bars';
import { compileFlow, loadBars, parseFlow } from '../flow';
import { thinSeries } from './chart';
import { OutcomeCollector } from './outcomes';
import {
  type BarProblemMessage,
  type DataChoice,
  type FromWorker,
  type IncidentBatch,
  type LogEntry,
  type PortfolioResult,
  RESULT_TRADES,
  type Speed,
  type ToWorker,
} from './protocol';
import { summarise, symbolOf } from './summary';
import { SymbolCharts } from './symbolCharts';

export interface SessionHost {
  /** `transfer`: the buffers of the message's typed arrays, moved rather than copied. */
  post(message: FromWorker, transfer?: ArrayBufferLike[]): void;
  /** The text of a sample file from public/data. */
  sample(file: string): Promise<string>;
  /** Schedule a tick; the worker uses setTimeout so that messages get in between ticks. */
  later(callback: () => void, ms: number): void;
  now(): number;
}

/** Log lines sent per batch at most; the rest are counted, never silently lost. */
export const LOG_BUDGET = 1_000;
/** Events whose log lines are sent whole when a run that skipped some pauses or ends. */
export const LOG_TAIL = 5_000;

/** Progress in steps of at least 5% and at the end: a parser calls back once per row. */
function inSteps(report: (fraction: number) => void): (fraction: number) => void {
  let reported = 0;
  return (fraction) => {
    if (fraction - reported < 0.05 && fraction < 1) return;
    reported = fraction;
    report(fraction);
  };
}

function logEntry(event: AnyEvent, container: string): LogEntry {
  return {
    seq: event.seq,
    id: event.event_id,
    type: event.type,
    time: event.timestamp,
    container,
    symbol: symbolOf(event),
    correlation: event.correlation_id,
    summary: summarise(event),
  };
}
/** Engine time per tick when running as fast as possible: long enough to amortise, short enough to answer. */
const FAST_SLICE_MS = 40;
/**
 * How often a run going as fast as possible reports to the page: every batch costs the page a
 * structured clone to decode and a render of the run views, and at a batch per slice (25 a
 * second) a million-bar run kept the page's main thread busy nearly all the time. Five a second
 * still moves the progress, counters and charts smoothly; pauses, steps and the end report at once.
 */
export const FAST_BATCH_MS = 200;
const PACED_SLICE_MS = 12;
const TICK_MS = 16;

interface Loaded {
  readonly name: string;
  readonly run: Run;
  readonly portfolios: readonly string[];
  /** Every symbol's chart; one of them is charted. */
  readonly charts: SymbolCharts;
}

export class EngineSession {
  private upload: { name: string; text: string } | null = null;
  private loaded: Loaded | null = null;
  private playing = false;
  private speed: Speed = 0;
  private owedBars = 0;
  private lastTick = 0;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private tickScheduled = false;
  private generation = 0;
  // What the next batch carries.
  private log: LogEntry[] = [];
  private logSkipped = 0;
  /**
   * The latest events and their containers, for the complete log tail sent when a fast run
   * stops: a ring of two arrays, so that keeping an event allocates nothing.
   */
  private recentEvents: AnyEvent[] = [];
  private recentContainers: string[] = [];
  private recentNext = 0;
  private tailStale = false;
  /** Closed trades of each portfolio the charts have. */
  private tradesSeen = new Map<string, number>();
  /** Incidents of the run already sent to the page (the run lists them in order). */
  private incidentsSent = 0;
  private routeDelivered: number[] = [];
  private rateWindow = { at: 0, events: 0, perSecond: 0 };
  private logging = true;
  private readonly outcomes = new OutcomeCollector();

  constructor(private readonly host: SessionHost) {}

  async handle(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'ping':
        return this.host.post({ type: 'pong', id: message.id });
      case 'upload':
        return this.receiveUpload(message.file, message.name);
      case 'forgetUpload':
        this.upload = null;
        return;
      case 'load':
        this.speed = message.speed;
        return this.load(message.flow, message.data, message.chartSymbol);
      case 'play':
        return this.play();
      case 'pause':
        this.playing = false;
        this.flush();
        return;
      case 'stepEvent':
      case 'stepBar': {
        const run = this.loaded?.run;
        if (!run) return;
        this.playing = false;
        if (message.type === 'stepEvent') run.stepEvent();
        else run.stepBar();
        return this.afterSlice();
      }
      case 'speed':
        this.speed = message.speed;
        this.owedBars = 0;
        return;
      case 'reset':
        return this.reset();
      case 'cancel':
        this.playing = false;
        this.loaded = null;
        this.generation++;
        return;
      case 'trace': {
        const trace = this.loaded?.run.trace(message.correlationId) ?? null;
        return this.host.post({
          type: 'trace',
          correlationId: message.correlationId,
          trace,
          summaries: trace?.chain.map((link) => summarise(link.event)) ?? [],
        });
      }
      case 'tradeTrace': {
        const trade = this.loaded?.run.tradeTrace(message.tradeId) ?? null;
        return this.host.post({
          type: 'tradeTrace',
          tradeId: message.tradeId,
          trade,
          summaries:
            trade?.chains.map((chain) => chain.chain.map((link) => summarise(link.event))) ?? [],
        });
      }
      case 'export':
        return this.export(message.format);
      case 'chartSymbol':
        return this.chartSymbol(message.symbol);
    }
  }

  private async receiveUpload(file: Blob, name: string) {
    const text = await file.text();
    const result = parseBarsCsv(text, {
      symbol: name.replace(/\.[^.]*$/, '').toUpperCase() || 'CSV',
      onProgress: inSteps((fraction) => this.host.post({ type: 'uploadProgress', fraction })),
    });
    if (!result.ok) {
      this.host.post({
        type: 'uploadFailed',
        name,
        problems: result.errors.map((issue) => ({
          container: name,
          message: issue.message,
          ...(issue.line > 0 ? { line: issue.line } : {}),
          ...(issue.column ? { column: issue.column } : {}),
        })),
      });
      return;
    }
    this.upload = { name, text };
    const first = result.series[0]!;
    this.host.post({
      type: 'uploaded',
      name,
      rows: result.rows,
      symbol: result.series.map((series) => series.symbol).join(', '),
      first: first.timestamp[0] ?? Number.NaN,
      last: first.timestamp[first.timestamp.length - 1] ?? Number.NaN,
    });
  }

  private async load(text: string, data: DataChoice, chartSymbol: string | undefined) {
    const generation = ++this.generation;
    this.playing = false;
    this.loaded = null;
    const fail = (problems: BarProblemMessage[]) =>
      this.host.post({ type: 'loadFailed', problems });
    const parsed = parseFlow(text);
    if (!parsed.ok || !parsed.model) {
      return fail(
        parsed.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => ({
            container: d.container ?? 'flow',
            message: `line ${d.line}: ${d.message}`,
          })),
      );
    }
    const compiled = compileFlow(parsed.model);
    if (!compiled.config) {
      return fail(
        compiled.problems.map((p) => ({ container: p.container ?? 'flow', message: p.message })),
      );
    }
    const config = compiled.config;
    if (data.kind === 'upload' && !this.upload) {
      return fail([{ container: 'data', message: 'No CSV file uploaded: choose one first' }]);
    }
    const upload = data.kind === 'upload' ? this.upload : null;
    const bars = await loadBars(
      config,
      {
        sample: (file) => this.host.sample(file),
        csv: async () => undefined,
        ...(upload ? { override: async () => ({ text: upload.text }) } : {}),
      },
      inSteps((fraction) => this.host.post({ type: 'loadProgress', fraction })),
    );
    if (generation !== this.generation) return;
    if (!bars.ok) {
      return fail(
        bars.problems.map((problem) => ({
          container: problem.container,
          message: problem.message,
          ...(problem.issue && problem.issue.line > 0 ? { line: problem.issue.line } : {}),
          ...(problem.issue?.column ? { column: problem.issue.column } : {}),
        })),
      );
    }
    const indicators = new Map<string, ComponentSpec>();
    for (const container of config.containers) {
      const spec = findComponent(container.component);
      if (spec?.kind === 'indicator') indicators.set(container.name, spec);
    }
    const series: BarSeries[] = config.containers.flatMap(
      (container) => bars.bars[container.name] ?? [],
    );
    let run: Run;
    try {
      run = createRun(config, { bars: bars.bars }, COMPONENTS, {
        // Slices end by the host's clock, so a test's clock decides them, not the machine's load.
        clock: () => this.host.now(),
        observer: {
          onEvent: (event, container) => this.observe(event, container),
          onDeadLetter: (letter) => this.outcomes.deadLetter(letter),
          onBreaker: (change) => this.outcomes.breaker(change),
        },
      });
    } catch (error) {
      if (error instanceof EngineConfigError)
        return fail(error.containers.map((container) => ({ container, message: error.message })));
      throw error;
    }
    const portfolios = config.containers
      .filter((container) => container.component === 'portfolio')
      .map((container) => container.name);
    const charts = new SymbolCharts(series, indicators, chartSymbol);
    this.loaded = { name: parsed.model.name, run, portfolios, charts };
    this.logging = config.eventSystem.monitoring.trace_events;
    this.announce(this.logging);
  }

  /** Tells the page a run is ready at bar 0: totals, candles and what the charts will draw. */
  private announce(eventsLogged: boolean) {
    const loaded = this.loaded!;
    this.clearBatch();
    this.routeDelivered = loaded.run.routeCounters().map(() => 0);
    this.rateWindow = { at: this.host.now(), events: 0, perSecond: 0 };
    loaded.charts.clear();
    this.tradesSeen.clear();
    this.host.post({
      type: 'loaded',
      barsTotal: loaded.run.progress.barsTotal,
      chart: loaded.charts.info(),
      eventsLogged,
    });
    this.flush();
  }

  private reset() {
    const loaded = this.loaded;
    if (!loaded) return;
    this.playing = false;
    loaded.run.reset();
    this.announce(this.logging);
  }

  /** Charts another symbol: the page drops what it charted and gets that symbol's all so far. */
  private chartSymbol(symbol: string) {
    const charts = this.loaded?.charts;
    if (!charts) return;
    charts.choose(symbol);
    const chart = charts.info();
    if (!chart) return;
    this.host.post({ type: 'chart', chart });
    this.flush();
  }

  private play() {
    const run = this.loaded?.run;
    if (!run || run.status === 'finished' || run.status === 'failed') return;
    this.playing = true;
    this.owedBars = 0;
    this.lastTick = this.host.now();
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    const generation = this.generation;
    this.host.later(() => {
      this.tickScheduled = false;
      if (generation === this.generation) this.tick();
    }, ms);
  }

  private tick() {
    const run = this.loaded?.run;
    if (!run || !this.playing) return;
    if (this.speed > 0) {
      const now = this.host.now();
      // Owed bars accrue with wall time; capped so a stalled tab does not burst on return.
      this.owedBars = Math.min(
        this.owedBars + ((now - this.lastTick) * this.speed) / 1000,
        Math.max(1, this.speed),
      );
      this.lastTick = now;
      const bars = Math.floor(this.owedBars);
      if (bars > 0) {
        this.owedBars -= bars;
        run.runFor({ maxBars: bars, deadlineMs: PACED_SLICE_MS });
      }
    } else {
      run.runFor({ deadlineMs: FAST_SLICE_MS });
      const going = run.status !== 'finished' && run.status !== 'failed';
      if (going && this.host.now() - this.lastFlush < FAST_BATCH_MS) {
        this.schedule(0);
        return;
      }
    }
    this.afterSlice();
    if (this.playing) this.schedule(this.speed > 0 ? TICK_MS : 0);
  }

  private afterSlice() {
    const run = this.loaded?.run;
    if (!run) return;
    if (run.status === 'finished' || run.status === 'failed') this.playing = false;
    this.flush();
    if (run.status === 'finished') this.postResults();
  }

  // ---- observing the run -------------------------------------------------------------------

  private observe(event: AnyEvent, container: string) {
    const loaded = this.loaded;
    if (!loaded) return;
    // Events are immutable, so keeping the latest few thousand costs a reference each.
    const slot = this.recentNext % LOG_TAIL;
    this.recentEvents[slot] = event;
    this.recentContainers[slot] = container;
    this.recentNext++;
    if (this.log.length < LOG_BUDGET) this.log.push(logEntry(event, container));
    else {
      this.logSkipped++;
      this.tailStale = true;
    }
    loaded.charts.observe(event, container);
  }

  private clearBatch() {
    this.log = [];
    this.logSkipped = 0;
    this.recentEvents = [];
    this.recentContainers = [];
    this.recentNext = 0;
    this.tailStale = false;
    this.outcomes.clear();
    this.incidentsSent = 0;
  }

  /** Sends what happened since the last batch. */
  private flush() {
    const loaded = this.loaded;
    if (!loaded) return;
    const { run } = loaded;
    const progress = run.progress;
    const now = this.host.now();
    this.lastFlush = now;
    if (now - this.rateWindow.at >= 250) {
      this.rateWindow = {
        at: now,
        events: progress.events,
        perSecond: ((progress.events - this.rateWindow.events) * 1000) / (now - this.rateWindow.at),
      };
    }
    const active: string[] = [];
    run.routeCounters().forEach((route, index) => {
      if (route.delivered !== this.routeDelivered[index]) {
        this.routeDelivered[index] = route.delivered;
        active.push(`${route.source}->${route.target}`);
      }
    });
    const equity: Record<string, { time: number; value: number }> = {};
    if (progress.barsDone > 0) {
      for (const name of loaded.portfolios) {
        const state = run.componentSnapshot(name) as { equity?: number } | undefined;
        if (typeof state?.equity === 'number')
          equity[name] = { time: progress.time, value: state.equity };
      }
    }
    for (const name of loaded.portfolios) {
      const trades = run.tradesSince(name, this.tradesSeen.get(name) ?? 0) as readonly Trade[];
      if (trades.length === 0) continue;
      this.tradesSeen.set(name, (this.tradesSeen.get(name) ?? 0) + trades.length);
      loaded.charts.addTrades(trades);
    }
    const { transfer, ...chart } = loaded.charts.take(progress.time);
    const status = this.playing && run.status === 'paused' ? 'running' : run.status;
    let logTail: LogEntry[] | undefined;
    if (status !== 'running' && this.tailStale) {
      logTail = this.tail();
      this.tailStale = false;
    }
    this.host.post(
      {
        type: 'batch',
        status,
        barsDone: progress.barsDone,
        barsTotal: progress.barsTotal,
        time: progress.time,
        events: progress.events,
        eventsPerSecond: this.playing ? this.rateWindow.perSecond : 0,
        counters: run.counters(),
        active,
        ...chart,
        log: this.log,
        logSkipped: this.logSkipped,
        ...(logTail ? { logTail } : {}),
        equity,
        incidents: this.incidentsBatch(run),
        deadLetters: run.deadLetterCount(),
        ...this.outcomes.take(),
        failure: run.failure,
      },
      transfer,
    );
    this.log = [];
    this.logSkipped = 0;
  }

  /** The incidents listed since the last batch, and the counts of all of them so far. */
  private incidentsBatch(run: Run): IncidentBatch {
    const fresh = run.incidentsSince(this.incidentsSent);
    this.incidentsSent += fresh.length;
    const report = run.incidents();
    const { total, by_kind, counts, listed } = report;
    const kinds = (Object.keys(INCIDENT_KINDS) as IncidentKind[]).filter((k) => by_kind[k]);
    return {
      total,
      by_kind,
      counts,
      listed,
      fresh,
      headline: headline(report),
      summary: kinds.length > 0 ? kinds.map((k) => countPhrase(k, by_kind[k]!)).join(', ') : null,
      labels: Object.fromEntries(kinds.map((k) => [k, INCIDENT_KINDS[k].label])),
    };
  }

  /** The latest LOG_TAIL events, oldest first, as log lines. */
  private tail(): LogEntry[] {
    const count = Math.min(this.recentNext, LOG_TAIL);
    const lines: LogEntry[] = [];
    for (let i = this.recentNext - count; i < this.recentNext; i++) {
      lines.push(logEntry(this.recentEvents[i % LOG_TAIL]!, this.recentContainers[i % LOG_TAIL]!));
    }
    return lines;
  }

  private reports(): [string, PortfolioReport][] {
    const results = this.loaded?.run.results() ?? {};
    return (this.loaded?.portfolios ?? []).map((name) => [name, results[name] as PortfolioReport]);
  }

  private postResults() {
    const portfolios: PortfolioResult[] = this.reports().map(([name, report]) => {
      const equity = thinSeries(report.time, report.equity);
      return {
        name,
        metrics: report.metrics,
        metricRows: metricRows(report.metrics),
        trades: report.trades.slice(0, RESULT_TRADES),
        tradeCount: report.trades.length,
        openTrades: report.open_trades,
        buyAndHold: report.buy_and_hold,
        time: equity.time,
        equity: equity.value,
        drawdown: thinSeries(report.time, report.drawdown).value,
        strategies: Object.fromEntries(
          Object.entries(report.strategies).map(([id, pnl]) => [
            id,
            thinSeries(report.time, pnl).value,
          ]),
        ),
      };
    });
    const transfer = portfolios.flatMap((p) => [
      p.time.buffer,
      p.equity.buffer,
      p.drawdown.buffer,
      ...Object.values(p.strategies).map((line) => line.buffer),
    ]);
    this.host.post({ type: 'results', portfolios }, transfer);
  }

  private export(format: 'json' | 'csv') {
    const loaded = this.loaded;
    if (!loaded) return;
    const reports = this.reports();
    if (format === 'json') {
      const document = resultsDocument(
        loaded.name,
        loaded.run.progress,
        outcomesOf(loaded.run),
        reports,
      );
      this.host.post({
        type: 'export',
        format,
        files: [
          { name: 'results.json', text: `${JSON.stringify(document, null, 2)}\n` },
          {
            name: 'dead_letters.json',
            text: `${JSON.stringify(
              { dead_letters: document.dead_letters, records: document.dead_letter_records },
              null,
              2,
            )}\n`,
          },
        ],
      });
      return;
    }
    const files = reports.flatMap(([name, report]) => {
      const prefix = reports.length > 1 ? `${name}-` : '';
      return [
        { name: `${prefix}trades.csv`, text: tradesCsv(report.trades) },
        { name: `${prefix}fills.csv`, text: fillsCsv(report.fills) },
        { name: `${prefix}equity.csv`, text: equityCsv(report) },
      ];
    });
    // The run's own, whatever the portfolios: the page asks for them by name.
    files.push(
      { name: 'dead_letters.csv', text: deadLettersCsv(loaded.run.deadLetters()) },
      { name: 'breakers.csv', text: breakersCsv(loaded.run.breakerHistory()) },
    );
    files.push({ name: 'incidents.csv', text: incidentsCsv(loaded.run.incidents().entries) });
    this.host.post({ type: 'export', format, files });
  }
}
