import { PriceScaleMode } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { priceToY } from './tradeLines';

/** A series on a price scale of the given mode that counts its conversions. */
function series(mode: PriceScaleMode, toY: (price: number) => number | null) {
  let calls = 0;
  return {
    calls: () => calls,
    api: {
      priceToCoordinate: (price: number) => {
        calls++;
        return toY(price);
      },
      priceScale: () => ({ options: () => ({ mode }) }),
    } as unknown as Parameters<typeof priceToY>[0],
  };
}

describe('price to y for the trade lines of one draw', () => {
  it('on a linear scale: the same y as the series gives, from two conversions whatever the trades', () => {
    const linear = (price: number) => 412.5 - 2.75 * price;
    const s = series(PriceScaleMode.Normal, linear);
    const y = priceToY(s.api)!;
    for (const price of [0, 1, 99.37, 187.45, 1234.5678, -3])
      expect(y(price)).toBeCloseTo(linear(price), 9);
    expect(s.calls()).toBe(2);
  });

  it('on a logarithmic scale: each price converted by the series', () => {
    const log = (price: number) => 400 - 50 * Math.log(price);
    const s = series(PriceScaleMode.Logarithmic, log);
    const y = priceToY(s.api)!;
    expect(y(10)).toBe(log(10));
    expect(y(100)).toBe(log(100));
    expect(s.calls()).toBe(2);
    expect(y(1000)).toBe(log(1000));
    expect(s.calls()).toBe(3);
  });

  it('a series with nothing to place draws no lines', () => {
    expect(priceToY(series(PriceScaleMode.Normal, () => null).api)).toBeNull();
  });
});
