/**
 * ADMF-PC's multi-state regime classifiers (its multi_state_classifiers.py), with the same rules
 * and default thresholds; the indicators they read are feature parameters, wired upstream.
 */
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const events = {
  kind: 'classifier',
  group: 'ADMF-PC regimes',
  consumes: ['BarEvent', 'IndicatorEvent', 'TradingSignal'],
  emits: ['ClassificationEvent', 'TradingSignal'],
} as const;

const feature = (label: string, accepts: readonly string[], fallback: string) =>
  ({
    type: 'feature',
    label,
    description: `The ${label.toLowerCase()} to read.`,
    accepts,
    default: fallback,
    key: true,
  }) as const;

const percent = (label: string, description: string, fallback: number) =>
  ({
    type: 'number',
    label,
    description,
    default: fallback,
    min: 0,
    max: 100,
    step: 0.05,
    unit: '%',
  }) as const;

const level = (label: string, description: string, fallback: number) =>
  ({ type: 'number', label, description, default: fallback, min: 0, max: 100 }) as const;

const averages = ['sma', 'ema', 'wma', 'dema', 'tema'];

export const marketRegimeClassifier = defineSpec({
  id: 'market_regime_classifier',
  ...events,
  label: 'Market regime',
  description:
    'Bull or bear by the fast average against the slow one with RSI agreeing (above 48 / below 52), trending when the averages are more than the trend threshold apart or ATR is above the volatility threshold; neutral otherwise.',
  keywords: ['regime', 'bull', 'bear', 'trending', 'ranging', 'admf-pc'],
  regimes: ['bull_trending', 'bull_ranging', 'bear_trending', 'bear_ranging', 'neutral'],
  params: {
    fast: feature('Fast average', averages, 'SMA_10'),
    slow: feature('Slow average', averages, 'SMA_50'),
    atr: feature('ATR', ['atr'], 'ATR_20'),
    rsi: feature('RSI', ['rsi'], 'RSI_14'),
    trend_threshold: percent(
      'Trend threshold',
      'Gap between the averages, in percent of the slow one, that counts as trending.',
      0.5,
    ),
    vol_threshold: percent(
      'Volatility threshold',
      'ATR in percent of the close above which the market counts as trending.',
      0.8,
    ),
  },
});

export const multiTimeframeTrendClassifier = defineSpec({
  id: 'multi_timeframe_trend_classifier',
  ...events,
  label: 'Multi-timeframe trend',
  description:
    'Five trend states from three averages: 0.2 × (short − medium)/medium + 0.3 × (medium − long)/long + 0.5 × (close − short)/short against a strong and a weak threshold.',
  keywords: ['regime', 'trend', 'strong', 'weak', 'sideways', 'admf-pc'],
  regimes: ['strong_uptrend', 'weak_uptrend', 'sideways', 'weak_downtrend', 'strong_downtrend'],
  params: {
    short: feature('Short average', averages, 'SMA_10'),
    medium: feature('Medium average', averages, 'SMA_20'),
    long: feature('Long average', averages, 'SMA_50'),
    strong_threshold: percent(
      'Strong above',
      'Weighted trend (percent) beyond which the trend is strong.',
      1,
    ),
    weak_threshold: percent(
      'Weak above',
      'Weighted trend (percent) beyond which there is a trend at all.',
      0.2,
    ),
  },
});

export const volatilityMomentumClassifier = defineSpec({
  id: 'volatility_momentum_classifier',
  ...events,
  label: 'Volatility and momentum',
  description:
    'High or low volatility (ATR in percent of the close against a threshold) crossed with bullish or bearish momentum (RSI beyond its levels, or RSI past 55/45 with the close 0.5% beyond its average); neutral otherwise.',
  keywords: ['regime', 'volatility', 'momentum', 'admf-pc'],
  regimes: [
    'high_vol_bullish',
    'high_vol_bearish',
    'low_vol_bullish',
    'low_vol_bearish',
    'neutral',
  ],
  params: {
    atr: feature('ATR', ['atr'], 'ATR_14'),
    rsi: feature('RSI', ['rsi'], 'RSI_14'),
    average: feature('Average', averages, 'SMA_20'),
    vol_threshold: percent(
      'Volatility threshold',
      'ATR in percent of the close above which volatility is high.',
      1,
    ),
    rsi_overbought: level('Bullish above', 'RSI above which momentum is bullish.', 60),
    rsi_oversold: level('Bearish below', 'RSI below which momentum is bearish.', 40),
  },
});

export const microstructureClassifier = defineSpec({
  id: 'microstructure_classifier',
  ...events,
  label: 'Microstructure',
  description:
    'Short-term patterns: consolidation (averages within the threshold, low ATR), breakouts (close beyond the fast average with RSI past 60/40), reversals (RSI below 30 or above 70 against the move), else by volatility and RSI.',
  keywords: ['regime', 'breakout', 'reversal', 'consolidation', 'admf-pc'],
  regimes: ['breakout_up', 'breakout_down', 'consolidation', 'reversal_up', 'reversal_down'],
  params: {
    fast: feature('Fast average', averages, 'SMA_5'),
    slow: feature('Slow average', averages, 'SMA_20'),
    atr: feature('ATR', ['atr'], 'ATR_10'),
    rsi: feature('RSI', ['rsi'], 'RSI_7'),
    breakout_threshold: percent(
      'Breakout beyond',
      'Distance of the close from the fast average (percent) that counts as a breakout.',
      0.3,
    ),
    consolidation_threshold: percent(
      'Consolidation within',
      'Gap between the averages (percent) that counts as consolidation.',
      0.1,
    ),
  },
});

export const REGIME_CLASSIFIERS: readonly ComponentSpec[] = [
  marketRegimeClassifier,
  multiTimeframeTrendClassifier,
  volatilityMomentumClassifier,
  microstructureClassifier,
];
