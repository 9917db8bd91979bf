/** How the headless runner shows results: a metrics table for people, CSV files for tools. */
import {
  countPhrase,
  INCIDENT_KINDS,
  type IncidentKind,
  type IncidentReport,
  type Metrics,
  metricRows,
  type OpenTradeReport,
} from '../engine';

const money = (value: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function metricsTable(
  name: string,
  metrics: Metrics,
  open: readonly OpenTradeReport[] = [],
): string {
  const rows = metricRows(metrics);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Portfolio "${name}"`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...open.map(
      (t) =>
        `  Open: ${t.strategy_id} ${t.side} ${t.quantity} ${t.symbol} since ${new Date(t.entry_time).toISOString().slice(0, 10)} at ${money(t.entry_price)}, last ${money(t.last_price)}, unrealised ${money(t.unrealized_pnl)}`,
    ),
  ].join('\n');
}

const KINDS = Object.keys(INCIDENT_KINDS) as IncidentKind[];

/**
 * Nothing silent: every kind of incident with its count, then one row per kind and reason with
 * the first example. Kinds with none are said to be none, so an empty list is an answer too.
 */
export function incidentsTable(report: IncidentReport, file: string | null): string {
  const found = KINDS.filter((kind) => (report.by_kind[kind] ?? 0) > 0);
  if (found.length === 0)
    return 'Nothing silent: no order cancelled, no signal rejected, no dead letter, no event dropped.';
  const lines = [
    `Nothing silent: ${found.map((kind) => countPhrase(kind, report.by_kind[kind]!)).join(', ')}${file ? ` (every one in ${file})` : ''}`,
  ];
  const label = Math.max(...report.counts.map((c) => INCIDENT_KINDS[c.kind].label.length));
  const reason = Math.max(...report.counts.map((c) => c.reason.length));
  const count = Math.max(...report.counts.map((c) => c.count.toLocaleString('en-US').length));
  for (const c of report.counts) {
    lines.push(
      `  ${INCIDENT_KINDS[c.kind].label.padEnd(label)}  ${c.reason.padEnd(reason)}  ${c.count.toLocaleString('en-US').padStart(count)}  e.g. ${c.example}`,
    );
  }
  return lines.join('\n');
}
