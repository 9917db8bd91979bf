import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const classifierEvents = {
  consumes: ['BarEvent', 'IndicatorEvent', 'TradingSignal'],
  emits: ['ClassificationEvent', 'TradingSignal'],
} as const;

/** The two volatility classifiers rank the ATR (as a percent of price) among its recent values. */
const atrRankParams = {
  atr: {
    type: 'feature',
    label: 'ATR',
    description: 'The ATR indicator to read.',
    accepts: ['atr'],
    default: 'ATR_14',
    key: true,
  },
  lookback: {
    type: 'integer',
    label: 'Lookback',
    description: 'How many past ATR values the current one is ranked against.',
    default: 100,
    min: 5,
    max: 5000,
    unit: 'bars',
  },
} as const;

export const trendClassifier = defineSpec({
  id: 'trend_classifier',
  kind: 'classifier',
  label: 'Trend regime',
  description:
    'Trending up while the fast average is above the slow one by more than the threshold, trending down while below by more, ranging otherwise.',
  keywords: ['regime', 'trend'],
  regimes: ['trending_up', 'trending_down', 'ranging'],
  ...classifierEvents,
  params: {
    fast: {
      type: 'feature',
      label: 'Fast average',
      description: 'The faster moving average.',
      accepts: ['sma', 'ema', 'wma'],
      default: 'SMA_10',
      key: true,
    },
    slow: {
      type: 'feature',
      label: 'Slow average',
      description: 'The slower moving average.',
      accepts: ['sma', 'ema', 'wma'],
      default: 'SMA_50',
      key: true,
    },
    threshold: {
      type: 'number',
      label: 'Threshold',
      description: 'Gap between the averages, in percent of the slow one, that counts as a trend.',
      default: 1,
      min: 0,
      max: 100,
      step: 0.1,
      unit: '%',
    },
  },
});

export const volatilityClassifier = defineSpec({
  id: 'volatility_classifier',
  kind: 'classifier',
  label: 'Volatility regime',
  description:
    'High, normal or low volatility by where the ATR (as a percent of price) ranks among its own recent values.',
  keywords: ['regime', 'volatility', 'atr'],
  regimes: ['high_volatility', 'normal_volatility', 'low_volatility'],
  ...classifierEvents,
  params: {
    ...atrRankParams,
    high_percentile: {
      type: 'number',
      label: 'High above',
      description: 'Percentile rank above which volatility is high.',
      default: 70,
      min: 0,
      max: 100,
      unit: '%',
    },
    low_percentile: {
      type: 'number',
      label: 'Low below',
      description: 'Percentile rank below which volatility is low.',
      default: 30,
      min: 0,
      max: 100,
      unit: '%',
    },
  },
});

export const momentumClassifier = defineSpec({
  id: 'momentum_classifier',
  kind: 'classifier',
  label: 'Momentum regime',
  description: 'Bullish above the upper RSI level, bearish below the lower one, neutral between.',
  keywords: ['regime', 'momentum', 'rsi'],
  regimes: ['bullish', 'bearish', 'neutral'],
  ...classifierEvents,
  params: {
    rsi: {
      type: 'feature',
      label: 'RSI',
      description: 'The RSI indicator to read.',
      accepts: ['rsi'],
      default: 'RSI_14',
      key: true,
    },
    upper: {
      type: 'number',
      label: 'Bullish above',
      description: 'RSI level above which momentum is bullish.',
      default: 60,
      min: 0,
      max: 100,
    },
    lower: {
      type: 'number',
      label: 'Bearish below',
      description: 'RSI level below which momentum is bearish.',
      default: 40,
      min: 0,
      max: 100,
    },
  },
});

/** The seed's hierarchical example names its regimes conservative and aggressive. */
export const riskAppetiteClassifier = defineSpec({
  id: 'risk_appetite_classifier',
  kind: 'classifier',
  label: 'Risk appetite regime',
  description:
    'Aggressive while volatility (the ATR as a percent of price) ranks below the threshold among its recent values, conservative above it: the regimes of the design’s hierarchical example, for risk managers that size by them.',
  keywords: ['regime', 'risk', 'conservative', 'aggressive', 'volatility'],
  regimes: ['conservative', 'aggressive'],
  ...classifierEvents,
  params: {
    ...atrRankParams,
    threshold: {
      type: 'number',
      label: 'Aggressive below',
      description: 'Percentile rank of volatility below which the regime is aggressive.',
      default: 50,
      min: 0,
      max: 100,
      unit: '%',
      key: true,
    },
  },
});

export const CLASSIFIER_COMPONENTS: readonly ComponentSpec[] = [
  trendClassifier,
  volatilityClassifier,
  momentumClassifier,
  riskAppetiteClassifier,
];
