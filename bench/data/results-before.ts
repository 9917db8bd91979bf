/**
 * The runner's result files as they were written before they were streamed (session 2): every row
 * an array, every cell through the quoting test, one string per file, written whole. Kept
 * verbatim as the baseline of bench/data/results.ts and the reference that
 * src/engine/metrics/export.test.ts holds the streamed files to, byte for byte.
 */
import type {
  FillRecord,
  PortfolioReport,
  Trade,
} from '../../src/engine/components/portfolio/component';
import type { Incident } from '../../src/engine/runtime/incidents';

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
