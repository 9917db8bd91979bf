import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile';
import { parseFlow } from './parse';

const here = import.meta.dirname;
const read = (...parts: string[]) => readFileSync(resolve(here, ...parts), 'utf8');

describe('the design document’s examples', () => {
  const fixtures = readdirSync(resolve(here, 'fixtures')).filter((file) =>
    file.startsWith('seed-'),
  );

  it.each(fixtures)('%s loads, with warnings for containers known only by name', (file) => {
    const parsed = parseFlow(read('fixtures', file));
    expect(parsed.ok).toBe(true);
    expect(parsed.model).not.toBeNull();
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(parsed.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(parsed.model!.containers.every((c) => c.component === null)).toBe(true);
    // Known only by name, so not runnable yet: compiling says what is missing.
    expect(compileFlow(parsed.model!).config).toBeNull();
  });

  it('infers kinds from names and regimes from the children’s names', () => {
    const parsed = parseFlow(read('fixtures', 'seed-hierarchical.yaml'));
    const kinds = Object.fromEntries(parsed.model!.containers.map((c) => [c.name, c.kind]));
    expect(kinds).toEqual({
      classifier: 'classifier',
      risk_conservative: 'risk',
      risk_aggressive: 'risk',
    });
    expect(parsed.model!.event_flow[0]).toEqual({
      type: 'hierarchical',
      parent: 'classifier',
      children: [
        { name: 'risk_conservative', regime: 'conservative' },
        { name: 'risk_aggressive', regime: 'aggressive' },
      ],
    });
  });

  it('reads the seed’s event_system block', () => {
    const model = parseFlow(read('fixtures', 'seed-event-system.yaml')).model!;
    expect(model.event_system.routing[1]).toEqual({
      source: 'indicator_container',
      targets: ['strategy_container'],
      events: ['IndicatorEvent'],
      filters: ["event.indicator_name in ['SMA_20', 'RSI_14']"],
    });
    expect(model.event_system.transformations).toEqual([
      {
        from_event: 'TradingSignal',
        to_event: 'OrderEvent',
        transformer: 'signal_to_order_transformer',
      },
    ]);
    expect(model.event_system.event_buses.default).toMatchObject({
      queue_size: 10000,
      batch_size: 100,
      timeout_ms: 10,
    });
  });
});

describe('examples', () => {
  const examples = readdirSync(resolve(here, '../../examples')).filter((file) =>
    file.endsWith('.yaml'),
  );

  it('has one flow per pattern, a multi-strategy flow and a sweep', () => {
    expect(examples.sort()).toEqual([
      'broadcast.yaml',
      'hierarchical.yaml',
      'multi-strategy.yaml',
      'pipeline.yaml',
      'selective.yaml',
      'sma-sweep.yaml',
    ]);
  });

  const templates = readdirSync(resolve(here, '../../examples/templates')).map(
    (file) => `templates/${file}`,
  );

  it.each([...examples, ...templates])(
    '%s loads without a problem and compiles for the engine',
    (file) => {
      const parsed = parseFlow(read('../../examples', file));
      expect(parsed.diagnostics).toEqual([]);
      const compiled = compileFlow(parsed.model!);
      expect(compiled.problems).toEqual([]);
      expect(compiled.config!.containers.length).toBeGreaterThan(3);
    },
  );
});

describe('diagnostics', () => {
  const text = [
    'name: Broken', // 1
    'containers:', // 2
    '  data:', // 3
    '    component: sample_bars', // 4
    '  fast:', // 5
    '    component: sma', // 6
    '    params: { period: "ten", colour: red }', // 7
    '  cross:', // 8
    '    component: sma_crossover', // 9
    '    params: { fast: SMA_10, slow: SMA_20 }', // 10
    '  risk:', // 11
    '    component: risk_manger', // 12
    'event_flow:', // 13
    '  - type: pipeline', // 14
    '    containers: [data, fast, cross, rsik]', // 15
    '  - type: selective', // 16
    '    source: cross', // 17
    '    routes:', // 18
    '      - condition: "signal.strength >> 2"', // 19
    '        target: risk', // 20
    '  - type: pipeline', // 21
    '    containers: [risk, fast]', // 22
    'colour: blue', // 23
  ].join('\n');
  const parsed = parseFlow(text);
  const at = (line: number) =>
    parsed.diagnostics.filter((d) => d.line === line).map((d) => d.message);

  it('reports every problem at once, each at its line and column', () => {
    expect(parsed.model).toBeNull();
    expect(parsed.ok).toBe(false);
    expect(at(7)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/period should be a number, not the text "ten"/),
        expect.stringMatching(/has no parameter "colour"/),
      ]),
    );
    // The invalid period makes its own name; the crossover's references find nothing.
    expect(at(10)).toEqual([
      expect.stringMatching(
        /"cross" reads SMA_10, which no indicator upstream provides \(upstream: SMA_ten\)/,
      ),
      expect.stringMatching(/"cross" reads SMA_20/),
    ]);
    expect(at(12)).toEqual([
      expect.stringMatching(/Unknown component "risk_manger". Did you mean "risk_manager"\?/),
    ]);
    expect(at(15)).toEqual([
      expect.stringMatching(/"rsik" is not a container of this flow. Did you mean "risk"\?/),
    ]);
    expect(at(19)).toEqual([expect.stringMatching(/Condition does not parse/)]);
    expect(at(22)).toEqual([
      expect.stringMatching(/cycle: .*fast → cross → risk|cycle: .*risk → fast/),
    ]);
    expect(at(23)).toEqual([expect.stringMatching(/Unknown key "colour"/)]);
  });

  it('points inside a condition at the character that is wrong', () => {
    const condition = parsed.diagnostics.find((d) => d.line === 19)!;
    // The quote is at column 20, so the condition's first character is at 21 and ">>" at 37.
    expect(condition.column).toBe(37);
    expect(condition.endColumn).toBe(39);
  });

  it('points at the unknown key itself', () => {
    const colour = parsed.diagnostics.find((d) => d.message.includes('no parameter "colour"'))!;
    expect(text.split('\n')[6]!.slice(colour.column - 1, colour.endColumn - 1)).toBe('colour');
  });

  it('tags problems with their container so the canvas can badge it', () => {
    expect(parsed.diagnostics.find((d) => d.line === 12)!.container).toBe('risk');
  });

  it('reports a duplicate container name and still checks the rest', () => {
    const result = parseFlow(
      'containers:\n  a: { component: sma }\n  a: { component: ema }\nevent_flow: [{ type: pipeline, containers: [a, b] }]\n',
    );
    expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, expect.stringMatching(/The key "a" appears twice/)],
      [4, expect.stringMatching(/"b" is not a container/)],
    ]);
  });

  it('keeps the model when only the meaning is wrong, so the canvas can show it', () => {
    const result = parseFlow('containers:\n  a: { component: sma_crossover }\n');
    expect(result.ok).toBe(false);
    expect(result.model?.containers.map((c) => c.name)).toEqual(['a']);
  });
});

describe('what is wrong, in words', () => {
  const messages = (text: string) =>
    parseFlow(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

  it('names each wrong-typed field of a block by its path, with what it should be', () => {
    const text = [
      'name: x',
      'containers:',
      '  a: { component: sample_bars }',
      '  b: { component: trend_classifier }',
      'event_flow:',
      '  - type: hierarchical',
      '    parent: 42',
      '    children: "x"',
    ].join('\n');
    expect(messages(text)).toEqual(
      expect.arrayContaining([
        '7:13 event_flow[0].parent should be a container name, not the number 42',
        '8:15 event_flow[0].children should be a list of container names, not the text "x"',
      ]),
    );
    expect(messages(text).join('\n')).not.toMatch(/needs a type/);
  });

  it('says which blocks lack a type, or have one that does not exist', () => {
    expect(
      messages('name: x\nevent_flow:\n  - 5\n  - { containers: [a] }\n  - { type: pipe }\n'),
    ).toEqual([
      '3:5 event_flow[0] should be a block with a type (pipeline, broadcast, hierarchical or selective) and its keys, not the number 5',
      '4:5 event_flow[1] needs a type: pipeline, broadcast, hierarchical or selective',
      '5:13 event_flow[2].type should be pipeline, broadcast, hierarchical or selective, not the text "pipe".',
    ]);
  });

  it('names wrong types anywhere, including parameters', () => {
    expect(messages('name: 5\ncontainers:\n  a: 7\n  b: { component: sma, params: 5 }\n')).toEqual(
      expect.arrayContaining([
        '1:7 name should be text, not the number 5',
        '3:6 containers.a should be a mapping with a component (and its params), not the number 7',
        '4:32 containers.b.params should be a mapping (keys and values), not the number 5',
      ]),
    );
    expect(messages('containers:\n  a: { component: sma, params: { period: true } }\n')).toEqual([
      '2:42 period should be a number, not true',
    ]);
  });

  it('says an empty text is empty', () => {
    for (const empty of ['', '\n\n', '# just a comment\n', '---\n']) {
      expect(messages(empty)).toEqual([
        '1:1 The flow is empty: there is nothing in it but blank lines or comments',
      ]);
    }
  });

  it('lists the first hundred problems and says how many more there are', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `k${i}: 1`).join('\n');
    const found = parseFlow(`name: x\n${keys}\n`).diagnostics;
    expect(found).toHaveLength(101);
    expect(found[100]!.message).toBe('…and 400 more problems not listed: fix these first');
  });
});

describe('safety', () => {
  it('refuses a document that multiplies itself through aliases', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const result = parseFlow(laughs.join('\n'));
    expect(result.model).toBeNull();
    expect(result.diagnostics[0]!.message).toMatch(/expands too much through aliases/);
  });

  it('refuses a text over the size limit with a clear message', () => {
    const result = parseFlow(`name: big\ndescription: "${'x'.repeat(2_100_000)}"`);
    expect(result.diagnostics[0]!.message).toMatch(/flows are limited to 2 MB/);
  });

  it('never lets a key reach a prototype', () => {
    const result = parseFlow('containers:\n  __proto__:\n    polluted: true\n');
    expect(result.model).toBeNull();
    expect(result.diagnostics[0]).toMatchObject({
      line: 2,
      message: 'The key "__proto__" is not allowed',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseFlow('constructor: 1').diagnostics[0]!.message).toMatch(
      /"constructor" is not allowed/,
    );
  });

  it('rejects unknown tags', () => {
    const result = parseFlow('name: !!js/function "return 1"\n');
    expect(result.model).toBeNull();
    expect(result.diagnostics[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/Unknown tag/),
    });
  });
});
