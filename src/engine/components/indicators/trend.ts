/**
 * Trend indicators, one bar at a time: Aroon, Parabolic SAR and DEMA/TEMA as TA-Lib defines them,
 * Supertrend as pandas-ta (the classic definition), Ichimoku as technicalindicators, the vortex
 * indicator. Each is checked against its reference in calculators-more.test.ts.
 */
import {
  AtrCalc,
  type Calculator,
  Ema,
  type Outputs,
  type PriceBar,
  type PriceSource,
  priceOf,
  TrueRange,
} from './calculators';
import { MovingSum, Window } from './window';

/**
 * Aroon over N bars (the window holds N + 1 bars, as TA-Lib): 100 × (N − bars since the highest
 * high) / N, the same for the lowest low; the oscillator is up − down. Ties go to the latest bar.
 */
export class AroonCalc implements Calculator {
  private readonly highs: Window;
  private readonly lows: Window;
  constructor(private readonly period: number) {
    this.highs = new Window(period + 1);
    this.lows = new Window(period + 1);
  }
  update(bar: PriceBar): Outputs | null {
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (!this.highs.full) return null;
    let highAt = 0;
    let lowAt = 0;
    for (let i = 1; i <= this.period; i++) {
      if (this.highs.at(i) >= this.highs.at(highAt)) highAt = i;
      if (this.lows.at(i) <= this.lows.at(lowAt)) lowAt = i;
    }
    const up = (100 * highAt) / this.period;
    const down = (100 * lowAt) / this.period;
    return { up, down, oscillator: up - down };
  }
}

/**
 * Wilder's Parabolic SAR as TA-Lib computes it: the first direction from the first two bars' −DM,
 * the acceleration factor growing by `step` at each new extreme up to `max`, the SAR never inside
 * the last two bars' range. Outputs the SAR and the direction (1 rising, −1 falling).
 */
export class ParabolicSarCalc implements Calculator {
  private first: PriceBar | null = null;
  private started = false;
  private long = true;
  private sar = 0;
  private ep = 0;
  private af = 0;
  private newHigh = 0;
  private newLow = 0;
  constructor(
    private readonly step: number,
    private readonly max: number,
  ) {
    this.af = step;
  }
  update(bar: PriceBar): Outputs | null {
    if (this.first === null) {
      this.first = bar;
      return null;
    }
    if (!this.started) {
      this.started = true;
      const plusDm = bar.high - this.first.high;
      const minusDm = this.first.low - bar.low;
      this.long = !(minusDm > 0 && plusDm < minusDm);
      this.ep = this.long ? bar.high : bar.low;
      this.sar = this.long ? this.first.low : this.first.high;
      this.newHigh = bar.high;
      this.newLow = bar.low;
    }
    const prevHigh = this.newHigh;
    const prevLow = this.newLow;
    this.newHigh = bar.high;
    this.newLow = bar.low;
    let out: number;
    if (this.long) {
      if (this.newLow <= this.sar) {
        this.long = false;
        this.sar = Math.max(this.ep, prevHigh, this.newHigh);
        out = this.sar;
        this.af = this.step;
        this.ep = this.newLow;
        this.sar = Math.max(this.sar + this.af * (this.ep - this.sar), prevHigh, this.newHigh);
      } else {
        out = this.sar;
        if (this.newHigh > this.ep) {
          this.ep = this.newHigh;
          this.af = Math.min(this.max, this.af + this.step);
        }
        this.sar = Math.min(this.sar + this.af * (this.ep - this.sar), prevLow, this.newLow);
      }
    } else if (this.newHigh >= this.sar) {
      this.long = true;
      this.sar = Math.min(this.ep, prevLow, this.newLow);
      out = this.sar;
      this.af = this.step;
      this.ep = this.newHigh;
      this.sar = Math.min(this.sar + this.af * (this.ep - this.sar), prevLow, this.newLow);
    } else {
      out = this.sar;
      if (this.newLow < this.ep) {
        this.ep = this.newLow;
        this.af = Math.min(this.max, this.af + this.step);
      }
      this.sar = Math.max(this.sar + this.af * (this.ep - this.sar), prevHigh, this.newHigh);
    }
    // The direction of the SAR given for this bar: below the bar while rising.
    return { value: out, direction: out <= bar.low ? 1 : -1 };
  }
}

/**
 * Supertrend: bands `multiplier` ATRs around (high + low) / 2; the lower band only rises while the
 * trend is up, the upper only falls while it is down; the trend turns when the close crosses the
 * previous bar's band. Outputs the line in force, the direction, and both bands.
 */
export class SupertrendCalc implements Calculator {
  private readonly atr: AtrCalc;
  private upper = Number.NaN;
  private lower = Number.NaN;
  private direction = 1;
  constructor(
    period: number,
    private readonly multiplier: number,
  ) {
    this.atr = new AtrCalc(period);
  }
  update(bar: PriceBar): Outputs | null {
    const atr = this.atr.update(bar)?.value;
    if (atr === undefined) return null;
    const middle = (bar.high + bar.low) / 2;
    let upper = middle + this.multiplier * atr;
    let lower = middle - this.multiplier * atr;
    if (!Number.isNaN(this.upper)) {
      if (bar.close > this.upper) this.direction = 1;
      else if (bar.close < this.lower) this.direction = -1;
      else {
        if (this.direction > 0 && lower < this.lower) lower = this.lower;
        if (this.direction < 0 && upper > this.upper) upper = this.upper;
      }
    }
    this.upper = upper;
    this.lower = lower;
    return {
      value: this.direction > 0 ? lower : upper,
      direction: this.direction,
      upper,
      lower,
    };
  }
}

/**
 * Ichimoku: conversion (tenkan) and base (kijun) lines, the midpoints of the highest high and
 * lowest low over their periods; span A their mean and span B the midpoint over `span`, both as of
 * this bar (charts draw them `displacement` bars ahead); the lagging line is this close.
 */
export class IchimokuCalc implements Calculator {
  private readonly windows: { highs: Window; lows: Window }[];
  constructor(conversion: number, base: number, span: number) {
    this.windows = [conversion, base, span].map((n) => ({
      highs: new Window(n),
      lows: new Window(n),
    }));
  }
  update(bar: PriceBar): Outputs | null {
    for (const { highs, lows } of this.windows) {
      highs.push(bar.high);
      lows.push(bar.low);
    }
    if (!this.windows.every((w) => w.highs.full)) return null;
    const [conversion, base, spanB] = this.windows.map(
      ({ highs, lows }) => (highs.max() + lows.min()) / 2,
    ) as [number, number, number];
    return {
      conversion,
      base,
      span_a: (conversion + base) / 2,
      span_b: spanB,
      lagging: bar.close,
    };
  }
}

/** Vortex indicator: Σ|high − previous low| and Σ|low − previous high| over Σ true range, N bars. */
export class VortexCalc implements Calculator {
  private readonly plus: MovingSum;
  private readonly minus: MovingSum;
  private readonly range: MovingSum;
  private readonly tr = new TrueRange();
  private previous: PriceBar | null = null;
  constructor(period: number) {
    this.plus = new MovingSum(period);
    this.minus = new MovingSum(period);
    this.range = new MovingSum(period);
  }
  update(bar: PriceBar): Outputs | null {
    const previous = this.previous;
    this.previous = bar;
    const tr = this.tr.update(bar);
    if (previous === null || tr === null) return null;
    this.plus.push(Math.abs(bar.high - previous.low));
    this.minus.push(Math.abs(bar.low - previous.high));
    this.range.push(tr);
    if (!this.range.ready) return null;
    const total = this.range.value;
    const plus = total === 0 ? 0 : this.plus.value / total;
    const minus = total === 0 ? 0 : this.minus.value / total;
    return { plus, minus, difference: plus - minus };
  }
}

/** Double (2E − E(E)) or triple (3E − 3E(E) + E(E(E))) exponential average, each EMA SMA-seeded. */
export class MultiEmaCalc implements Calculator {
  private readonly emas: Ema[];
  constructor(
    period: number,
    private readonly depth: 2 | 3,
    private readonly source: PriceSource,
  ) {
    this.emas = Array.from({ length: depth }, () => new Ema(period));
  }
  update(bar: PriceBar): Outputs | null {
    const values: number[] = [];
    let input: number | null = priceOf(bar, this.source);
    for (const ema of this.emas) {
      input = input === null ? null : ema.update(input);
      if (input === null) return null;
      values.push(input);
    }
    const [e1, e2, e3] = values as [number, number, number];
    return { value: this.depth === 2 ? 2 * e1 - e2 : 3 * e1 - 3 * e2 + e3 };
  }
}
