import { describe, expect, it } from 'vitest';
import { findComponent } from '../../catalogue';
import type { Direction } from '../../events';
import { divergenceRules } from '../rules/presets';
import { FAMILY_RULES } from './families';

function decide(
  rule: string,
  values: Record<string, number | Record<string, number>>,
  close: number,
  previous: Direction,
  params = {},
) {
  return FAMILY_RULES[rule]!({
    value: (param) => values[param] as number,
    outputs: (param) => values[param] as Record<string, number>,
    close,
    params,
    previous,
  });
}

describe('ADMF-PC strategy families', () => {
  it('oscillator bands enter beyond a level and exit back past the exit level', () => {
    const levels = { oversold: -80, overbought: -20, exit_level: -50 };
    expect(decide('williams_r_bands', { williams_r: -90 }, 1, 0, levels)).toMatchObject({
      direction: 1,
      zone: 1,
    });
    expect(decide('williams_r_bands', { williams_r: -60 }, 1, 1, levels).direction).toBe(1);
    expect(decide('williams_r_bands', { williams_r: -45 }, 1, 1, levels).direction).toBe(0);
    expect(decide('williams_r_bands', { williams_r: -10 }, 1, 0, levels)).toMatchObject({
      direction: -1,
      zone: -1,
    });
    expect(
      decide('stoch_rsi_bands', { stoch_rsi: { k: 10, d: 30 } }, 1, 0, {
        oversold: 20,
        overbought: 80,
        exit_level: 50,
      }).direction,
    ).toBe(1);
  });

  it('breakouts hold until the middle, fades exit at the middle', () => {
    const channel = { channel: { upper: 110, middle: 100, lower: 90 } };
    expect(decide('keltner_breakout', channel, 111, 0).direction).toBe(1);
    expect(decide('keltner_breakout', channel, 101, 1).direction).toBe(1);
    expect(decide('keltner_breakout', channel, 99, 1).direction).toBe(0);
    expect(decide('keltner_bands', channel, 89, 0).direction).toBe(1);
    expect(decide('keltner_bands', channel, 100.5, 1).direction).toBe(0);
  });

  it('pivots, VWAP deviation, slope and ADX', () => {
    const pivots = { pivots: { pivot: 100, r1: 105, s1: 95, r2: 110, s2: 90 } };
    expect(decide('pivot_breakout', pivots, 106, 0).direction).toBe(1);
    expect(decide('pivot_breakout', pivots, 100, 1).direction).toBe(0);
    expect(decide('pivot_bounce', pivots, 95.1, 0, { touch_pct: 0.2 }).direction).toBe(1);
    expect(decide('pivot_bounce', pivots, 100.2, 1, { touch_pct: 0.2 }).direction).toBe(0);
    expect(decide('vwap_deviation', { vwap: 100 }, 99.4, 0, { band_pct: 0.5 }).direction).toBe(1);
    expect(decide('vwap_deviation', { vwap: 100 }, 100.1, 1, { band_pct: 0.5 }).direction).toBe(0);
    expect(
      decide('linreg_slope', { regression: { slope_pct: 0.2 } }, 1, 0, { threshold: 0.05 })
        .direction,
    ).toBe(1);
    expect(
      decide('adx_trend_strength', { adx: { adx: 30, plus_di: 10, minus_di: 20 } }, 1, 0, {
        threshold: 25,
      }).direction,
    ).toBe(-1);
    expect(
      decide('adx_trend_strength', { adx: { adx: 20, plus_di: 10, minus_di: 20 } }, 1, -1, {
        threshold: 25,
      }).direction,
    ).toBe(0);
  });

  it('a divergence is written as rule expressions over the oscillator the user picks', () => {
    const spec = findComponent('macd_histogram_divergence')!;
    const rules = divergenceRules(spec, {
      oscillator: 'MACD_12_26_9',
      lookback: 15,
      oversold: 0,
      overbought: 0,
      exit_level: 0,
    });
    expect(rules.long_entry).toBe(
      'close < lowest(close[1], 15) and MACD_12_26_9.histogram > lowest(MACD_12_26_9.histogram[1], 15) and MACD_12_26_9.histogram < 0',
    );
    expect(rules.short_exit).toBe('MACD_12_26_9.histogram <= 0');
  });
});
