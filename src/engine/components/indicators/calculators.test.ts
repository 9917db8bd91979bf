/**
 * Indicator values against an independent implementation: the technicalindicators package
 * (npm, MIT), run on the real AAPL sample. Where the two define an indicator differently the test
 * aligns the parameters (noted at each case) and the docs say which definition Flow Studio uses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ti from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { parseBarsCsv } from '../../data/csv';
import {
  AdxCalc,
  AtrCalc,
  BollingerCalc,
  type Calculator,
  DonchianCalc,
  EmaCalc,
  KeltnerCalc,
  MacdCalc,
  ObvCalc,
  type PriceBar,
  RocCalc,
  RsiCalc,
  SmaCalc,
  StochasticCalc,
  VwapCalc,
  WmaCalc,
} from './calculators';

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
const close = bars.map((bar) => bar.close);
const high = bars.map((bar) => bar.high);
const low = bars.map((bar) => bar.low);
const volume = bars.map((bar) => bar.volume);

/** Runs a calculator over the sample; the outputs of the bars where it is ready. */
function run(calculator: Calculator): Record<string, number>[] {
  return bars
    .map((bar) => calculator.update(bar))
    .filter((out): out is Record<string, number> => out !== null);
}

function expectClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i]! - expected[i]!) > 10 ** -digits) {
      throw new Error(`value ${i}: ${actual[i]} differs from the reference ${expected[i]}`);
    }
  }
}

const pick = (rows: Record<string, number>[], key: string) => rows.map((row) => row[key]!);

describe('indicators agree with technicalindicators on AAPL daily', () => {
  it('SMA, EMA and WMA', () => {
    expectClose(
      pick(run(new SmaCalc(20, 'close')), 'value'),
      ti.SMA.calculate({ period: 20, values: close }),
      9,
    );
    expectClose(
      pick(run(new EmaCalc(10, 'close')), 'value'),
      ti.EMA.calculate({ period: 10, values: close }),
      9,
    );
    expectClose(
      pick(run(new WmaCalc(10, 'close')), 'value'),
      ti.WMA.calculate({ period: 10, values: close }),
      9,
    );
  });

  it('RSI (the reference rounds to 2 decimals)', () => {
    expectClose(
      pick(run(new RsiCalc(14, 'close')), 'value'),
      ti.RSI.calculate({ period: 14, values: close }),
      2,
    );
  });

  it('MACD with exponential averages', () => {
    const ours = run(new MacdCalc(12, 26, 9, 'close'));
    const theirs = ti.MACD.calculate({
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      values: close,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    }).filter((row) => row.signal !== undefined);
    expectClose(
      pick(ours, 'macd'),
      theirs.map((row) => row.MACD!),
      9,
    );
    expectClose(
      pick(ours, 'signal'),
      theirs.map((row) => row.signal!),
      9,
    );
    expectClose(
      pick(ours, 'histogram'),
      theirs.map((row) => row.histogram!),
      9,
    );
  });

  it('Bollinger Bands (population standard deviation)', () => {
    const ours = run(new BollingerCalc(20, 2, 'close'));
    const theirs = ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    expectClose(
      pick(ours, 'upper'),
      theirs.map((row) => row.upper),
      9,
    );
    expectClose(
      pick(ours, 'lower'),
      theirs.map((row) => row.lower),
      9,
    );
    expectClose(
      pick(ours, 'percent_b'),
      theirs.map((row) => row.pb),
      9,
    );
  });

  it('ATR (Wilder)', () => {
    expectClose(
      pick(run(new AtrCalc(14)), 'value'),
      ti.ATR.calculate({ period: 14, high, low, close }),
      9,
    );
  });

  it('Stochastic: with no %K smoothing it is the reference fast stochastic', () => {
    const ours = run(new StochasticCalc(14, 3, 1));
    const theirs = ti.Stochastic.calculate({
      period: 14,
      signalPeriod: 3,
      high,
      low,
      close,
    }).filter((row) => row.d !== undefined);
    expectClose(
      pick(ours, 'k'),
      theirs.map((row) => row.k),
      6,
    );
    expectClose(
      pick(ours, 'd'),
      theirs.map((row) => row.d),
      6,
    );
  });

  it('ADX, +DI and -DI (Wilder)', () => {
    const ours = run(new AdxCalc(14));
    const theirs = ti.ADX.calculate({ period: 14, high, low, close });
    expectClose(
      pick(ours, 'adx'),
      theirs.map((row) => row.adx),
      6,
    );
    expectClose(
      pick(ours, 'plus_di'),
      theirs.map((row) => row.pdi),
      6,
    );
    expectClose(
      pick(ours, 'minus_di'),
      theirs.map((row) => row.mdi),
      6,
    );
  });

  it('OBV (the reference starts at the first change; ours reports 0 on the first bar)', () => {
    expectClose(pick(run(new ObvCalc()), 'value').slice(1), ti.OBV.calculate({ close, volume }), 0);
  });

  it('ROC', () => {
    expectClose(
      pick(run(new RocCalc(10, 'close')), 'value'),
      ti.ROC.calculate({ period: 10, values: close }),
      9,
    );
  });

  it('Keltner channel (EMA middle, ATR bands)', () => {
    const ours = run(new KeltnerCalc(20, 10, 2));
    const theirs = ti.KeltnerChannels.calculate({
      maPeriod: 20,
      atrPeriod: 10,
      useSMA: false,
      multiplier: 2,
      high,
      low,
      close,
    });
    expectClose(
      pick(ours, 'middle'),
      theirs.map((row) => row.middle),
      9,
    );
    expectClose(
      pick(ours, 'upper'),
      theirs.map((row) => row.upper),
      9,
    );
  });

  it('VWAP, cumulative', () => {
    expectClose(
      pick(run(new VwapCalc('never')), 'value'),
      ti.VWAP.calculate({ high, low, close, volume }),
      9,
    );
  });
});

describe('indicators checked by hand', () => {
  const bar = (high: number, low: number, close = (high + low) / 2, day = 0): PriceBar => ({
    open: close,
    high,
    low,
    close,
    volume: 100,
    timestamp: Date.UTC(2024, 0, 1) + day * 3_600_000,
  });

  it('Donchian uses the N bars before the current one', () => {
    const donchian = new DonchianCalc(3);
    const out = [bar(10, 5), bar(12, 6), bar(11, 4), bar(20, 9), bar(13, 12)].map((b) =>
      donchian.update(b),
    );
    expect(out.slice(0, 3)).toEqual([null, null, null]);
    expect(out[3]).toEqual({ upper: 12, lower: 4, middle: 8 });
    expect(out[4]).toEqual({ upper: 20, lower: 4, middle: 12 });
  });

  it('VWAP restarts each UTC day in session mode', () => {
    const vwap = new VwapCalc('session');
    expect(vwap.update(bar(12, 9, 9, 0))!.value).toBe(10);
    expect(vwap.update(bar(15, 12, 12, 1))!.value).toBe(11.5);
    expect(vwap.update(bar(30, 27, 27, 25))!.value).toBe(28);
  });
});
