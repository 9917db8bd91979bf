/**
 * Statistics, volume and structure, one bar at a time: standard deviation, z-score and linear
 * regression (TA-Lib's definitions), accumulation/distribution (TA-Lib) and Chaikin money flow
 * (pandas-ta), and classic floor pivot points (as ADMF-PC computes them).
 */
import {
  type Calculator,
  type Outputs,
  type PriceBar,
  type PriceSource,
  priceOf,
} from './calculators';
import { MovingSum, Window } from './window';

/** Mean and population standard deviation of a window. */
function moments(window: Window, n: number): { mean: number; sd: number } {
  const mean = window.sum() / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (window.at(i) - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / n) };
}

/** Population standard deviation of the last N prices (TA-Lib's STDDEV with 1 deviation). */
export class StdDevCalc implements Calculator {
  private readonly window: Window;
  constructor(
    private readonly period: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    this.window.push(priceOf(bar, this.source));
    if (!this.window.full) return null;
    return { value: moments(this.window, this.period).sd };
  }
}

/** Z-score: how many standard deviations the price is from its N-bar mean. */
export class ZScoreCalc implements Calculator {
  private readonly window: Window;
  constructor(
    private readonly period: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period);
  }
  update(bar: PriceBar): Outputs | null {
    const price = priceOf(bar, this.source);
    this.window.push(price);
    if (!this.window.full) return null;
    const { mean, sd } = moments(this.window, this.period);
    return { value: sd === 0 ? 0 : (price - mean) / sd, mean, sd };
  }
}

/**
 * Least-squares line through the last N prices (x = 0 … N − 1): its slope per bar, its value at
 * this bar (TA-Lib's LINEARREG) and the slope in percent of that value.
 */
export class LinRegCalc implements Calculator {
  private readonly window: Window;
  private readonly sumX: number;
  private readonly divisor: number;
  constructor(
    private readonly period: number,
    private readonly source: PriceSource,
  ) {
    this.window = new Window(period);
    const n = period;
    this.sumX = (n * (n - 1)) / 2;
    const sumX2 = ((n - 1) * n * (2 * n - 1)) / 6;
    this.divisor = n * sumX2 - this.sumX * this.sumX;
  }
  update(bar: PriceBar): Outputs | null {
    this.window.push(priceOf(bar, this.source));
    if (!this.window.full) return null;
    const n = this.period;
    let sumY = 0;
    let sumXY = 0;
    for (let i = 0; i < n; i++) {
      const y = this.window.at(i);
      sumY += y;
      sumXY += i * y;
    }
    const slope = this.divisor === 0 ? 0 : (n * sumXY - this.sumX * sumY) / this.divisor;
    const intercept = (sumY - slope * this.sumX) / n;
    const value = intercept + slope * (n - 1);
    return { slope, value, slope_pct: value === 0 ? 0 : (100 * slope) / value };
  }
}

/** Close location value × volume: where the close sits in the bar's range, −1 to 1. */
const moneyFlowVolume = (bar: PriceBar) =>
  bar.high === bar.low
    ? 0
    : ((bar.close - bar.low - (bar.high - bar.close)) / (bar.high - bar.low)) * bar.volume;

/** Accumulation/distribution line: the running sum of money flow volume. */
export class AccumulationCalc implements Calculator {
  private total = 0;
  update(bar: PriceBar): Outputs | null {
    this.total += moneyFlowVolume(bar);
    return { value: this.total };
  }
}

/** Chaikin money flow: Σ money flow volume / Σ volume over N bars. */
export class ChaikinMoneyFlowCalc implements Calculator {
  private readonly flow: MovingSum;
  private readonly volume: MovingSum;
  constructor(period: number) {
    this.flow = new MovingSum(period);
    this.volume = new MovingSum(period);
  }
  update(bar: PriceBar): Outputs | null {
    this.flow.push(moneyFlowVolume(bar));
    this.volume.push(bar.volume);
    if (!this.volume.ready) return null;
    return { value: this.volume.value === 0 ? 0 : this.flow.value / this.volume.value };
  }
}

const DAY_MS = 86_400_000;

/**
 * Classic floor pivots from the previous period's high, low and close: P = (H + L + C) / 3,
 * R1 = 2P − L, S1 = 2P − H, R2 = P + (H − L), S2 = P − (H − L), R3 = H + 2(P − L), S3 = L − 2(H − P).
 * The period is the previous bar (ADMF-PC's definition, the previous day on daily bars) or the
 * previous UTC day of intraday bars.
 */
export class PivotPointsCalc implements Calculator {
  private previous: { high: number; low: number; close: number } | null = null;
  private current: { high: number; low: number; close: number; day: number } | null = null;
  constructor(private readonly period: 'bar' | 'day') {}
  update(bar: PriceBar): Outputs | null {
    if (this.period === 'bar') {
      const previous = this.previous;
      this.previous = bar;
      return previous ? levels(previous) : null;
    }
    const day = Math.floor(bar.timestamp / DAY_MS);
    if (this.current && this.current.day !== day) this.previous = this.current;
    if (!this.current || this.current.day !== day)
      this.current = { high: bar.high, low: bar.low, close: bar.close, day };
    else {
      this.current.high = Math.max(this.current.high, bar.high);
      this.current.low = Math.min(this.current.low, bar.low);
      this.current.close = bar.close;
    }
    return this.previous ? levels(this.previous) : null;
  }
}

function levels({ high, low, close }: { high: number; low: number; close: number }): Outputs {
  const pivot = (high + low + close) / 3;
  return {
    pivot,
    r1: 2 * pivot - low,
    s1: 2 * pivot - high,
    r2: pivot + (high - low),
    s2: pivot - (high - low),
    r3: high + 2 * (pivot - low),
    s3: low - 2 * (high - pivot),
  };
}
