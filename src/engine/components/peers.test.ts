/**
 * Agreement, proven: the cases of bench/peers/agreement-cases.json written as flows, run on two
 * real daily series, give backtrader's AND backtesting.py's fills (date, side, size, price,
 * commission) one by one and their final value to the cent. The peers' figures are committed
 * fixtures (fixtures/peers-*.json, produced by bench/peers/agreement_cases.py, whose header says
 * how to install the peers and regenerate them): the peers cannot run where the tests run.
 *
 * Each flow uses Flow Studio's defaults wherever they are the peers' convention (entry on the
 * cross, market fills at the next open, exits measured from the entry fill, open positions kept
 * and marked at the last close). Where a case needs a setting, flowFor() names it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, loadBars, parseFlow } from '../../flow';
import type { FillEvent } from '../events';
import { createRun } from '../runtime/run';
import type { PortfolioReport } from './portfolio/component';
import { COMPONENTS } from './registry';

const root = resolve(import.meta.dirname, '../../..');

interface PeerCase {
  readonly name: string;
  readonly about: string;
  readonly fast: number;
  readonly slow: number;
  readonly short: boolean;
  readonly sizing: 'fixed' | 'all_in';
  readonly quantity?: Record<string, number>;
  readonly equity_pct?: number;
  readonly stop_loss_pct?: number;
  readonly take_profit_pct?: number;
  readonly entry_limit_pct?: number;
  readonly commission:
    | { model: 'percentage'; pct: number }
    | { model: 'per_share'; per_share: number };
}
interface PeerFill {
  readonly date: string;
  readonly side: 'BUY' | 'SELL';
  readonly size: number;
  readonly price: number;
  readonly commission: number;
}
interface PeerRun {
  readonly fills: PeerFill[];
  readonly final_value: number;
  readonly position: number;
}
interface PeerFixture {
  readonly data: string;
  readonly series: string;
  readonly cash: number;
  readonly cases: Record<string, { backtrader: PeerRun; backtesting: PeerRun }>;
}

const spec = JSON.parse(
  readFileSync(resolve(root, 'bench/peers/agreement-cases.json'), 'utf8'),
) as { cash: number; cases: PeerCase[] };

/** The case as a trader writes it: one pipeline, and the settings that reproduce the peers. */
function flowFor(peerCase: PeerCase, sample: string, series: string, cash: number): string {
  const risk: string[] = [];
  if (peerCase.sizing === 'fixed')
    risk.push('sizing: fixed', `quantity: ${peerCase.quantity![series]}`);
  // backtesting.py's buy() with no size, backtrader sizing at the open it fills at.
  else risk.push('sizing: all_in', `equity_pct: ${peerCase.equity_pct}`);
  if (peerCase.short) risk.push('allow_short: true'); // always in: a SELL reverses the long
  if (peerCase.stop_loss_pct)
    risk.push(
      `stop_loss_pct: ${peerCase.stop_loss_pct}`,
      `take_profit_pct: ${peerCase.take_profit_pct}`,
    );
  if (peerCase.entry_limit_pct)
    risk.push('entry_order: limit', `entry_offset_pct: ${peerCase.entry_limit_pct}`);
  const commission =
    peerCase.commission.model === 'percentage'
      ? `commission_model: percentage, commission_pct: ${peerCase.commission.pct}`
      : `commission_model: per_share, commission_per_share: ${peerCase.commission.per_share}`;
  return `
name: ${peerCase.name}
containers:
  data: { component: sample_bars, params: { sample: ${sample} } }
  fast: { component: sma, params: { period: ${peerCase.fast} } }
  slow: { component: sma, params: { period: ${peerCase.slow} } }
  crossover: { component: sma_crossover, params: { fast: SMA_${peerCase.fast}, slow: SMA_${peerCase.slow} } }
  risk: { component: risk_manager, params: { ${risk.join(', ')} } }
  broker: { component: simulated_broker, params: { ${commission} } }
  portfolio: { component: portfolio, params: { initial_cash: ${cash} } }
event_flow:
  - type: pipeline
    containers: [data, fast, slow, crossover, risk, broker, portfolio]
`;
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

async function runFlow(yaml: string): Promise<{ fills: PeerFill[]; report: PortfolioReport }> {
  const parsed = parseFlow(yaml);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const config = compileFlow(parsed.model!).config!;
  const loaded = await loadBars(config, {
    sample: async (file) => readFileSync(resolve(root, 'public/data', file), 'utf8'),
    csv: async () => undefined,
  });
  if (!loaded.ok) throw new Error('bars did not load');
  const fills: PeerFill[] = [];
  const run = createRun(config, { bars: loaded.bars }, COMPONENTS, {
    observer: {
      onEvent: (event) => {
        if (event.type !== 'FillEvent') return;
        const fill = event as FillEvent;
        fills.push({
          date: day(fill.timestamp),
          side: fill.side,
          size: fill.quantity,
          price: fill.price,
          commission: fill.commission,
        });
      },
    },
  });
  expect(run.runToEnd()).toBe('finished');
  return { fills, report: run.results().portfolio as PortfolioReport };
}

describe.each([
  ['AAPL daily 2013–2018', 'aapl_daily', 'peers-aapl.json'],
  ['S&P 500 daily 2000–2020', 'sp500_daily', 'peers-sp500.json'],
])('agreement with backtrader and backtesting.py on %s', (_name, sample, file) => {
  const fixture = JSON.parse(
    readFileSync(resolve(import.meta.dirname, 'fixtures', file), 'utf8'),
  ) as PeerFixture;

  it.each(spec.cases.map((peerCase) => [peerCase.name, peerCase] as const))(
    '%s: every fill and the final value to the cent',
    async (name, peerCase) => {
      const { fills, report } = await runFlow(
        flowFor(peerCase, sample, fixture.series, fixture.cash),
      );
      for (const peer of ['backtrader', 'backtesting'] as const) {
        const reference = fixture.cases[name]![peer];
        expect(fills.length, `${peer}: number of fills`).toBe(reference.fills.length);
        fills.forEach((fill, i) => {
          const theirs = reference.fills[i]!;
          const where = `${peer}, fill ${i + 1} (${theirs.date})`;
          expect([fill.date, fill.side, fill.size], where).toEqual([
            theirs.date,
            theirs.side,
            theirs.size,
          ]);
          expect(fill.price, where).toBeCloseTo(theirs.price, 6);
          expect(fill.commission, where).toBeCloseTo(theirs.commission, 6);
        });
        // To the cent: within half a cent of the peer's final value.
        expect(report.final_equity, `${peer}: final value`).toBeCloseTo(reference.final_value, 2);
        expect(Object.values(report.positions)[0] ?? 0, `${peer}: position at the end`).toBe(
          reference.position,
        );
      }
    },
    30_000,
  );
});
