import { describe, expect, it } from 'vitest';
import { importCleanSyntax } from './clean-syntax';
import { compileFlow } from './compile';
import { flowToGraph } from './graph';
import { parseFlow } from './parse';

describe('ADMF-PC clean syntax import', () => {
  it('turns a single strategy with risk and costs into a runnable pipeline', () => {
    const result = importCleanSyntax(`
name: ma_crossover_with_risk
symbols: ["SPY"]
risk:
  position_size: 0.1
strategy:
  sma_crossover:
    params: { fast_period: 15, slow_period: 50 }
    risk: { stop_loss: 0.02, take_profit: 0.04, max_holding_period: 100 }
execution: { commission: 0.0005, slippage: 0.0001, initial_capital: 50000 }
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parseFlow(result.text);
    expect(parsed.diagnostics).toEqual([]);
    const model = parsed.model!;
    expect(model.name).toBe('ma_crossover_with_risk');
    const byName = Object.fromEntries(model.containers.map((c) => [c.name, c]));
    expect(byName.data).toMatchObject({
      component: 'sample_bars',
      params: { sample: 'sp500_daily' },
    });
    expect(byName.sma_crossover).toMatchObject({ params: { fast: 'SMA_15', slow: 'SMA_50' } });
    expect(byName.sma_crossover_risk!.params).toMatchObject({
      equity_pct: 10,
      stop_loss_pct: 2,
      take_profit_pct: 4,
      max_holding_bars: 100,
    });
    expect(byName.broker!.params).toMatchObject({
      commission_model: 'percentage',
      commission_pct: 0.05,
      slippage_model: 'percentage',
      slippage_pct: 0.01,
    });
    expect(byName.portfolio!.params.initial_cash).toBe(50000);
    expect(
      flowToGraph(model)
        .edges.filter((e) => e.pattern === 'pipeline')
        .map((e) => `${e.source}>${e.target}`),
    ).toEqual([
      'data>sma_15',
      'sma_15>sma_50',
      'sma_50>sma_crossover',
      'sma_crossover>sma_crossover_risk',
      'sma_crossover_risk>broker',
      'broker>portfolio',
    ]);
    expect(compileFlow(model).config).not.toBeNull();
  });

  it('broadcasts to several strategies and names what it could not import', () => {
    const result = importCleanSyntax(`
name: simple_ensemble
symbols: ["QQQ"]
strategy: [
  { sma_crossover: { params: { fast_period: 15, slow_period: 50 }, weight: 0.4 } },
  { rsi_threshold: { params: { period: 14, oversold: 30, overbought: 70 }, weight: 0.3 } },
  { pairs_trading: { params: { lookback: 60 } } }
]
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      'line 3: symbols QQQ: the bars are read from QQQ.csv: upload it in the Data tab, or give it to the runner with --data',
      'line 5: "weight" of sma_crossover has no counterpart and was left out',
      'line 6: "weight" of rsi_threshold has no counterpart and was left out',
      'line 7: Strategy "pairs_trading" has no counterpart in the catalogue and was left out',
    ]);
    const model = parseFlow(result.text).model!;
    expect(model.event_flow[1]).toEqual({
      type: 'broadcast',
      source: 'rsi_14',
      targets: ['sma_crossover', 'rsi_threshold'],
    });
    expect(parseFlow(result.text).ok).toBe(true);
  });

  it('reads ADMF-PC’s canonical forms: a data symbol, inline parameters, grids and a filter, every part mapped or named', () => {
    const result = importCleanSyntax(`name: keltner_filtered
data: SPY_5m
strategy: [
  {
    keltner_bands: {period: 26, multiplier: [2.0, 3.0]},
    filter: "volume > sma(volume, 20) * 1.2"
  },
  {bollinger_bands: {params: {period: 30, std_dev: 3, exit_threshold: 0.001}}},
  {cci_threshold: {cci_period: "range(10, 30, 10)"}}
]
constraints: intraday
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parseFlow(result.text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const byName = Object.fromEntries(parsed.model!.containers.map((c) => [c.name, c]));
    expect(byName.data).toMatchObject({
      component: 'csv_bars',
      params: { file: 'SPY_5m.csv', symbol: 'SPY' },
    });
    // Inline parameters and a list as a grid (read by container name, so a sweep keeps it wired).
    const keltner = parsed.model!.containers.find((c) => c.component === 'keltner')!;
    expect(keltner.params).toMatchObject({ period: 26 });
    const axes = parsed.model!.grid!.axes.map((axis) => [axis.key, axis.values]);
    expect(axes).toEqual([
      [`${keltner.name}.multiplier`, [2, 3]],
      ['cci.period', [10, 20, 30]],
    ]);
    expect(byName.keltner_bands!.params.channel).toBe(keltner.name);
    expect(byName.bollinger_30_3).toMatchObject({ params: { period: 30, std_dev: 3 } });
    expect(byName.bollinger_bands!.params.bands).toBe('BB_30_3');
    expect(result.warnings).toEqual([
      expect.stringMatching(/^line 11: "constraints" has no counterpart/),
      expect.stringMatching(/^line 2: data SPY_5m: the bars are read from SPY_5m\.csv/),
      expect.stringMatching(
        /^line 6: filter "volume > sma\(volume, 20\) \* 1\.2" of keltner_bands is not translated/,
      ),
      expect.stringMatching(
        /^line 8: bollinger_bands: "exit_threshold" is not used: the position closes at the middle band/,
      ),
    ]);
  });

  it('refuses a document that is not clean syntax', () => {
    expect(importCleanSyntax('name: x\ncontainers: {}')).toEqual({
      ok: false,
      error: 'This is not an ADMF-PC clean-syntax config (no strategy found)',
    });
  });
});
