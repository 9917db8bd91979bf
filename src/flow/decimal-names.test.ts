import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeatureRef } from '../engine/components/features';
import { compileFlow } from './compile';
import { parseFlow } from './parse';

const root = resolve(import.meta.dirname, '../..');
const hierarchical = readFileSync(resolve(root, 'examples/hierarchical.yaml'), 'utf8');

describe('an indicator with a decimal parameter in its name', () => {
  it('keeps the decimal in the name and reads a word after the last dot as the output', () => {
    expect(parseFeatureRef('BB_20_2.5')).toEqual({ name: 'BB_20_2.5', output: null });
    expect(parseFeatureRef('BB_20_2.5.upper')).toEqual({ name: 'BB_20_2.5', output: 'upper' });
    expect(parseFeatureRef('SUPERTREND_10_2.5')).toEqual({
      name: 'SUPERTREND_10_2.5',
      output: null,
    });
    expect(parseFeatureRef('MACD_12_26_9.signal')).toEqual({
      name: 'MACD_12_26_9',
      output: 'signal',
    });
    expect(parseFeatureRef('SMA_20')).toEqual({ name: 'SMA_20', output: null });
  });

  it('can be read by its name: Bollinger bands at 2.5 deviations wire and compile', () => {
    const text = hierarchical
      .replace('params: { period: 20, std_dev: 2 }', 'params: { period: 20, std_dev: 2.5 }')
      .replace('params: { bands: BB_20_2 }', 'params: { bands: BB_20_2.5 }');
    expect(text).toContain('BB_20_2.5');
    const parsed = parseFlow(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compileFlow(parsed.model!);
    expect(compiled.config).not.toBeNull();
    const reverter = compiled.config!.containers.find((c) => c.name === 'mean_reverter');
    expect(reverter?.params.bands).toBe('BB_20_2.5');
  });

  it('still refuses a reference to a name that is not upstream', () => {
    const text = hierarchical.replace('params: { bands: BB_20_2 }', 'params: { bands: BB_20_2.5 }');
    const parsed = parseFlow(text);
    expect(
      parsed.diagnostics.some((d) => d.severity === 'error' && /BB_20_2\.5/.test(d.message)),
    ).toBe(true);
  });
});
