/**
 * The expression indicator: a named feature computed by a formula over the bar, the indicators
 * upstream and earlier bars. On each bar, once every indicator it reads has a value for that bar,
 * it emits an IndicatorEvent with the formula's value (nothing while the value is not a number,
 * such as during a window's warm-up), then passes the bar on, as any indicator does.
 */

import type { Component, ComponentFactory } from '../../component';
import type { SeriesFrame, SeriesState } from '../../condition';
import type { BarEvent } from '../../events';
import { BarFeatureJoin } from '../strategies/component';
import { compileRule, featuresOf, isNumber } from './program';

type Params = Readonly<Record<string, unknown>>;

export const expressionIndicatorFactory: ComponentFactory<Params> = (params) => {
  const name = typeof params.name === 'string' && params.name !== '' ? params.name : 'EXPR';
  const program = compileRule(String(params.formula ?? ''), 'indicator');
  const windows = new Map<string, SeriesState>();
  const last = new Map<string, number>();
  let current: BarEvent | null = null;
  const frame: SeriesFrame = {
    bar: { open: 0, high: 0, low: 0, close: 0, volume: 0 },
    feature: (feature, output) =>
      join.features.number(current!.symbol, { name: feature, output }, current!.timestamp),
    position: 0,
    bars_in_position: 0,
    entry_price: null,
    regime: null,
  };
  const join = new BarFeatureJoin(featuresOf([program]), (bar, ctx) => {
    let state = windows.get(bar.symbol);
    if (!state) {
      state = program.createState();
      windows.set(bar.symbol, state);
    }
    current = bar;
    frame.bar = bar;
    const value = program.evaluate(frame, state);
    if (!isNumber(value)) return;
    last.set(bar.symbol, value);
    ctx.emit(
      'IndicatorEvent',
      {
        indicator_name: name,
        symbol: bar.symbol,
        value,
        outputs: { value },
        confidence: null,
        metadata: {},
      },
      bar,
    );
  });
  const component: Component = {
    consumes: ['BarEvent', 'IndicatorEvent'],
    onEvent(event, ctx) {
      if (event.type === 'IndicatorEvent') {
        ctx.forward(event);
        join.onIndicator(event, ctx);
      } else if (event.type === 'BarEvent') {
        // Its own value goes out before the bar, as every indicator's does.
        join.onBar(event, ctx);
        ctx.forward(event);
      } else ctx.forward(event);
    },
    snapshot: () => ({ indicator: name, last: Object.fromEntries(last) }),
  };
  return component;
};
