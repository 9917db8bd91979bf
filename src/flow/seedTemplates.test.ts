/**
 * Every yaml block of the design document (shared/seed/event-driven-design.md) runs as a template
 * (examples/seed): it reads without a problem, and a run delivers events as the design says.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AnyEvent,
  COMPONENTS,
  createRun,
  type FillEvent,
  type OrderEvent,
  type Run,
  type TradingSignal,
} from '../engine';
import { loadBars } from './bars';
import { compileFlow } from './compile';
import { parseFlow } from './parse';

const root = resolve(import.meta.dirname, '../..');

async function run(file: string): Promise<{ run: Run; events: AnyEvent[] }> {
  const text = readFileSync(join(root, 'examples/seed', file), 'utf8');
  const parsed = parseFlow(text);
  expect(parsed.diagnostics, file).toEqual([]);
  const config = compileFlow(parsed.model!).config!;
  const bars = await loadBars(config, {
    sample: async (name) => readFileSync(join(root, 'public/data', name), 'utf8'),
    csv: async () => undefined,
  });
  if (!bars.ok) throw new Error(JSON.stringify(bars.problems));
  const events: AnyEvent[] = [];
  const flow = createRun(config, { bars: bars.bars }, COMPONENTS, {
    observer: { onEvent: (event) => events.push(event) },
  });
  expect(flow.runToEnd()).toBe('finished');
  return { run: flow, events };
}

/** Deliveries along each declared connection, by "source->target". */
function delivered(flow: Run): Map<string, number> {
  const out = new Map<string, number>();
  for (const route of flow.routeCounters()) {
    if (route.id.endsWith('#market')) continue;
    const key = `${route.source}->${route.target}`;
    out.set(key, (out.get(key) ?? 0) + route.delivered);
  }
  return out;
}

const of = <T extends AnyEvent['type']>(events: readonly AnyEvent[], type: T) =>
  events.filter((event): event is Extract<AnyEvent, { type: T }> => event.type === type);

describe('the design’s yaml blocks as templates', () => {
  it('pipeline: data → indicators → strategy → risk → execution', async () => {
    const { run: flow, events } = await run('pipeline.yaml');
    const routes = delivered(flow);
    for (const link of [
      'data->indicators',
      'indicators->strategy',
      'strategy->risk',
      'risk->execution',
    ])
      expect(routes.get(link), link).toBeGreaterThan(0);
    expect(of(events, 'TradingSignal').every((e) => e.source === 'strategy')).toBe(true);
    expect(of(events, 'OrderEvent').every((e) => e.source === 'risk')).toBe(true);
    expect(of(events, 'FillEvent').length).toBeGreaterThan(0);
    expect(of(events, 'FillEvent').every((e) => e.source === 'execution')).toBe(true);
  }, 30_000);

  it('broadcast: data → strategy_a, strategy_b, strategy_c, every bar to each', async () => {
    const { run: flow, events } = await run('broadcast.yaml');
    const routes = delivered(flow);
    const bars = flow.progress.barsDone;
    for (const target of ['strategy_a', 'strategy_b', 'strategy_c']) {
      expect(routes.get(`data->${target}`), target).toBe(bars);
      expect(
        of(events, 'TradingSignal').some((e) => e.source === target),
        target,
      ).toBe(true);
    }
  }, 30_000);

  it('hierarchical: a risk manager decides only while the classifier is in its regime', async () => {
    const { run: flow, events } = await run('hierarchical.yaml');
    const byId = new Map(events.map((event) => [event.event_id, event]));
    const changes = of(events, 'ClassificationEvent');
    expect(new Set(changes.map((e) => e.regime))).toEqual(new Set(['conservative', 'aggressive']));
    const regimeAt = (seq: number) => changes.filter((e) => e.seq < seq).at(-1)?.regime;
    const fills = of(events, 'FillEvent').filter((fill) => fill.reason === 'entry');
    const deciders = new Set<string>();
    for (const fill of fills) {
      const order = byId.get(fill.causation_id!) as OrderEvent;
      deciders.add(order.source);
      expect(order.source).toBe(`risk_${regimeAt(order.seq)}`);
    }
    expect(deciders).toEqual(new Set(['risk_conservative', 'risk_aggressive']));
    const counters = flow.counters();
    for (const name of ['risk_conservative', 'risk_aggressive'])
      expect(
        counters.find((c) => c.name === name)!.filtered_by_rule.regime_inactive,
      ).toBeGreaterThan(0);
  }, 30_000);

  it('selective: each signal goes to the first execution whose condition on its strength holds', async () => {
    const { run: flow, events } = await run('selective.yaml');
    const byId = new Map(events.map((event) => [event.event_id, event]));
    const target = (strength: number) =>
      strength > 0.8
        ? 'high_conviction_execution'
        : strength > 0.5
          ? 'medium_conviction_execution'
          : strength > 0.2
            ? 'low_conviction_execution'
            : null;
    const used = new Set<string>();
    for (const fill of of(events, 'FillEvent')) {
      const order = byId.get(fill.causation_id!) as OrderEvent;
      const signal = byId.get(order.causation_id!) as TradingSignal;
      // The design's transformation made the order from the signal, in the generator's name.
      expect(signal.type).toBe('TradingSignal');
      expect(order.source).toBe('signal_generator');
      expect(fill.source).toBe(target(signal.strength));
      used.add(fill.source);
    }
    expect(used.size).toBe(3);
    const generator = flow.counters().find((c) => c.name === 'signal_generator')!;
    expect(generator.filtered_by_rule.no_route_matched).toBeGreaterThan(0);
    expect(generator.filtered_by_rule.transformed).toBeGreaterThan(0);
  }, 30_000);

  it('event system: bars only to the indicator, the named indicators only, strong signals only, signals turned into orders', async () => {
    const { run: flow, events } = await run('event-system.yaml');
    const counters = new Map(flow.counters().map((c) => [c.name, c]));
    const bars = flow.progress.barsDone;
    // The indicator container got the bars and nothing else.
    expect(counters.get('indicator_container')!.in).toBe(bars);
    expect(counters.get('data_container')!.filtered_by_rule.event_type ?? 0).toBe(0);
    // Only strong signals reached the risk manager; weak ones were filtered by the condition.
    const signals = of(events, 'TradingSignal');
    const strong = signals.filter((s) => s.strength > 0.5).length;
    expect(strong).toBeGreaterThan(0);
    expect(strong).toBeLessThan(signals.length);
    const strategy = counters.get('strategy_container')!;
    expect(strategy.filtered_by_rule.filter_condition).toBe(signals.length - strong);
    const toRisk = [...delivered(flow)].find(
      ([link]) => link === 'strategy_container->risk_container',
    );
    expect(toRisk?.[1]).toBe(strong);
    // The transformation: every signal became an order on the way to the paper broker.
    const made = of(events, 'OrderEvent').filter((o) => o.source === 'strategy_container');
    expect(made.length).toBe(signals.filter((s) => s.direction !== 0).length);
    expect(strategy.filtered_by_rule.transformed).toBe(made.length);
    const paperFills = of(events, 'FillEvent').filter(
      (f: FillEvent) => f.source === 'paper_execution',
    );
    expect(paperFills.length).toBeGreaterThan(0);
  }, 30_000);
});
