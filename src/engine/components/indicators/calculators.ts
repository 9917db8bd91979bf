/**
 * The indicators' arithmetic, one bar at a time. Each calculator takes a bar and returns its
 * outputs once it has seen enough bars (null while warming up). Definitions follow the
 * references cited in docs/engine-semantics.md and checked in calculators.test.ts.
 */
import { MovingSum, Window } from './window';

export interface PriceBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly timestamp: number;
}

export type Outputs = Record<string, number>;

export interface Calculator {
  update(bar: PriceBar): Outputs | null;
}

export type PriceSource = 'close' | 'open' | 'high' | 'low' | 'hl2' | 'hlc3' | 'ohlc4';

export function priceOf(bar: PriceBar, source: PriceSource): number {
  switch (source) {
    case 'close':
      return bar.close;
    case 'open':
      return bar.open;
    case 'high':
      return bar.high;
    case 'low':
      return bar.low;
    case 'hl2':
      return (bar.high + bar.low) / 2;
    case 'hlc3':
      return (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return (bar.open + bar.high + bar.low + bar.close) / 4;
  }
}

/** Simple moving average of a stream of numbers. */
export class Sma {
  private readonly sum: MovingSum;
  constructor(private readonly period: number) {
    this.sum = new MovingSum(period);
  }
  update(value: number): number | null {
    this.sum.push(value);
    return this.sum.ready ? this.sum.value / this.period : null;
  }
}

/** Exponential moving average, alpha = 2 / (N + 1), seeded with the SMA of the first N values. */
export class Ema {
  private readonly alpha: number;
  private readonly seed: Sma;
  private current: number | null = null;
  constructor(period: number, alpha = 2 / (period + 1)) {
    this.alpha = alpha;
    this.seed = new Sma(period);
  }
  update(value: number): number | null {
    if (this.current === null) {
      this.current = this.seed.update(value);
      return this.current;
    }
    this.current += this.alpha * (value - this.current);
    return this.current;
  }
}

/** Wilder's smoothing: an EMA with alpha = 1 / N, seeded with the SMA of the first N values. */
export const wilder = (period: number) => new Ema(period, 1 / period);

export class SmaCalc implements Calculator {
  private readonly sma: Sma;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.sma = new Sma(period);
  }
  update(bar: PriceBar): Outputs | null {
    const value = this.sma.update(priceOf(bar, this.source));
    return value === null ? null : { value };
  }
}

export class EmaCalc implements Calculator {
  private readonly ema: Ema;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.ema = new Ema(period);
  }
  update(bar: PriceBar): Outputs | null {
    const value = this.ema.update(priceOf(bar, this.source));
    return value === null ? null : { value };
  }
}

export class WmaCalc implements Calculator {
  private readonly window: Window;
  private readonly weights: number;
  constructor(
    private readonly period: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period);
    this.weights = (period * (period + 1)) / 2;
  }
  update(bar: PriceBar): Outputs | null {
    this.window.push(priceOf(bar, this.source));
    if (!this.window.full) return null;
    let total = 0;
    for (let i = 0; i < this.period; i++) total += this.window.at(i) * (i + 1);
    return { value: total / this.weights };
  }
}

/** Wilder's RSI: averages of gains and losses smoothed with alpha 1/N, seeded with their SMA. */
export class RsiCalc implements Calculator {
  private readonly gains: Ema;
  private readonly losses: Ema;
  private previous: number | null = null;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.gains = wilder(period);
    this.losses = wilder(period);
  }
  update(bar: PriceBar): Outputs | null {
    const price = priceOf(bar, this.source);
    const previous = this.previous;
    this.previous = price;
    if (previous === null) return null;
    const change = price - previous;
    const gain = this.gains.update(Math.max(change, 0));
    const loss = this.losses.update(Math.max(-change, 0));
    if (gain === null || loss === null) return null;
    if (loss === 0) return { value: gain === 0 ? 50 : 100 };
    return { value: 100 - 100 / (1 + gain / loss) };
  }
}

export class MacdCalc implements Calculator {
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly signal: Ema;
  constructor(
    fast: number,
    slow: number,
    signal: number,
    private readonly source: PriceSource,
  ) {
    this.fast = new Ema(fast);
    this.slow = new Ema(slow);
    this.signal = new Ema(signal);
  }
  update(bar: PriceBar): Outputs | null {
    const price = priceOf(bar, this.source);
    const fast = this.fast.update(price);
    const slow = this.slow.update(price);
    if (fast === null || slow === null) return null;
    const macd = fast - slow;
    const signal = this.signal.update(macd);
    if (signal === null) return null;
    return { macd, signal, histogram: macd - signal };
  }
}

/** Bollinger Bands with the population standard deviation of the window. */
export class BollingerCalc implements Calculator {
  private readonly window: Window;
  constructor(
    private readonly period: number,
    private readonly k: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    const price = priceOf(bar, this.source);
    this.window.push(price);
    if (!this.window.full) return null;
    const middle = this.window.sum() / this.period;
    let squares = 0;
    for (let i = 0; i < this.period; i++) squares += (this.window.at(i) - middle) ** 2;
    const deviation = Math.sqrt(squares / this.period);
    const upper = middle + this.k * deviation;
    const lower = middle - this.k * deviation;
    return {
      middle,
      upper,
      lower,
      bandwidth: middle === 0 ? 0 : (upper - lower) / middle,
      percent_b: upper === lower ? 0.5 : (price - lower) / (upper - lower),
    };
  }
}

/** True range: the bar's range widened to include the previous close. */
export class TrueRange {
  private previousClose: number | null = null;
  /** The first bar has no previous close: its true range is null (as in TA-Lib). */
  update(bar: PriceBar): number | null {
    const previous = this.previousClose;
    this.previousClose = bar.close;
    if (previous === null) return null;
    return Math.max(
      bar.high - bar.low,
      Math.abs(bar.high - previous),
      Math.abs(bar.low - previous),
    );
  }
}

/** Wilder's ATR: true range smoothed with alpha 1/N, seeded with the SMA of the first N ranges. */
export class AtrCalc implements Calculator {
  private readonly range = new TrueRange();
  private readonly average: Ema;
  constructor(period: number) {
    this.average = wilder(period);
  }
  update(bar: PriceBar): Outputs | null {
    const range = this.range.update(bar);
    if (range === null) return null;
    const value = this.average.update(range);
    return value === null ? null : { value };
  }
}

/** Slow stochastic: raw %K over K bars, smoothed by an SMA of S bars; %D is an SMA of D bars of it. */
export class StochasticCalc implements Calculator {
  private readonly highs: Window;
  private readonly lows: Window;
  private readonly smooth: Sma;
  private readonly d: Sma;
  constructor(kPeriod: number, dPeriod: number, smooth: number) {
    this.highs = new Window(kPeriod);
    this.lows = new Window(kPeriod);
    this.smooth = new Sma(smooth);
    this.d = new Sma(dPeriod);
  }
  update(bar: PriceBar): Outputs | null {
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (!this.highs.full) return null;
    const highest = this.highs.max();
    const lowest = this.lows.min();
    const raw = highest === lowest ? 50 : (100 * (bar.close - lowest)) / (highest - lowest);
    const k = this.smooth.update(raw);
    if (k === null) return null;
    const d = this.d.update(k);
    return d === null ? null : { k, d };
  }
}

/** Donchian channel of the N bars before this one. */
export class DonchianCalc implements Calculator {
  private readonly highs: Window;
  private readonly lows: Window;
  constructor(period: number) {
    this.highs = new Window(period);
    this.lows = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    const ready = this.highs.full;
    const upper = this.highs.max();
    const lower = this.lows.min();
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (!ready) return null;
    return { middle: (upper + lower) / 2, upper, lower };
  }
}

/** Keltner channel: EMA of the close with bands `multiplier` ATRs away. */
export class KeltnerCalc implements Calculator {
  private readonly ema: Ema;
  private readonly atr: AtrCalc;
  constructor(
    period: number,
    atrPeriod: number,
    private readonly multiplier: number,
  ) {
    this.ema = new Ema(period);
    this.atr = new AtrCalc(atrPeriod);
  }
  update(bar: PriceBar): Outputs | null {
    const middle = this.ema.update(bar.close);
    const atr = this.atr.update(bar);
    if (middle === null || atr === null) return null;
    const width = this.multiplier * atr.value!;
    return { middle, upper: middle + width, lower: middle - width };
  }
}

/**
 * Wilder's ADX: +DM, -DM and true range smoothed by Wilder's running sum (first value the sum of N),
 * DI = 100 × DM / TR, DX = 100 × |+DI − −DI| / (+DI + −DI), ADX = Wilder average of DX.
 */
export class AdxCalc implements Calculator {
  private previous: PriceBar | null = null;
  private readonly range = new TrueRange();
  private count = 0;
  private trSum = 0;
  private plusSum = 0;
  private minusSum = 0;
  private readonly dx: Ema;
  constructor(private readonly period: number) {
    this.dx = wilder(period);
  }
  update(bar: PriceBar): Outputs | null {
    const previous = this.previous;
    this.previous = bar;
    const tr = this.range.update(bar);
    if (previous === null || tr === null) return null;
    const up = bar.high - previous.high;
    const down = previous.low - bar.low;
    const plusDm = up > down && up > 0 ? up : 0;
    const minusDm = down > up && down > 0 ? down : 0;
    const n = this.period;
    if (this.count < n) {
      this.trSum += tr;
      this.plusSum += plusDm;
      this.minusSum += minusDm;
      this.count++;
      if (this.count < n) return null;
    } else {
      this.trSum = this.trSum - this.trSum / n + tr;
      this.plusSum = this.plusSum - this.plusSum / n + plusDm;
      this.minusSum = this.minusSum - this.minusSum / n + minusDm;
    }
    const plusDi = this.trSum === 0 ? 0 : (100 * this.plusSum) / this.trSum;
    const minusDi = this.trSum === 0 ? 0 : (100 * this.minusSum) / this.trSum;
    const total = plusDi + minusDi;
    const dx = total === 0 ? 0 : (100 * Math.abs(plusDi - minusDi)) / total;
    const adx = this.dx.update(dx);
    return adx === null ? null : { adx, plus_di: plusDi, minus_di: minusDi };
  }
}

/** On-balance volume, starting at 0 on the first bar. */
export class ObvCalc implements Calculator {
  private previousClose: number | null = null;
  private total = 0;
  update(bar: PriceBar): Outputs | null {
    if (this.previousClose !== null) {
      if (bar.close > this.previousClose) this.total += bar.volume;
      else if (bar.close < this.previousClose) this.total -= bar.volume;
    }
    this.previousClose = bar.close;
    return { value: this.total };
  }
}

const DAY_MS = 86_400_000;

/** VWAP of the typical price, cumulative or restarted at each UTC day. */
export class VwapCalc implements Calculator {
  private day = Number.NaN;
  private priceVolume = 0;
  private volume = 0;
  constructor(private readonly reset: 'session' | 'never') {}
  update(bar: PriceBar): Outputs | null {
    const day = Math.floor(bar.timestamp / DAY_MS);
    if (this.reset === 'session' && day !== this.day) {
      this.priceVolume = 0;
      this.volume = 0;
    }
    this.day = day;
    const typical = (bar.high + bar.low + bar.close) / 3;
    this.priceVolume += typical * bar.volume;
    this.volume += bar.volume;
    return { value: this.volume === 0 ? typical : this.priceVolume / this.volume };
  }
}

/** Rate of change in percent over N bars. */
export class RocCalc implements Calculator {
  private readonly window: Window;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period + 1);
  }
  update(bar: PriceBar): Outputs | null {
    const price = priceOf(bar, this.source);
    this.window.push(price);
    if (!this.window.full) return null;
    const past = this.window.at(0);
    return { value: past === 0 ? 0 : 100 * (price / past - 1) };
  }
}
