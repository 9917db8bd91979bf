/**
 * Results as files: CSV for spreadsheets and tools, and one JSON document. The headless runner
 * and the simulator's export both write these, so the same run gives the same files.
 */
import type { FillRecord, PortfolioReport, Trade } from '../components/portfolio/component';
import type { Metrics } from './metrics';

const iso = (time: number) => new Date(time).toISOString();

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\n')}\n`;
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

export interface ResultsDocument {
  readonly flow: string;
  readonly bars: number;
  readonly events: number;
  readonly deliveries: number;
  readonly dead_letters: number;
  readonly portfolios: Readonly<
    Record<
      string,
      {
        readonly metrics: Metrics;
        readonly trades: readonly Trade[];
        readonly fills: readonly FillRecord[];
      }
    >
  >;
}

/** The JSON document of a run's results, portfolios by container name. */
export function resultsDocument(
  flow: string,
  progress: { readonly barsDone: number; readonly events: number; readonly deliveries: number },
  deadLetters: number,
  portfolios: readonly (readonly [string, PortfolioReport])[],
): ResultsDocument {
  return {
    flow,
    bars: progress.barsDone,
    events: progress.events,
    deliveries: progress.deliveries,
    dead_letters: deadLetters,
    portfolios: Object.fromEntries(
      portfolios.map(([name, report]) => [
        name,
        { metrics: report.metrics, trades: report.trades, fills: report.fills },
      ]),
    ),
  };
}
