/** How the headless runner shows results: a metrics table for people, CSV files for tools. */
import type { Metrics } from '../engine';

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
const money = (value: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '∞');

const ROWS: readonly [string, (m: Metrics) => string][] = [
  ['Initial equity', (m) => money(m.initial_equity)],
  ['Final equity', (m) => money(m.final_equity)],
  ['Total return', (m) => percent(m.total_return)],
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
];

export function metricsTable(name: string, metrics: Metrics): string {
  const width = Math.max(...ROWS.map(([label]) => label.length));
  return [
    `Portfolio "${name}"`,
    ...ROWS.map(([label, format]) => `  ${label.padEnd(width)}  ${format(metrics)}`),
  ].join('\n');
}
