import { describe, expect, it } from 'vitest';
import { applyEdit, copySelection } from './apply';
import type { FlowEdit } from './edits';
import { flowToGraph } from './graph';
import { parseFlow } from './parse';

const BASE = `# My crossover flow — hand written
name: Demo   # the name

containers:
  # the feed
  data:
    component: sample_bars
    params: { sample: aapl_daily }
  fast:
    component: sma
    params: { period: 10 }   # fast average
  slow:
    component: sma
    params: { period: 20 }
  cross:
    component: sma_crossover
    params: { fast: SMA_10, slow: SMA_20 }
  risk:
    component: risk_manager
    params: { sizing: fixed, quantity: 10 }
  broker:
    component: simulated_broker
  book:
    component: portfolio

event_flow:
  # the main chain
  - type: pipeline
    containers: [data, fast, slow, cross, risk, broker, book]

layout:
  data: [0, 0]
`;

function edit(text: string, change: FlowEdit): string {
  const result = applyEdit(text, change);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

const COMMENTS = [
  '# My crossover flow — hand written',
  '# the name',
  '# the feed',
  '# fast average',
  '# the main chain',
];

function expectCommentsKept(text: string, except: readonly string[] = []): void {
  for (const comment of COMMENTS) if (!except.includes(comment)) expect(text).toContain(comment);
}

const edges = (text: string) =>
  flowToGraph(parseFlow(text).model!)
    .edges.filter((e) => e.pattern !== 'feedback')
    .map((e) => `${e.source}>${e.target}:${e.pattern}${e.label ? `(${e.label})` : ''}`);

describe('edits keep the rest of the text as it was', () => {
  it('changes one parameter and nothing else', () => {
    const text = edit(BASE, { type: 'setParam', container: 'slow', param: 'period', value: 30 });
    expect(text).toBe(BASE.replace('params: { period: 20 }', 'params: { period: 30 }'));
    expect(text.split('\n').filter((line, i) => line !== BASE.split('\n')[i])).toEqual([
      '    params: { period: 30 }',
    ]);
  });

  it('an edit of a container renames its old parameters under the names its model gives them', () => {
    const old = BASE.replace(
      '    component: simulated_broker\n',
      '    component: simulated_broker\n    params: { commission_model: percentage, commission_rate: 0.1 }\n',
    );
    const text = edit(old, {
      type: 'setParam',
      container: 'broker',
      param: 'commission_model',
      value: 'per_share',
    });
    const broker = parseFlow(text).model!.containers.find((c) => c.name === 'broker')!;
    // 0.1 was a percentage: it stays one, and the per-share model now reads its own parameter.
    expect(broker.params).toMatchObject({
      commission_model: 'per_share',
      commission_pct: 0.1,
      commission_per_share: 0,
    });
    expect(text).not.toContain('commission_rate');
  });

  it('adds a container with its default parameters and a position', () => {
    const text = edit(BASE, {
      type: 'addContainer',
      name: 'rsi',
      component: 'rsi',
      position: { x: 100.4, y: 200.6 },
    });
    expectCommentsKept(text);
    const model = parseFlow(text).model!;
    expect(model.containers.at(-1)).toMatchObject({
      name: 'rsi',
      kind: 'indicator',
      params: { period: 14, source: 'close', name: '' },
    });
    expect(model.layout.rsi).toEqual({ x: 100, y: 201 });
  });

  it('makes a new name unique and says so', () => {
    const result = applyEdit(BASE, {
      type: 'addContainer',
      name: 'fast',
      component: 'ema',
      position: { x: 0, y: 0 },
    });
    expect(result).toMatchObject({ ok: true, renamed: { fast: 'fast_2' } });
  });

  it('removes containers and every reference to them', () => {
    const text = edit(BASE, { type: 'removeContainers', names: ['slow'] });
    expectCommentsKept(text, ['# the main chain']);
    expect(parseFlow(text).model!.containers.map((c) => c.name)).not.toContain('slow');
    expect(edges(text)).toEqual([
      'data>fast:pipeline',
      'cross>risk:pipeline',
      'risk>broker:pipeline',
      'broker>book:pipeline',
    ]);
  });

  it('renames a container everywhere it is named', () => {
    const text = edit(BASE, { type: 'renameContainer', from: 'data', to: 'feed' });
    expectCommentsKept(text);
    expect(text).toContain('  feed:\n    component: sample_bars');
    expect(text).toContain('containers: [ feed, fast');
    expect(text.split('\n').length).toBe(BASE.split('\n').length);
    expect(text).toContain('  feed: [ 0, 0 ]');
    expect(applyEdit(BASE, { type: 'renameContainer', from: 'data', to: 'fast' })).toEqual({
      ok: false,
      error: 'There is already a container named "fast"',
    });
  });

  it('moves containers by rewriting only their layout', () => {
    const text = edit(BASE, {
      type: 'moveContainers',
      positions: { data: { x: 10, y: 20 }, book: { x: 900, y: 0 } },
    });
    expect(text).toBe(BASE.replace('  data: [0, 0]\n', '  data: [ 10, 20 ]\n  book: [ 900, 0 ]\n'));
  });

  it('swaps a component and resets its parameters to the new defaults', () => {
    const text = edit(BASE, { type: 'setComponent', container: 'fast', component: 'ema' });
    expect(parseFlow(text).model!.containers[1]).toMatchObject({
      component: 'ema',
      params: { period: 20 },
    });
  });
});

describe('connecting on the canvas', () => {
  it('from the middle of a pipeline: the pipeline splits and broadcasts', () => {
    const withRsi = edit(BASE, {
      type: 'addContainer',
      name: 'log',
      component: 'portfolio',
      position: { x: 0, y: 0 },
    });
    const text = edit(withRsi, { type: 'connect', source: 'cross', target: 'log' });
    expectCommentsKept(text);
    expect(edges(text)).toEqual([
      'data>fast:pipeline',
      'fast>slow:pipeline',
      'slow>cross:pipeline',
      'risk>broker:pipeline',
      'broker>book:pipeline',
      'cross>risk:broadcast',
      'cross>log:broadcast',
    ]);
  });

  it('a broadcast left with one target becomes a pipeline again', () => {
    const withLog = edit(BASE, {
      type: 'addContainer',
      name: 'log',
      component: 'portfolio',
      position: { x: 0, y: 0 },
    });
    const fanned = edit(withLog, { type: 'connect', source: 'cross', target: 'log' });
    const text = edit(fanned, { type: 'disconnect', source: 'cross', target: 'log' });
    expect(edges(text)).toContain('cross>risk:pipeline');
    expect(edges(text).some((edge) => edge.includes('broadcast'))).toBe(false);
  });

  it('refuses what cannot be, and says why', () => {
    expect(applyEdit(BASE, { type: 'connect', source: 'book', target: 'data' })).toEqual({
      ok: false,
      error: '"data" is a data container: it only sends bars',
    });
    expect(applyEdit(BASE, { type: 'connect', source: 'book', target: 'fast' })).toEqual({
      ok: false,
      error: 'That would make a cycle: fast → slow → cross → risk → broker → book → fast',
    });
    expect(applyEdit(BASE, { type: 'connect', source: 'fast', target: 'slow' })).toEqual({
      ok: false,
      error: '"fast" already sends to "slow"',
    });
    expect(applyEdit(BASE, { type: 'connect', source: 'risk', target: 'risk' })).toEqual({
      ok: false,
      error: 'A container cannot connect to itself',
    });
  });

  it('refuses, without parsing, a text or a clipboard past the reader’s limits', () => {
    const nested = `name: ${'['.repeat(900_000)}${']'.repeat(900_000)}`;
    expect(applyEdit(nested, { type: 'setName', name: 'x' })).toEqual({
      ok: false,
      error: 'The YAML has errors: fix them in the editor first',
    });
    expect(
      applyEdit(BASE, { type: 'paste', yaml: `containers: ${nested}`, offset: { x: 0, y: 0 } }),
    ).toEqual({
      ok: false,
      error: 'The clipboard does not hold containers copied from Flow Studio',
    });
  });

  it('disconnects by splitting the pipeline', () => {
    const text = edit(BASE, { type: 'disconnect', source: 'cross', target: 'risk' });
    expect(edges(text)).toEqual([
      'data>fast:pipeline',
      'fast>slow:pipeline',
      'slow>cross:pipeline',
      'risk>broker:pipeline',
      'broker>book:pipeline',
    ]);
    // And drawing it again joins the two pipelines back into one.
    expect(edit(text, { type: 'connect', source: 'cross', target: 'risk' })).toContain(
      'containers: [ data, fast, slow, cross, risk, broker, book ]',
    );
  });

  it('turns a fan-out into each pattern and back', () => {
    let text = edit(BASE, {
      type: 'addContainer',
      name: 'risk_b',
      component: 'risk_manager',
      position: { x: 0, y: 0 },
    });
    text = edit(text, { type: 'connect', source: 'cross', target: 'risk_b' });
    const selective = edit(text, { type: 'setPattern', source: 'cross', pattern: 'selective' });
    // Each route gets its own condition, strongest first: the same one twice would make the
    // second route dead.
    expect(edges(selective)).toEqual(
      expect.arrayContaining([
        'cross>risk:selective(signal.strength > 0.8)',
        'cross>risk_b:selective(signal.strength > 0.5)',
      ]),
    );
    const edited = edit(selective, {
      type: 'setRouteCondition',
      source: 'cross',
      index: 1,
      condition: 'signal.strength > 0.2',
    });
    const defaulted = edit(edited, { type: 'setDefaultRoute', source: 'cross', target: 'risk_b' });
    expect(parseFlow(defaulted).model!.event_flow.find((p) => p.type === 'selective')).toEqual({
      type: 'selective',
      source: 'cross',
      routes: [
        { condition: 'signal.strength > 0.8', target: 'risk' },
        { condition: 'signal.strength > 0.2', target: 'risk_b' },
      ],
      default: 'risk_b',
    });
    const reordered = edit(edited, { type: 'moveRoute', source: 'cross', from: 1, to: 0 });
    expect(edges(reordered)).toEqual(
      expect.arrayContaining(['cross>risk_b:selective(signal.strength > 0.2)']),
    );
    const hierarchy = edit(text, { type: 'setPattern', source: 'cross', pattern: 'hierarchical' });
    const regimed = edit(hierarchy, {
      type: 'setRegime',
      parent: 'cross',
      child: 'risk_b',
      regime: 'ranging',
    });
    expect(edges(regimed)).toEqual(expect.arrayContaining(['cross>risk_b:hierarchical(ranging)']));
    const back = edit(selective, { type: 'setPattern', source: 'cross', pattern: 'broadcast' });
    expect(edges(back)).toEqual(
      expect.arrayContaining(['cross>risk:broadcast', 'cross>risk_b:broadcast']),
    );
    expect(
      applyEdit(back, { type: 'setPattern', source: 'cross', pattern: 'pipeline' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/A pipeline goes to one container/),
    });
  });

  it('adds a child to a hierarchy with the next regime of its classifier', () => {
    const text = `containers:
  data: { component: sample_bars }
  sma10: { component: sma, params: { period: 10 } }
  sma50: { component: sma, params: { period: 50 } }
  regime: { component: trend_classifier }
  a: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_50 } }
  b: { component: sma_crossover, params: { fast: SMA_10, slow: SMA_50 } }
event_flow:
  - type: pipeline
    containers: [data, sma10, sma50, regime]
  - type: hierarchical
    parent: regime
    children: [{ name: a, regime: trending_up }]
`;
    const next = edit(text, { type: 'connect', source: 'regime', target: 'b' });
    expect(parseFlow(next).model!.event_flow[1]).toEqual({
      type: 'hierarchical',
      parent: 'regime',
      children: [
        { name: 'a', regime: 'trending_up' },
        { name: 'b', regime: 'trending_down' },
      ],
    });
  });
});

describe('copy and paste', () => {
  it('pastes a selection with fresh names and its inner connections', () => {
    const clip = copySelection(BASE, ['fast', 'slow']);
    const result = applyEdit(BASE, { type: 'paste', yaml: clip, offset: { x: 50, y: 50 } });
    expect(result).toMatchObject({ ok: true, renamed: { fast: 'fast_2', slow: 'slow_2' } });
    if (!result.ok) return;
    expect(edges(result.text)).toContain('fast_2>slow_2:pipeline');
    expect(
      parseFlow(result.text).model!.containers.find((c) => c.name === 'slow_2')!.params.period,
    ).toBe(20);
  });

  it('refuses a clipboard that holds no containers, leaving the flow untouched', () => {
    expect(
      applyEdit(BASE, { type: 'paste', yaml: 'hello: world', offset: { x: 0, y: 0 } }),
    ).toEqual({
      ok: false,
      error: 'The clipboard does not hold containers copied from Flow Studio',
    });
  });
});

describe('minimal YAML for new containers', () => {
  const longest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

  it('writes only the component, no default parameters, and the model still has them all', () => {
    const text = edit(BASE, {
      type: 'addContainer',
      name: 'guard',
      component: 'risk_manager',
      position: { x: 10, y: 20 },
    });
    expect(text).toContain('  guard:\n    component: risk_manager\n');
    expect(text).not.toMatch(/guard:\n {4}component: risk_manager\n {4}params/);
    const guard = parseFlow(text).model!.containers.find((c) => c.name === 'guard')!;
    expect(Object.keys(guard.params).length).toBeGreaterThan(10);
    expect(longest(text)).toBeLessThanOrEqual(100);
  });

  it('a changed parameter is written one a line; a pasted container keeps only its own values', () => {
    let text = edit(BASE, {
      type: 'addContainer',
      name: 'rsi',
      component: 'rsi',
      position: { x: 0, y: 0 },
    });
    text = edit(text, { type: 'setParam', container: 'rsi', param: 'period', value: 9 });
    expect(text).toContain('  rsi:\n    component: rsi\n    params:\n      period: 9\n');
    const pasted = edit(BASE, {
      type: 'addContainer',
      name: 'rsi',
      component: 'rsi',
      params: { period: 14, source: 'high' },
      position: { x: 0, y: 0 },
    });
    expect(pasted).toContain('    params:\n      source: high\n');
    expect(pasted).not.toContain('period: 14');
  });

  it('keeps every line within 100 characters as a pipeline grows to twenty containers', () => {
    let text = BASE;
    let previous = 'book';
    for (let i = 0; i < 14; i++) {
      const name = `journal_number_${i}`;
      text = edit(text, {
        type: 'addContainer',
        name,
        component: 'portfolio',
        position: { x: 0, y: 0 },
      });
      text = edit(text, {
        type: 'connect',
        source: previous === 'book' ? 'broker' : previous,
        target: name,
      });
      previous = name;
    }
    expect(longest(text)).toBeLessThanOrEqual(100);
  });
});

describe('disabled containers and notes in the YAML', () => {
  it('disables and enables a container, kept in its YAML and its model', () => {
    const off = edit(BASE, { type: 'setDisabled', names: ['fast'], disabled: true });
    expect(off).toContain(
      '  fast:\n    component: sma\n    params: { period: 10 }   # fast average\n    disabled: true',
    );
    expect(parseFlow(off).model!.containers.find((c) => c.name === 'fast')!.disabled).toBe(true);
    const on = edit(off, { type: 'setDisabled', names: ['fast'], disabled: false });
    expect(on).toBe(BASE);
  });

  it('adds, writes, moves and removes notes, each under its own id', () => {
    let text = edit(BASE, { type: 'addNote', id: 'note', text: '', position: { x: 10, y: 20 } });
    text = edit(text, { type: 'addNote', id: 'note', text: 'second', position: { x: 0, y: 0 } });
    text = edit(text, { type: 'setNoteText', id: 'note', text: 'Why this flow:\nfast over slow' });
    text = edit(text, { type: 'moveNotes', positions: { note_2: { x: 300, y: 40 } } });
    expect(parseFlow(text).model!.notes).toEqual([
      {
        id: 'note',
        text: 'Why this flow:\nfast over slow',
        position: { x: 10, y: 20 },
        width: 220,
      },
      { id: 'note_2', text: 'second', position: { x: 300, y: 40 }, width: 220 },
    ]);
    expect(parseFlow(text).ok).toBe(true);
    text = edit(text, { type: 'removeNotes', ids: ['note', 'note_2'] });
    expect(text).not.toContain('notes:');
    expectCommentsKept(text);
  });
});
