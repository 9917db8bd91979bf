import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../flow';
import { search } from './search';

const ids = (query: string) => search(CATALOGUE, query).map((spec) => spec.id);

describe('palette search over the whole catalogue', () => {
  it('puts the component named by the words first', () => {
    expect(ids('rsi')[0]).toBe('rsi');
    expect(ids('sma')[0]).toBe('sma');
    expect(ids('supertrend').slice(0, 2).sort()).toEqual(['supertrend', 'supertrend_trend']);
    expect(ids('cci bands')[0]).toBe('cci_bands');
  });

  it('finds by family, keyword and output, and every word must match', () => {
    expect(ids('divergence').slice(0, 2)).toEqual(['rsi_divergence', 'macd_histogram_divergence']);
    expect(ids('pivot')).toEqual(
      expect.arrayContaining(['pivot_points', 'pivot_breakout', 'pivot_bounce']),
    );
    expect(ids('span_a')).toContain('ichimoku');
    expect(ids('regime admf-pc')).toHaveLength(4);
    expect(ids('zzzz')).toEqual([]);
  });
});
