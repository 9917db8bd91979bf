import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedStorage } from '../../../tests/support/browserStorage';
import { importFlowText, paramEdits } from '../../flow';
import { KEYS } from '../storage/records';
import { createFlowStore } from './flowStore';
import { EMPTY_HISTORY, record, redo, undo } from './history';

const example = readFileSync(
  resolve(import.meta.dirname, '../../../examples/pipeline.yaml'),
  'utf8',
);

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

/** The app in one more tab of the browser whose storage is `shared`. */
function openTab(shared: SharedStorage) {
  const tab = shared.tab();
  return createFlowStore({ storage: tab.storage, listen: tab.listen, initialText: () => example });
}

describe('the flow store', () => {
  const store = (shared = new SharedStorage()) => ({ shared, flow: openTab(shared) });

  it('opens the sample flow the first time and saves it', () => {
    const { shared, flow } = store();
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    expect([...shared.items.keys()].filter((key) => key.startsWith(KEYS.flowPrefix))).toHaveLength(
      1,
    );
  });

  it('applies canvas edits to the text, with one undo history, and survives a reload', () => {
    const { shared, flow } = store();
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
    const reloaded = store(shared).flow;
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

  it('after a bad paste and a reload, shows the draft beside the last valid flow, and undo goes back', () => {
    const { shared, flow } = store();
    flow.getState().edit({ type: 'setParam', container: 'sma_slow', param: 'period', value: 30 });
    const valid = flow.getState().text;
    flow.getState().setText('name: [a bad paste');
    const reloaded = store(shared).flow.getState();
    expect(reloaded.text).toBe('name: [a bad paste');
    expect(reloaded.outOfSync).toBe(true);
    expect(reloaded.model?.name).toBe('SMA crossover (pipeline)');
    expect(reloaded.model?.containers.find((c) => c.name === 'sma_slow')?.params.period).toBe(30);
    expect(reloaded.library.flows).toEqual([expect.objectContaining({ draft: true })]);
    reloaded.undo();
    expect(store(shared).flow.getState().text).toBe(valid);
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
    const { shared, flow } = store();
    const first = flow.getState().flowId;
    const second = flow.getState().openNew('name: Second\ncontainers: {}\n');
    expect(flow.getState().library.flows.map((f) => f.name)).toEqual([
      'SMA crossover (pipeline)',
      'Second',
    ]);
    flow.getState().rename(second, 'Renamed');
    expect(flow.getState().text).toContain('name: Renamed');
    flow.getState().open(first);
    flow.getState().rename(second, 'Again');
    expect(
      store(shared)
        .flow.getState()
        .library.flows.map((f) => f.name),
    ).toEqual(['SMA crossover (pipeline)', 'Again']);
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    flow.getState().delete(first);
    expect(flow.getState().flowId).toBe(second);
    expect(
      store(shared)
        .flow.getState()
        .library.flows.map((f) => f.name),
    ).toEqual(['Again']);
  });

  it('says so when the storage is full, keeps the last saved version, and saves again later', () => {
    const { shared, flow } = store();
    shared.full = true;
    flow.getState().setText(`${flow.getState().text}\n# more`);
    expect(flow.getState().saveError).toMatch(/storage for Flow Studio is full/);
    expect(store(shared).flow.getState().text).toBe(example);
    shared.full = false;
    flow.getState().setText(`${flow.getState().text}\n# and more`);
    expect(flow.getState().saveError).toBeNull();
    expect(flow.getState().notice?.message).toBe('Your flow is saved again.');
    expect(store(shared).flow.getState().text).toMatch(/# more\n# and more$/);
  });

  it('takes the warning back when an undo returns to the saved version (found by the property test)', () => {
    const { shared, flow } = store();
    shared.full = true;
    flow.getState().setText(`${flow.getState().text}\n# more`);
    expect(flow.getState().saveError).toMatch(/storage for Flow Studio is full/);
    shared.full = false;
    flow.getState().undo();
    expect(flow.getState().text).toBe(example);
    expect(flow.getState().saveError).toBeNull();
    expect(flow.getState().notice?.message).toBe('Your flow is saved again.');
    // While the storage stays full, the same undo keeps the warning.
    shared.full = true;
    flow.getState().redo();
    flow.getState().undo();
    expect(flow.getState().saveError).toMatch(/storage for Flow Studio is full/);
  });

  it('works, and says it cannot keep anything, when storage is turned off', () => {
    const flow = createFlowStore({ storage: null, initialText: () => example });
    expect(flow.getState().model?.name).toBe('SMA crossover (pipeline)');
    expect(flow.getState().saveError).toMatch(/does not let Flow Studio save/);
    const shared = new SharedStorage();
    shared.broken = true;
    const blocked = store(shared).flow.getState();
    expect(blocked.model?.name).toBe('SMA crossover (pipeline)');
    expect(blocked.saveError).toMatch(/does not let Flow Studio save/);
  });
});

describe('damaged storage', () => {
  const open = (shared: SharedStorage) =>
    createFlowStore({ storage: shared.tab().storage, initialText: () => example }).getState();

  it('recovers the flows of an old library cut short, keeps it, and says so', () => {
    const shared = new SharedStorage();
    const library = JSON.stringify({
      flows: [
        { id: 'a', name: 'A', text: 'name: Alpha\ncontainers: {}\n', updated: 1 },
        { id: 'b', name: 'B', text: example, updated: 2 },
      ],
      currentId: 'b',
    });
    const cut = library.slice(0, library.indexOf('sma_fast', library.indexOf('"b"')) + 20);
    shared.items.set(KEYS.legacy, cut);
    const state = open(shared);
    expect(state.library.flows.map((f) => f.name)).toEqual([
      'Alpha (recovered)',
      'SMA crossover (pipeline) (recovered, incomplete)',
    ]);
    expect(state.notice).toMatchObject({
      kind: 'error',
      message: 'Some of the flows saved in this browser were damaged.',
      details: [
        expect.stringMatching(/Recovered 2 flows, 1 of them incomplete/),
        expect.anything(),
      ],
    });
    // Kept as it was, out of the way.
    expect([...shared.items.values()]).toContain(cut);
    expect(shared.items.has(KEYS.legacy)).toBe(false);
    // Recovered once: a reload does not recover them again.
    expect(open(shared).library.flows).toHaveLength(2);
    expect(open(shared).notice).toBeNull();
  });

  it('moves a sound old library into records of their own, then removes it', () => {
    const shared = new SharedStorage();
    shared.items.set(
      KEYS.legacy,
      JSON.stringify({
        flows: [{ id: 'a', name: 'A', text: example, updated: 1 }],
        currentId: 'a',
      }),
    );
    const state = open(shared);
    expect(state.library.flows.map((f) => f.id)).toEqual(['a']);
    expect(state.notice).toBeNull();
    expect(shared.items.has(KEYS.legacy)).toBe(false);
  });

  it('recovers a record with garbage or wrong types, and never writes over it', () => {
    const shared = new SharedStorage();
    const { flow } = {
      flow: createFlowStore({ storage: shared.tab().storage, initialText: () => example }),
    };
    const id = flow.getState().flowId;
    flow.getState().setText('name: [draft');
    shared.items.set(
      KEYS.flow(id),
      JSON.stringify({ rev: 'x', text: example, draft: 'name: [draft' }),
    );
    const state = open(shared);
    expect(state.text).toBe('name: [draft');
    expect(state.model?.name).toBe('SMA crossover (pipeline)');
    expect(state.library.flows).toHaveLength(1);
    expect(state.library.flows[0]!.name).toBe('SMA crossover (pipeline) (recovered)');
    expect([...shared.items.values()].filter((v) => v.includes('"rev":"x"'))).toHaveLength(1);
    shared.items.set(KEYS.index, 'garbage');
    expect(open(shared).library.flows).toHaveLength(1);
  });
});

describe('two tabs on one flow', () => {
  it('a tab takes in what the other saved, and undo can take it back', () => {
    const shared = new SharedStorage();
    const first = openTab(shared);
    const second = openTab(shared);
    expect(second.getState().flowId).toBe(first.getState().flowId);
    first.getState().setText(example.replace('# SMA', '# From A'));
    shared.deliver();
    expect(second.getState().text).toContain('# From A');
    expect(second.getState().notice?.message).toMatch(/changed in another tab/);
    second.getState().setText(second.getState().text.replace('# From A', '# From B'));
    shared.deliver();
    expect(first.getState().text).toContain('# From B');
    first.getState().undo();
    expect(first.getState().text).toContain('# From A');
  });

  it('a tab that missed the other’s save does not write over it: the user chooses', () => {
    const shared = new SharedStorage();
    const first = openTab(shared);
    const second = openTab(shared);
    first.getState().setText(example.replace('# SMA', '# From A'));
    shared.drop();
    second.getState().setText(example.replace('# SMA', '# From B'));
    expect(second.getState().conflict?.theirs.text).toContain('# From A');
    expect(shared.items.get(KEYS.flow(first.getState().flowId))).toContain('# From A');
    const original = second.getState().flowId;
    second.getState().resolveConflict('both');
    // This tab goes on with its own version, now a flow of its own; the other keeps the original.
    expect(second.getState().text).toContain('# From B');
    expect(second.getState().flowId).not.toBe(original);
    expect(second.getState().library.flows.map((f) => f.name)).toEqual([
      'SMA crossover (pipeline)',
      'SMA crossover (pipeline) (2)',
    ]);
    expect(shared.items.get(KEYS.flow(original))).toContain('# From A');
    expect(second.getState().notice?.message).toMatch(/Kept both/);
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
