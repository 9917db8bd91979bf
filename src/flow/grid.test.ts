import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, firstCell, paramsByContainer } from './compile';
import { gridCells } from './grid';
import { parseFlow } from './parse';

const pipeline = readFileSync(resolve(import.meta.dirname, '../../examples/pipeline.yaml'), 'utf8');

/** The sample flow with its two SMA periods replaced, and the crossover reading them by container. */
function sweep(fast: string, slow: string, extra = ''): string {
  return `${pipeline
    .replace('params: { period: 10 }', `params: { period: ${fast} }`)
    .replace('params: { period: 20 }', `params: { period: ${slow} }`)
    .replace('{ fast: SMA_10, slow: SMA_20 }', '{ fast: sma_fast, slow: sma_slow }')}${extra}`;
}

const errors = (text: string) =>
  parseFlow(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}: ${d.message}`);

describe('grids in a flow', () => {
  it('reads lists, ranges and ADMF-PC range(…) text, its stop included', () => {
    const parsed = parseFlow(sweep('[5, 10, 20]', '{ from: 20, to: 50, step: 10 }'));
    expect(errors(sweep('[5, 10, 20]', '{ from: 20, to: 50, step: 10 }'))).toEqual([]);
    expect(parsed.model?.grid?.axes.map((axis) => [axis.key, axis.values])).toEqual([
      ['sma_fast.period', [5, 10, 20]],
      ['sma_slow.period', [20, 30, 40, 50]],
    ]);
    expect(parsed.model?.grid?.runs).toBe(12);
    const admf = parseFlow(sweep('"range(10, 15, 1)"', '20'));
    expect(admf.model?.grid?.axes[0]?.values).toEqual([10, 11, 12, 13, 14, 15]);
    // Decimal steps come out as the numbers a person would write.
    const risk = parseFlow(
      pipeline.replace('equity_pct: 95', 'equity_pct: { from: 0.1, to: 0.5, step: 0.1 }'),
    );
    expect(risk.model?.grid?.axes[0]?.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('holds the first value of each grid in the model, so the flow reads as its first run', () => {
    const model = parseFlow(sweep('[5, 10]', '[30, 40]')).model!;
    expect(model.containers.find((c) => c.name === 'sma_fast')?.params.period).toBe(5);
    expect(model.containers.find((c) => c.name === 'sma_slow')?.params.period).toBe(30);
  });

  it('refuses grids it cannot read, at the parameter, in plain words', () => {
    expect(errors(sweep('{ from: 5, to: 50, step: 0 }', '20'))).toEqual([
      '13: period: A range needs a step above 0',
    ]);
    expect(errors(sweep('{ from: 5.5, to: 50, step: 5 }', '20'))).toEqual([
      '13: period: Period is a whole number: from, to and step must be too',
    ]);
    expect(errors(sweep('[5, 0]', '20'))[0]).toMatch(
      /^13: period: the value 0 in the sweep is not allowed: Too small/,
    );
    expect(errors(sweep('"range(5, 50"', '20'))).toEqual([
      '13: period: Write a range as range(start, stop, step), for example range(5, 50, 5)',
    ]);
    expect(errors(sweep('[5, 5]', '20'))).toEqual(['13: period: The value 5 is listed twice']);
    expect(
      errors(pipeline.replace('sample: aapl_daily', 'sample: aapl_daily, start_date: [a, b]')),
    ).toEqual([
      '10: start_date: From cannot be swept: only numbers, choices and true/false can hold several values',
    ]);
  });

  it('sweeps choices and true/false as lists', () => {
    const text = pipeline.replace(
      'sizing: percent_equity, equity_pct: 95',
      'sizing: percent_equity, equity_pct: 95, allow_short: [false, true]',
    );
    expect(errors(text)).toEqual([]);
    expect(parseFlow(text).model?.grid?.axes[0]?.values).toEqual([false, true]);
    expect(errors(text.replace('[false, true]', '[false, maybe]'))[0]).toMatch(
      /the value maybe in the sweep is not allowed/,
    );
  });

  it('counts the runs the constraints leave, and refuses a grid above the limit with its count', () => {
    const grid = (fast: string, slow: string, block: string) =>
      parseFlow(sweep(fast, slow, block)).model?.grid;
    const constrained = grid(
      '{ from: 5, to: 50, step: 5 }',
      '{ from: 5, to: 50, step: 5 }',
      '\nsweep:\n  constraints: ["sma_fast.period < sma_slow.period"]\n',
    );
    expect(constrained).toMatchObject({ total: 100, runs: 45, exact: true });
    const limited = sweep(
      '{ from: 1, to: 200 }',
      '{ from: 1, to: 100 }',
      '\nsweep: { max_runs: 5000 }\n',
    );
    expect(errors(limited)).toEqual([
      '13: This grid expands to 20,000 runs, above the limit of 5,000: narrow a list or a range, or raise sweep.max_runs',
    ]);
    expect(errors(limited.replace('max_runs: 5000', 'max_runs: 20000'))).toEqual([]);
  });

  it('checks constraints: their syntax, their names and that they leave something', () => {
    const withConstraint = (constraint: string) =>
      errors(sweep('[5, 10]', '[20, 30]', `\nsweep:\n  constraints: ["${constraint}"]\n`));
    expect(withConstraint('sma_fast.perod < sma_slow.period')[0]).toMatch(
      /Constraint: "sma_fast" has no parameter "perod" \(it has period, source, name\)/,
    );
    expect(withConstraint('smafast.period < 3')[0]).toMatch(/Constraint: Unknown name "smafast"/);
    expect(withConstraint('sma_fast.period > sma_slow.period')).toEqual([
      '44: The constraints leave none of the 4 combinations of the grid',
    ]);
    expect(withConstraint('sma_fast.period * 3 <= sma_slow.period')).toEqual([]);
  });

  it('enumerates cells in order (last parameter fastest), keeping only those the constraints allow', () => {
    const model = parseFlow(
      sweep(
        '[5, 20, 30]',
        '[10, 30]',
        '\nsweep:\n  constraints: ["sma_fast.period < sma_slow.period"]\n',
      ),
    ).model!;
    const cells = [...gridCells(model.grid!, paramsByContainer(model))];
    expect(cells).toEqual([
      { index: 0, cell: { 'sma_fast.period': 5, 'sma_slow.period': 10 } },
      { index: 1, cell: { 'sma_fast.period': 5, 'sma_slow.period': 30 } },
      { index: 3, cell: { 'sma_fast.period': 20, 'sma_slow.period': 30 } },
    ]);
    expect(model.grid?.runs).toBe(3);
  });

  it('compiles a cell: its values in place, container references resolved to indicator names', () => {
    const model = parseFlow(sweep('[5, 10]', '[20, 30]')).model!;
    const compiled = compileFlow(model, { 'sma_fast.period': 10, 'sma_slow.period': 30 });
    const params = (name: string) =>
      compiled.config?.containers.find((c) => c.name === name)?.params;
    expect(params('sma_fast')?.period).toBe(10);
    expect(params('crossover')).toMatchObject({ fast: 'SMA_10', slow: 'SMA_30' });
    expect(compileFlow(model, { 'risk.equity_pct': 50 }).problems).toEqual([
      { message: 'The run sets risk.equity_pct, which is not swept in this flow' },
    ]);
  });

  it('runs the first cell the constraints keep when no cell is given', () => {
    const model = parseFlow(
      sweep(
        '[30, 5]',
        '[10, 40]',
        '\nsweep:\n  constraints: ["sma_fast.period < sma_slow.period"]\n',
      ),
    ).model!;
    expect(firstCell(model)).toEqual({ 'sma_fast.period': 30, 'sma_slow.period': 40 });
    const config = compileFlow(model).config!;
    expect(config.containers.find((c) => c.name === 'crossover')?.params).toMatchObject({
      fast: 'SMA_30',
      slow: 'SMA_40',
    });
  });

  it('asks for the container name when a reference would follow a swept indicator name', () => {
    const text = pipeline.replace('params: { period: 10 }', 'params: { period: [5, 10] }');
    expect(errors(text)).toEqual([
      '19: "crossover" reads SMA_10, but sma_fast\'s name changes from run to run of the sweep: refer to it by its container name, sma_fast',
    ]);
  });

  it('reads an indicator by its container name in a flow without a grid too', () => {
    const text = pipeline.replace(
      '{ fast: SMA_10, slow: SMA_20 }',
      '{ fast: sma_fast, slow: SMA_20 }',
    );
    expect(errors(text)).toEqual([]);
    const config = compileFlow(parseFlow(text).model!).config!;
    expect(config.containers.find((c) => c.name === 'crossover')?.params.fast).toBe('SMA_10');
  });

  it('warns about constraints when nothing is swept', () => {
    const parsed = parseFlow(`${pipeline}\nsweep:\n  constraints: ["sma_fast.period < 3"]\n`);
    expect(parsed.ok).toBe(true);
    expect(parsed.diagnostics.map((d) => d.message)).toContain(
      'These constraints apply to nothing yet: no parameter holds a list or a range',
    );
  });
});
