/**
 * ADMF-PC's strategy types and how each maps onto Flow Studio's components, both ways: which
 * indicators it needs (with which of its parameters set them), which strategy component runs it,
 * and how the strategy's own parameters translate. One table serves import and export.
 */

/** A parameter read from ADMF-PC: the names it goes by there, its default, and a scale (fraction → %). */
export interface ParamLink {
  /** ADMF-PC's names, the one export writes first. */
  readonly admf: readonly string[];
  readonly default: number;
  /** Flow Studio's value = ADMF-PC's × scale (0.005 → 0.5%: scale 100). */
  readonly scale?: number;
}

export interface IndicatorNeed {
  /** The strategy's feature parameter that reads it. */
  readonly feature: string;
  readonly component: string;
  /** The output the feature reads, when not the primary one. */
  readonly output?: string;
  readonly params: Readonly<Record<string, ParamLink>>;
}

export interface StrategyMapping {
  /** ADMF-PC's type names; the first is the one export writes. */
  readonly admf: readonly string[];
  readonly component: string;
  readonly indicators: readonly IndicatorNeed[];
  readonly params: Readonly<Record<string, ParamLink>>;
  /** ADMF-PC parameters understood but with no effect here, and why (named on import). */
  readonly ignored?: Readonly<Record<string, string>>;
}

const p = (admf: string | readonly string[], fallback: number, scale?: number): ParamLink => ({
  admf: typeof admf === 'string' ? [admf] : admf,
  default: fallback,
  ...(scale ? { scale } : {}),
});

const one = (
  feature: string,
  component: string,
  params: Record<string, ParamLink>,
  output?: string,
): IndicatorNeed => ({ feature, component, params, ...(output ? { output } : {}) });

const levels = (oversold: number, overbought: number) => ({
  oversold: p('oversold', oversold),
  overbought: p('overbought', overbought),
});

export const STRATEGY_MAPPINGS: readonly StrategyMapping[] = [
  {
    admf: ['sma_crossover', 'ma_crossover'],
    component: 'sma_crossover',
    indicators: [
      one('fast', 'sma', { period: p(['fast_period', 'fast'], 10) }),
      one('slow', 'sma', { period: p(['slow_period', 'slow'], 20) }),
    ],
    params: {},
  },
  {
    admf: ['ema_crossover'],
    component: 'ema_crossover',
    indicators: [
      one('fast', 'ema', { period: p(['fast_ema_period', 'fast_period', 'fast'], 10) }),
      one('slow', 'ema', { period: p(['slow_ema_period', 'slow_period', 'slow'], 20) }),
    ],
    params: {},
  },
  {
    admf: ['macd_crossover', 'macd_crossover_strategy'],
    component: 'macd_crossover',
    indicators: [
      one('macd', 'macd', {
        fast: p(['fast_ema', 'fast_period', 'fast'], 12),
        slow: p(['slow_ema', 'slow_period', 'slow'], 26),
        signal: p(['signal_ema', 'signal_period', 'signal'], 9),
      }),
    ],
    params: {},
    ignored: { min_threshold: 'the crossover takes any gap between the lines' },
  },
  {
    admf: ['rsi_bands', 'rsi_threshold', 'rsi'],
    component: 'rsi_threshold',
    indicators: [one('rsi', 'rsi', { period: p(['rsi_period', 'period'], 14) })],
    params: levels(30, 70),
  },
  {
    admf: ['bollinger_bands', 'bollinger_mean_reversion', 'mean_reversion'],
    component: 'bollinger_mean_reversion',
    indicators: [
      one('bands', 'bollinger', {
        period: p('period', 20),
        std_dev: p(['std_dev', 'std', 'num_std'], 2),
      }),
    ],
    params: {},
    ignored: { exit_threshold: 'the position closes at the middle band' },
  },
  {
    admf: ['bollinger_breakout'],
    component: 'bollinger_breakout',
    indicators: [
      one('bands', 'bollinger', { period: p('period', 20), std_dev: p(['std_dev', 'std'], 2) }),
    ],
    params: {},
  },
  {
    admf: ['keltner_bands'],
    component: 'keltner_bands',
    indicators: [
      one('channel', 'keltner', { period: p('period', 20), multiplier: p('multiplier', 2) }),
    ],
    params: {},
  },
  {
    admf: ['keltner_breakout'],
    component: 'keltner_breakout',
    indicators: [
      one('channel', 'keltner', { period: p('period', 20), multiplier: p('multiplier', 2) }),
    ],
    params: {},
  },
  {
    admf: ['donchian_breakout', 'breakout'],
    component: 'donchian_breakout',
    indicators: [
      one('channel', 'donchian', { period: p(['period', 'breakout_period', 'lookback'], 20) }),
    ],
    params: {},
  },
  {
    admf: ['momentum', 'roc_threshold', 'roc_trend'],
    component: 'momentum',
    indicators: [
      one('roc', 'roc', { period: p(['period', 'roc_period', 'lookback_period', 'lookback'], 10) }),
    ],
    params: { threshold: p('threshold', 0) },
  },
  {
    admf: ['cci_threshold'],
    component: 'cci_threshold',
    indicators: [one('cci', 'cci', { period: p(['cci_period', 'period'], 20) })],
    params: { threshold: p('threshold', 0) },
  },
  {
    admf: ['cci_bands'],
    component: 'cci_bands',
    indicators: [one('cci', 'cci', { period: p(['cci_period', 'period'], 20) })],
    params: levels(-100, 100),
  },
  {
    admf: ['williams_r'],
    component: 'williams_r_bands',
    indicators: [one('williams_r', 'williams_r', { period: p(['williams_period', 'period'], 14) })],
    params: levels(-80, -20),
  },
  {
    admf: ['mfi_bands'],
    component: 'mfi_bands',
    indicators: [one('mfi', 'mfi', { period: p(['mfi_period', 'period'], 14) })],
    params: levels(20, 80),
  },
  {
    admf: ['stochastic_rsi'],
    component: 'stoch_rsi_bands',
    indicators: [
      one('stoch_rsi', 'stoch_rsi', {
        rsi_period: p('rsi_period', 14),
        stoch_period: p('stoch_period', 14),
        smooth_d: p('d_period', 3),
      }),
    ],
    params: levels(20, 80),
  },
  {
    admf: ['ultimate_oscillator'],
    component: 'ultimate_oscillator_bands',
    indicators: [
      one('oscillator', 'ultimate_oscillator', {
        fast: p('period1', 7),
        medium: p('period2', 14),
        slow: p('period3', 28),
      }),
    ],
    params: levels(30, 70),
  },
  {
    admf: ['stochastic_crossover'],
    component: 'stochastic_crossover',
    indicators: [
      one('stochastic', 'stochastic', { k_period: p('k_period', 14), d_period: p('d_period', 3) }),
    ],
    params: {},
  },
  {
    admf: ['aroon_crossover', 'aroon_oscillator'],
    component: 'aroon_crossover',
    indicators: [one('aroon', 'aroon', { period: p(['period', 'aroon_period'], 25) })],
    params: {},
  },
  {
    admf: ['vortex_crossover', 'vortex_trend'],
    component: 'vortex_crossover',
    indicators: [one('vortex', 'vortex', { period: p(['vortex_period', 'period'], 14) })],
    params: {},
  },
  {
    admf: ['supertrend'],
    component: 'supertrend_trend',
    indicators: [
      one('supertrend', 'supertrend', { period: p('period', 10), multiplier: p('multiplier', 3) }),
    ],
    params: {},
  },
  {
    admf: ['parabolic_sar'],
    component: 'psar_trend',
    indicators: [one('sar', 'psar', { step: p('af_start', 0.02), max: p('af_max', 0.2) })],
    params: {},
  },
  {
    admf: ['vwap_deviation'],
    component: 'vwap_deviation',
    indicators: [one('vwap', 'vwap', {})],
    params: { band_pct: p('band_pct', 0.005, 100) },
    ignored: {
      use_atr_bands: 'bands are a percentage of VWAP',
      atr_multiplier: 'bands are a percentage of VWAP',
      atr_period: 'bands are a percentage of VWAP',
    },
  },
  {
    admf: ['pivot_points'],
    component: 'pivot_breakout',
    indicators: [one('pivots', 'pivot_points', {})],
    params: {},
    ignored: {
      pivot_type: 'pivots are the standard (floor) ones',
      timeframe: 'pivots come from the previous bar of the data’s own timeframe',
    },
  },
  {
    admf: ['pivot_bounces', 'pivot_bounce'],
    component: 'pivot_bounce',
    indicators: [one('pivots', 'pivot_points', {})],
    params: { touch_pct: p('touch_threshold', 0.002, 100) },
    ignored: {
      use_extended_levels: 'S2 and R2 are always the outer levels',
      left_lookback: 'pivots are the previous bar’s floor pivots',
      right_lookback: 'pivots are the previous bar’s floor pivots',
      channel_width: 'a touch is touch_threshold away from the level',
      use_channel: 'a touch is touch_threshold away from the level',
    },
  },
  {
    admf: ['linear_regression_slope'],
    component: 'linreg_slope',
    indicators: [one('regression', 'linreg', { period: p('period', 20) })],
    params: { threshold: p('threshold', 0) },
  },
  {
    admf: ['adx_trend_strength'],
    component: 'adx_trend_strength',
    indicators: [one('adx', 'adx', { period: p(['adx_period', 'di_period'], 14) })],
    params: { threshold: p('adx_threshold', 25) },
  },
  {
    admf: ['rsi_divergence'],
    component: 'rsi_divergence',
    indicators: [one('oscillator', 'rsi', { period: p('rsi_period', 14) })],
    params: {
      lookback: p(['divergence_lookback', 'lookback'], 20),
      oversold: p('rsi_threshold', 40),
    },
    ignored: { swing_lookback: 'a new low of the lookback window is the swing' },
  },
  {
    admf: ['macd_histogram_divergence'],
    component: 'macd_histogram_divergence',
    indicators: [
      one(
        'oscillator',
        'macd',
        {
          fast: p('fast_period', 12),
          slow: p('slow_period', 26),
          signal: p('signal_period', 9),
        },
        'histogram',
      ),
    ],
    params: { lookback: p(['swing_lookback', 'lookback'], 20) },
    ignored: { histogram_threshold: 'any histogram below the oversold level counts' },
  },
];

const BY_ADMF = new Map(STRATEGY_MAPPINGS.flatMap((m) => m.admf.map((name) => [name, m] as const)));
const BY_COMPONENT = new Map(STRATEGY_MAPPINGS.map((m) => [m.component, m] as const));

export const mappingForAdmf = (type: string) => BY_ADMF.get(type);
export const mappingForComponent = (component: string) => BY_COMPONENT.get(component);
