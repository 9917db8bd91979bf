import type { ComponentSpec } from './types';
import { defineSpec } from './types';

export const portfolio = defineSpec({
  id: 'portfolio',
  kind: 'portfolio',
  label: 'Portfolio',
  description:
    'Keeps cash and positions (long and short) at average cost, books realised and unrealised P&L per strategy, marks to market at every close and records the equity curve.',
  keywords: ['equity', 'cash', 'positions', 'pnl', 'account'],
  consumes: ['BarEvent', 'FillEvent'],
  emits: ['PortfolioUpdateEvent'],
  params: {
    initial_cash: {
      type: 'number',
      label: 'Initial cash',
      description: 'Cash at the start of the run.',
      default: 100_000,
      min: 1,
      key: true,
    },
    risk_free_rate: {
      type: 'number',
      label: 'Risk-free rate',
      description: 'Annual rate for Sharpe and Sortino.',
      default: 0,
      min: 0,
      max: 100,
      step: 0.1,
      unit: '%',
    },
  },
});

export const PORTFOLIO_COMPONENTS: readonly ComponentSpec[] = [portfolio];
