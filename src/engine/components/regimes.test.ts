/** A hierarchical flow with a real classifier: each child trades only in its regime. */
import { describe, expect, it } from 'vitest';
import type { EngineConfig } from '../config';
import { generateSynthetic } from '../data/synthetic';
import type { AnyEvent, TradingSignal } from '../events';
import { createRun } from '../runtime/run';
import { DEFAULTS } from '../runtime/testing';
import { COMPONENTS } from './registry';

describe('regime classifier in a hierarchical flow', () => {
  it('routes decisions by regime and stamps the regime on signals', () => {
    const config: EngineConfig = {
      containers: [
        { name: 'data', component: 'synthetic_bars', params: {} },
        { name: 'sma10', component: 'sma', params: { period: 10, source: 'close', name: '' } },
        { name: 'sma30', component: 'sma', params: { period: 30, source: 'close', name: '' } },
        {
          name: 'regime',
          component: 'trend_classifier',
          params: { fast: 'SMA_10', slow: 'SMA_30', threshold: 1 },
        },
        { name: 'trend', component: 'sma_crossover', params: { fast: 'SMA_10', slow: 'SMA_30' } },
        { name: 'range', component: 'sma_crossover', params: { fast: 'SMA_10', slow: 'SMA_30' } },
        {
          name: 'stamp',
          component: 'trend_classifier',
          params: { fast: 'SMA_10', slow: 'SMA_30', threshold: 1 },
        },
      ],
      patterns: [
        { type: 'pipeline', containers: ['data', 'sma10', 'sma30', 'regime'] },
        {
          type: 'hierarchical',
          parent: 'regime',
          children: [
            { name: 'trend', regime: 'trending_up' },
            { name: 'range', regime: 'ranging' },
          ],
        },
        { type: 'pipeline', containers: ['trend', 'stamp'] },
        { type: 'pipeline', containers: ['range', 'stamp'] },
      ],
      ...DEFAULTS,
    };
    const events: AnyEvent[] = [];
    const series = generateSynthetic({
      symbols: ['S'],
      regime: 'mixed',
      interval: '1d',
      bars: 600,
      seed: 3,
      startPrice: 100,
      startDate: '2020-01-01',
    });
    const run = createRun(config, { bars: { data: series } }, COMPONENTS, {
      observer: { onEvent: (event) => events.push(event) },
    });
    expect(run.runToEnd()).toBe('finished');
    const regimeAt = new Map<number, string>();
    let current = '';
    for (const event of events) {
      if (event.type === 'ClassificationEvent' && event.source === 'regime') current = event.regime;
      regimeAt.set(event.timestamp, current);
    }
    expect(events.some((event) => event.type === 'ClassificationEvent')).toBe(true);
    // Children emit on every crossover; only what a child emits in its own regime gets past the gate.
    const byId = new Map(events.map((event) => [event.event_id, event]));
    const stamped = events.filter(
      (event): event is TradingSignal => event.type === 'TradingSignal' && event.source === 'stamp',
    );
    expect(stamped.length).toBeGreaterThan(0);
    for (const signal of stamped) {
      const child = byId.get(signal.causation_id!)!;
      expect(regimeAt.get(signal.timestamp)).toBe(
        child.source === 'trend' ? 'trending_up' : 'ranging',
      );
      expect(signal.regime_context).toBe(regimeAt.get(signal.timestamp));
    }
    const filtered =
      run.counters().find((c) => c.name === 'trend')!.filtered_by_rule.regime_inactive ?? 0;
    expect(filtered).toBeGreaterThan(0);
  });
});
