import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile';
import { scopeInFlow, vocabulary } from './expressions';
import { parseFlow } from './parse';

const flow = (
  rules: string,
  extra = '',
  pipeline = 'data, rsi, sma, rules, risk, broker, portfolio',
) => `
name: rules
containers:
  data: { component: sample_bars }
  rsi: { component: rsi, params: { period: 14 } }
  sma: { component: sma, params: { period: 200 } }
${extra}  rules:
    component: rule_strategy
    params:
${rules}
  risk: { component: risk_manager }
  broker: { component: simulated_broker }
  portfolio: { component: portfolio }
event_flow:
  - type: pipeline
    containers: [${pipeline}]
`;

describe('rule expressions in a flow', () => {
  it('accepts the issue’s rule and compiles it', () => {
    const parsed = parseFlow(
      flow(`      long_entry: RSI_14 crosses_above 30 and close > SMA_200
      long_exit: RSI_14 > 70`),
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(compileFlow(parsed.model!).config).not.toBeNull();
  });

  it('points at the column of an unknown name, with what is upstream', () => {
    const text = flow(`      long_entry: "crosses_above(RSI_14, 30) and close > SMA_50"
      long_exit: RSI_14 > 70`);
    const parsed = parseFlow(text);
    const error = parsed.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.message).toMatch(
      /Long entry: Unknown name "SMA_50".*upstream: SMA_200, RSI_14.*column 39/,
    );
    const line = text.split('\n')[error.line - 1]!;
    expect(line.slice(error.column - 1, error.endColumn - 1)).toBe('SMA_50');
    expect(error.container).toBe('rules');
  });

  it('reports a syntax error and a function that does not exist at their columns', () => {
    const text = flow(`      long_entry: close > highest(high[1], 20) and eval(close)
      long_exit: RSI_14 >`);
    const errors = parseFlow(text).diagnostics.filter((d) => d.severity === 'error');
    const lines = text.split('\n');
    const at = (d: (typeof errors)[number]) => lines[d.line - 1]!.slice(d.column - 1);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Unknown function "eval"/),
      expect.stringMatching(/Long exit: Expected expression after > \(column 9\)/),
    ]);
    expect(at(errors[0]!)).toMatch(/^eval\(close\)/);
  });

  it('needs a classifier upstream for regime, and reads the nearest one', () => {
    const rules = `      long_entry: "regime == 'trending_up'"
      long_exit: ''`;
    const without = parseFlow(flow(rules)).diagnostics.filter((d) => d.severity === 'error');
    expect(without.map((d) => d.message)).toEqual([
      expect.stringMatching(/regime needs a classifier upstream/),
    ]);
    const withTrend = parseFlow(
      flow(
        rules,
        '  trend: { component: trend_classifier, params: { fast: SMA_200, slow: SMA_200 } }\n',
        'data, rsi, sma, trend, rules, risk, broker, portfolio',
      ),
    );
    expect(withTrend.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = compileFlow(withTrend.model!).config!;
    expect(config.containers.find((c) => c.name === 'rules')!.params.classifier).toBe('trend');
    const words = vocabulary(scopeInFlow(withTrend.model!, 'rules')!).map((e) => e.name);
    expect(words).toEqual(
      expect.arrayContaining(['close', 'RSI_14', 'SMA_200', 'regime', 'position', 'crosses_above']),
    );
  });

  it('gives an expression indicator’s name to the strategies after it', () => {
    const parsed = parseFlow(
      flow(
        `      long_entry: SPREAD < -2
      long_exit: SPREAD > 0`,
        "  spread: { component: expression, params: { formula: '(close - SMA_200) / stdev(close, 20)', name: SPREAD } }\n",
        'data, rsi, sma, spread, rules, risk, broker, portfolio',
      ),
    );
    expect(parsed.diagnostics).toEqual([]);
    const indicatorScope = scopeInFlow(parsed.model!, 'spread')!;
    expect(vocabulary(indicatorScope).map((e) => e.name)).not.toContain('position');
  });
});
