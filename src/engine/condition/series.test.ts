import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAR_FIELDS,
  type Binding,
  bindExpression,
  parseCondition,
  parseExpression,
  type SeriesFrame,
  type SeriesProgram,
  STATE_NAMES,
} from './index';

const FEATURES: Record<string, readonly string[]> = {
  SMA_10: ['value'],
  RSI_14: ['value'],
  MACD_12_26_9: ['macd', 'signal', 'histogram'],
};

function resolve(name: string, output: string | null): Binding | { error: string } {
  if ((BAR_FIELDS as readonly string[]).includes(name) && output === null)
    return {
      kind: 'bar',
      field: name as Binding & { kind: 'bar' } extends { field: infer F } ? F : never,
    };
  if ((STATE_NAMES as readonly string[]).includes(name) && output === null)
    return { kind: 'state', name: name as (typeof STATE_NAMES)[number] };
  if ((BAR_FIELDS as readonly string[]).includes(name)) return { error: `${name} has no outputs` };
  const outputs = FEATURES[name];
  if (!outputs) return { error: `Unknown name "${name}"` };
  if (output !== null && !outputs.includes(output))
    return { error: `${name} has no output "${output}"` };
  return { kind: 'feature', name, output };
}

function program(source: string): SeriesProgram {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  const bound = bindExpression(parsed.condition, resolve);
  if (!bound.ok) throw new Error(`${source}: ${bound.error.message}`);
  return bound.program;
}

/** Runs a program over closes (and optional feature values), one value per bar. */
function run(
  source: string,
  closes: readonly number[],
  features: Record<string, readonly number[]> = {},
) {
  const p = program(source);
  const state = p.createState();
  return closes.map((close, i) => {
    const frame: SeriesFrame = {
      bar: { open: close - 1, high: close + 2, low: close - 2, close, volume: 100 + i },
      feature: (name, output) => features[output ? `${name}.${output}` : name]?.[i],
      position: 0,
      bars_in_position: 0,
      entry_price: null,
      regime: i % 2 === 0 ? 'up' : 'down',
    };
    return p.evaluate(frame, state);
  });
}

const closes = [10, 11, 9, 12, 15, 14, 13, 16, 12, 11];

describe('rule expressions', () => {
  it('read earlier bars with offsets', () => {
    expect(run('close[1]', closes)).toEqual([undefined, ...closes.slice(0, -1)]);
    expect(run('close[0] - close[2]', closes).slice(2)).toEqual(
      closes.slice(2).map((c, i) => c - closes[i]!),
    );
    expect(run('SMA_10[2]', closes, { SMA_10: closes.map((c) => c * 2) })).toEqual([
      undefined,
      undefined,
      ...closes.slice(0, -2).map((c) => c * 2),
    ]);
    expect(run('MACD_12_26_9.signal[1]', [1, 2, 3], { 'MACD_12_26_9.signal': [5, 6, 7] })).toEqual([
      undefined,
      5,
      6,
    ]);
    expect(run("MACD_12_26_9['macd']", [1], { 'MACD_12_26_9.macd': [4] })).toEqual([4]);
  });

  it('crosses_above and crosses_below as TradingView defines them, as calls or infix', () => {
    const rsi = [25, 29, 30, 31, 28, 35, 36, 29, 20, 40];
    const expected = rsi.map((v, i) => i > 0 && v > 30 && rsi[i - 1]! <= 30);
    expect(run('crosses_above(RSI_14, 30)', closes, { RSI_14: rsi })).toEqual(expected);
    expect(run('RSI_14 crosses_above 30', closes, { RSI_14: rsi })).toEqual(expected);
    expect(run('RSI_14 crosses_below 30', closes, { RSI_14: rsi })).toEqual(
      rsi.map((v, i) => i > 0 && v < 30 && rsi[i - 1]! >= 30),
    );
    expect(
      run('RSI_14 crosses_above 30 and close > SMA_10', closes, {
        RSI_14: rsi,
        SMA_10: closes.map(() => 12),
      }),
    ).toEqual(expected.map((e, i) => e && closes[i]! > 12));
  });

  it('window functions agree with a direct computation', () => {
    const window = (i: number, n: number) => closes.slice(i - n + 1, i + 1);
    const naive = (n: number, f: (w: number[]) => number) =>
      closes.map((_, i) => (i + 1 >= n ? f(window(i, n)) : undefined));
    expect(run('highest(close, 3)', closes)).toEqual(naive(3, (w) => Math.max(...w)));
    expect(run('lowest(close, 4)', closes)).toEqual(naive(4, (w) => Math.min(...w)));
    expect(run('sum(close, 3)', closes)).toEqual(naive(3, (w) => w[0]! + w[1]! + w[2]!));
    const mean = run('mean(close, 5)', closes) as (number | undefined)[];
    naive(5, (w) => w.reduce((a, b) => a + b) / 5).forEach((v, i) => {
      if (v === undefined) expect(mean[i]).toBeUndefined();
      else expect(mean[i]).toBeCloseTo(v, 12);
    });
    const sd = run('stdev(close, 4)', closes) as (number | undefined)[];
    naive(4, (w) => {
      const m = w.reduce((a, b) => a + b) / 4;
      return Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / 4);
    }).forEach((v, i) => {
      if (v === undefined) expect(sd[i]).toBeUndefined();
      else expect(sd[i]).toBeCloseTo(v, 12);
    });
    expect(run('change(close)', closes)).toEqual(
      closes.map((c, i) => (i ? c - closes[i - 1]! : undefined)),
    );
    expect(run('change(close, 3)', closes)).toEqual(
      closes.map((c, i) => (i >= 3 ? c - closes[i - 3]! : undefined)),
    );
    expect(run('abs(close - 12) + min(close, 11, 12) - max(1, 2)', [10, 14])).toEqual([
      2 + 10 - 2,
      2 + 11 - 2,
    ]);
    expect(run('clamp(close / 10, 0, 1)', [5, 15])).toEqual([0.5, 1]);
    expect(run('sqrt(close) > 3 and log(close) > 0', [4, 16])).toEqual([false, true]);
  });

  it('keeps every window current even where and/or could stop early', () => {
    // crosses_above on the right of a false `and` still sees every bar.
    const gate = [0, 0, 0, 1, 1];
    const rsi = [20, 40, 20, 20, 40];
    const out = run('SMA_10 > 0 and crosses_above(RSI_14, 30)', [1, 2, 3, 4, 5], {
      SMA_10: gate,
      RSI_14: rsi,
    });
    expect(out).toEqual([false, false, false, false, true]);
  });

  it('reads bar fields, the position and the regime', () => {
    expect(run('hl2 == close and hlc3 == close and volume >= 100', [10])).toEqual([true]);
    expect(run("regime == 'up'", [1, 2, 3])).toEqual([true, false, true]);
    const p = program('position == 0 and bars_in_position == 0 and entry_price == null');
    expect([...p.state].sort()).toEqual(['bars_in_position', 'entry_price', 'position']);
    expect(
      program('SMA_10 > RSI_14 and MACD_12_26_9.signal > 0 and SMA_10[1] > 0').features,
    ).toEqual([
      { name: 'SMA_10', output: null },
      { name: 'RSI_14', output: null },
      { name: 'MACD_12_26_9', output: 'signal' },
    ]);
  });

  it('refuses what is not allowed, at the column at fault', () => {
    const cases: [string, RegExp, number][] = [
      ['close > SMA_20', /Unknown name "SMA_20"/, 8],
      ['crosses_above(RSI_14, 30) and SMA_50 > close', /Unknown name "SMA_50"/, 30],
      ['eval(close)', /Unknown function "eval"/, 0],
      ['close > 1 and alert(1)', /Unknown function "alert"/, 14],
      ['highest(close, n)', /whole number from 1/, 15],
      ['highest(close, 2.5)', /whole number from 1/, 15],
      ['crosses_above(close)', /takes 2 arguments, not 1/, 0],
      ['close[-1]', /offset counts whole bars/, 0],
      ['close[1.5]', /offset counts whole bars/, 0],
      ['close[SMA_10]', /Square brackets/, 0],
      ['close.constructor', /not a field/, 6],
      ['RSI_14.__proto__', /not a field/, 7],
      ['__proto__ > 1', /not a name/, 0],
      ['close.value', /no output|outputs/, 0],
      ['MACD_12_26_9.nothing > 0', /no output "nothing"/, 0],
      ['this.close', /"this" is not available/, 0],
      ['close > 1 ? 1 : 0', /\? : operator/, 0],
      ['SMA_10.constructor.constructor("x")()', /not a field|Unknown function|function/, 0],
    ];
    for (const [source, message, start] of cases) {
      const parsed = parseExpression(source);
      const error = parsed.ok
        ? (
            bindExpression(parsed.condition, resolve) as {
              error?: { message: string; start: number };
            }
          ).error
        : parsed.error;
      expect(error, source).toBeDefined();
      expect(error!.message, source).toMatch(message);
      expect(error!.start, source).toBe(start);
    }
  });

  it('leaves route conditions as they were: no calls, no offsets', () => {
    const call = parseCondition('crosses_above(signal.strength, 1)');
    expect(call.ok).toBe(false);
    if (!call.ok) expect(call.error.message).toMatch(/calls are not allowed/);
    const infix = parseCondition('signal.strength crosses_above 1');
    expect(infix.ok).toBe(false);
  });

  it('only ever answers a string of expression tokens with a value or a located error', () => {
    const token = fc.constantFrom(
      'close',
      'SMA_10',
      'RSI_14',
      'MACD_12_26_9',
      '.',
      'signal',
      '[',
      ']',
      '(',
      ')',
      ',',
      ' ',
      '1',
      '0',
      '2.5',
      '-',
      '+',
      '*',
      '/',
      '>',
      '<=',
      '==',
      'and',
      'or',
      'not',
      'crosses_above',
      'highest',
      'change',
      'abs',
      'min',
      '__proto__',
      'constructor',
      "'x'",
      'regime',
      'position',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (tokens) => {
        const text = tokens.join('');
        const parsed = parseExpression(text);
        if (!parsed.ok) {
          expect(parsed.error.start).toBeGreaterThanOrEqual(0);
          expect(parsed.error.end).toBeLessThanOrEqual(Math.max(1, text.length));
          return;
        }
        const bound = bindExpression(parsed.condition, resolve);
        if (!bound.ok) {
          expect(bound.error.start).toBeGreaterThanOrEqual(0);
          return;
        }
        expect(() => run(text, closes, { SMA_10: closes, RSI_14: closes })).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
