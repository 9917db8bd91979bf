/**
 * A disabled container stays in the flow and the runner honours it: its component does not run
 * and events pass through it unchanged; a disabled data container sends no bars. Notes change
 * nothing in a run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const root = resolve(import.meta.dirname, '../..');
const pipeline = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8');
let out: string;
let printed: string[];

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'flow-studio-'));
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

async function run(text: string) {
  printed = [];
  const file = join(out, 'flow.yaml');
  writeFileSync(file, text);
  const code = await main(['run', file, '--json', '--out', join(out, 'results')]);
  return { code, result: code === 0 ? JSON.parse(printed.join('\n')) : null };
}

const disable = (name: string, text = pipeline) =>
  text.replace(`  ${name}:\n    component:`, `  ${name}:\n    disabled: true\n    component:`);

describe('disabled containers in a run', () => {
  it('a disabled strategy passes bars on and trades nothing; enabled again, it trades', async () => {
    const off = disable('crossover');
    expect(off).toContain('disabled: true');
    const { code, result } = await run(off);
    expect(code).toBe(0);
    expect(result.portfolios.portfolio.metrics.trades).toBe(0);
    const { result: on } = await run(pipeline);
    expect(on.portfolios.portfolio.metrics.trades).toBeGreaterThan(0);
  });

  it('a disabled indicator passes bars through: the pipeline behind it still gets every bar', async () => {
    const { code, result } = await run(disable('sma_fast'));
    expect(code).toBe(0);
    // The crossover has no fast average to read, so it never signals.
    expect(result.portfolios.portfolio.metrics.trades).toBe(0);
    expect(result.bars).toBe(1260);
  });

  it('a flow whose only data container is disabled does not start, and says why', async () => {
    const { code } = await run(disable('data'));
    expect(code).not.toBe(0);
  });

  it('notes are kept for people and change nothing in the run', async () => {
    const noted = `${pipeline}\nnotes:\n  why:\n    text: Fast above slow means long.\n    at: [0, 300]\n`;
    const { result: withNotes } = await run(noted);
    const { result: without } = await run(pipeline);
    expect(withNotes.portfolios.portfolio.metrics).toEqual(without.portfolios.portfolio.metrics);
  });
});
