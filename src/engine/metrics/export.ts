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
import { csv, iso } from './csv';
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

export function tradesCsv(trades: readonly Trade[]): string {
  return csv(
    [
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
    ],
    trades.map((t) => [
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
    ]),
  );
}

export function fillsCsv(fills: readonly FillRecord[]): string {
  return csv(
    [
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
    ],
    fills.map((f) => [
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
    ]),
  );
}

export function equityCsv(report: PortfolioReport): string {
  return csv(
    ['time', 'equity', 'drawdown'],
    Array.from(report.time, (time, i) => [iso(time), report.equity[i]!, report.drawdown[i]!]),
  );
}

/**
 * Every incident listed (cancelled orders, rejected signals, dead letters, dropped events, ...),
 * one a row; kind-specific fields go into `details` as JSON.
 */
export function incidentsCsv(incidents: readonly Incident[]): string {
  return csv(
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
    incidents.map((i) => [
      iso(i.time),
      i.kind,
      i.reason,
      i.container,
      i.event_type ?? '',
      i.symbol ?? '',
      i.detail,
      i.correlation_id ?? '',
      i.details ? JSON.stringify(i.details) : '',
    ]),
  );
}

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
