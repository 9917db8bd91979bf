/**
 * Results as files: CSV for spreadsheets and tools, and one JSON document. The headless runner
 * and the simulator's export both write these, so the same run gives the same files.
 */
import type {
  BuyAndHold,
  FillRecord,
  OpenTradeReport,
  PortfolioReport,
  Trade,
} from '../components/portfolio/component';
import type { Incident, IncidentReport } from '../runtime/incidents';
import type { BreakerTransition, DeadLetter } from '../runtime/types';
import { asciiText, CHUNK_BYTES, csvChunks, iso, joined, writeAscii, writeIso } from './csv';
import type { Metrics } from './metrics';
import {
  type BreakerRecord,
  breakerRecord,
  type DeadLetterRecord,
  deadLetterRecord,
} from './outcomes';

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
const money = (value: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '∞');

const ROWS: readonly [string, (m: Metrics) => string][] = [
  ['Initial equity', (m) => money(m.initial_equity)],
  ['Final equity', (m) => money(m.final_equity)],
  ['Total return', (m) => percent(m.total_return)],
  ['Buy and hold return', (m) => percent(m.buy_and_hold_return)],
  ['CAGR', (m) => percent(m.cagr)],
  ['Annual volatility', (m) => percent(m.annual_volatility)],
  ['Sharpe', (m) => ratio(m.sharpe)],
  ['Sortino', (m) => ratio(m.sortino)],
  ['Calmar', (m) => ratio(m.calmar)],
  ['Max drawdown', (m) => percent(m.max_drawdown)],
  [
    'Max drawdown duration',
    (m) => `${m.max_drawdown_bars} bars (${Math.round(m.max_drawdown_days)} days)`,
  ],
  ['Trades', (m) => String(m.trades)],
  ['Win rate', (m) => percent(m.win_rate)],
  ['Profit factor', (m) => ratio(m.profit_factor)],
  ['Expectancy', (m) => money(m.expectancy)],
  ['Average trade', (m) => percent(m.average_trade)],
  ['Best trade', (m) => percent(m.best_trade)],
  ['Worst trade', (m) => percent(m.worst_trade)],
  ['Exposure', (m) => percent(m.exposure)],
  ['Open trades', (m) => String(m.open_trades)],
  ['Unrealised P&L', (m) => money(m.unrealized_pnl)],
  ['Total commission', (m) => money(m.total_commission)],
  ['Total slippage', (m) => money(m.total_slippage)],
  [
    'Long trades',
    (m) => `${m.long_trades}, ${percent(m.long_win_rate)} won, P&L ${money(m.long_pnl)}`,
  ],
  [
    'Short trades',
    (m) => `${m.short_trades}, ${percent(m.short_win_rate)} won, P&L ${money(m.short_pnl)}`,
  ],
  ['Longest winning streak', (m) => `${m.longest_winning_streak} trades`],
  ['Longest losing streak', (m) => `${m.longest_losing_streak} trades`],
];

/** The metrics as labelled, formatted rows: the runner's table and the simulator's results. */
export function metricRows(metrics: Metrics): [label: string, value: string][] {
  return ROWS.map(([label, format]) => [label, format(metrics)]);
}

const TRADE_COLUMNS = [
  'strategy',
  'symbol',
  'side',
  'quantity',
  'entry_time',
  'entry_price',
  'exit_time',
  'exit_price',
  'pnl',
  'return_pct',
  'commission',
  'bars_held',
  'exit_reason',
];

export function tradesCsvChunks(trades: readonly Trade[]): Generator<string> {
  return csvChunks(TRADE_COLUMNS, trades.length, (index) => {
    const t = trades[index]!;
    return [
      t.strategy_id,
      t.symbol,
      t.side,
      t.quantity,
      iso(t.entry_time),
      t.entry_price,
      iso(t.exit_time),
      t.exit_price,
      t.pnl,
      t.return_pct,
      t.commission,
      t.bars_held,
      t.exit_reason,
    ];
  });
}

export const tradesCsv = (trades: readonly Trade[]): string => joined(tradesCsvChunks(trades));

const FILL_COLUMNS = [
  'time',
  'order_id',
  'strategy',
  'symbol',
  'side',
  'quantity',
  'price',
  'commission',
  'slippage',
  'reason',
  'event_id',
  'correlation_id',
];

export function fillsCsvChunks(fills: readonly FillRecord[]): Generator<string> {
  return csvChunks(FILL_COLUMNS, fills.length, (index) => {
    const f = fills[index]!;
    return [
      iso(f.time),
      f.order_id,
      f.strategy_id,
      f.symbol,
      f.side,
      f.quantity,
      f.price,
      f.commission,
      f.slippage,
      f.reason,
      f.event_id,
      f.correlation_id,
    ];
  });
}

export const fillsCsv = (fills: readonly FillRecord[]): string => joined(fillsCsvChunks(fills));

/**
 * The equity curve, a row a bar, as chunks of ASCII bytes (about a megabyte each) that the runner
 * writes as they come. Written by hand rather than through csvChunks: its cells are ISO times and
 * numbers, which never need quoting, and a million rows made as strings (a row array, a quoting
 * test and a string per cell, the chunk a rope of a million pieces to flatten) cost seconds. Here
 * the time of day goes in as digits, and a row whose equity and drawdown are the previous row's
 * (every bar out of the market) reuses their bytes.
 */
export function* equityCsvBytes(report: PortfolioReport): Generator<Uint8Array> {
  const { time, equity, drawdown } = report;
  const bytes = new Uint8Array(CHUNK_BYTES);
  const tail = new Uint8Array(128);
  let tailLength = 0;
  let lastEquity = Number.NaN;
  let lastDrawdown = Number.NaN;
  let at = writeAscii(bytes, 0, 'time,equity,drawdown\n');
  for (let i = 0; i < time.length; i++) {
    // A row is at most 27 + 1 + 24 + 1 + 24 + 1 bytes (the widest ISO time and numbers).
    if (at > CHUNK_BYTES - 128) {
      yield bytes.slice(0, at);
      at = 0;
    }
    at = writeIso(bytes, at, time[i]!);
    const value = equity[i]!;
    const fall = drawdown[i]!;
    if (value !== lastEquity || fall !== lastDrawdown) {
      tailLength = writeAscii(tail, 0, `,${value},${fall}\n`);
      lastEquity = value;
      lastDrawdown = fall;
    }
    bytes.set(tail.subarray(0, tailLength), at);
    at += tailLength;
  }
  yield bytes.slice(0, at);
}

/** The equity curve as text: the same bytes. */
export function* equityCsvChunks(report: PortfolioReport): Generator<string> {
  for (const chunk of equityCsvBytes(report)) yield asciiText(chunk);
}

export const equityCsv = (report: PortfolioReport): string => joined(equityCsvChunks(report));

/**
 * Every incident listed (cancelled orders, rejected signals, dead letters, dropped events, ...),
 * one a row; kind-specific fields go into `details` as JSON.
 */
export function incidentsCsvChunks(incidents: readonly Incident[]): Generator<string> {
  return csvChunks(
    [
      'time',
      'kind',
      'reason',
      'container',
      'event_type',
      'symbol',
      'detail',
      'correlation_id',
      'details',
    ],
    incidents.length,
    (index) => {
      const i = incidents[index]!;
      return [
        iso(i.time),
        i.kind,
        i.reason,
        i.container,
        i.event_type ?? '',
        i.symbol ?? '',
        i.detail,
        i.correlation_id ?? '',
        i.details ? JSON.stringify(i.details) : '',
      ];
    },
  );
}

export const incidentsCsv = (incidents: readonly Incident[]): string =>
  joined(incidentsCsvChunks(incidents));

export interface ResultsDocument {
  readonly flow: string;
  readonly bars: number;
  readonly events: number;
  readonly deliveries: number;
  /** Dead letters in all; the records below are the first the run kept (10,000 at most). */
  readonly dead_letters: number;
  readonly dead_letter_records: readonly DeadLetterRecord[];
  /** Every change of a circuit breaker. */
  readonly breakers: readonly BreakerRecord[];
  /** Nothing silent: counts by kind and reason, and the incidents themselves. */
  readonly incidents: IncidentReport;
  readonly portfolios: Readonly<
    Record<
      string,
      {
        readonly metrics: Metrics;
        readonly trades: readonly Trade[];
        readonly open_trades: readonly OpenTradeReport[];
        readonly buy_and_hold: Readonly<Record<string, BuyAndHold>>;
        readonly fills: readonly FillRecord[];
      }
    >
  >;
}

/** The JSON document of a run's results, portfolios by container name. */
export interface RunOutcomes {
  readonly deadLetterCount: number;
  readonly deadLetters: readonly DeadLetter[];
  readonly breakers: readonly BreakerTransition[];
  readonly incidents: IncidentReport;
}

export function resultsDocument(
  flow: string,
  progress: { readonly barsDone: number; readonly events: number; readonly deliveries: number },
  outcomes: RunOutcomes,
  portfolios: readonly (readonly [string, PortfolioReport])[],
): ResultsDocument {
  return {
    flow,
    bars: progress.barsDone,
    events: progress.events,
    deliveries: progress.deliveries,
    dead_letters: outcomes.deadLetterCount,
    dead_letter_records: outcomes.deadLetters.map(deadLetterRecord),
    breakers: outcomes.breakers.map(breakerRecord),
    incidents: outcomes.incidents,
    portfolios: Object.fromEntries(
      portfolios.map(([name, report]) => [
        name,
        {
          metrics: report.metrics,
          trades: report.trades,
          open_trades: report.open_trades,
          buy_and_hold: report.buy_and_hold,
          fills: report.fills,
        },
      ]),
    ),
  };
}
