/** How the headless runner shows results: a metrics table for people, CSV files for tools. */
import { type Metrics, metricRows } from '../engine';

export function metricsTable(name: string, metrics: Metrics): string {
  const rows = metricRows(metrics);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Portfolio "${name}"`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ].join('\n');
}
