import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

let dir: string;
let printed: string[];
let errors: string[];
let written: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-studio-admf-'));
  printed = [];
  errors = [];
  written = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => errors.push(String(line)));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const CONFIG = `name: admf_keltner
symbols: [SPY]
strategy: [
  {keltner_bands: {period: 26, multiplier: 3.0}, filter: "volume > sma(volume, 20)"}
]
risk: {position_size: 0.5, stop_loss: 0.02}
execution: {commission: 0.001}
`;

describe('ADMF-PC configs in the runner', () => {
  it('run converts the config, says what did not map, and runs it', async () => {
    const path = join(dir, 'config.yaml');
    writeFileSync(path, CONFIG);
    expect(await main(['run', path, '--out', join(dir, 'out')])).toBe(0);
    expect(errors[0]).toMatch(/config\.yaml: note: an ADMF-PC config, converted to a flow/);
    expect(errors.join('\n')).toMatch(
      /warning: line 4: filter "volume > sma\(volume, 20\)" of keltner_bands is not translated/,
    );
    expect(printed.join('\n')).toMatch(/admf_keltner: 5,105 bars/);
    expect(readFileSync(join(dir, 'out', 'trades.csv'), 'utf8').split('\n').length).toBeGreaterThan(
      2,
    );
  });

  it('convert writes either format from the other', async () => {
    const path = join(dir, 'config.yaml');
    writeFileSync(path, CONFIG);
    const flowPath = join(dir, 'flow.yaml');
    expect(await main(['convert', path, '--out', flowPath])).toBe(0);
    const flow = readFileSync(flowPath, 'utf8');
    expect(flow).toContain('component: keltner_bands');
    expect(flow).toContain('commission_pct: 0.1');
    expect(await main(['convert', flowPath])).toBe(0);
    const back = written.join('');
    expect(back).toContain('type: keltner_bands');
    expect(back).toMatch(/period: 26\n\s+multiplier: 3/);
    expect(back).toContain('stop_loss: 0.02');
    expect(back).toContain('commission: 0.001');
  });

  it('says why a config cannot run', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'name: x\nstrategy: {pairs_trading: {lookback: 60}}\n');
    expect(await main(['run', path])).toBe(2);
    expect(errors.join('\n')).toMatch(
      /None of the config’s strategies could be imported: line 2: Strategy "pairs_trading" has no counterpart/,
    );
  });
});
