/**
 * An indicator container: one calculator per symbol, updated on each bar. It emits an
 * IndicatorEvent once the indicator is warmed up, then passes the bar on.
 */
import type { ComponentSpec } from '../../catalogue/types';
import type { Component, ComponentFactory } from '../../component';
import type { BarEvent, IndicatorPayload } from '../../events';
import { indicatorName } from '../features';
import {
  AdxCalc,
  AtrCalc,
  BollingerCalc,
  type Calculator,
  DonchianCalc,
  EmaCalc,
  KeltnerCalc,
  MacdCalc,
  ObvCalc,
  type Outputs,
  type PriceSource,
  RocCalc,
  RsiCalc,
  SmaCalc,
  StochasticCalc,
  VwapCalc,
  WmaCalc,
} from './calculators';
import {
  AwesomeCalc,
  CciCalc,
  CmoCalc,
  MfiCalc,
  StochRsiCalc,
  TrixCalc,
  UltimateCalc,
  WilliamsRCalc,
} from './oscillators';
import {
  AccumulationCalc,
  ChaikinMoneyFlowCalc,
  LinRegCalc,
  PivotPointsCalc,
  StdDevCalc,
  ZScoreCalc,
} from './statistics';
import {
  AroonCalc,
  IchimokuCalc,
  MultiEmaCalc,
  ParabolicSarCalc,
  SupertrendCalc,
  VortexCalc,
} from './trend';

type Params = Readonly<Record<string, unknown>>;

const int = (params: Params, key: string) => Math.max(1, Math.round(Number(params[key])));
const num = (params: Params, key: string) => Number(params[key]);
const source = (params: Params) =>
  (typeof params.source === 'string' ? params.source : 'close') as PriceSource;

/** How each indicator component builds its calculator from its parameters. */
export const CALCULATORS: Readonly<Record<string, (params: Params) => Calculator>> = {
  sma: (p) => new SmaCalc(int(p, 'period'), source(p)),
  ema: (p) => new EmaCalc(int(p, 'period'), source(p)),
  wma: (p) => new WmaCalc(int(p, 'period'), source(p)),
  rsi: (p) => new RsiCalc(int(p, 'period'), source(p)),
  macd: (p) => new MacdCalc(int(p, 'fast'), int(p, 'slow'), int(p, 'signal'), source(p)),
  bollinger: (p) => new BollingerCalc(int(p, 'period'), num(p, 'std_dev'), source(p)),
  atr: (p) => new AtrCalc(int(p, 'period')),
  stochastic: (p) => new StochasticCalc(int(p, 'k_period'), int(p, 'd_period'), int(p, 'smooth')),
  donchian: (p) => new DonchianCalc(int(p, 'period')),
  keltner: (p) => new KeltnerCalc(int(p, 'period'), int(p, 'atr_period'), num(p, 'multiplier')),
  adx: (p) => new AdxCalc(int(p, 'period')),
  obv: () => new ObvCalc(),
  vwap: (p) => new VwapCalc(p.reset === 'never' ? 'never' : 'session'),
  roc: (p) => new RocCalc(int(p, 'period'), source(p)),
  dema: (p) => new MultiEmaCalc(int(p, 'period'), 2, source(p)),
  tema: (p) => new MultiEmaCalc(int(p, 'period'), 3, source(p)),
  aroon: (p) => new AroonCalc(int(p, 'period')),
  psar: (p) => new ParabolicSarCalc(num(p, 'step'), num(p, 'max')),
  supertrend: (p) => new SupertrendCalc(int(p, 'period'), num(p, 'multiplier')),
  ichimoku: (p) => new IchimokuCalc(int(p, 'conversion'), int(p, 'base'), int(p, 'span')),
  vortex: (p) => new VortexCalc(int(p, 'period')),
  cci: (p) => new CciCalc(int(p, 'period')),
  williams_r: (p) => new WilliamsRCalc(int(p, 'period')),
  mfi: (p) => new MfiCalc(int(p, 'period')),
  ultimate_oscillator: (p) => new UltimateCalc([int(p, 'fast'), int(p, 'medium'), int(p, 'slow')]),
  stoch_rsi: (p) =>
    new StochRsiCalc(
      int(p, 'rsi_period'),
      int(p, 'stoch_period'),
      int(p, 'smooth_k'),
      int(p, 'smooth_d'),
    ),
  trix: (p) => new TrixCalc(int(p, 'period'), source(p)),
  cmo: (p) => new CmoCalc(int(p, 'period'), source(p)),
  awesome_oscillator: (p) => new AwesomeCalc(int(p, 'fast'), int(p, 'slow')),
  stddev: (p) => new StdDevCalc(int(p, 'period'), source(p)),
  zscore: (p) => new ZScoreCalc(int(p, 'period'), source(p)),
  linreg: (p) => new LinRegCalc(int(p, 'period'), source(p)),
  accumulation_distribution: () => new AccumulationCalc(),
  chaikin_money_flow: (p) => new ChaikinMoneyFlowCalc(int(p, 'period')),
  pivot_points: (p) => new PivotPointsCalc(p.period === 'day' ? 'day' : 'bar'),
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Indicator events carry no metadata: one frozen empty object for all of them, not one each. */
const NO_METADATA: Readonly<Record<string, never>> = Object.freeze({});

export function indicatorFactory(spec: ComponentSpec): ComponentFactory<Params> {
  const make = CALCULATORS[spec.id];
  if (!make) throw new Error(`No calculator for indicator ${spec.id}`);
  const primary = spec.outputs?.[0] ?? 'value';
  return (params) => {
    const name = indicatorName(spec, params);
    // Per symbol its calculator and latest outputs in one record: one lookup a bar.
    const perSymbol = new Map<string, { calculator: Calculator; last: Outputs | null }>();
    // The engine builds an indicator event afresh from its payload's fields (ComponentContext):
    // one payload per container, refilled for each event, is no garbage a bar.
    const payload: Mutable<IndicatorPayload> = {
      indicator_name: name,
      symbol: '',
      value: Number.NaN,
      outputs: {},
      confidence: null,
      metadata: NO_METADATA,
    };
    /** Symbols in the order their indicator first had a value (the snapshot lists them so). */
    const warmed: [string, { last: Outputs | null }][] = [];
    const component: Component = {
      consumes: ['BarEvent'],
      onEvent(event, ctx) {
        const bar = event as BarEvent;
        let state = perSymbol.get(bar.symbol);
        if (!state) {
          state = { calculator: make(params), last: null };
          perSymbol.set(bar.symbol, state);
        }
        const outputs = state.calculator.update(bar);
        if (outputs) {
          if (state.last === null) warmed.push([bar.symbol, state]);
          state.last = outputs;
          payload.symbol = bar.symbol;
          payload.value = outputs[primary] ?? outputs.value ?? Number.NaN;
          payload.outputs = outputs;
          ctx.emit('IndicatorEvent', payload, bar);
        }
        ctx.forward(bar);
      },
      snapshot: () => ({
        indicator: name,
        last: Object.fromEntries(warmed.map(([symbol, state]) => [symbol, state.last])),
      }),
    };
    return component;
  };
}
