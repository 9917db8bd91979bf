import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdit } from './apply';
import { compileFlow } from './compile';
import { paramEdits, renameInExpression } from './param-edits';
import { parseFlow } from './parse';

const root = resolve(import.meta.dirname, '../..');
const pipeline = readFileSync(resolve(root, 'examples/pipeline.yaml'), 'utf8');
const rules = readFileSync(resolve(root, 'examples/templates/rsi-rule-strategy.yaml'), 'utf8');

const modelOf = (text: string) => {
  const parsed = parseFlow(text);
  if (!parsed.model) throw new Error('flow does not parse');
  return parsed.model;
};

/** The flow after the inspector sets one parameter, with every edit that goes with it. */
function change(text: string, container: string, param: string, value: unknown) {
  const edits = paramEdits(modelOf(text), container, param, value);
  let current = text;
  for (const edit of edits) {
    const result = applyEdit(current, edit);
    if (!result.ok) throw new Error(result.error);
    current = result.text;
  }
  return { text: current, edits, model: modelOf(current) };
}

const paramsOf = (text: string, name: string) =>
  modelOf(text).containers.find((c) => c.name === name)!.params;

describe("an indicator's name changed in the inspector", () => {
  it('a period change takes the strategy reading it along, and the flow still runs', () => {
    const { text, edits } = change(pipeline, 'sma_fast', 'period', 12);
    expect(edits).toHaveLength(2);
    expect(paramsOf(text, 'crossover')).toMatchObject({ fast: 'SMA_12', slow: 'SMA_20' });
    expect(compileFlow(modelOf(text)).problems).toEqual([]);
    // Without the rewrite the strategy would name an indicator that is no longer there.
    const alone = applyEdit(pipeline, edits[0]!);
    expect(alone.ok && paramsOf(alone.text, 'crossover').fast).toBe('SMA_10');
  });

  it('a change that gives it the name of another indicator reads it by its container', () => {
    const { text } = change(pipeline, 'sma_fast', 'period', 20);
    expect(paramsOf(text, 'crossover')).toMatchObject({ fast: 'sma_fast', slow: 'SMA_20' });
    // And a later change leaves that reference as it is: it names no period.
    const later = change(text, 'sma_fast', 'period', 15);
    expect(later.edits).toHaveLength(1);
    expect(paramsOf(later.text, 'crossover')).toMatchObject({ fast: 'sma_fast', slow: 'SMA_20' });
    expect(compileFlow(later.model).problems).toEqual([]);
  });

  it('a name two indicators already share is left alone: which one was meant cannot be told', () => {
    const twins = pipeline.replace('period: 20', 'period: 10');
    const { edits } = change(twins, 'sma_fast', 'period', 12);
    expect(edits).toHaveLength(1);
  });

  it('rule expressions name the new indicator wherever they named the old one', () => {
    const { text } = change(rules, 'sma', 'period', 150);
    expect(paramsOf(text, 'rules')).toMatchObject({
      long_entry: 'RSI_14 crosses_above 30 and close > SMA_150',
      long_exit: 'RSI_14 > 70',
    });
    const rsi = change(rules, 'rsi', 'period', 7).text;
    expect(paramsOf(rsi, 'rules')).toMatchObject({
      long_entry: 'RSI_7 crosses_above 30 and close > SMA_200',
      long_exit: 'RSI_7 > 70',
      strength: 'clamp((70 - RSI_7) / 40, 0, 1)',
    });
    expect(compileFlow(modelOf(rsi)).problems).toEqual([]);
  });

  it('a swept period makes the strategy read the indicator by its container', () => {
    const { text } = change(pipeline, 'sma_fast', 'period', { from: 5, to: 15, step: 5 });
    expect(paramsOf(text, 'crossover')).toMatchObject({ fast: 'sma_fast', slow: 'SMA_20' });
  });

  it('a parameter outside the name changes nothing else', () => {
    const { edits } = change(pipeline, 'crossover', 'fast', 'SMA_20');
    expect(edits).toHaveLength(1);
  });
});

describe('renaming an indicator inside an expression', () => {
  it('renames whole names only, with offsets, outputs and calls, keeping the spacing', () => {
    expect(renameInExpression('SMA_10 > SMA_100  and SMA_10[1] < close', 'SMA_10', 'SMA_12')).toBe(
      'SMA_12 > SMA_100  and SMA_12[1] < close',
    );
    expect(
      renameInExpression(
        'crosses_above(MACD_12_26_9, MACD_12_26_9.signal)',
        'MACD_12_26_9',
        'MACD_8_21_5',
      ),
    ).toBe('crosses_above(MACD_8_21_5, MACD_8_21_5.signal)');
    expect(renameInExpression("'SMA_10' == 1 or close > 0", 'SMA_10', 'SMA_12')).toBe(
      "'SMA_10' == 1 or close > 0",
    );
    expect(renameInExpression('close > (', 'SMA_10', 'SMA_12')).toBe('close > (');
    expect(renameInExpression('SMA_10 > (', 'SMA_10', 'SMA_12')).toBeNull();
  });
});

describe('renaming a container', () => {
  it('keeps the feature references that name it', () => {
    const byName = pipeline.replace('fast: SMA_10', 'fast: sma_fast');
    const result = applyEdit(byName, { type: 'renameContainer', from: 'sma_fast', to: 'quick' });
    expect(result.ok && paramsOf(result.text, 'crossover').fast).toBe('quick');
    expect(result.ok && compileFlow(modelOf(result.text)).problems).toEqual([]);
  });
});
