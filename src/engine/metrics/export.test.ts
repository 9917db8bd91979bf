/**
 * The result files, now made a chunk of rows at a time, are the same bytes as the files written
 * whole before (bench/data/results-before.ts keeps that code verbatim): on a real run long enough
 * for several chunks, and on generated records full of commas, quotes and line breaks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardFlow } from '../../../bench/backtest/flow';
import * as before from '../../../bench/data/results-before';
import type { FillRecord, PortfolioReport, Trade } from '../components/portfolio/component';
import { COMPONENTS } from '../components/registry';
import { generateSynthetic } from '../data/synthetic';
import type { Incident } from '../runtime/incidents';
import { createRun } from '../runtime/run';
import { CHUNK_ROWS, csvChunks, iso } from './csv';
import {
  equityCsv,
  equityCsvBytes,
  fillsCsv,
  fillsCsvChunks,
  incidentsCsv,
  incidentsCsvChunks,
  tradesCsv,
  tradesCsvChunks,
} from './export';

/** The text, or the error's name: an invalid time throws the same either way. */
function outcome(write: () => string): string {
  try {
    return write();
  } catch (error) {
    return (error as Error).name;
  }
}

describe('result files', () => {
  it('writes ISO times as Date does, in order or not', () => {
    const time = fc.oneof(
      fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(time), fc.integer({ min: 1, max: 100_000 }), (times, step) => {
        // In order too, as a run's times come: the day's prefix is then reused.
        const steps = times.map((start, i) => Math.trunc(start) + i * step);
        for (const t of [...times, ...steps])
          expect(outcome(() => iso(t))).toBe(outcome(() => new Date(t).toISOString()));
        // The equity file writes its times as bytes: the same text.
        const all = Float64Array.from([...steps, ...times]);
        const curve = { time: all, equity: all, drawdown: all } as unknown as PortfolioReport;
        expect(outcome(() => Buffer.concat([...equityCsvBytes(curve)]).toString('latin1'))).toBe(
          outcome(() => before.equityCsv(curve)),
        );
      }),
      { numRuns: 300 },
    );
    expect(() => iso(Number.NaN)).toThrow(RangeError);
  });

  it('are the same bytes as before for a run of several chunks', { timeout: 120_000 }, () => {
    const bars = CHUNK_ROWS * 2 + 1234;
    const [series] = generateSynthetic({
      symbols: ['T'],
      regime: 'mixed',
      interval: '1m',
      bars,
      seed: 3,
      startPrice: 100,
      startDate: '2021-03-01',
    });
    const run = createRun(standardFlow(5, 12), { bars: { data: [series!] } }, COMPONENTS);
    run.runToEnd();
    const report = run.results().book as PortfolioReport;
    expect(report.time.length).toBe(bars);
    const bytes = [...equityCsvBytes(report)];
    expect(bytes.length).toBeGreaterThan(1);
    const old = before.equityCsv(report);
    expect(equityCsv(report)).toBe(old);
    // What the runner writes: the chunks' bytes, one after the other.
    expect(Buffer.concat(bytes).equals(Buffer.from(old, 'utf8'))).toBe(true);
    expect(report.trades.length).toBeGreaterThan(100);
    expect(tradesCsv(report.trades)).toBe(before.tradesCsv(report.trades));
    expect(fillsCsv(report.fills)).toBe(before.fillsCsv(report.fills));
    // Times and values out of the ordinary: before 1970, past 9999, fractions, -0, NaN, infinities.
    const odd = {
      ...report,
      time: Float64Array.from([-1, 0.5, 253_402_300_800_000, 86_399_999, 86_400_000, 1e15]),
      equity: Float64Array.from([-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324, 0]),
      drawdown: Float64Array.from([0, 0, -0, Number.NEGATIVE_INFINITY, -1e-7, -0]),
    };
    expect(equityCsv(odd)).toBe(before.equityCsv(odd));
    expect(incidentsCsv(run.incidents().entries)).toBe(
      before.incidentsCsv(run.incidents().entries),
    );
    // The chunks are the whole text cut at row ends.
    for (const chunk of tradesCsvChunks(report.trades)) expect(chunk.endsWith('\n')).toBe(true);
  });

  it('quote text as before: commas, quotes, line breaks, any character', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const some = fc.oneof(text, fc.constantFrom('a,b', 'say "x"', 'two\nlines', '', ' '));
    const number = fc.oneof(fc.double(), fc.integer());
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    const trade = fc.record({
      strategy_id: some,
      symbol: some,
      side: fc.constantFrom('LONG' as const, 'SHORT' as const),
      quantity: number,
      entry_time: time,
      entry_price: number,
      exit_time: time,
      exit_price: number,
      pnl: number,
      return_pct: number,
      commission: number,
      bars_held: fc.nat(),
      exit_reason: some,
      entry_correlation_id: some,
      trade_id: fc.option(some),
    });
    const fill = fc.record({
      time,
      order_id: some,
      strategy_id: some,
      symbol: some,
      side: some,
      quantity: number,
      price: number,
      commission: number,
      slippage: number,
      reason: some,
      event_id: some,
      correlation_id: some,
    });
    const incident = fc.record({
      kind: fc.constantFrom('cancelled_order', 'rejected_signal', 'dead_letter'),
      time,
      container: some,
      event_type: fc.option(fc.constantFrom('FILL', 'ORDER')),
      symbol: fc.option(some),
      reason: some,
      detail: some,
      correlation_id: fc.option(some),
      details: fc.option(fc.dictionary(some, fc.oneof(some, number, fc.boolean())), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(trade, { maxLength: 20 }),
        fc.array(fill, { maxLength: 20 }),
        fc.array(incident, { maxLength: 20 }),
        (trades, fills, incidents) => {
          expect(tradesCsv(trades as Trade[])).toBe(before.tradesCsv(trades as Trade[]));
          expect(fillsCsv(fills as FillRecord[])).toBe(before.fillsCsv(fills as FillRecord[]));
          expect(incidentsCsv(incidents as unknown as Incident[])).toBe(
            before.incidentsCsv(incidents as unknown as Incident[]),
          );
        },
      ),
      { numRuns: 200 },
    );
    expect([...csvChunks(['a'], 0, () => [])]).toEqual(['a\n']);
    expect([...incidentsCsvChunks([])].join('')).toBe(before.incidentsCsv([]));
    expect([...fillsCsvChunks([])].join('')).toBe(before.fillsCsv([]));
  });
});
