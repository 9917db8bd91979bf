/**
 * The rule strategy and the expression indicator inside whole flows: which bars they signal on,
 * compared with the same rules worked out directly from the bars; the position and the regime they
 * read; and that a diamond (features arriving after the bar) changes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineConfig, PatternConfig } from '../../config';
import { parseBarsCsv } from '../../data/csv';
import type { AnyEvent, IndicatorEvent, SignalPayload } from '../../events';
import { createRun } from '../../runtime/run';
import { DEFAULTS, makeBars } from '../../runtime/testing';
import { RsiCalc, Sma } from '../indicators/calculators';
import { COMPONENTS } from '../registry';

const sample = parseBarsCsv(
  readFileSync(resolve(import.meta.dirname, '../../../../public/data/aapl_daily.csv'), 'utf8'),
);
if (!sample.ok) throw new Error('sample did not load');
/** The first 600 closes of the AAPL sample. */
const closes = Array.from(sample.series[0]!.close.slice(0, 600));

interface Container {
  readonly name: string;
  readonly component: string;
  readonly params: Record<string, unknown>;
}

function run(containers: readonly Container[], patterns?: PatternConfig[]) {
  const config: EngineConfig = {
    containers: [{ name: 'data', component: 'synthetic_bars', params: {} }, ...containers],
    patterns: patterns ?? [
      { type: 'pipeline', containers: ['data', ...containers.map((c) => c.name)] },
    ],
    ...DEFAULTS,
  };
  const events: AnyEvent[] = [];
  const engine = createRun(config, { bars: { data: [makeBars('XYZ', closes)] } }, COMPONENTS, {
    observer: { onEvent: (event) => events.push(event) },
  });
  expect(engine.runToEnd()).toBe('finished');
  const signals = events.filter((e) => e.type === 'TradingSignal') as (AnyEvent & SignalPayload)[];
  const indicators = events.filter((e) => e.type === 'IndicatorEvent') as IndicatorEvent[];
  const barIndex = (timestamp: number) => (timestamp - Date.UTC(2024, 0, 1)) / 86_400_000;
  return { signals, indicators, barIndex };
}

/** RSI and SMA straight from the calculators, bar by bar (null while warming up). */
function reference() {
  const rsi = new RsiCalc(14, 'close');
  const sma = new Sma(50);
  return closes.map((close, i) => ({
    close,
    rsi:
      rsi.update({ open: close, high: close + 1, low: close - 1, close, volume: 1, timestamp: i })
        ?.value ?? null,
    sma: sma.update(close),
  }));
}

const indicators: Container[] = [
  { name: 'rsi', component: 'rsi', params: { period: 14, source: 'close', name: '' } },
  { name: 'sma', component: 'sma', params: { period: 50, source: 'close', name: '' } },
];

describe('rule strategy', () => {
  it('enters on an RSI cross above 45 with the close above the SMA, and exits when RSI is above 70', () => {
    const rules = {
      long_entry: 'RSI_14 crosses_above 45 and close > SMA_50',
      long_exit: 'RSI_14 > 70',
      short_entry: '',
      short_exit: '',
      strength: 'clamp((RSI_14 - 30) / 40, 0, 1)',
      classifier: '',
    };
    const { signals, barIndex } = run([
      ...indicators,
      { name: 'rules', component: 'rule_strategy', params: rules },
    ]);
    // The same rule worked out directly: evaluated from the first bar every indicator has a value.
    const ref = reference();
    const expected: { bar: number; action: string }[] = [];
    let held = 0;
    let previousRsi: number | null = null;
    ref.forEach(({ close, rsi, sma }, i) => {
      if (rsi === null || sma === null) return;
      const cross = previousRsi !== null && rsi > 45 && previousRsi <= 45;
      previousRsi = rsi;
      if (held === 0 && cross && close > sma) {
        held = 1;
        expected.push({ bar: i, action: 'BUY' });
      } else if (held === 1 && rsi > 70) {
        held = 0;
        expected.push({ bar: i, action: 'HOLD' });
      }
    });
    expect(expected.length).toBeGreaterThan(2);
    expect(signals.map((s) => ({ bar: barIndex(s.timestamp), action: s.action }))).toEqual(
      expected,
    );
    for (const signal of signals) {
      expect(signal.strength).toBeGreaterThanOrEqual(0);
      expect(signal.strength).toBeLessThanOrEqual(1);
    }
  });

  it('reverses, reads its own position and gives the same signals in a diamond', () => {
    const rules = {
      long_entry: 'close > close[1] and close[1] > close[2]',
      long_exit: '',
      short_entry: 'close < close[1] and close[1] < close[2]',
      short_exit: 'bars_in_position >= 3',
      strength: '1',
      classifier: '',
    };
    const line = run([{ name: 'rules', component: 'rule_strategy', params: rules }]);
    const expected: { bar: number; action: string }[] = [];
    let held = 0;
    let bars = 0;
    closes.forEach((c, i) => {
      if (i < 2) return;
      const up = c > closes[i - 1]! && closes[i - 1]! > closes[i - 2]!;
      const down = c < closes[i - 1]! && closes[i - 1]! < closes[i - 2]!;
      let next = held;
      if (held === 0) next = up ? 1 : down ? -1 : 0;
      else if (held === 1) next = down ? -1 : 1;
      else next = up ? 1 : bars >= 3 ? 0 : -1;
      if (next === held) {
        if (held !== 0) bars++;
        return;
      }
      held = next;
      bars = 0;
      expected.push({ bar: i, action: next === 1 ? 'BUY' : next === -1 ? 'SELL' : 'HOLD' });
    });
    expect(
      line.signals.map((s) => ({ bar: line.barIndex(s.timestamp), action: s.action })),
    ).toEqual(expected);

    // data broadcasts to an indicator and the strategy, the indicator feeds the strategy too: the
    // strategy sees some bars before their features and must wait for them.
    const withFeature = { ...rules, long_entry: `${rules.long_entry} and SMA_5 > 0` };
    const diamond = run(
      [
        { name: 'sma', component: 'sma', params: { period: 5, source: 'close', name: '' } },
        { name: 'rules', component: 'rule_strategy', params: withFeature },
      ],
      [
        { type: 'broadcast', source: 'data', targets: ['sma', 'rules'] },
        { type: 'pipeline', containers: ['sma', 'rules'] },
      ],
    );
    const piped = run([
      { name: 'sma', component: 'sma', params: { period: 5, source: 'close', name: '' } },
      { name: 'rules', component: 'rule_strategy', params: withFeature },
    ]);
    expect(diamond.signals.map((s) => [s.timestamp, s.action])).toEqual(
      piped.signals.map((s) => [s.timestamp, s.action]),
    );
  });

  it('reads the regime of the classifier upstream on the same bar', () => {
    const { signals } = run([
      { name: 'fast', component: 'sma', params: { period: 5, source: 'close', name: '' } },
      { name: 'slow', component: 'sma', params: { period: 20, source: 'close', name: '' } },
      {
        name: 'trend',
        component: 'trend_classifier',
        params: { fast: 'SMA_5', slow: 'SMA_20', threshold: 1 },
      },
      {
        name: 'rules',
        component: 'rule_strategy',
        params: {
          long_entry: "regime == 'trending_up'",
          long_exit: "regime != 'trending_up'",
          short_entry: '',
          short_exit: '',
          strength: '1',
          classifier: 'trend',
        },
      },
    ]);
    // The same bars as the classifier's own changes into and out of trending_up.
    const fast = new Sma(5);
    const slow = new Sma(20);
    const expected: string[] = [];
    let up = false;
    closes.forEach((c) => {
      const f = fast.update(c);
      const s = slow.update(c);
      if (f === null || s === null) return;
      const now = (100 * (f - s)) / Math.abs(s) > 1;
      if (now !== up) expected.push(now ? 'BUY' : 'HOLD');
      up = now;
    });
    expect(expected.length).toBeGreaterThan(2);
    expect(signals.map((s) => s.action)).toEqual(expected);
  });
});

describe('expression indicator', () => {
  it('computes a z-score by formula, named, for strategies downstream', () => {
    const { indicators: events, signals } = run([
      { name: 'sma', component: 'sma', params: { period: 20, source: 'close', name: '' } },
      {
        name: 'z',
        component: 'expression',
        params: { formula: '(close - SMA_20) / stdev(close, 20)', name: 'ZSCORE' },
      },
      {
        name: 'rules',
        component: 'rule_strategy',
        params: {
          long_entry: 'ZSCORE < -1.5',
          long_exit: 'ZSCORE > 0',
          short_entry: '',
          short_exit: '',
          strength: 'min(1, abs(ZSCORE) / 3)',
          classifier: '',
        },
      },
    ]);
    // Evaluated from the first bar with an SMA_20 (bar 19); stdev's window is full 19 bars later.
    const z = events.filter((e) => e.indicator_name === 'ZSCORE');
    expect(z).toHaveLength(closes.length - 38);
    closes.slice(38).forEach((close, k) => {
      const window = closes.slice(k + 19, k + 39);
      const mean = window.reduce((a, b) => a + b) / 20;
      const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
      expect(z[k]!.value).toBeCloseTo((close - mean) / sd, 9);
    });
    expect(signals.filter((s) => s.action === 'BUY').length).toBeGreaterThan(0);
  });
});
