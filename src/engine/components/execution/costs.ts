/**
 * Slippage and commission models: pure functions of the fill, each checkable by hand
 * (execution/costs.test.ts works examples).
 */
import type { Side } from '../../events';

export type SlippageModel = 'zero' | 'fixed' | 'percentage';
export type CommissionModel = 'zero' | 'per_share' | 'percentage' | 'tiered' | 'fixed';

export interface CostSettings {
  readonly slippageModel: SlippageModel;
  /** Money per share (the fixed model). */
  readonly slippagePerShare: number;
  /** Percent of the price (the percentage model). */
  readonly slippagePct: number;
  readonly commissionModel: CommissionModel;
  /** Money per share (per_share). */
  readonly commissionPerShare: number;
  /** Percent of the fill value (percentage). */
  readonly commissionPct: number;
  readonly commissionMin: number;
  /** Cap in percent of the fill's value (per_share); 0 = none. */
  readonly commissionMaxPct: number;
  readonly commissionFixed: number;
  /** Percent rates applying to the part of the value above each threshold. */
  readonly commissionTiers: readonly { readonly above: number; readonly rate: number }[];
}

/** The price after slippage: always worse for the trader (higher to buy, lower to sell). */
export function slippedPrice(price: number, side: Side, settings: CostSettings): number {
  const sign = side === 'BUY' ? 1 : -1;
  switch (settings.slippageModel) {
    case 'zero':
      return price;
    case 'fixed':
      return price + sign * settings.slippagePerShare;
    case 'percentage':
      return price * (1 + (sign * settings.slippagePct) / 100);
  }
}

export function commission(quantity: number, price: number, settings: CostSettings): number {
  const value = quantity * price;
  switch (settings.commissionModel) {
    case 'zero':
      return 0;
    case 'fixed':
      return settings.commissionFixed;
    case 'per_share': {
      let fee = Math.max(quantity * settings.commissionPerShare, settings.commissionMin);
      if (settings.commissionMaxPct > 0)
        fee = Math.min(fee, (value * settings.commissionMaxPct) / 100);
      return fee;
    }
    case 'percentage':
      return Math.max((value * settings.commissionPct) / 100, settings.commissionMin);
    case 'tiered': {
      const tiers = [...settings.commissionTiers].sort((a, b) => a.above - b.above);
      let fee = 0;
      for (let i = 0; i < tiers.length; i++) {
        const from = tiers[i]!.above;
        const to = tiers[i + 1]?.above ?? Number.POSITIVE_INFINITY;
        if (value > from) fee += ((Math.min(value, to) - from) * tiers[i]!.rate) / 100;
      }
      return Math.max(fee, settings.commissionMin);
    }
  }
}
