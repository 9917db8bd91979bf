/**
 * A routing filter that names an indicator no container publishes can never match that name:
 * the analysis says so at the name, and is quiet when every name exists.
 */
import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse';

const flow = (filter: string, extra = '') => `
containers:
  data: { component: sample_bars, params: { sample: aapl_daily } }
  rsi: { component: rsi, params: { period: 14 } }
  strategy: { component: rule_strategy, params: { long_entry: RSI_14 crosses_above 30, long_exit: RSI_14 > 70 } }
${extra}
event_system:
  routing:
    - { source: data, targets: [rsi, strategy], events: [BarEvent] }
    - source: rsi
      targets: [strategy]
      events: [IndicatorEvent]
      filters:
        - "${filter}"
`;

const named = (yaml: string) =>
  parseFlow(yaml)
    .diagnostics.filter((d) => d.message.startsWith('No container publishes an indicator'))
    .map((d) => ({ line: d.line, column: d.column, container: d.container, message: d.message }));

describe('indicator names in routing filters', () => {
  it('names, at its place, an indicator that no container publishes', () => {
    const yaml = flow("event.indicator_name in ['SMA_20', 'RSI_14']");
    const found = named(yaml);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"SMA_20"');
    expect(found[0]!.message).toContain('RSI_14 (rsi)');
    expect(found[0]!.container).toBe('rsi');
    // At the quoted name inside the filter.
    const line = yaml.split('\n')[found[0]!.line - 1]!;
    expect(line.slice(found[0]!.column - 1)).toMatch(/^'SMA_20'/);
  });

  it('suggests the near name of a typo, in == and != as in in', () => {
    expect(named(flow("event.indicator_name == 'RSI_41'"))[0]!.message).toContain(
      'Did you mean "RSI_14"?',
    );
    expect(named(flow("indicator.indicator_name != 'RSI_41'"))).toHaveLength(1);
  });

  it('is quiet when every name is published, also under a container name when two share one', () => {
    expect(named(flow("event.indicator_name in ['RSI_14']"))).toEqual([]);
    const sma = '  sma: { component: sma, params: { period: 20 } }';
    expect(named(flow("event.indicator_name in ['SMA_20', 'RSI_14']", sma))).toEqual([]);
  });

  it('says nothing when a swept indicator changes its name from cell to cell', () => {
    const swept = flow("event.indicator_name == 'RSI_20'").replace(
      'params: { period: 14 }',
      'params: { period: [14, 20] }',
    );
    expect(named(swept)).toEqual([]);
  });
});
