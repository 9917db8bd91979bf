/**
 * Flows that cannot work as drawn are found before a run, as located warnings: routes that block
 * what their transformation needs, transformations that apply nowhere, containers never fed,
 * decisions that go nowhere, constant or ill-typed conditions, unreachable selective routes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, createRun } from '../engine';
import { loadBars } from './bars';
import { compileFlow } from './compile';
import type { Diagnostic } from './diagnostics';
import { parseFlow } from './parse';

const root = resolve(import.meta.dirname, '../..');
const warnings = (yaml: string) =>
  parseFlow(yaml).diagnostics.filter((d) => d.severity === 'warning');
const at = (list: readonly Diagnostic[], text: string) =>
  list.filter((d) => d.message.includes(text)).map((d) => [d.line, d.column, d.container]);

const components = `
containers:
  data_container: { component: sample_bars, params: { sample: aapl_daily } }
  indicator_container: { component: rsi, params: { period: 14 } }
  strategy_container: { component: rsi_threshold, params: { rsi: RSI_14 } }
  risk_container: { component: risk_manager }
  broker: { component: simulated_broker }
  portfolio: { component: portfolio }
`;

/** The design's event_system block, with a component in each of its containers. */
const seed = `${components}
event_system:
  routing:
    - source: "data_container"
      targets: ["indicator_container"]
      events: ["BarEvent"]
    - source: "indicator_container"
      targets: ["strategy_container"]
      events: ["IndicatorEvent"]
      filters:
        - "event.indicator_name in ['SMA_20', 'RSI_14']"
    - source: "strategy_container"
      targets: ["risk_container"]
      events: ["TradingSignal"]
      filters:
        - "event.strength > 0.5"
  transformations:
    - from_event: "TradingSignal"
      to_event: "OrderEvent"
      transformer: "signal_to_order_transformer"
`;

async function fills(yaml: string): Promise<number> {
  const config = compileFlow(parseFlow(yaml).model!).config!;
  const loaded = await loadBars(config, {
    sample: async (file) => readFileSync(resolve(root, 'public/data', file), 'utf8'),
    csv: async () => undefined,
  });
  if (!loaded.ok) throw new Error('bars did not load');
  let count = 0;
  const run = createRun(config, { bars: loaded.bars }, COMPONENTS, {
    observer: { onEvent: (event) => void (event.type === 'FillEvent' && count++) },
  });
  run.runToEnd();
  return count;
}

describe('events along the routes', () => {
  it('says why the design’s event_system block, given components, trades nothing', () => {
    const found = warnings(seed);
    // The strategy gets only indicator events: it never sees a bar, so it never decides.
    expect(at(found, '"strategy_container" never receives a BarEvent')).toEqual([
      [5, 3, 'strategy_container'],
    ]);
    // The risk manager takes signals itself, so the transformation applies on no route.
    expect(at(found, '"signal_to_order_transformer" never applies')).toEqual([[26, 7, undefined]]);
    // Nothing after the risk manager: its orders go nowhere, though the flow has a broker.
    expect(at(found, 'The OrderEvent events of "risk_container" go nowhere')).toEqual([
      [6, 3, 'risk_container'],
    ]);
  });

  it('finds a route that blocks the signals its transformation would turn into orders', async () => {
    const blocking = `${components}
event_system:
  routing:
    - { source: data_container, targets: [indicator_container, strategy_container], events: [BarEvent] }
    - { source: indicator_container, targets: [strategy_container], events: [IndicatorEvent] }
    - { source: strategy_container, targets: [broker], events: [OrderEvent] }
    - { source: broker, targets: [portfolio] }
  transformations:
    - { from_event: TradingSignal, to_event: OrderEvent, transformer: signal_to_order_transformer }
`;
    const found = warnings(blocking);
    expect(
      at(
        found,
        'This route carries only OrderEvent: the TradingSignal events "strategy_container" sends cannot reach "broker"',
      ),
    ).toEqual([[14, 64, 'strategy_container']]);
    expect(await fills(blocking)).toBe(0);
    // With signals on the route the transformation makes orders there, and the broker fills them.
    const fixed = blocking.replace('events: [OrderEvent]', 'events: [TradingSignal]');
    // Only the risk manager, left out of this flow, is still named.
    expect(warnings(fixed).map((d) => d.container)).toEqual(['risk_container']);
    expect(await fills(fixed)).toBeGreaterThan(0);
  }, 30_000);
});

/** A selective block over the signals of the flow above, with the given conditions. */
const selective = (...conditions: string[]) => `${components}
  broker_b: { component: simulated_broker }
event_flow:
  - type: pipeline
    containers: [data_container, indicator_container, strategy_container, risk_container]
  - type: selective
    source: risk_container
    events: [OrderEvent]
    routes:
${conditions.map((c, i) => `      - { condition: ${JSON.stringify(c)}, target: ${i % 2 === 0 ? 'broker' : 'broker_b'} }`).join('\n')}
  - type: broadcast
    source: broker
    targets: [portfolio]
  - type: broadcast
    source: broker_b
    targets: [portfolio]
`;
const messages = (yaml: string) => warnings(yaml).map((d) => [d.line, d.message]);

describe('route conditions', () => {
  it('accepts a flow whose conditions read fields of the events they decide', () => {
    expect(
      messages(selective("order.quantity > 100 and order.side == 'BUY'", 'order.quantity <= 100')),
    ).toEqual([]);
  });

  it('finds constant conditions: a bare number, arithmetic on literals', () => {
    const found = messages(selective('1', '1/0 > 1'));
    expect(found).toEqual([
      [
        18,
        'This condition reads nothing of the event: it is always true, so it lets every event through',
      ],
      [
        19,
        "This route can never be reached: route 1's condition always holds and takes every event first",
      ],
    ]);
    expect(messages(selective('0 > 1', 'order.quantity > 0'))).toEqual([
      [
        18,
        'This condition reads nothing of the event: it is always false, so it never lets an event through',
      ],
    ]);
  });

  it('finds a route that repeats an earlier condition, written differently or not', () => {
    expect(messages(selective('order.quantity>100', 'order.quantity > 100'))).toEqual([
      [
        19,
        'This route can never be reached: route 1 has the same condition and takes every event it would',
      ],
    ]);
  });

  it('finds a misspelt field, with the field meant', () => {
    const found = warnings(selective('order.quantitty > 100', 'order.quantity <= 100'));
    expect(found.map((d) => d.message)).toEqual([
      'An OrderEvent has no field "quantitty", so this reads null. Did you mean "quantity"?',
    ]);
    // Located inside the condition: the editor underlines `order.quantitty`.
    expect(found[0]!.column).toBeGreaterThan(20);
  });

  it('finds a condition that is not a true/false test, and comparisons of different types', () => {
    expect(
      messages(selective('order.quantity', "order.quantity > '100'", 'order.side == 1')),
    ).toEqual([
      [
        18,
        'This condition is a number, not a true/false test: it holds whenever the value is not empty or zero. Compare it with something (e.g. > 0.5).',
      ],
      [
        19,
        'Compares a number with a string: ">" never holds between different types (there is no conversion)',
      ],
      [
        20,
        'Compares a string with a number: they are never equal (there is no conversion), so this is always false',
      ],
    ]);
  });

  it('finds an alias of a type the condition never sees, and a misspelt field in a routing filter', () => {
    const found = messages(
      seed
        .replace('"event.strength > 0.5"', '"signal.strenght > 0.5"')
        .replace("\"event.indicator_name in ['SMA_20', 'RSI_14']\"", '"signal.strength > 0.5"'),
    ).filter(([, message]) => String(message).includes('null'));
    expect(found).toEqual([
      [
        19,
        '"signal" is always null here: the condition sees only IndicatorEvent, never a TradingSignal',
      ],
      [24, 'A TradingSignal has no field "strenght", so this reads null. Did you mean "strength"?'],
    ]);
  });
});
