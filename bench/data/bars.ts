/**
 * The bars bench/data and bench/memory read: synthetic one-minute bars (seed 7), and the CSV file
 * of them a user would upload, written a chunk of rows at a time so that making it costs the heap
 * little.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { BarSeries } from '../../src/engine/data/bars';
import { generateSynthetic } from '../../src/engine/data/synthetic';

export function benchBars(bars: number): BarSeries {
  const [series] = generateSynthetic({
    symbols: ['BENCH'],
    regime: 'mixed',
    interval: '1m',
    bars,
    seed: 7,
    startPrice: 100,
    startDate: '2020-01-01',
  });
  return series!;
}

/** The bars as CSV (datetime as "YYYY-MM-DD HH:MM:SS", open, high, low, close, volume). */
export function writeBarsCsv(file: string, s: BarSeries): void {
  const out = openSync(file, 'w');
  writeSync(out, 'datetime,open,high,low,close,volume\n');
  for (let start = 0; start < s.timestamp.length; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(s.timestamp.length, start + 10_000); i++) {
      const iso = new Date(s.timestamp[i]!).toISOString().slice(0, 19).replace('T', ' ');
      chunk += `${iso},${s.open[i]},${s.high[i]},${s.low[i]},${s.close[i]},${s.volume[i]}\n`;
    }
    writeSync(out, chunk);
  }
  closeSync(out);
}
