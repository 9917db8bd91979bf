/**
 * Every component of the catalogue runs: each indicator emits, on the AAPL sample, finite values
 * for every output it declares; each strategy and classifier builds with its defaults.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, defaultParams, findComponent } from '../catalogue';
import { parseBarsCsv } from '../data/csv';
import type { IndicatorEvent } from '../events';
import { createRun } from '../runtime/run';
import { DEFAULTS } from '../runtime/testing';
import { indicatorName } from './features';
import { COMPONENTS } from './registry';

const parsed = parseBarsCsv(
  readFileSync(resolve(import.meta.dirname, '../../../public/data/aapl_daily.csv'), 'utf8'),
);
if (!parsed.ok) throw new Error('sample did not load');
const aapl = parsed.series[0]!;

describe('the catalogue', () => {
  it('has a factory for every component that is not a data source', () => {
    for (const spec of CATALOGUE)
      if (spec.kind !== 'data') expect(COMPONENTS[spec.id], spec.id).toBeTypeOf('function');
  });

  it.each(
    CATALOGUE.filter((spec) => spec.kind === 'indicator' && spec.id !== 'expression').map((s) => [
      s.id,
      s,
    ]),
  )('%s emits every output it declares, finite, on the AAPL sample', (_, spec) => {
    const events: IndicatorEvent[] = [];
    const run = createRun(
      {
        containers: [
          { name: 'data', component: 'synthetic_bars', params: {} },
          { name: 'ind', component: spec.id, params: defaultParams(spec) },
        ],
        patterns: [{ type: 'pipeline', containers: ['data', 'ind'] }],
        ...DEFAULTS,
      },
      { bars: { data: [aapl] } },
      COMPONENTS,
      { observer: { onEvent: (e) => e.type === 'IndicatorEvent' && events.push(e) } },
    );
    expect(run.runToEnd()).toBe('finished');
    expect(events.length).toBeGreaterThan(aapl.close.length / 2);
    for (const event of events) {
      expect(Object.keys(event.outputs).sort()).toEqual([...(spec.outputs ?? ['value'])].sort());
      for (const value of Object.values(event.outputs)) expect(Number.isFinite(value)).toBe(true);
    }
  });
});

/** The indicator a default feature reference names: SMA_10 → sma with period 10. */
function indicatorFor(reference: string) {
  const [kind, period] = reference.split('_') as [string, string];
  return {
    name: reference.toLowerCase(),
    component: kind.toLowerCase(),
    params: { period: Number(period), source: 'close', name: '' },
  };
}

describe('the classifiers', () => {
  it.each(CATALOGUE.filter((spec) => spec.kind === 'classifier').map((s) => [s.id, s]))(
    '%s reports only its own regimes, several of them, on the AAPL sample',
    (_, spec) => {
      const params = defaultParams(spec);
      const references = [
        ...new Set(
          Object.entries(spec.params)
            .filter(([, p]) => p.type === 'feature')
            .map(([key]) => String(params[key])),
        ),
      ];
      const indicators = references.map(indicatorFor);
      const regimes: string[] = [];
      const run = createRun(
        {
          containers: [
            { name: 'data', component: 'synthetic_bars', params: {} },
            ...indicators,
            { name: 'classifier', component: spec.id, params },
          ],
          patterns: [
            {
              type: 'pipeline',
              containers: ['data', ...indicators.map((i) => i.name), 'classifier'],
            },
          ],
          ...DEFAULTS,
        },
        { bars: { data: [aapl] } },
        COMPONENTS,
        {
          observer: {
            onEvent: (e) => e.type === 'ClassificationEvent' && regimes.push(e.regime),
          },
        },
      );
      expect(run.runToEnd()).toBe('finished');
      const seen = new Set(regimes);
      expect(seen.size).toBeGreaterThanOrEqual(2);
      for (const regime of seen) expect(spec.regimes).toContain(regime);
    },
  );
});

describe('the strategies', () => {
  it.each(CATALOGUE.filter((spec) => spec.kind === 'strategy').map((s) => [s.id, s]))(
    '%s signals on the AAPL sample with the indicators it reads upstream',
    (_, spec) => {
      const params: Record<string, unknown> = { ...defaultParams(spec), entry: 'state' };
      const indicators: { name: string; component: string; params: Record<string, unknown> }[] = [];
      for (const [key, param] of Object.entries(spec.params)) {
        if (param.type !== 'feature') continue;
        const indicator = findComponent(param.accepts[0]!)!;
        const indicatorParams = defaultParams(indicator);
        // SMA_10 and SMA_20: a period in the default reference is the indicator's.
        const period = /_(\d+)/.exec(String(param.default).split('.')[0]!)?.[1];
        if (period && 'period' in indicator.params) indicatorParams.period = Number(period);
        const name = indicatorName(indicator, indicatorParams);
        const output = String(param.default).split('.')[1];
        params[key] = output ? `${name}.${output}` : name;
        indicators.push({ name: `i_${key}`, component: indicator.id, params: indicatorParams });
      }
      if (spec.id === 'rule_strategy') {
        indicators.push({
          name: 'sma',
          component: 'sma',
          params: { period: 20, source: 'close', name: '' },
        });
      }
      const signals: string[] = [];
      const run = createRun(
        {
          containers: [
            { name: 'data', component: 'synthetic_bars', params: {} },
            ...indicators,
            { name: 'strategy', component: spec.id, params },
          ],
          patterns: [
            {
              type: 'pipeline',
              containers: ['data', ...indicators.map((i) => i.name), 'strategy'],
            },
          ],
          ...DEFAULTS,
        },
        { bars: { data: [aapl] } },
        COMPONENTS,
        { observer: { onEvent: (e) => e.type === 'TradingSignal' && signals.push(e.action) } },
      );
      expect(run.runToEnd()).toBe('finished');
      expect(signals.length, `${spec.id} never signalled`).toBeGreaterThan(0);
    },
  );
});
