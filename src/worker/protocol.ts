/**
 * Messages between the page and the engine worker. The page imports these types and nothing else
 * from the worker; the worker imports the engine and the flow layer. Every message is plain data
 * (structured clone), and bulky series travel as transferable Float64Arrays.
 */
import type {
  BreakerTransition,
  BuyAndHold,
  ContainerCounters,
  DeadLetterReason,
  EventType,
  Incident,
  IncidentKind,
  IncidentReport,
  Metrics,
  OpenTradeReport,
  RunFailure,
  RunStatus,
  Trace,
  Trade,
  TradeTrace,
} from '../engine';

export const PROTOCOL_VERSION = 1;

/** Replay speed in bar steps per second; 0 means as fast as the engine goes. */
export type Speed = number;

/** Where the bars come from: the flow's own data containers, or a CSV the user uploaded. */
export type DataChoice = { readonly kind: 'flow' } | { readonly kind: 'upload' };

export type ToWorker =
  | { readonly type: 'ping'; readonly id: number }
  /** Parse a CSV off the main thread; it is kept for runs with data `upload`. */
  | { readonly type: 'upload'; readonly file: Blob; readonly name: string }
  | { readonly type: 'forgetUpload' }
  /** Compile the flow, load its bars and get ready at bar 0 (paused). */
  | {
      readonly type: 'load';
      readonly flow: string;
      readonly data: DataChoice;
      readonly speed: Speed;
      /** Absolute URL of the app's sample files (public/data/), which the worker fetches. */
      readonly samplesUrl: string;
      /** The symbol to chart if the run has it (the one chosen for the last run); else its first. */
      readonly chartSymbol?: string;
    }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'stepEvent' }
  | { readonly type: 'stepBar' }
  | { readonly type: 'speed'; readonly speed: Speed }
  | { readonly type: 'reset' }
  /** Stop the run and drop it; the next play loads again. */
  | { readonly type: 'cancel' }
  | { readonly type: 'trace'; readonly correlationId: string }
  /** Every chain of one trade, entry to exit. */
  | { readonly type: 'tradeTrace'; readonly tradeId: string }
  | { readonly type: 'export'; readonly format: 'json' | 'csv' }
  /**
   * Chart another symbol of a multi-symbol run, during the run or after it: the worker answers
   * with `chart`, then a batch holding everything of that symbol so far.
   */
  | { readonly type: 'chartSymbol'; readonly symbol: string };

/** One line of the event log, summarised in the worker so the page never holds raw events. */
export interface LogEntry {
  readonly seq: number;
  readonly id: string;
  readonly type: EventType;
  readonly time: number;
  readonly container: string;
  readonly symbol: string;
  readonly correlation: string;
  readonly summary: string;
}

/** A buy or sell mark on the price chart. */
export interface TradeMark {
  readonly time: number;
  readonly kind: 'signal' | 'fill';
  readonly side: 'BUY' | 'SELL' | 'HOLD';
  readonly price: number;
  readonly correlation: string;
  readonly label: string;
}

/**
 * Points a chart gets per series at most. Longer series reach the page already thinned: candles
 * in buckets of several bars, lines one point per bucket. A chart a thousand pixels wide shows no
 * more, and a million bars never cross to the page (48 MB arriving at once costs the page a
 * garbage collection long enough to stutter).
 */
export const CHART_POINTS = 2_000;

/**
 * Entry-to-exit lines a chart draws per symbol at most (TradingView caps a strategy's trades
 * likewise); the rest are counted and the chart says so.
 */
export const TRADE_LINES = 5_000;

/** A closed trade of the charted symbol, drawn from its entry to its exit. */
export interface TradeLine {
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  /** Net of commissions: above zero is a winner. */
  readonly pnl: number;
}

/** Trades listed on the page per portfolio; the exports hold every one. */
export const RESULT_TRADES = 500;

/**
 * Where the charts draw an indicator line: over the candles, or in a pane of its own under them
 * (one pane per indicator, shared by its outputs), as a line or a histogram (MACD's), with the
 * indicator's reference levels (RSI 30 and 70).
 */
export interface LineInfo {
  readonly pane: 'price' | string;
  readonly style: 'line' | 'histogram';
  readonly levels: readonly number[];
}

/** The charted symbol's candles, in buckets of `bucket` bars, and the run's other symbols. */
export interface ChartInfo {
  readonly symbol: string;
  readonly bucket: number;
  readonly totalBars: number;
  /** Every symbol of the run, in the order of its data; any of them can be charted. */
  readonly symbols: readonly string[];
}

/** Candles from bucket `first` on (the first may amend the last one sent, if it was partial). */
export interface CandleColumns {
  readonly first: number;
  /** Bars of the charted symbol played so far. */
  readonly bars: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** New points of one line since the last batch. */
export interface LinePoints {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

/** A portfolio's results; the series are thinned to CHART_POINTS (exports carry every point). */
export interface PortfolioResult {
  readonly name: string;
  readonly metrics: Metrics;
  /** The metrics formatted as the headless runner prints them. */
  readonly metricRows: readonly (readonly [string, string])[];
  /** The first trades (RESULT_TRADES at most); exports carry them all. */
  readonly trades: readonly Trade[];
  readonly tradeCount: number;
  /** Trades open when the data ended, marked at the last close. */
  readonly openTrades: readonly OpenTradeReport[];
  /** The benchmark: each symbol bought at the first close and held. */
  readonly buyAndHold: Readonly<Record<string, BuyAndHold>>;
  readonly time: Float64Array;
  readonly equity: Float64Array;
  readonly drawdown: Float64Array;
  readonly strategies: Readonly<Record<string, Float64Array>>;
}

/**
 * The run's incidents (engine/runtime/incidents.ts) a batch at a time: the counts of all so far,
 * and the ones listed since the last batch.
 */
export interface IncidentBatch extends Omit<IncidentReport, 'entries'> {
  readonly fresh: readonly Incident[];
  /** The first-screen sentence when a headline kind occurred (cancellations, dead letters). */
  readonly headline: string | null;
  /** "17 orders cancelled, 270 events dropped", or null when nothing happened. */
  readonly summary: string | null;
  /** Each kind's heading ("Cancelled orders"), for the kinds that occurred. */
  readonly labels: Readonly<Partial<Record<IncidentKind, string>>>;
}

/** Dead letters the page lists with their details; the rest are counted (exports hold all kept). */
export const DEAD_LETTER_ROWS = 10_000;

/** One dead letter, summarised in the worker: what, where, why, after how many attempts, when. */
export interface DeadLetterRow {
  /** Its place among the run's dead letters, from 0. */
  readonly index: number;
  readonly event_id: string;
  readonly type: EventType;
  readonly symbol: string;
  readonly container: string;
  readonly source: string;
  readonly reason: DeadLetterReason;
  readonly error: string;
  readonly attempts: number;
  readonly time: number;
  readonly bar: number;
  readonly correlation: string;
  readonly trade: string | null;
  readonly summary: string;
}

export interface BarProblemMessage {
  readonly container: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: string;
}

export type FromWorker =
  | { readonly type: 'pong'; readonly id: number }
  | { readonly type: 'uploadProgress'; readonly fraction: number }
  /** Reading the bars for a run (a large CSV takes seconds); also tells the page the worker lives. */
  | { readonly type: 'loadProgress'; readonly fraction: number }
  | {
      readonly type: 'uploaded';
      readonly name: string;
      readonly rows: number;
      readonly symbol: string;
      readonly first: number;
      readonly last: number;
    }
  | {
      readonly type: 'uploadFailed';
      readonly name: string;
      readonly problems: readonly BarProblemMessage[];
    }
  /** The flow could not be compiled or its bars could not be loaded. */
  | { readonly type: 'loadFailed'; readonly problems: readonly BarProblemMessage[] }
  | {
      readonly type: 'loaded';
      readonly barsTotal: number;
      readonly chart: ChartInfo | null;
      readonly eventsLogged: boolean;
    }
  | {
      readonly type: 'batch';
      readonly status: RunStatus;
      readonly barsDone: number;
      readonly barsTotal: number;
      readonly time: number;
      readonly events: number;
      readonly eventsPerSecond: number;
      readonly counters: readonly ContainerCounters[];
      /** "source->target" of connections that carried events since the last batch. */
      readonly active: readonly string[];
      readonly log: readonly LogEntry[];
      /** Log entries the worker did not send because a batch was over its budget. */
      readonly logSkipped: number;
      /**
       * When a run that skipped entries pauses or ends: the latest entries, complete, to replace
       * the end of the page's log from the first of them on.
       */
      readonly logTail?: readonly LogEntry[];
      /** Marks of the charted symbol: one per candle, kind and side. */
      readonly marks: readonly TradeMark[];
      /** Fills of the charted symbol so far (its marks merge those sharing a candle). */
      readonly chartFills: number;
      /** Trades of the charted symbol closed since the last batch, at most TRADE_LINES in all. */
      readonly tradeLines: readonly TradeLine[];
      /** Closed trades of the charted symbol past TRADE_LINES, not drawn. */
      readonly tradeLinesLeftOut: number;
      readonly candles: CandleColumns | null;
      /** New points of each indicator line of the charted symbol, one per bucket. */
      readonly overlays: Readonly<Record<string, LinePoints>>;
      /** Lines that appeared in this batch: where to draw them. */
      readonly lineInfo?: Readonly<Record<string, LineInfo>>;
      /** Equity of each portfolio at the end of this batch. */
      readonly equity: Readonly<Record<string, { readonly time: number; readonly value: number }>>;
      readonly incidents: IncidentBatch;
      readonly deadLetters: number;
      /** Dead letters since the last batch (while the page's list is not full). */
      readonly deadLetterRows: readonly DeadLetterRow[];
      /** Circuit-breaker changes since the last batch. */
      readonly breakers: readonly BreakerTransition[];
      readonly failure: RunFailure | null;
    }
  /** Another symbol is charted from now on: what the page charted so far is to be dropped. */
  | { readonly type: 'chart'; readonly chart: ChartInfo }
  | { readonly type: 'results'; readonly portfolios: readonly PortfolioResult[] }
  | {
      readonly type: 'trace';
      readonly correlationId: string;
      readonly trace: Trace | null;
      /** One log line per event of the chain, in its order. */
      readonly summaries: readonly string[];
    }
  | {
      readonly type: 'tradeTrace';
      readonly tradeId: string;
      readonly trade: TradeTrace | null;
      /** One log line per event of each chain, in its order. */
      readonly summaries: readonly (readonly string[])[];
    }
  | {
      readonly type: 'export';
      readonly format: 'json' | 'csv';
      readonly files: readonly { readonly name: string; readonly text: string }[];
    };
