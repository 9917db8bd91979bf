/**
 * Oscillators, one bar at a time, as TA-Lib defines them (checked against TA-Lib itself in
 * calculators-more.test.ts): CCI, Williams %R, MFI, the ultimate oscillator, stochastic RSI, TRIX,
 * CMO and the awesome oscillator.
 */
import {
  type Calculator,
  Ema,
  type Outputs,
  type PriceBar,
  type PriceSource,
  priceOf,
  RsiCalc,
  Sma,
} from './calculators';
import { MovingSum, Window } from './window';

const typical = (bar: PriceBar) => (bar.high + bar.low + bar.close) / 3;

/** Commodity channel index: (TP − SMA(TP)) / (0.015 × mean absolute deviation of TP). */
export class CciCalc implements Calculator {
  private readonly window: Window;
  constructor(private readonly period: number) {
    this.window = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    const tp = typical(bar);
    this.window.push(tp);
    if (!this.window.full) return null;
    const mean = this.window.sum() / this.period;
    let deviation = 0;
    for (let i = 0; i < this.period; i++) deviation += Math.abs(this.window.at(i) - mean);
    deviation /= this.period;
    return { value: deviation === 0 ? 0 : (tp - mean) / (0.015 * deviation) };
  }
}

/** Williams %R: −100 × (highest high − close) / (highest high − lowest low), from −100 to 0. */
export class WilliamsRCalc implements Calculator {
  private readonly highs: Window;
  private readonly lows: Window;
  constructor(period: number) {
    this.highs = new Window(period);
    this.lows = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (!this.highs.full) return null;
    const high = this.highs.max();
    const low = this.lows.min();
    return { value: high === low ? 0 : (-100 * (high - bar.close)) / (high - low) };
  }
}

/** Money flow index: 100 × positive money flow / all money flow over N typical-price changes. */
export class MfiCalc implements Calculator {
  private readonly positive: MovingSum;
  private readonly negative: MovingSum;
  private previous: number | null = null;
  constructor(period: number) {
    this.positive = new MovingSum(period);
    this.negative = new MovingSum(period);
  }
  update(bar: PriceBar): Outputs | null {
    const tp = typical(bar);
    const previous = this.previous;
    this.previous = tp;
    if (previous === null) return null;
    const flow = tp * bar.volume;
    this.positive.push(tp > previous ? flow : 0);
    this.negative.push(tp < previous ? flow : 0);
    if (!this.positive.ready) return null;
    const total = this.positive.value + this.negative.value;
    // As TA-Lib: less than one unit of money flow in the window reads 0.
    return { value: total < 1 ? 0 : (100 * this.positive.value) / total };
  }
}

/** Ultimate oscillator: buying pressure over true range on three windows, weighted 4:2:1. */
export class UltimateCalc implements Calculator {
  private readonly pressure: MovingSum[];
  private readonly range: MovingSum[];
  private previousClose: number | null = null;
  constructor(periods: readonly [number, number, number]) {
    this.pressure = periods.map((p) => new MovingSum(p));
    this.range = periods.map((p) => new MovingSum(p));
  }
  update(bar: PriceBar): Outputs | null {
    const previous = this.previousClose;
    this.previousClose = bar.close;
    if (previous === null) return null;
    const low = Math.min(bar.low, previous);
    const bp = bar.close - low;
    const tr = Math.max(bar.high, previous) - low;
    for (let i = 0; i < 3; i++) {
      this.pressure[i]!.push(bp);
      this.range[i]!.push(tr);
    }
    if (!this.pressure.every((sum) => sum.ready)) return null;
    const average = (i: number) =>
      this.range[i]!.value === 0 ? 0 : this.pressure[i]!.value / this.range[i]!.value;
    return { value: (100 * (4 * average(0) + 2 * average(1) + average(2))) / 7 };
  }
}

/** Stochastic RSI: the stochastic of RSI over its own range; %K smoothed by an SMA, %D its SMA. */
export class StochRsiCalc implements Calculator {
  private readonly rsi: RsiCalc;
  private readonly window: Window;
  private readonly k: Sma;
  private readonly d: Sma;
  constructor(rsiPeriod: number, stochPeriod: number, smoothK: number, smoothD: number) {
    this.rsi = new RsiCalc(rsiPeriod, 'close');
    this.window = new Window(stochPeriod);
    this.k = new Sma(smoothK);
    this.d = new Sma(smoothD);
  }
  update(bar: PriceBar): Outputs | null {
    const rsi = this.rsi.update(bar)?.value;
    if (rsi === undefined) return null;
    this.window.push(rsi);
    if (!this.window.full) return null;
    const high = this.window.max();
    const low = this.window.min();
    const raw = high === low ? 0 : (100 * (rsi - low)) / (high - low);
    const k = this.k.update(raw);
    if (k === null) return null;
    const d = this.d.update(k);
    return d === null ? null : { k, d };
  }
}

/** TRIX: the one-bar rate of change, in percent, of a triple exponential average. */
export class TrixCalc implements Calculator {
  private readonly emas: [Ema, Ema, Ema];
  private previous: number | null = null;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.emas = [new Ema(period), new Ema(period), new Ema(period)];
  }
  update(bar: PriceBar): Outputs | null {
    const one = this.emas[0].update(priceOf(bar, this.source));
    const two = one === null ? null : this.emas[1].update(one);
    const three = two === null ? null : this.emas[2].update(two);
    if (three === null) return null;
    const previous = this.previous;
    this.previous = three;
    if (previous === null) return null;
    return { value: previous === 0 ? 0 : 100 * (three / previous - 1) };
  }
}

/** Chande momentum oscillator: 100 × (gains − losses) / (gains + losses), Wilder-smoothed as TA-Lib. */
export class CmoCalc implements Calculator {
  private readonly gains: Ema;
  private readonly losses: Ema;
  private previous: number | null = null;
  constructor(
    period: number,
    private readonly source: PriceSource,
  ) {
    this.gains = new Ema(period, 1 / period);
    this.losses = new Ema(period, 1 / period);
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
    return { value: gain + loss === 0 ? 0 : (100 * (gain - loss)) / (gain + loss) };
  }
}

/** Awesome oscillator: SMA(5) − SMA(34) of the median price (high + low) / 2. */
export class AwesomeCalc implements Calculator {
  private readonly fast: Sma;
  private readonly slow: Sma;
  constructor(fast: number, slow: number) {
    this.fast = new Sma(fast);
    this.slow = new Sma(slow);
  }
  update(bar: PriceBar): Outputs | null {
    const median = (bar.high + bar.low) / 2;
    const fast = this.fast.update(median);
    const slow = this.slow.update(median);
    return fast === null || slow === null ? null : { value: fast - slow };
  }
}
