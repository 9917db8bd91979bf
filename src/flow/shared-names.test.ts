/**
 * Two indicators whose names leave their parameters out (PSAR for any step and maximum) would
 * publish under one name, each overwriting the other's values: each publishes under its container
 * name instead, references by container reach the right one, and a reference to the shared name
 * is an error naming both.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { COMPONENTS } from '../engine/components/registry';
import { createRun } from '../engine/runtime/run';
import { importAdmf } from './admf/import';
import { loadBars } from './bars';
import { compileFlow } from './compile';
import { parseFlow } from './parse';

const samples = resolve(import.meta.dirname, '../../public/data');

/** ADMF-PC's two parabolic SAR strategies of different maximums, imported as a flow. */
function twoSars(): string {
  const imported = importAdmf(
    stringify({
      name: 'two sars',
      symbols: ['SPY'],
      strategy: [
        { parabolic_sar: { params: {} } },
        { parabolic_sar: { params: { af_max: 0.01 } } },
      ],
    }),
  );
  if (!imported.ok) throw new Error(imported.error);
  return imported.text;
}

describe('indicators that would share a name', () => {
  it('publish under their container names, and each strategy reads its own', async () => {
    const text = twoSars();
    const parsed = parseFlow(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const config = compileFlow(parsed.model!).config!;
    const param = (name: string, key: string) =>
      config.containers.find((c) => c.name === name)?.params[key];
    expect(param('psar_0_02_0_2', 'name')).toBe('psar_0_02_0_2');
    expect(param('psar_0_02_0_01', 'name')).toBe('psar_0_02_0_01');
    expect(param('parabolic_sar', 'sar')).toBe('psar_0_02_0_2');
    expect(param('parabolic_sar_2', 'sar')).toBe('psar_0_02_0_01');
    const bars = await loadBars(config, {
      sample: async (file) => readFileSync(resolve(samples, file), 'utf8'),
      csv: async () => undefined,
    });
    if (!bars.ok) throw new Error('bars');
    const run = createRun(config, { bars: bars.bars }, COMPONENTS);
    run.runToEnd();
    const out = (name: string) => run.counters().find((c) => c.name === name)?.out ?? 0;
    // A SAR capped at 0.01 turns far less often than one capped at 0.2: the two strategies see
    // different series, so they signal a different number of times.
    expect(out('parabolic_sar')).toBeGreaterThan(0);
    expect(out('parabolic_sar_2')).toBeGreaterThan(0);
    expect(out('parabolic_sar')).not.toBe(out('parabolic_sar_2'));
  });

  it('refuses a reference to the shared name, naming the indicators to choose from', () => {
    const text = twoSars().replace(/sar: psar_0_02_0_01/, 'sar: PSAR');
    expect(text).toContain('sar: PSAR');
    const errors = parseFlow(text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      '"parabolic_sar_2" reads PSAR, a name 2 indicators share (psar_0_02_0_2, psar_0_02_0_01): refer to one by its container name, for example psar_0_02_0_2',
    ]);
  });
});
