/**
 * ADMF-PC both ways: for any flow made of parts that map (the flows the import itself builds from
 * any config of the mapped strategy types), import(export(flow)) is the same flow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseFlow } from '../parse';
import { exportAdmf } from './export';
import { importAdmf } from './import';
import { STRATEGY_MAPPINGS } from './strategies';

const decimal = (max: number, places: number) =>
  fc.integer({ min: 1, max: max * 10 ** places }).map((n) => n / 10 ** places);

/** A strategy entry of a mapped type with values for some of its parameters. */
const entryArb = fc.constantFrom(...STRATEGY_MAPPINGS).chain((mapping) => {
  const links = [
    ...mapping.indicators.flatMap((need) => Object.values(need.params)),
    ...Object.values(mapping.params),
  ];
  return fc
    .tuple(
      ...links.map((link) =>
        fc.option(
          link.scale
            ? decimal(0.05, 4)
            : Number.isInteger(link.default) && link.default > 1
              ? fc.integer({ min: 2, max: 60 })
              : decimal(3, 2),
          { nil: undefined },
        ),
      ),
    )
    .map((values) => {
      const params: Record<string, number> = {};
      links.forEach((link, i) => {
        if (values[i] !== undefined) params[link.admf[0]!] = values[i]!;
      });
      return { [mapping.admf[0]!]: { params } };
    });
});

const configArb = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/),
  data: fc.constantFrom(
    { symbols: ['SPY'] },
    { symbols: ['AAPL'] },
    { data: 'SPY_5m' },
    { data: 'QQQ_1m' },
  ),
  strategy: fc.array(entryArb, { minLength: 1, maxLength: 3 }),
  risk: fc.option(
    fc.record(
      {
        position_size: decimal(1, 2),
        stop_loss: decimal(0.2, 3),
        take_profit: decimal(0.5, 3),
        max_holding_period: fc.integer({ min: 1, max: 500 }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  execution: fc.option(
    fc.record({ commission: decimal(0.01, 4), slippage: decimal(0.01, 4) }, { requiredKeys: [] }),
    { nil: undefined },
  ),
  initial_capital: fc.option(fc.integer({ min: 1000, max: 10_000_000 }), { nil: undefined }),
});

describe('ADMF-PC export', () => {
  it('import(export(flow)) gives the same flow', () => {
    fc.assert(
      fc.property(configArb, (raw) => {
        const { data, ...rest } = raw;
        const config = Object.fromEntries(
          Object.entries({ ...rest, ...data }).filter(([, v]) => v !== undefined),
        );
        const first = importAdmf(stringify(config));
        if (!first.ok) throw new Error(first.error);
        const flow = parseFlow(first.text).model!;
        const exported = exportAdmf(flow, first.text);
        expect(exported.unmapped, exported.text).toEqual([]);
        const again = importAdmf(exported.text);
        if (!again.ok) throw new Error(again.error);
        const back = parseFlow(again.text).model!;
        expect({ ...back, layout: {} }, exported.text).toEqual({ ...flow, layout: {} });
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('lists what has no counterpart before download', () => {
    const flow = parseFlow(`
name: with rules
containers:
  data: { component: synthetic_bars }
  rsi: { component: rsi }
  trend: { component: trend_classifier, params: { fast: RSI_14, slow: RSI_14 } }
  rules: { component: rule_strategy, params: { long_entry: RSI_14 < 30, long_exit: RSI_14 > 70 } }
  risk: { component: risk_manager, params: { allow_short: true } }
  broker: { component: simulated_broker }
  portfolio: { component: portfolio }
event_flow:
  - { type: pipeline, containers: [data, rsi, trend, rules, risk, broker, portfolio] }
`).model!;
    const { unmapped } = exportAdmf(flow);
    expect(unmapped).toEqual([
      'data "data": synthetic bars (ADMF-PC reads its data files)',
      'strategy "rules" (rule_strategy): ADMF-PC has no such strategy type',
      'risk.allow_short = true',
      'indicator "rsi" (rsi)',
      'classifier "trend" (trend_classifier)',
    ]);
  });
});
