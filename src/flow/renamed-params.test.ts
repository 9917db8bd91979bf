import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse';

const flow = (brokerParams: string) =>
  [
    'containers:',
    '  data: { component: sample_bars }',
    '  broker:',
    '    component: simulated_broker',
    `    params: ${brokerParams}`,
    'event_flow: [{ type: pipeline, containers: [data, broker] }]',
  ].join('\n');

const broker = (brokerParams: string) => {
  const parsed = parseFlow(flow(brokerParams));
  return {
    parsed,
    params: parsed.model?.containers.find((c) => c.name === 'broker')?.params ?? {},
    // The parameters' warnings (the two-container flow has others: the broker gets no order).
    warnings: parsed.diagnostics.filter((d) => d.severity === 'warning' && d.path[2] === 'params'),
  };
};

describe('old parameter names', () => {
  it('are read under the name their model gives them, with a warning at the key', () => {
    const { parsed, params, warnings } = broker(
      '{ commission_model: per_share, commission_rate: 0.005, slippage_model: percentage, slippage: 0.02 }',
    );
    expect(parsed.ok).toBe(true);
    expect(params).toMatchObject({ commission_per_share: 0.005, slippage_pct: 0.02 });
    expect(params).not.toHaveProperty('commission_rate');
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [
        5,
        expect.stringMatching(/"commission_rate" is an old name: read as "commission_per_share"/),
      ],
      [5, expect.stringMatching(/"slippage" is an old name: read as "slippage_pct"/)],
    ]);
    expect(warnings[0]!.endColumn - warnings[0]!.column, 'the warning marks the key').toBe(
      'commission_rate'.length,
    );
  });

  it('are ignored, and say so, where the model reads no such number or the new name is given', () => {
    const { params, warnings } = broker(
      '{ commission_model: fixed, commission_rate: 0.1, slippage_model: fixed, slippage: 0.1, slippage_per_share: 0.02 }',
    );
    expect(params).toMatchObject({ slippage_per_share: 0.02 });
    expect(params).toMatchObject({ commission_pct: 0, commission_per_share: 0 });
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/the fixed commission model does not read; it is ignored/),
      expect.stringMatching(/old name of "slippage_per_share", which is also given/),
    ]);
  });
});
