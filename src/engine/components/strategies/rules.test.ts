import { describe, expect, it } from 'vitest';
import type { Direction } from '../../events';
import { RULES } from './rules';

function decide(
  rule: string,
  values: Record<string, number | Record<string, number>>,
  close: number,
  previous: Direction,
  params = {},
) {
  return RULES[rule]!({
    value: (param) => values[param] as number,
    outputs: (param) => values[param] as Record<string, number>,
    close,
    params,
    previous,
  });
}

describe('strategy rules', () => {
  it('crossovers follow the faster average', () => {
    expect(decide('sma_crossover', { fast: 11, slow: 10 }, 11, 0)).toMatchObject({ direction: 1 });
    expect(decide('sma_crossover', { fast: 9, slow: 10 }, 9, 1)).toMatchObject({ direction: -1 });
    expect(decide('ema_crossover', { fast: 10, slow: 10 }, 10, -1)).toMatchObject({
      direction: -1,
    });
    expect(decide('sma_crossover', { fast: 10.2, slow: 10 }, 10, 0).strength).toBeCloseTo(1, 12);
  });

  it('MACD crossover reads the MACD and signal lines', () => {
    expect(
      decide('macd_crossover', { macd: { macd: 1, signal: 0.5, histogram: 0.5 } }, 100, 0),
    ).toEqual({ direction: 1, strength: 1, zone: 1 });
    expect(
      decide('macd_crossover', { macd: { macd: -1, signal: -0.9, histogram: -0.1 } }, 100, 1),
    ).toMatchObject({ direction: -1 });
  });

  it('RSI threshold enters at the extremes and exits at the exit level', () => {
    const params = { oversold: 30, overbought: 70, exit_level: 50 };
    expect(decide('rsi_threshold', { rsi: 25 }, 1, 0, params).direction).toBe(1);
    expect(decide('rsi_threshold', { rsi: 45 }, 1, 1, params).direction).toBe(1);
    expect(decide('rsi_threshold', { rsi: 55 }, 1, 1, params).direction).toBe(0);
    expect(decide('rsi_threshold', { rsi: 75 }, 1, 0, params).direction).toBe(-1);
    expect(decide('rsi_threshold', { rsi: 45 }, 1, -1, params).direction).toBe(0);
  });

  it('Bollinger mean reversion fades the bands and exits at the middle', () => {
    const bands = { bands: { upper: 110, middle: 100, lower: 90 } };
    expect(decide('bollinger_mean_reversion', bands, 89, 0).direction).toBe(1);
    expect(decide('bollinger_mean_reversion', bands, 95, 1).direction).toBe(1);
    expect(decide('bollinger_mean_reversion', bands, 101, 1).direction).toBe(0);
    expect(decide('bollinger_mean_reversion', bands, 111, 0).direction).toBe(-1);
  });

  it('Donchian breakout holds until the opposite breakout', () => {
    const channel = { channel: { upper: 110, middle: 100, lower: 90 } };
    expect(decide('donchian_breakout', channel, 111, 0).direction).toBe(1);
    expect(decide('donchian_breakout', channel, 95, 1).direction).toBe(1);
    expect(decide('donchian_breakout', channel, 89, 1).direction).toBe(-1);
  });

  it('says which side each entry condition points to (its zone)', () => {
    expect(decide('sma_crossover', { fast: 10, slow: 10 }, 10, 1).zone).toBeNull();
    expect(decide('ema_crossover', { fast: 9, slow: 10 }, 9, 0).zone).toBe(-1);
    const rsi = { oversold: 30, overbought: 70, exit_level: 50 };
    expect(decide('rsi_threshold', { rsi: 25 }, 1, 0, rsi).zone).toBe(1);
    expect(decide('rsi_threshold', { rsi: 45 }, 1, 1, rsi).zone).toBe(0);
    expect(decide('rsi_threshold', { rsi: 75 }, 1, 0, rsi).zone).toBe(-1);
    const channel = { channel: { upper: 110, middle: 100, lower: 90 } };
    expect(decide('donchian_breakout', channel, 95, 1).zone).toBe(0);
    expect(decide('momentum', { roc: -3 }, 1, 0, { threshold: 2 }).zone).toBe(-1);
  });

  it('momentum is flat inside the threshold', () => {
    expect(decide('momentum', { roc: 3 }, 1, 0, { threshold: 2 }).direction).toBe(1);
    expect(decide('momentum', { roc: -3 }, 1, 0, { threshold: 2 }).direction).toBe(-1);
    expect(decide('momentum', { roc: 1 }, 1, 1, { threshold: 2 }).direction).toBe(0);
  });
});
