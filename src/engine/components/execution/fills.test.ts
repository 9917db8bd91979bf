import { describe, expect, it } from 'vitest';
import { exitOnBar, triggeredPrice } from './fills';

const bar = { open: 100, high: 105, low: 95, close: 102 };

describe('limit and stop fills, worked by hand', () => {
  it('fills a buy limit at its price when the bar trades down to it, at the open when it gaps below', () => {
    expect(triggeredPrice('LIMIT', 'BUY', 97, bar)).toBe(97);
    expect(triggeredPrice('LIMIT', 'BUY', 94, bar)).toBeNull();
    expect(triggeredPrice('LIMIT', 'BUY', 101, bar)).toBe(100);
  });

  it('fills a sell limit at its price or better', () => {
    expect(triggeredPrice('LIMIT', 'SELL', 104, bar)).toBe(104);
    expect(triggeredPrice('LIMIT', 'SELL', 106, bar)).toBeNull();
    expect(triggeredPrice('LIMIT', 'SELL', 99, bar)).toBe(100);
  });

  it('fills a buy stop once the price rises to it, at the open when it gaps above', () => {
    expect(triggeredPrice('STOP', 'BUY', 103, bar)).toBe(103);
    expect(triggeredPrice('STOP', 'BUY', 106, bar)).toBeNull();
    expect(triggeredPrice('STOP', 'BUY', 98, bar)).toBe(100);
  });

  it('fills a sell stop once the price falls to it, at the open when it gaps below', () => {
    expect(triggeredPrice('STOP', 'SELL', 96, bar)).toBe(96);
    expect(triggeredPrice('STOP', 'SELL', 94, bar)).toBeNull();
    expect(triggeredPrice('STOP', 'SELL', 101, bar)).toBe(100);
  });
});

describe('exits on a bar', () => {
  it('takes the stop first when the stop and the target both lie inside the bar', () => {
    expect(exitOnBar(true, { stop: 96, target: 104 }, bar)).toEqual({ kind: 'stop', price: 96 });
    expect(exitOnBar(false, { stop: 104, target: 96 }, bar)).toEqual({ kind: 'stop', price: 104 });
  });

  it('takes the target when the bar opens beyond it', () => {
    expect(exitOnBar(true, { stop: 90, target: 99 }, bar)).toEqual({ kind: 'target', price: 100 });
    expect(exitOnBar(true, { stop: 96, target: 99 }, bar)).toEqual({ kind: 'target', price: 100 });
  });

  it('takes the stop at the open when the bar gaps through it', () => {
    expect(exitOnBar(true, { stop: 101, target: 110 }, bar)).toEqual({ kind: 'stop', price: 100 });
  });

  it('does nothing when neither is reached', () => {
    expect(exitOnBar(true, { stop: 90, target: 110 }, bar)).toBeNull();
    expect(exitOnBar(true, { stop: null, target: null }, bar)).toBeNull();
  });
});
