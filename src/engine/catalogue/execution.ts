import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const isModel = (...models: string[]) => ({ param: 'commission_model', in: models }) as const;

export const simulatedBroker = defineSpec({
  id: 'simulated_broker',
  kind: 'execution',
  label: 'Simulated broker',
  description:
    'Fills orders against the bars with no look-ahead: a market order decided on a close fills at the next open; limits and stops fill when a bar trades through their price, at that price, or at the open when the price gaps past it. Applies slippage and commission, and manages exits attached to orders.',
  keywords: ['fills', 'slippage', 'commission', 'fees', 'orders'],
  consumes: ['BarEvent', 'OrderEvent'],
  emits: ['FillEvent', 'OrderCancelled'],
  params: {
    fill_timing: {
      type: 'enum',
      label: 'Market fills',
      description:
        'When a market order fills. Next open is honest; same close assumes you could trade at the close you decided on.',
      options: [
        { value: 'next_open', label: 'Next bar open' },
        { value: 'next_close', label: 'Next bar close' },
        { value: 'same_close', label: 'Same bar close (optimistic)' },
      ],
      default: 'next_open',
      key: true,
    },
    end_of_test: {
      type: 'enum',
      label: 'At the end',
      description:
        "What happens to positions still open when the data ends. Keep open: they are marked at the last close and listed as open (backtrader, TradingView). Close at the last close: sold or bought back at the last close, with commission and slippage. Close at the last open: at the last bar's open, as backtesting.py's finalize_trades=True does. Orders that have no bar left to fill on are cancelled either way.",
      options: [
        { value: 'keep_open', label: 'Keep open (marked at the last close)' },
        { value: 'close_at_close', label: 'Close at the last close' },
        { value: 'close_at_open', label: "Close at the last bar's open (backtesting.py)" },
      ],
      default: 'keep_open',
    },
    slippage_model: {
      type: 'enum',
      label: 'Slippage',
      description: 'How much worse than the quoted price a fill gets.',
      options: [
        { value: 'zero', label: 'None' },
        { value: 'fixed', label: 'Fixed amount per share' },
        { value: 'percentage', label: 'Percentage of price' },
      ],
      default: 'zero',
      key: true,
    },
    // Each model reads its own parameter, in its own unit, so switching the model never
    // reinterprets a number (0.1 % of the price never becomes $0.10 a share).
    slippage_per_share: {
      type: 'number',
      label: 'Slippage per share',
      description: 'Money added to each share bought and taken from each share sold.',
      default: 0,
      min: 0,
      step: 0.01,
      unit: '$/share',
      visibleWhen: { param: 'slippage_model', in: ['fixed'] },
    },
    slippage_pct: {
      type: 'number',
      label: 'Slippage',
      description: 'Percent of the price added to buys and taken from sells.',
      default: 0,
      min: 0,
      max: 100,
      step: 0.01,
      unit: '%',
      visibleWhen: { param: 'slippage_model', in: ['percentage'] },
    },
    commission_model: {
      type: 'enum',
      label: 'Commission',
      description: 'What each fill costs.',
      options: [
        { value: 'zero', label: 'None' },
        { value: 'per_share', label: 'Per share (with min and max)' },
        { value: 'percentage', label: 'Percentage of value' },
        { value: 'tiered', label: 'Tiered by value' },
        { value: 'fixed', label: 'Fixed per fill' },
      ],
      default: 'zero',
      key: true,
    },
    commission_per_share: {
      type: 'number',
      label: 'Per share',
      description: 'Money per share traded.',
      default: 0,
      min: 0,
      step: 0.0001,
      unit: '$/share',
      visibleWhen: isModel('per_share'),
    },
    commission_pct: {
      type: 'number',
      label: 'Rate',
      description: 'Percent of the fill value (0.1 means 0.1%).',
      default: 0,
      min: 0,
      max: 100,
      step: 0.0001,
      unit: '%',
      visibleWhen: isModel('percentage'),
    },
    commission_min: {
      type: 'number',
      label: 'Minimum',
      description: 'Smallest commission per fill, in money.',
      default: 0,
      min: 0,
      unit: '$',
      visibleWhen: isModel('per_share', 'percentage', 'tiered'),
    },
    commission_max_pct: {
      type: 'number',
      label: 'Maximum',
      description: 'Largest commission per fill, in percent of the fill value; 0 means no cap.',
      default: 0,
      min: 0,
      max: 100,
      unit: '%',
      visibleWhen: isModel('per_share'),
    },
    commission_fixed: {
      type: 'number',
      label: 'Per fill',
      description: 'Money per fill.',
      default: 1,
      min: 0,
      unit: '$',
      visibleWhen: isModel('fixed'),
    },
    commission_tiers: {
      type: 'tiers',
      label: 'Tiers',
      description:
        'Percent rates by fill value: each rate applies to the part of the value above its threshold.',
      default: [
        { above: 0, rate: 0.1 },
        { above: 10_000, rate: 0.05 },
        { above: 100_000, rate: 0.02 },
      ],
      unit: '%',
      visibleWhen: isModel('tiered'),
    },
  },
});

export const EXECUTION_COMPONENTS: readonly ComponentSpec[] = [simulatedBroker];
