/**
 * What a finished sweep prints and writes, whoever ran its cells (worker threads here, or queue
 * workers elsewhere): the table or the JSON summary, the best run, the failures, sweep.csv and
 * sweep.json. Exit code 1 when any run failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCell } from '../flow/grid';
import { bestRow, type MetricKey, sweepCsv } from '../sweep/aggregate';
import type { CellResult } from '../sweep/job';
import type { SweepPlan } from '../sweep/plan';
import { sweepTable } from './sweep-table';

export interface SweepReportArgs {
  readonly json: boolean;
  readonly out: string | undefined;
  readonly metric: string | undefined;
}

export interface SweepRun {
  readonly rows: readonly CellResult[];
  readonly seconds: number;
  /** How many workers ran the cells, and how they are called ("worker", "queue worker"). */
  readonly workers: number;
  readonly workerNoun: string;
  /** More of the summary (the queue and the sweep's name, for a queue sweep). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function reportSweep(args: SweepReportArgs, plan: SweepPlan, run: SweepRun): number {
  const rows = [...run.rows].sort((a, b) => a.index - b.index);
  const metric = (args.metric ?? plan.model.sweep.metric) as MetricKey;
  const best = bestRow(rows, metric);
  const { seconds } = run;
  const bars = rows.reduce((sum, row) => sum + row.bars, 0);
  const summary = {
    flow: plan.model.name,
    ...run.extra,
    runs: rows.length,
    failed: rows.filter((row) => row.error !== null).length,
    replayed: rows.filter((row) => row.mode === 'replay').length,
    workers: run.workers,
    seconds,
    runs_per_second: rows.length / seconds,
    bars_per_second: bars / seconds,
    metric,
    best: best ? { index: best.index, cell: best.cell } : null,
    axes: plan.axes.map((axis) => ({ key: axis.key, values: axis.values })),
    rows: rows.map(({ index, cell, metrics, mode, error, bars: n }) => ({
      index,
      cell,
      metrics,
      bars: n,
      mode,
      error,
    })),
  };
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'sweep.csv'), sweepCsv(plan.axes, rows));
    writeFileSync(join(args.out, 'sweep.json'), `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (args.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `${plan.model.name}: ${rows.length} runs on ${plural(run.workers, run.workerNoun)} in ${seconds.toFixed(2)} s (${summary.runs_per_second.toFixed(1)} runs/s, ${Math.round(summary.bars_per_second).toLocaleString('en-US')} bars/s; ${summary.replayed} replayed)\n`,
    );
    console.log(sweepTable(plan.axes, rows));
    if (best) console.log(`\nBest by ${metric}: #${best.index} (${describeCell(best.cell)})`);
    for (const row of rows.filter((r) => r.error !== null))
      console.log(`Run #${row.index} failed: ${row.error}`);
    if (args.out)
      console.log(`\nWrote ${join(args.out, 'sweep.csv')}, ${join(args.out, 'sweep.json')}`);
  }
  return summary.failed > 0 ? 1 : 0;
}
