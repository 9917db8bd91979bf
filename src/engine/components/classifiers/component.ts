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
    const lookback = Math.max(5, Math.round(num(params, 'lookback')));
    const history = new Map<string, number[]>();
    return {
      classify(value, bar) {
        const level = (100 * value('atr')) / bar.close;
        const past = history.get(bar.symbol) ?? [];
        history.set(bar.symbol, past);
        past.push(level);
        if (past.length > lookback) past.shift();
        if (past.length < 5) return null;
        const rank = (100 * past.filter((other) => other < level).length) / (past.length - 1);
        if (rank > num(params, 'high_percentile')) return 'high_volatility';
        if (rank < num(params, 'low_percentile')) return 'low_volatility';
        return 'normal_volatility';
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

export function classifierFactory(spec: ComponentSpec): ComponentFactory<Params> {
  const make = CLASSIFIERS[spec.id];
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
