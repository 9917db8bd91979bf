import { describe, expect, it } from 'vitest';
import { type CostSettings, commission, slippedPrice } from './costs';

const none: CostSettings = {
  slippageModel: 'zero',
  slippagePerShare: 0,
  slippagePct: 0,
  commissionModel: 'zero',
  commissionPerShare: 0,
  commissionPct: 0,
  commissionMin: 0,
  commissionMaxPct: 0,
  commissionFixed: 0,
  commissionTiers: [],
};

describe('slippage, worked by hand', () => {
  it('is nothing, a fixed amount per share, or a percentage, always against the trader', () => {
    expect(slippedPrice(100, 'BUY', none)).toBe(100);
    const fixed = { ...none, slippageModel: 'fixed' as const, slippagePerShare: 0.05 };
    expect(slippedPrice(100, 'BUY', fixed)).toBeCloseTo(100.05, 12);
    expect(slippedPrice(100, 'SELL', fixed)).toBeCloseTo(99.95, 12);
    const percent = { ...none, slippageModel: 'percentage' as const, slippagePct: 0.1 };
    expect(slippedPrice(200, 'BUY', percent)).toBeCloseTo(200.2, 12);
    expect(slippedPrice(200, 'SELL', percent)).toBeCloseTo(199.8, 12);
  });
});

describe('each model reads its own parameter', () => {
  it('switching the model never reinterprets a number', () => {
    const both = { ...none, commissionPct: 0.1, commissionPerShare: 0 };
    // 0.1% of 100 × $50 = $5 under the percentage model...
    expect(commission(100, 50, { ...both, commissionModel: 'percentage' })).toBeCloseTo(5, 12);
    // ...and the per-share model does not read the 0.1 as $0.10 a share.
    expect(commission(100, 50, { ...both, commissionModel: 'per_share' })).toBe(0);
    const slip = { ...none, slippagePct: 0.1 };
    expect(slippedPrice(100, 'BUY', { ...slip, slippageModel: 'fixed' })).toBe(100);
  });
});

describe('commission, worked by hand', () => {
  it('zero and fixed', () => {
    expect(commission(100, 50, none)).toBe(0);
    expect(commission(100, 50, { ...none, commissionModel: 'fixed', commissionFixed: 4.95 })).toBe(
      4.95,
    );
  });

  it('per share with a minimum and a maximum', () => {
    const perShare = {
      ...none,
      commissionModel: 'per_share' as const,
      commissionPerShare: 0.005,
      commissionMin: 1,
      commissionMaxPct: 1,
    };
    // 100 shares × $0.005 = $0.50, raised to the $1 minimum.
    expect(commission(100, 50, perShare)).toBe(1);
    // 1,000 shares × $0.005 = $5.00.
    expect(commission(1000, 50, perShare)).toBeCloseTo(5, 12);
    // 10,000 shares of a $0.20 stock: $50 capped at 1% of $2,000 = $20.
    expect(commission(10_000, 0.2, perShare)).toBeCloseTo(20, 12);
  });

  it('percentage of value with a minimum', () => {
    const percent = {
      ...none,
      commissionModel: 'percentage' as const,
      commissionPct: 0.1,
      commissionMin: 2,
    };
    // 0.1% of $10,000 = $10.
    expect(commission(100, 100, percent)).toBeCloseTo(10, 12);
    // 0.1% of $500 = $0.50, raised to $2.
    expect(commission(5, 100, percent)).toBe(2);
  });

  it('tiered: each rate on the slice of value above its threshold', () => {
    const tiered = {
      ...none,
      commissionModel: 'tiered' as const,
      commissionTiers: [
        { above: 0, rate: 0.1 },
        { above: 10_000, rate: 0.05 },
        { above: 100_000, rate: 0.02 },
      ],
    };
    // $5,000: 0.1% of 5,000 = $5.
    expect(commission(50, 100, tiered)).toBeCloseTo(5, 12);
    // $150,000: 0.1% × 10,000 + 0.05% × 90,000 + 0.02% × 50,000 = 10 + 45 + 10 = $65.
    expect(commission(1500, 100, tiered)).toBeCloseTo(65, 12);
  });
});
