/**
 * ADMF-PC's strategy families (its src/strategy/strategies/indicators), with its parameters where
 * they map onto ours. Rules: src/engine/components/strategies/families.ts; divergences are rule
 * expressions (components/rules/presets.ts).
 */
import { entry, feature, strategyEvents } from './strategies';
import type { ComponentSpec } from './types';
import { defineSpec } from './types';

const level = (label: string, description: string, fallback: number, min = 0, max = 100) =>
  ({ type: 'number', label, description, default: fallback, min, max, key: true }) as const;

const levels = (oversold: number, overbought: number, exit: number, min = 0, max = 100) => ({
  oversold: level(
    'Oversold',
    'Go long when the oscillator falls below this level.',
    oversold,
    min,
    max,
  ),
  overbought: level(
    'Overbought',
    'Go short when the oscillator rises above this level.',
    overbought,
    min,
    max,
  ),
  exit_level: {
    ...level(
      'Exit level',
      'Close the position when the oscillator is back past this level.',
      exit,
      min,
      max,
    ),
    key: false,
  },
  entry: entry(
    'only on the bar the oscillator crosses below the oversold level (or above the overbought one)',
    'on any bar it is below the oversold level (or above the overbought one)',
  ),
});

const base = (group: string) => ({ kind: 'strategy', group, ...strategyEvents }) as const;
const crossing = (what: string) =>
  entry(`only on the bar ${what} cross`, `whenever one is above the other`);
const sides = entry('only on the bar the condition starts to hold', 'on any bar it holds');

export const cciThreshold = defineSpec({
  id: 'cci_threshold',
  ...base('Oscillator thresholds'),
  label: 'CCI threshold',
  description:
    'Long while CCI is above the threshold, short while below (a zero-line cross by default).',
  keywords: ['cci', 'commodity channel', 'momentum', 'zero line'],
  params: {
    cci: feature('CCI', ['cci'], 'CCI_20', 'The CCI to read.'),
    threshold: level('Threshold', 'The CCI level that splits long from short.', 0, -500, 500),
    entry: crossing('CCI and the threshold'),
  },
});

export const cciBands = defineSpec({
  id: 'cci_bands',
  ...base('Mean reversion bands'),
  label: 'CCI bands',
  description: 'Mean reversion on CCI: long below −100, short above +100, flat back at 0.',
  keywords: ['cci', 'oversold', 'overbought', 'mean reversion'],
  params: {
    cci: feature('CCI', ['cci'], 'CCI_20', 'The CCI to read.'),
    ...levels(-100, 100, 0, -500, 500),
  },
});

export const williamsRBands = defineSpec({
  id: 'williams_r_bands',
  ...base('Mean reversion bands'),
  label: 'Williams %R bands',
  description: 'Mean reversion on Williams %R: long below −80, short above −20, flat back at −50.',
  keywords: ['williams', '%r', 'oversold', 'overbought', 'mean reversion'],
  params: {
    williams_r: feature('Williams %R', ['williams_r'], 'WILLR_14', 'The Williams %R to read.'),
    ...levels(-80, -20, -50, -100, 0),
  },
});

export const mfiBands = defineSpec({
  id: 'mfi_bands',
  ...base('Mean reversion bands'),
  label: 'MFI bands',
  description:
    'Mean reversion on the money flow index: long below 20, short above 80, flat back at 50.',
  keywords: ['mfi', 'money flow', 'volume', 'oversold', 'overbought'],
  params: { mfi: feature('MFI', ['mfi'], 'MFI_14', 'The MFI to read.'), ...levels(20, 80, 50) },
});

export const stochRsiBands = defineSpec({
  id: 'stoch_rsi_bands',
  ...base('Mean reversion bands'),
  label: 'Stochastic RSI bands',
  description:
    'Mean reversion on stochastic RSI %K: long below 20, short above 80, flat back at 50.',
  keywords: ['stochrsi', 'oversold', 'overbought'],
  params: {
    stoch_rsi: feature(
      'Stochastic RSI',
      ['stoch_rsi'],
      'STOCHRSI_14_14',
      'The stochastic RSI to read (%K).',
    ),
    ...levels(20, 80, 50),
  },
});

export const ultimateOscillatorBands = defineSpec({
  id: 'ultimate_oscillator_bands',
  ...base('Mean reversion bands'),
  label: 'Ultimate oscillator bands',
  description:
    'Mean reversion on the ultimate oscillator: long below 30, short above 70, flat back at 50.',
  keywords: ['ultimate oscillator', 'oversold', 'overbought'],
  params: {
    oscillator: feature(
      'Ultimate oscillator',
      ['ultimate_oscillator'],
      'UO_7_14_28',
      'The oscillator to read.',
    ),
    ...levels(30, 70, 50),
  },
});

export const stochasticCrossover = defineSpec({
  id: 'stochastic_crossover',
  ...base('Crossovers'),
  label: 'Stochastic crossover',
  description: 'Long while %K is above %D, short (or flat) while below.',
  keywords: ['stochastic', '%k', '%d', 'crossover'],
  params: {
    stochastic: feature('Stochastic', ['stochastic'], 'STOCH_14_3', 'The stochastic to read.'),
    entry: crossing('%K and %D'),
  },
});

export const aroonCrossover = defineSpec({
  id: 'aroon_crossover',
  ...base('Crossovers'),
  label: 'Aroon crossover',
  description: 'Long while Aroon up is above Aroon down, short (or flat) while below.',
  keywords: ['aroon', 'crossover', 'trend'],
  params: {
    aroon: feature('Aroon', ['aroon'], 'AROON_25', 'The Aroon to read.'),
    entry: crossing('Aroon up and down'),
  },
});

export const vortexCrossover = defineSpec({
  id: 'vortex_crossover',
  ...base('Crossovers'),
  label: 'Vortex crossover',
  description: 'Long while VI+ is above VI−, short (or flat) while below.',
  keywords: ['vortex', 'vi', 'crossover', 'trend'],
  params: {
    vortex: feature('Vortex', ['vortex'], 'VORTEX_14', 'The vortex indicator to read.'),
    entry: crossing('VI+ and VI−'),
  },
});

export const supertrendTrend = defineSpec({
  id: 'supertrend_trend',
  ...base('Trend following'),
  label: 'Supertrend',
  description: 'Long while the Supertrend points up, short (or flat) while it points down.',
  keywords: ['supertrend', 'atr', 'trend following'],
  params: {
    supertrend: feature('Supertrend', ['supertrend'], 'SUPERTREND_10_3', 'The Supertrend to read.'),
    entry: entry('only on the bar the Supertrend turns', 'whichever way it points'),
  },
});

export const psarTrend = defineSpec({
  id: 'psar_trend',
  ...base('Trend following'),
  label: 'Parabolic SAR',
  description: 'Long while the close is above the SAR, short (or flat) while below.',
  keywords: ['parabolic', 'sar', 'stop and reverse', 'trend following'],
  params: {
    sar: feature('Parabolic SAR', ['psar'], 'PSAR', 'The SAR to read.'),
    entry: crossing('the close and the SAR'),
  },
});

export const keltnerBreakout = defineSpec({
  id: 'keltner_breakout',
  ...base('Breakouts'),
  label: 'Keltner breakout',
  description:
    'Long on a close above the upper Keltner band, short below the lower, flat back at the middle.',
  keywords: ['keltner', 'breakout', 'channel', 'atr'],
  params: {
    channel: feature('Keltner channel', ['keltner'], 'KC_20_2', 'The channel to read.'),
    entry: sides,
  },
});

export const bollingerBreakout = defineSpec({
  id: 'bollinger_breakout',
  ...base('Breakouts'),
  label: 'Bollinger breakout',
  description:
    'Long on a close above the upper Bollinger band, short below the lower, flat back at the middle.',
  keywords: ['bollinger', 'breakout', 'bands', 'volatility'],
  params: {
    bands: feature('Bands', ['bollinger'], 'BB_20_2', 'The Bollinger Bands to read.'),
    entry: sides,
  },
});

export const keltnerBands = defineSpec({
  id: 'keltner_bands',
  ...base('Mean reversion bands'),
  label: 'Keltner mean reversion',
  description:
    'Long on a close below the lower Keltner band, short above the upper, flat back at the middle.',
  keywords: ['keltner', 'mean reversion', 'channel', 'fade'],
  params: {
    channel: feature('Keltner channel', ['keltner'], 'KC_20_2', 'The channel to read.'),
    entry: sides,
  },
});

export const vwapDeviation = defineSpec({
  id: 'vwap_deviation',
  ...base('Mean reversion bands'),
  label: 'VWAP deviation',
  description:
    'Long when the close is band_pct below VWAP, short when it is that far above, flat back at VWAP.',
  keywords: ['vwap', 'deviation', 'mean reversion', 'intraday'],
  params: {
    vwap: feature('VWAP', ['vwap'], 'VWAP', 'The VWAP to read.'),
    band_pct: {
      type: 'number',
      label: 'Band',
      description: 'Distance from VWAP, in percent, that opens a position.',
      default: 0.5,
      min: 0,
      max: 50,
      step: 0.05,
      unit: '%',
      key: true,
    },
    entry: sides,
  },
});

export const pivotBreakout = defineSpec({
  id: 'pivot_breakout',
  ...base('Pivots'),
  label: 'Pivot breakout',
  description:
    'Long while the close is above R1, short while below S1, flat between (ADMF-PC’s pivot_points).',
  keywords: ['pivot', 'r1', 's1', 'breakout', 'support', 'resistance'],
  params: {
    pivots: feature('Pivot points', ['pivot_points'], 'PIVOTS', 'The pivot points to read.'),
    entry: sides,
  },
});

export const pivotBounce = defineSpec({
  id: 'pivot_bounce',
  ...base('Pivots'),
  label: 'Pivot bounce',
  description:
    'Long when the close comes within touch_pct of S1 (above S2), short near R1 (below R2); flat at the pivot or when S2/R2 break.',
  keywords: ['pivot', 'bounce', 'support', 'resistance', 'mean reversion'],
  params: {
    pivots: feature('Pivot points', ['pivot_points'], 'PIVOTS', 'The pivot points to read.'),
    touch_pct: {
      type: 'number',
      label: 'Touch',
      description: 'How close to S1 or R1 (percent) counts as a touch.',
      default: 0.2,
      min: 0,
      max: 10,
      step: 0.05,
      unit: '%',
      key: true,
    },
    entry: sides,
  },
});

export const linregSlope = defineSpec({
  id: 'linreg_slope',
  ...base('Trend following'),
  label: 'Regression slope',
  description:
    'Long while the linear regression slope (percent of price per bar) is above the threshold, short below minus it, flat between.',
  keywords: ['linear regression', 'slope', 'trend'],
  params: {
    regression: feature('Linear regression', ['linreg'], 'LINREG_20', 'The regression to read.'),
    threshold: {
      type: 'number',
      label: 'Threshold',
      description: 'Slope, in percent of price per bar, needed to take a position.',
      default: 0.05,
      min: 0,
      max: 10,
      step: 0.01,
      unit: '%',
      key: true,
    },
    entry: sides,
  },
});

export const adxTrendStrength = defineSpec({
  id: 'adx_trend_strength',
  ...base('Trend following'),
  label: 'ADX trend strength',
  description:
    'In the direction of the larger DI while ADX is above the threshold; flat while the trend is weak.',
  keywords: ['adx', 'dmi', 'trend strength'],
  params: {
    adx: feature('ADX', ['adx'], 'ADX_14', 'The ADX to read.'),
    threshold: level('ADX above', 'ADX level that counts as a trend.', 25),
    entry: sides,
  },
});

const divergence = (
  id: string,
  label: string,
  reads: string,
  accepts: string,
  fallback: string,
  output: string | null,
) =>
  defineSpec({
    id,
    ...base('Divergence'),
    label: `${label} divergence`,
    description: `Bullish divergence: the close makes a new low of the last N bars while ${reads} stays above its own low of those bars (and is below the oversold level); bearish: the mirror. Exits when ${reads} is back past the exit level.`,
    keywords: ['divergence', 'non-confirmation', 'reversal', accepts],
    params: {
      oscillator: {
        type: 'feature',
        label,
        description: `The ${reads} to read${output ? ` (its ${output})` : ''}.`,
        accepts: [accepts],
        default: fallback,
        output: output ?? undefined,
        key: true,
      },
      lookback: {
        type: 'integer',
        label: 'Lookback',
        description: 'Bars in which the new low or high is looked for.',
        default: 20,
        min: 2,
        max: 500,
        unit: 'bars',
        key: true,
      },
      oversold: level(
        'Oversold',
        'The oscillator must be below this for a bullish divergence.',
        accepts === 'rsi' ? 40 : 0,
        -1e6,
        1e6,
      ),
      overbought: level(
        'Overbought',
        'The oscillator must be above this for a bearish divergence.',
        accepts === 'rsi' ? 60 : 0,
        -1e6,
        1e6,
      ),
      exit_level: {
        ...level(
          'Exit level',
          'Close the position when the oscillator is back past this level.',
          accepts === 'rsi' ? 50 : 0,
          -1e6,
          1e6,
        ),
        key: false,
      },
    },
  });

export const rsiDivergence = divergence('rsi_divergence', 'RSI', 'RSI', 'rsi', 'RSI_14', null);
export const macdHistogramDivergence = divergence(
  'macd_histogram_divergence',
  'MACD',
  'the MACD histogram',
  'macd',
  'MACD_12_26_9.histogram',
  'histogram',
);

/** Strategies whose rules are in families.ts. */
export const FAMILY_STRATEGIES: readonly ComponentSpec[] = [
  cciThreshold,
  cciBands,
  williamsRBands,
  mfiBands,
  stochRsiBands,
  ultimateOscillatorBands,
  vwapDeviation,
  keltnerBands,
  stochasticCrossover,
  aroonCrossover,
  vortexCrossover,
  keltnerBreakout,
  bollingerBreakout,
  pivotBreakout,
  pivotBounce,
  supertrendTrend,
  psarTrend,
  linregSlope,
  adxTrendStrength,
];

/** Strategies written as rule expressions (components/rules/presets.ts). */
export const DIVERGENCE_STRATEGIES: readonly ComponentSpec[] = [
  rsiDivergence,
  macdHistogramDivergence,
];
