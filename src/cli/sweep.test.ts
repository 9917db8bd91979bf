import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let printed: string[];
let errors: string[];

/** The sample flow with a 3 × 2 × 2 grid: SMA periods and the risk's size. */
const GRID = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8')
  .replace('params: { period: 10 }', 'params: { period: [5, 10, 15] }')
  .replace('params: { period: 20 }', 'params: { period: "range(20, 40, 20)" }')
  .replace('{ fast: SMA_10, slow: SMA_20 }', '{ fast: sma_fast, slow: sma_slow }')
  .replace('equity_pct: 95', 'equity_pct: [50, 95]');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-studio-sweep-'));
  writeFileSync(join(dir, 'grid.yaml'), GRID);
  printed = [];
  errors = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => errors.push(String(line)));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

interface Summary {
  runs: number;
  replayed: number;
  rows: { index: number; cell: Record<string, unknown>; metrics: Record<string, number> }[];
}

describe('flow-studio sweep', () => {
  it('runs every cell and prints one row per run, with the best', async () => {
    expect(await main(['sweep', join(dir, 'grid.yaml'), '--workers', '0'])).toBe(0);
    const text = printed.join('\n');
    expect(text).toMatch(/SMA crossover \(pipeline\): 12 runs on 1 worker/);
    expect(text).toMatch(/ #\s+sma_fast\.period\s+sma_slow\.period\s+risk\.equity_pct\s+Return/);
    expect(
      text.split('\n').filter((line) => /^\s*\d+\s+\d+\s+\d+\s+\d+\s/.test(line)),
    ).toHaveLength(12);
    expect(text).toMatch(
      /Best by sharpe: #\d+ \(sma_fast\.period = \d+, sma_slow\.period = \d+, risk\.equity_pct = \d+\)/,
    );
  }, 120_000);

  it('gives the same table on worker threads as in one thread, and writes sweep.csv', async () => {
    expect(await main(['sweep', join(dir, 'grid.yaml'), '--workers', '0', '--json'])).toBe(0);
    const inThread = JSON.parse(printed.join('\n')) as Summary;
    // The built runner, as a user runs it, on two worker threads.
    const threads = spawnSync(
      process.execPath,
      [
        join(root, 'bin/flow-studio.mjs'),
        'sweep',
        join(dir, 'grid.yaml'),
        '--workers',
        '2',
        '--json',
        '--out',
        join(dir, 'out'),
      ],
      { encoding: 'utf8' },
    );
    expect(threads.status).toBe(0);
    const onThreads = JSON.parse(threads.stdout) as Summary;
    expect(onThreads.runs).toBe(12);
    expect(onThreads.rows.map((r) => [r.index, r.cell, r.metrics])).toEqual(
      inThread.rows.map((r) => [r.index, r.cell, r.metrics]),
    );
    expect(onThreads.replayed).toBeGreaterThan(0);
    const csv = readFileSync(join(dir, 'out/sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[1]).toMatch(/^0,5,20,50,/);
  }, 120_000);

  it('sweeps an ADMF-PC config: its lists and range(...) are the grid', async () => {
    const config = join(dir, 'admf.yaml');
    writeFileSync(
      config,
      'name: admf_grid\nsymbols: [SPY]\nstrategy: [{keltner_bands: {period: "range(20, 30, 10)", multiplier: [2.0, 3.0]}}]\n',
    );
    expect(await main(['sweep', config, '--workers', '0', '--json'])).toBe(0);
    expect(errors.join('\n')).toMatch(/admf\.yaml: note: an ADMF-PC config, converted to a flow/);
    const summary = JSON.parse(printed.join('\n')) as Summary;
    expect(summary.runs).toBe(4);
    expect(summary.rows.map((row) => Object.values(row.cell))).toEqual([
      [20, 2],
      [20, 3],
      [30, 2],
      [30, 3],
    ]);
  }, 60_000);

  it('refuses bad arguments and flows with a clear message', async () => {
    expect(await main(['sweep', join(dir, 'grid.yaml'), '--workers', 'many'])).toBe(2);
    expect(errors.join('\n')).toMatch(/--workers takes a whole number from 0 to 256, not "many"/);
    writeFileSync(
      join(dir, 'big.yaml'),
      GRID.replace('[5, 10, 15]', '{ from: 1, to: 200 }').replace(
        '"range(20, 40, 20)"',
        '{ from: 1, to: 100 }',
      ),
    );
    expect(await main(['sweep', join(dir, 'big.yaml'), '--workers', '0'])).toBe(2);
    expect(errors.join('\n')).toMatch(
      /This grid expands to 40,000 runs, above the limit of 10,000/,
    );
  });

  it('walks forward: optimises each in-sample window, stitches the out-of-sample equity', async () => {
    writeFileSync(
      join(dir, 'wf.yaml'),
      `${GRID}\nsweep:\n  walk_forward: { mode: anchored, in_sample: 504, out_of_sample: 252 }\n`,
    );
    expect(
      await main([
        'sweep',
        join(dir, 'wf.yaml'),
        '--walk-forward',
        '--workers',
        '0',
        '--out',
        join(dir, 'wf'),
      ]),
    ).toBe(0);
    const text = printed.join('\n');
    expect(text).toMatch(
      /walk-forward \(anchored, 504 bars in sample, 252 out\), optimising sharpe/,
    );
    expect(text.split('\n').filter((line) => /^#\d /.test(line))).toHaveLength(3);
    expect(text).toMatch(/Stitched out of sample: return -?\d+\.\d+%/);
    const equity = readFileSync(join(dir, 'wf/walk-forward-equity.csv'), 'utf8').trim().split('\n');
    expect(equity).toHaveLength(1 + 756);
  }, 120_000);
});
