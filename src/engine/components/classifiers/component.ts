/**
 * A regime classifier: it reads features like a strategy (joined to the bar), names the regime of
 * each symbol, publishes it for hierarchical routes, announces each change with a
 * ClassificationEvent, and stamps the regime on every TradingSignal that passes through it.
 */
import type { ComponentSpec } from '../../catalogue/types';
import type { Component, ComponentFactory } from '../../component';
import type { BarEvent } from '../../events';
import { BarFeatureJoin, featureRefs } from '../strategies/component';

type Params = Readonly<Record<string, unknown>>;
const num = (params: Params, key: string) => Number(params[key]);

interface Classifier {
  /** The regime for this bar, or null when it cannot tell yet. */
  classify(value: (param: string) => number, bar: BarEvent): string | null;
}

const CLASSIFIERS: Readonly<Record<string, (params: Params) => Classifier>> = {
  trend_classifier: (params) => ({
    classify(value) {
      const fast = value('fast');
      const slow = value('slow');
      const gap = (100 * (fast - slow)) / Math.abs(slow);
      const threshold = num(params, 'threshold');
      return gap > threshold ? 'trending_up' : gap < -threshold ? 'trending_down' : 'ranging';
    },
  }),
  volatility_classifier: (params) => {
    const rank = volatilityRank(num(params, 'lookback'));
    return {
      classify(value, bar) {
        const at = rank(value('atr'), bar);
        if (at === null) return null;
        if (at > num(params, 'high_percentile')) return 'high_volatility';
        if (at < num(params, 'low_percentile')) return 'low_volatility';
        return 'normal_volatility';
      },
    };
  },
  risk_appetite_classifier: (params) => {
    const rank = volatilityRank(num(params, 'lookback'));
    return {
      classify(value, bar) {
        const at = rank(value('atr'), bar);
        if (at === null) return null;
        return at < num(params, 'threshold') ? 'aggressive' : 'conservative';
      },
    };
  },
  momentum_classifier: (params) => ({
    classify(value) {
      const rsi = value('rsi');
      return rsi > num(params, 'upper')
        ? 'bullish'
        : rsi < num(params, 'lower')
          ? 'bearish'
          : 'neutral';
    },
  }),
};

/** ADMF-PC's rules (multi_state_classifiers.py); thresholds in percent, as the parameters say. */
const ADMF_CLASSIFIERS: Readonly<Record<string, (params: Params) => Classifier>> = {
  market_regime_classifier: (params) => ({
    classify(value, bar) {
      const [fast, slow, atr, rsi] = ['fast', 'slow', 'atr', 'rsi'].map(value) as number[];
      const trend = ((fast! - slow!) / slow!) * 100;
      const vol = (100 * atr!) / bar.close;
      const bullish = trend > 0 && rsi! > 48;
      const bearish = trend < 0 && rsi! < 52;
      const trending =
        Math.abs(trend) > num(params, 'trend_threshold') || vol > num(params, 'vol_threshold');
      if (bullish) return trending ? 'bull_trending' : 'bull_ranging';
      if (bearish) return trending ? 'bear_trending' : 'bear_ranging';
      return 'neutral';
    },
  }),
  multi_timeframe_trend_classifier: (params) => ({
    classify(value, bar) {
      const [short, medium, long] = ['short', 'medium', 'long'].map(value) as number[];
      const trend =
        100 *
        (0.2 * ((short! - medium!) / medium!) +
          0.3 * ((medium! - long!) / long!) +
          0.5 * ((bar.close - short!) / short!));
      const strong = num(params, 'strong_threshold');
      const weak = num(params, 'weak_threshold');
      if (trend > strong) return 'strong_uptrend';
      if (trend > weak) return 'weak_uptrend';
      if (trend < -strong) return 'strong_downtrend';
      if (trend < -weak) return 'weak_downtrend';
      return 'sideways';
    },
  }),
  volatility_momentum_classifier: (params) => ({
    classify(value, bar) {
      const [atr, rsi, average] = ['atr', 'rsi', 'average'].map(value) as number[];
      const vol = (100 * atr!) / bar.close;
      const momentum = (bar.close - average!) / average!;
      const bullish = rsi! > num(params, 'rsi_overbought') || (rsi! > 55 && momentum > 0.005);
      const bearish = rsi! < num(params, 'rsi_oversold') || (rsi! < 45 && momentum < -0.005);
      const side = bullish ? 'bullish' : bearish ? 'bearish' : null;
      if (side === null) return 'neutral';
      return `${vol > num(params, 'vol_threshold') ? 'high' : 'low'}_vol_${side}`;
    },
  }),
  microstructure_classifier: (params) => ({
    classify(value, bar) {
      const [fast, slow, atr, rsi] = ['fast', 'slow', 'atr', 'rsi'].map(value) as number[];
      const priceVsFast = ((bar.close - fast!) / fast!) * 100;
      const fastVsSlow = ((fast! - slow!) / slow!) * 100;
      const vol = (100 * atr!) / bar.close;
      const breakout = num(params, 'breakout_threshold');
      if (Math.abs(fastVsSlow) < num(params, 'consolidation_threshold') && vol < 0.5)
        return 'consolidation';
      if (priceVsFast > breakout && rsi! > 60) return 'breakout_up';
      if (priceVsFast < -breakout && rsi! < 40) return 'breakout_down';
      if (rsi! < 30 && priceVsFast < 0) return 'reversal_up';
      if (rsi! > 70 && priceVsFast > 0) return 'reversal_down';
      if (vol < 0.8) return 'consolidation';
      if (priceVsFast > 0 && rsi! > 50) return 'breakout_up';
      if (priceVsFast < 0 && rsi! < 50) return 'breakout_down';
      return 'consolidation';
    },
  }),
};

/**
 * Where this bar's ATR (as a percent of price) ranks, 0 to 100, among the symbol's latest
 * `lookback` values; null while fewer than five are known.
 */
function volatilityRank(lookback: number): (atr: number, bar: BarEvent) => number | null {
  const size = Math.max(5, Math.round(lookback));
  const history = new Map<string, number[]>();
  return (atr, bar) => {
    const level = (100 * atr) / bar.close;
    const past = history.get(bar.symbol) ?? [];
    history.set(bar.symbol, past);
    past.push(level);
    if (past.length > size) past.shift();
    if (past.length < 5) return null;
    return (100 * past.filter((other) => other < level).length) / (past.length - 1);
  };
}

export function classifierFactory(spec: ComponentSpec): ComponentFactory<Params> {
  const make = CLASSIFIERS[spec.id] ?? ADMF_CLASSIFIERS[spec.id];
  if (!make) throw new Error(`No classifier ${spec.id}`);
  return (params, env) => {
    const classifier = make(params);
    const refs = featureRefs(spec, params);
    const regimes = new Map<string, string>();
    let changes = 0;
    const join = new BarFeatureJoin([...refs.values()], (bar, ctx) => {
      const regime = classifier.classify(
        (param) => join.features.number(bar.symbol, refs.get(param)!, bar.timestamp) ?? Number.NaN,
        bar,
      );
      const previous = regimes.get(bar.symbol) ?? null;
      if (regime === null || regime === previous) return;
      regimes.set(bar.symbol, regime);
      changes++;
      ctx.emit(
        'ClassificationEvent',
        {
          symbol: bar.symbol,
          classifier: env.container,
          regime,
          previous_regime: previous,
          confidence: null,
        },
        bar,
      );
    });
    const component: Component = {
      consumes: ['BarEvent', 'IndicatorEvent', 'TradingSignal'],
      onEvent(event, ctx) {
        if (event.type === 'TradingSignal') {
          // The original is absorbed; its stamped copy, caused by it, goes on.
          const {
            type: _type,
            event_id: _id,
            correlation_id: _c,
            causation_id: _k,
            timestamp: _t,
            source: _s,
            seq: _q,
            ...signal
          } = event;
          ctx.emit(
            'TradingSignal',
            { ...signal, regime_context: regimes.get(event.symbol) ?? null },
            event,
          );
          return;
        }
        ctx.forward(event);
        if (event.type === 'BarEvent') join.onBar(event, ctx);
        else if (event.type === 'IndicatorEvent') join.onIndicator(event, ctx);
      },
      publish: (symbol) => regimes.get(symbol),
      snapshot: () => ({ regimes: Object.fromEntries(regimes), changes }),
    };
    return component;
  };
}
