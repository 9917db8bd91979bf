import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, MAX_CONDITION_LENGTH, parseCondition } from './index';

function compile(source: string) {
  const result = parseCondition(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message} at ${result.error.start}`);
  return compileCondition(result.condition);
}

const signal = {
  type: 'TradingSignal',
  symbol: 'AAPL',
  action: 'BUY',
  strength: 0.9,
  strategy_id: 'trend',
  regime_context: null,
};
const indicator = {
  type: 'IndicatorEvent',
  indicator_name: 'SMA_20',
  value: 101.5,
  outputs: { value: 101.5 },
};

describe('condition language', () => {
  it('parses and evaluates every expression of the design document', () => {
    expect(compile('signal.strength > 0.8').test(signal)).toBe(true);
    expect(compile('signal.strength > 0.95').test(signal)).toBe(false);
    expect(compile("event.indicator_name in ['SMA_20', 'RSI_14']").test(indicator)).toBe(true);
    expect(compile("event.indicator_name in ['RSI_14']").test(indicator)).toBe(false);
    expect(compile('event.strength > 0.5').test(signal)).toBe(true);
  });

  it('supports and/or/not, comparison, arithmetic and literals', () => {
    expect(compile("signal.strength >= 0.5 and signal.symbol == 'AAPL'").test(signal)).toBe(true);
    expect(compile("signal.strength < 0.5 or signal.action == 'BUY'").test(signal)).toBe(true);
    expect(compile("not (signal.action == 'SELL')").test(signal)).toBe(true);
    expect(compile('!(signal.strength > 0.5) || false').test(signal)).toBe(false);
    expect(compile('event.value * 2 - 3 == 200').test(indicator)).toBe(true);
    expect(compile('event.value % 2 == 1.5').test(indicator)).toBe(true);
    expect(compile('-event.value < 0').test(indicator)).toBe(true);
    expect(compile('event.regime_context == null').test(signal)).toBe(true);
    expect(compile("event.outputs['value'] == 101.5").test(indicator)).toBe(true);
    expect(compile("'AA' in event.symbol").test(signal)).toBe(true);
  });

  it('gives an alias only to events of its type', () => {
    expect(compile('signal.strength > 0.1').test(indicator)).toBe(false);
    expect(compile('indicator.value > 100').test(indicator)).toBe(true);
    expect(compile('bar.close > 0').test(signal)).toBe(false);
  });

  it('treats a missing field or a type mismatch as not holding', () => {
    expect(compile('event.nothing > 1').test(signal)).toBe(false);
    expect(compile('event.symbol > 1').test(signal)).toBe(false);
    expect(compile('event.symbol - 1 == 0').test(signal)).toBe(false);
  });

  it('never reaches a prototype, a constructor or a function', () => {
    expect(compile("event['__proto__'] != null").test(signal)).toBe(false);
    expect(compile('event.constructor != null').test(signal)).toBe(false);
    expect(compile('event.toString != null').test(signal)).toBe(false);
    expect(compile('event.outputs.hasOwnProperty != null').test(indicator)).toBe(false);
    const withFunction = { ...signal, method: () => 1 };
    expect(compile('event.method != null').test(withFunction)).toBe(false);
  });

  it('reports syntax errors with their position', () => {
    const result = parseCondition('signal.strength > ');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/expected expression/i);
      expect(result.error.start).toBe(18);
    }
    const unclosed = parseCondition("event.indicator_name in ['SMA_20'");
    expect(unclosed.ok).toBe(false);
  });

  it('refuses calls, unknown names, this, assignment and several expressions', () => {
    const cases: [string, RegExp, number][] = [
      ['alert(1)', /calls are not allowed/, 0],
      ['event.strength > 0.5 and price > 3', /Unknown name "price"/, 25],
      ['this.x', /"this" is not available/, 0],
      ['a = 1', /.+/, 2],
      ['event.strength event.symbol', /single expression/, 0],
      ['event.strength > 1 ? 1 : 0', /\? : operator/, 0],
      ['event.strength | 1', /Operator "\|"/, 15],
    ];
    for (const [source, message, start] of cases) {
      const result = parseCondition(source);
      expect(result.ok, source).toBe(false);
      if (!result.ok) {
        expect(result.error.message, source).toMatch(message);
        expect(result.error.start, source).toBe(start);
      }
    }
  });

  it('bounds the length and the nesting of a condition', () => {
    expect(parseCondition('1'.repeat(MAX_CONDITION_LENGTH + 1)).ok).toBe(false);
    const deep = `${'('.repeat(900)}1${')'.repeat(900)}`;
    const result = parseCondition(deep);
    if (!result.ok) expect(result.error.message).toMatch(/nested|Syntax|Unexpected|long/);
  });

  it('only ever answers a random string with a result or a parse error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const result = parseCondition(text);
        if (result.ok) {
          expect(() => compileCondition(result.condition).test(signal)).not.toThrow();
        } else {
          expect(result.error.start).toBeGreaterThanOrEqual(0);
          expect(result.error.end).toBeLessThanOrEqual(Math.max(text.length, 1));
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('only ever answers a string of condition tokens with a result or a parse error', () => {
    const token = fc.constantFrom(
      'event',
      'signal',
      'bar',
      '.',
      'strength',
      'close',
      '[',
      ']',
      '(',
      ')',
      "'A'",
      '0.5',
      '1',
      'and',
      'or',
      'not',
      '!',
      '==',
      '>',
      '<=',
      'in',
      '+',
      '-',
      '*',
      '/',
      '%',
      ',',
      ' ',
      'null',
      'true',
      '__proto__',
      'constructor',
      '"',
      '?',
      ':',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), (tokens) => {
        const text = tokens.join('');
        const result = parseCondition(text);
        if (result.ok) expect(() => compileCondition(result.condition).value(signal)).not.toThrow();
        else expect(result.error.start).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('conditions over names the caller gives (sweep constraints)', () => {
  const scope = { sma_fast: { period: 10 }, sma_slow: { period: 30 } };
  const test = (source: string) => {
    const parsed = parseCondition(source, { names: ['sma_fast', 'sma_slow'] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return compileCondition(parsed.condition).test(scope);
  };

  it('reads each name as a field of the object evaluated', () => {
    expect(test('sma_fast.period < sma_slow.period')).toBe(true);
    expect(test('sma_fast.period * 3 > sma_slow.period')).toBe(false);
    expect(test('sma_slow.period - sma_fast.period >= 20')).toBe(true);
  });

  it('refuses any other name, the event aliases and prototype names included', () => {
    const names = { names: ['sma_fast', '__proto__'] };
    expect(parseCondition('event.x > 1', names)).toMatchObject({
      ok: false,
      error: { message: 'Unknown name "event"; use one of: sma_fast, __proto__' },
    });
    expect(parseCondition('__proto__.x > 1', names).ok).toBe(false);
    expect(parseCondition('sma_fast.constructor', names).ok).toBe(true);
    const parsed = parseCondition('sma_fast.constructor', names);
    if (parsed.ok) expect(compileCondition(parsed.condition).value(scope)).toBeUndefined();
  });
});
