/**
 * The rules of ADMF-PC's strategy families (src/strategy/strategies/indicators in ADMF-PC): oscillator
 * thresholds and bands, crossovers of an indicator's two lines, channel breakouts and mean reversion,
 * VWAP deviation, pivot breakouts and bounces, regression slope and ADX trend strength. Each is a
 * pure rule in the convention of rules.ts: a direction, a strength and the zone its entry condition
 * points to, so `entry: cross` (the default) and `entry: state` work for all of them.
 */
import type { Direction } from '../../events';
import type { Rule } from './rules';

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const num = (params: Readonly<Record<string, unknown>>, key: string) => Number(params[key]);
const sideOf = (a: number, b: number): Direction | null => (a > b ? 1 : a < b ? -1 : null);

/**
 * Mean reversion between two levels: long below `low`, short above `high`, flat once the value is
 * back past `exit` (as rsi_threshold).
 */
function reversion(
  value: number,
  low: number,
  high: number,
  exit: number,
  previous: Direction,
  scale: number,
) {
  if (value < low)
    return {
      direction: 1 as Direction,
      strength: clamp01(0.5 + (low - value) / scale),
      zone: 1 as Direction,
    };
  if (value > high)
    return {
      direction: -1 as Direction,
      strength: clamp01(0.5 + (value - high) / scale),
      zone: -1 as Direction,
    };
  if ((previous === 1 && value >= exit) || (previous === -1 && value <= exit))
    return { direction: 0 as Direction, strength: 1, zone: 0 as Direction };
  return { direction: previous, strength: 0.5, zone: 0 as Direction };
}

/** An oscillator's levels read from the params: oversold, overbought, exit_level. */
const bands =
  (feature: string, output: string | null, scale: number): Rule =>
  ({ value, outputs, params, previous }) =>
    reversion(
      output ? (outputs(feature)[output] ?? Number.NaN) : value(feature),
      num(params, 'oversold'),
      num(params, 'overbought'),
      num(params, 'exit_level'),
      previous,
      scale,
    );

/** Two lines of one indicator: long while the first is above the second, short while below. */
const lines =
  (feature: string, a: string, b: string): Rule =>
  ({ outputs, previous }) => {
    const out = outputs(feature);
    const x = out[a] ?? Number.NaN;
    const y = out[b] ?? Number.NaN;
    const zone = sideOf(x, y);
    return {
      direction: zone ?? previous,
      strength: clamp01((5 * Math.abs(x - y)) / Math.max(1, Math.abs(y))),
      zone,
    };
  };

/** Breakout of a channel, flat once the close is back at its middle. */
const breakout =
  (feature: string): Rule =>
  ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN, middle = Number.NaN } = outputs(feature);
    const width = upper - lower;
    if (close > upper)
      return { direction: 1, strength: clamp01(0.5 + (close - upper) / width), zone: 1 };
    if (close < lower)
      return { direction: -1, strength: clamp01(0.5 + (lower - close) / width), zone: -1 };
    if ((previous === 1 && close <= middle) || (previous === -1 && close >= middle))
      return { direction: 0, strength: 1, zone: 0 };
    return { direction: previous, strength: 0.5, zone: 0 };
  };

/** Fading a channel: long below its lower band, short above the upper, flat back at the middle. */
const fade =
  (feature: string): Rule =>
  ({ outputs, close, previous }) => {
    const { upper = Number.NaN, lower = Number.NaN, middle = Number.NaN } = outputs(feature);
    return reversion(close, lower, upper, middle, previous, upper - lower);
  };

export const FAMILY_RULES: Readonly<Record<string, Rule>> = {
  /** CCI above the threshold: long; below: short (a zero-line cross by default). */
  cci_threshold: ({ value, params, previous }) => {
    const cci = value('cci');
    const threshold = num(params, 'threshold');
    const zone = sideOf(cci, threshold);
    return {
      direction: zone ?? previous,
      strength: clamp01(Math.abs(cci - threshold) / 100),
      zone,
    };
  },
  cci_bands: bands('cci', null, 100),
  williams_r_bands: bands('williams_r', null, 20),
  mfi_bands: bands('mfi', null, 20),
  stoch_rsi_bands: bands('stoch_rsi', 'k', 20),
  ultimate_oscillator_bands: bands('oscillator', null, 20),
  stochastic_crossover: lines('stochastic', 'k', 'd'),
  aroon_crossover: lines('aroon', 'up', 'down'),
  vortex_crossover: lines('vortex', 'plus', 'minus'),

  /** Supertrend's own direction. */
  supertrend_trend: ({ outputs, close }) => {
    const { direction = Number.NaN, value = Number.NaN } = outputs('supertrend');
    const zone: Direction = direction > 0 ? 1 : -1;
    return { direction: zone, strength: clamp01((20 * Math.abs(close - value)) / close), zone };
  },
  /** Long while the close is above the SAR, short while below. */
  psar_trend: ({ value, close, previous }) => {
    const sar = value('sar');
    const zone = sideOf(close, sar);
    return {
      direction: zone ?? previous,
      strength: clamp01((20 * Math.abs(close - sar)) / close),
      zone,
    };
  },

  keltner_breakout: breakout('channel'),
  bollinger_breakout: breakout('bands'),
  keltner_bands: fade('channel'),

  /** Long when the close is band_pct below VWAP, short when above, flat back at VWAP. */
  vwap_deviation: ({ value, close, params, previous }) => {
    const vwap = value('vwap');
    const band = num(params, 'band_pct') / 100;
    return reversion(close, vwap * (1 - band), vwap * (1 + band), vwap, previous, vwap * band * 4);
  },

  /** ADMF-PC's pivot_points: long above R1, short below S1, flat between. */
  pivot_breakout: ({ outputs, close }) => {
    const { r1 = Number.NaN, s1 = Number.NaN, pivot = Number.NaN } = outputs('pivots');
    const zone: Direction = close > r1 ? 1 : close < s1 ? -1 : 0;
    return {
      direction: zone,
      strength: clamp01(Math.abs(close - pivot) / Math.max(1e-9, r1 - s1)),
      zone,
    };
  },
  /** Bounce off S1 or R1: long near S1 (above S2), short near R1 (below R2), flat at the pivot. */
  pivot_bounce: ({ outputs, close, params, previous }) => {
    const {
      pivot = Number.NaN,
      r1 = Number.NaN,
      s1 = Number.NaN,
      r2 = Number.NaN,
      s2 = Number.NaN,
    } = outputs('pivots');
    const touch = num(params, 'touch_pct') / 100;
    const zone: Direction =
      close <= s1 * (1 + touch) && close > s2
        ? 1
        : close >= r1 * (1 - touch) && close < r2
          ? -1
          : 0;
    if (zone !== 0) return { direction: zone, strength: 0.5, zone };
    if ((previous === 1 && close >= pivot) || (previous === -1 && close <= pivot))
      return { direction: 0, strength: 1, zone };
    if ((previous === 1 && close <= s2) || (previous === -1 && close >= r2))
      return { direction: 0, strength: 1, zone };
    return { direction: previous, strength: 0.5, zone };
  },

  /** Long while the regression slope (percent of price per bar) is above the threshold, short below minus it. */
  linreg_slope: ({ outputs, params }) => {
    const slope = outputs('regression').slope_pct ?? Number.NaN;
    const threshold = num(params, 'threshold');
    const zone: Direction = slope > threshold ? 1 : slope < -threshold ? -1 : 0;
    return { direction: zone, strength: clamp01(Math.abs(slope) / (4 * threshold + 0.2)), zone };
  },
  /** A trend strong enough (ADX above the threshold) in the direction of the larger DI; flat otherwise. */
  adx_trend_strength: ({ outputs, params }) => {
    const { adx = Number.NaN, plus_di = Number.NaN, minus_di = Number.NaN } = outputs('adx');
    const threshold = num(params, 'threshold');
    const zone: Direction =
      adx > threshold ? (plus_di > minus_di ? 1 : plus_di < minus_di ? -1 : 0) : 0;
    return { direction: zone, strength: clamp01(adx / 50), zone };
  },
};
