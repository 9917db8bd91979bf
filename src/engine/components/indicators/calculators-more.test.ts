/**
 * The catalogue's further indicators against independent implementations on the real AAPL sample:
 * TA-Lib itself (talib-web, its C code compiled to WebAssembly), the technicalindicators package,
 * and for what neither has, values computed by pandas-ta and ADMF-PC's own code with the committed
 * script bench/peers/indicator_peers.py (fixtures/indicator-peers-aapl.json). Where a definition
 * has a choice the reference makes differently, the case says so.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as talib from 'talib-web';
import * as ti from 'technicalindicators';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBarsCsv } from '../../data/csv';
import type { Calculator, PriceBar } from './calculators';
import {
  AwesomeCalc,
  CciCalc,
  CmoCalc,
  MfiCalc,
  StochRsiCalc,
  TrixCalc,
  UltimateCalc,
  WilliamsRCalc,
} from './oscillators';
import {
  AccumulationCalc,
  ChaikinMoneyFlowCalc,
  LinRegCalc,
  PivotPointsCalc,
  StdDevCalc,
  ZScoreCalc,
} from './statistics';
import {
  AroonCalc,
  IchimokuCalc,
  MultiEmaCalc,
  ParabolicSarCalc,
  SupertrendCalc,
  VortexCalc,
} from './trend';

const parsed = parseBarsCsv(
  readFileSync(resolve(import.meta.dirname, '../../../../public/data/aapl_daily.csv'), 'utf8'),
);
if (!parsed.ok) throw new Error('sample did not load');
const s = parsed.series[0]!;
const bars: PriceBar[] = Array.from(s.close, (_, i) => ({
  open: s.open[i]!,
  high: s.high[i]!,
  low: s.low[i]!,
  close: s.close[i]!,
  volume: s.volume[i]!,
  timestamp: s.timestamp[i]!,
}));
const high = bars.map((b) => b.high);
const low = bars.map((b) => b.low);
const close = bars.map((b) => b.close);
const volume = bars.map((b) => b.volume);
const peers = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/indicator-peers-aapl.json'), 'utf8'),
) as {
  supertrend_10_3: { value: (number | null)[]; direction: (number | null)[] };
  vortex_14: { plus: (number | null)[]; minus: (number | null)[] };
  cmf_20: (number | null)[];
  pivot_points: (Record<string, number> | null)[];
};

/** Outputs per bar, null while warming up. */
function series(calculator: Calculator): (Record<string, number> | null)[] {
  return bars.map((bar) => calculator.update(bar));
}

/** The warm values of one output, from the first bar that has one. */
function warm(rows: (Record<string, number> | null)[], key: string): number[] {
  return rows.filter((r): r is Record<string, number> => r !== null).map((r) => r[key]!);
}

/**
 * TA-Lib returns its values packed from index 0 (its first valid bar's value first) and leaves
 * the rest of the buffer unspecified: compare our warm values with as many of its first ones.
 */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number) {
  expect(actual.length).toBeGreaterThan(100);
  expect(expected.length).toBeGreaterThanOrEqual(actual.length);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tolerance * Math.max(1, Math.abs(expected[i]!))))
      throw new Error(`value ${i}: ${actual[i]} differs from the reference ${expected[i]}`);
  }
}

/** Our per-bar values against a per-bar reference, from bar `from` (null where either has none). */
function expectAligned(
  ours: readonly (number | null | undefined)[],
  theirs: readonly (number | null)[],
  from: number,
  tolerance: number,
) {
  let compared = 0;
  for (let i = from; i < theirs.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (b === null || b === undefined || a === null || a === undefined) {
      expect(a ?? null, `bar ${i}`).toBe(b ?? null);
      continue;
    }
    if (!(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b))))
      throw new Error(`bar ${i}: ${a} differs from the reference ${b}`);
    compared++;
  }
  expect(compared).toBeGreaterThan(100);
}

beforeAll(async () => {
  // talib-web loads its WebAssembly with fetch when there is one; Node's cannot read a file.
  const fetch = globalThis.fetch;
  (globalThis as { fetch?: unknown }).fetch = undefined;
  try {
    await talib.init(createRequire(import.meta.url).resolve('talib-web/lib/talib.wasm'));
  } finally {
    globalThis.fetch = fetch;
  }
});

const hlc = { high, low, close };

describe('indicators agree with TA-Lib on AAPL daily', () => {
  it('CCI, Williams %R and MFI', () => {
    expectClose(
      warm(series(new CciCalc(20)), 'value'),
      talib.CCI({ ...hlc, timePeriod: 20 }).output,
      1e-9,
    );
    expectClose(
      warm(series(new WilliamsRCalc(14)), 'value'),
      talib.WILLR({ ...hlc, timePeriod: 14 }).output,
      1e-9,
    );
    expectClose(
      warm(series(new MfiCalc(14)), 'value'),
      talib.MFI({ ...hlc, volume, timePeriod: 14 }).output,
      1e-9,
    );
  });

  it('Aroon up, down and oscillator', () => {
    const ours = series(new AroonCalc(25));
    const theirs = talib.AROON({ high, low, timePeriod: 25 });
    expectClose(warm(ours, 'up'), theirs.aroonUp, 1e-12);
    expectClose(warm(ours, 'down'), theirs.aroonDown, 1e-12);
    expectClose(
      warm(ours, 'oscillator'),
      talib.AROONOSC({ high, low, timePeriod: 25 }).output,
      1e-12,
    );
  });

  it('Parabolic SAR', () => {
    expectClose(
      warm(series(new ParabolicSarCalc(0.02, 0.2)), 'value'),
      talib.SAR({ high, low, acceleration: 0.02, maximum: 0.2 }).output,
      1e-9,
    );
  });

  it('TRIX, CMO and the ultimate oscillator', () => {
    expectClose(
      warm(series(new TrixCalc(15, 'close')), 'value'),
      talib.TRIX({ inReal: close, timePeriod: 15 }).output,
      1e-9,
    );
    expectClose(
      warm(series(new CmoCalc(14, 'close')), 'value'),
      talib.CMO({ inReal: close, timePeriod: 14 }).output,
      1e-9,
    );
    expectClose(
      warm(series(new UltimateCalc([7, 14, 28])), 'value'),
      talib.ULTOSC({ ...hlc, timePeriod1: 7, timePeriod2: 14, timePeriod3: 28 }).output,
      1e-9,
    );
  });

  it('Stochastic RSI (no %K smoothing: TA-Lib’s fast %K and %D)', () => {
    const ours = series(new StochRsiCalc(14, 14, 1, 3));
    const theirs = talib.STOCHRSI({
      inReal: close,
      timePeriod: 14,
      fastK_Period: 14,
      fastD_Period: 3,
      fastD_MAType: talib.MAType.SMA,
    });
    expectClose(warm(ours, 'k'), theirs.fastK, 1e-9);
    expectClose(warm(ours, 'd'), theirs.fastD, 1e-9);
  });

  it('standard deviation, z-score and linear regression', () => {
    // TA-Lib's VAR (population variance), square-rooted: this build's STDDEV leaves one value
    // (the 20th) unrooted.
    const sd = talib.VAR({ inReal: close, timePeriod: 20, nbDev: 1 }).output.map(Math.sqrt);
    expectClose(warm(series(new StdDevCalc(20, 'close')), 'value'), sd, 1e-9);
    const sma = talib.SMA({ inReal: close, timePeriod: 20 }).output;
    const z = close.slice(19).map((c, i) => (c - sma[i]!) / sd[i]!);
    expectClose(warm(series(new ZScoreCalc(20, 'close')), 'value'), z, 1e-7);
    const reg = series(new LinRegCalc(20, 'close'));
    expectClose(
      warm(reg, 'slope'),
      talib.LINEARREG_SLOPE({ inReal: close, timePeriod: 20 }).output,
      1e-8,
    );
    expectClose(
      warm(reg, 'value'),
      talib.LINEARREG({ inReal: close, timePeriod: 20 }).output,
      1e-9,
    );
  });

  it('DEMA and TEMA', () => {
    expectClose(
      warm(series(new MultiEmaCalc(20, 2, 'close')), 'value'),
      talib.DEMA({ inReal: close, timePeriod: 20 }).output,
      1e-9,
    );
    expectClose(
      warm(series(new MultiEmaCalc(20, 3, 'close')), 'value'),
      talib.TEMA({ inReal: close, timePeriod: 20 }).output,
      1e-9,
    );
  });

  it('accumulation/distribution', () => {
    expectClose(
      warm(series(new AccumulationCalc()), 'value'),
      talib.AD({ ...hlc, volume }).output,
      1e-9,
    );
  });
});

describe('indicators agree with technicalindicators on AAPL daily', () => {
  it('Ichimoku lines (not displaced)', () => {
    const ours = series(new IchimokuCalc(9, 26, 52));
    const theirs = ti.IchimokuCloud.calculate({
      high,
      low,
      conversionPeriod: 9,
      basePeriod: 26,
      spanPeriod: 52,
      displacement: 26,
    });
    expectClose(
      warm(ours, 'conversion'),
      theirs.map((r) => r.conversion),
      1e-12,
    );
    expectClose(
      warm(ours, 'base'),
      theirs.map((r) => r.base),
      1e-12,
    );
    expectClose(
      warm(ours, 'span_a'),
      theirs.map((r) => r.spanA),
      1e-12,
    );
    expectClose(
      warm(ours, 'span_b'),
      theirs.map((r) => r.spanB),
      1e-12,
    );
  });

  it('awesome oscillator', () => {
    expectClose(
      warm(series(new AwesomeCalc(5, 34)), 'value'),
      ti.AwesomeOscillator.calculate({ high, low, fastPeriod: 5, slowPeriod: 34 }),
      1e-9,
    );
  });
});

describe('indicators agree with pandas-ta and ADMF-PC (bench/peers/indicator_peers.py)', () => {
  it('Supertrend(10, 3): the same line and direction once the ATR seeds have faded', () => {
    // pandas-ta seeds its ATR with an adjusted exponential mean, TA-Lib and TradingView (and Flow
    // Studio) with the mean of the first N ranges: the difference fades by 0.9 a bar.
    const ours = series(new SupertrendCalc(10, 3));
    expectAligned(
      ours.map((r) => r?.value),
      peers.supertrend_10_3.value,
      300,
      1e-9,
    );
    expectAligned(
      ours.map((r) => r?.direction),
      peers.supertrend_10_3.direction,
      300,
      0,
    );
  });

  it('Vortex(14) and Chaikin money flow(20)', () => {
    const vortex = series(new VortexCalc(14));
    expectAligned(
      vortex.map((r) => r?.plus ?? null),
      peers.vortex_14.plus,
      0,
      1e-9,
    );
    expectAligned(
      vortex.map((r) => r?.minus ?? null),
      peers.vortex_14.minus,
      0,
      1e-9,
    );
    expectAligned(
      series(new ChaikinMoneyFlowCalc(20)).map((r) => r?.value ?? null),
      peers.cmf_20,
      0,
      1e-9,
    );
  });

  it('pivot points as ADMF-PC computes them (from the previous bar)', () => {
    const ours = series(new PivotPointsCalc('bar'));
    for (const key of ['pivot', 'r1', 's1', 'r2', 's2', 'r3', 's3'])
      expectAligned(
        ours.map((r) => r?.[key] ?? null),
        peers.pivot_points.map((p) => p?.[key] ?? null),
        0,
        1e-12,
      );
  });

  it('pivot points from the previous UTC day on intraday bars', () => {
    const hour = 3_600_000;
    const day = (d: number, h: number, high: number, low: number, close: number): PriceBar => ({
      open: close,
      high,
      low,
      close,
      volume: 1,
      timestamp: Date.UTC(2024, 0, 1 + d) + h * hour,
    });
    const pivots = new PivotPointsCalc('day');
    expect(pivots.update(day(0, 14, 10, 8, 9))).toBeNull();
    expect(pivots.update(day(0, 15, 12, 9, 11))).toBeNull();
    const next = pivots.update(day(1, 14, 11, 10, 10.5))!;
    // Yesterday: high 12, low 8, close 11.
    expect(next.pivot).toBeCloseTo(31 / 3, 12);
    expect(next.r1).toBeCloseTo((2 * 31) / 3 - 8, 12);
    expect(next.s1).toBeCloseTo((2 * 31) / 3 - 12, 12);
  });
});
