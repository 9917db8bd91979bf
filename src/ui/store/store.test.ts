import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFlowText, paramEdits } from '../../flow';
import { createFlowStore } from './flowStore';
import { EMPTY_HISTORY, record, redo, undo } from './history';
import { loadLibrary, STORAGE_KEY, saveLibrary } from './library';

const example = readFileSync(
  resolve(import.meta.dirname, '../../../examples/pipeline.yaml'),
  'utf8',
);

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  failing = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.failing) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
}

describe('history', () => {
  it('merges changes of one group close in time, and undoes and redoes', () => {
    let h = record(EMPTY_HISTORY, 'a', 'typing', 0);
    h = record(h, 'ab', 'typing', 500);
    h = record(h, 'abc', 'drag', 600);
    expect(h.past).toEqual(['a', 'abc']);
    const back = undo(h, 'abcd')!;
    expect(back.text).toBe('abc');
    const forward = redo(back.history, back.text)!;
    expect(forward.text).toBe('abcd');
    expect(undo(EMPTY_HISTORY, 'x')).toBeNull();
  });
});

describe('the flow store', () => {
  const store = (storage = new MemoryStorage()) => ({
    storage,
    flow: createFlowStore({ storage, initialText: () => example }),
  });

  it('opens the sample flow the first time and saves it', () => {
    const { storage, flow } = store();
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    expect(loadLibrary(storage).flows).toHaveLength(1);
  });

  it('applies canvas edits to the text, with one undo history, and survives a reload', () => {
    const { storage, flow } = store();
    flow.getState().edit({ type: 'setParam', container: 'sma_slow', param: 'period', value: 30 });
    flow.getState().setText(flow.getState().text.replace('# SMA', '# My SMA'));
    expect(flow.getState().text).toContain('period: 30');
    expect(flow.getState().text).toContain('# My SMA');
    flow.getState().undo();
    expect(flow.getState().text).not.toContain('# My SMA');
    flow.getState().undo();
    expect(flow.getState().text).toBe(example);
    flow.getState().redo();
    expect(flow.getState().text).toContain('period: 30');
    const reloaded = createFlowStore({ storage, initialText: () => 'name: never used' });
    expect(reloaded.getState().text).toContain('period: 30');
  });

  it('takes back an SMA period and the strategy references it rewrote in one undo', () => {
    const { flow } = store();
    const model = flow.getState().model!;
    const edits = paramEdits(model, 'sma_fast', 'period', 12);
    expect(edits).toHaveLength(2);
    for (const edit of edits) flow.getState().edit(edit, 'param:sma_fast.period');
    expect(flow.getState().text).toContain('fast: SMA_12');
    flow.getState().undo();
    expect(flow.getState().text).toBe(example);
  });

  it('keeps the last good model while the text cannot be read', () => {
    const { flow } = store();
    flow.getState().setText('name: [unclosed');
    expect(flow.getState().outOfSync).toBe(true);
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    expect(flow.getState().parsed.diagnostics[0]!.line).toBe(1);
  });

  it('reports a refused edit and changes nothing', () => {
    const { flow } = store();
    const before = flow.getState().text;
    const result = flow.getState().edit({ type: 'connect', source: 'portfolio', target: 'data' });
    expect(result.ok).toBe(false);
    expect(flow.getState().notice?.message).toMatch(/data container/);
    expect(flow.getState().text).toBe(before);
  });

  it('keeps several flows: new, rename, open, delete', () => {
    const { flow } = store();
    const first = flow.getState().flowId;
    const second = flow.getState().openNew('name: Second\ncontainers: {}\n');
    expect(flow.getState().library.flows.map((f) => f.name)).toEqual([
      'SMA crossover (pipeline)',
      'Second',
    ]);
    flow.getState().rename(second, 'Renamed');
    expect(flow.getState().text).toContain('name: Renamed');
    flow.getState().open(first);
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    flow.getState().delete(first);
    expect(flow.getState().flowId).toBe(second);
  });

  it('an opened flow whose name is taken gets its own, in the library and in its YAML', () => {
    const { flow } = store();
    const text = flow.getState().text;
    flow.getState().openNew(text);
    flow.getState().openNew(text);
    expect(flow.getState().library.flows.map((f) => f.name)).toEqual([
      'SMA crossover (pipeline)',
      'SMA crossover (pipeline) (2)',
      'SMA crossover (pipeline) (3)',
    ]);
    expect(flow.getState().text).toContain('name: SMA crossover (pipeline) (3)');
    expect(flow.getState().text).toContain('# SMA 10/20 crossover on AAPL daily');
  });

  it('says so when the browser refuses to save', () => {
    const { storage, flow } = store();
    storage.failing = true;
    flow.getState().setText(`${flow.getState().text}\n# more`);
    expect(flow.getState().saveError).toMatch(/Could not save your flows/);
  });
});

describe('library storage', () => {
  it('ignores a damaged store', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    expect(loadLibrary(storage)).toEqual({ flows: [], currentId: null });
    expect(saveLibrary(storage, { flows: [], currentId: null })).toBeNull();
  });
});

describe('importing', () => {
  it('takes a flow, converts clean syntax and refuses what is not a flow', () => {
    expect(importFlowText(example, 'pipeline.yaml')).toMatchObject({
      ok: true,
      name: 'SMA crossover (pipeline)',
    });
    const clean = importFlowText(
      'name: c\nsymbols: [SPY]\nstrategy: { sma_crossover: { params: { fast_period: 5, slow_period: 20 } } }\n',
      'c.yaml',
    );
    expect(clean).toMatchObject({
      ok: true,
      notes: [
        'Converted from ADMF-PC clean syntax',
        expect.stringMatching(/^line 2: symbols SPY: the S&P 500 daily sample/),
      ],
    });
    expect(importFlowText('name: [oops', 'bad.yaml')).toMatchObject({
      ok: false,
      title: 'bad.yaml is not a flow Flow Studio can open',
      problems: [expect.stringMatching(/^Line 1, column \d+:/)],
    });
  });
});
