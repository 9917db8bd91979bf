/**
 * Agreement with an established engine: the same rules and data in backtrader
 * (bench/peers/backtrader_sma.py, output committed as fixtures/backtrader-sma-aapl.json) and in
 * Flow Studio (examples/pipeline.yaml): SMA 10/20 crossover on AAPL daily, long only, 95% of
 * equity per entry, next-open market fills, 0.1% commission. Same trades, same final equity.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, loadBars, parseFlow } from '../../flow';
import { createRun } from '../runtime/run';
import type { PortfolioReport } from './portfolio/component';
import { COMPONENTS } from './registry';

const root = resolve(import.meta.dirname, '../../..');
interface Reference {
  final_value: number;
  position: number;
  trades: { entry: string; exit: string; size: number; entry_price: number; pnl_net: number }[];
}
const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8')) as Reference;

/** examples/pipeline.yaml, on its own AAPL bars or with the S&P 500 file in their place. */
async function flowStudio(dataFile?: string): Promise<PortfolioReport> {
  const parsed = parseFlow(readFileSync(resolve(root, 'examples/pipeline.yaml'), 'utf8')).model!;
  // The fixture's rule holds the state from the first bar: the option that reproduces it.
  const model = {
    ...parsed,
    containers: parsed.containers.map((c) =>
      c.name === 'crossover' ? { ...c, params: { ...c.params, entry: 'state' } } : c,
    ),
  };
  const config = compileFlow(model).config!;
  const loaded = await loadBars(config, {
    sample: async (file) => readFileSync(resolve(root, 'public/data', file), 'utf8'),
    csv: async () => undefined,
    ...(dataFile
      ? {
          override: async () => ({
            text: readFileSync(resolve(root, 'public/data', dataFile), 'utf8'),
          }),
        }
      : {}),
  });
  if (!loaded.ok) throw new Error('bars did not load');
  const run = createRun(config, { bars: loaded.bars }, COMPONENTS);
  expect(run.runToEnd()).toBe('finished');
  return run.results().portfolio as PortfolioReport;
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

describe.each([
  ['AAPL daily 2013–2018', 'backtrader-sma-aapl.json', undefined],
  ['S&P 500 daily 2000–2020', 'backtrader-sma-sp500.json', 'sp500_daily.csv'],
])('agreement with backtrader on %s', (_name, file, dataFile) => {
  const reference = fixture(file);

  it('makes the same trades at the same prices', async () => {
    const report = await flowStudio(dataFile);
    expect(report.trades.map((t) => [day(t.entry_time), day(t.exit_time), t.quantity])).toEqual(
      reference.trades.map((t) => [t.entry, t.exit, t.size]),
    );
    report.trades.forEach((trade, i) => {
      expect(trade.entry_price).toBeCloseTo(reference.trades[i]!.entry_price, 9);
      expect(trade.pnl).toBeCloseTo(reference.trades[i]!.pnl_net, 6);
    });
    expect(Object.values(report.positions)[0] ?? 0).toBe(reference.position);
  });

  it('ends with the same equity, within 0.01%', async () => {
    const report = await flowStudio(dataFile);
    const difference =
      Math.abs(report.final_equity - reference.final_value) / reference.final_value;
    expect(difference).toBeLessThan(0.0001);
  });
});
