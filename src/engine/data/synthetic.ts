/**
 * Seeded synthetic bars with regimes a strategy can tell apart: trending (drift), ranging (mean
 * reversion around a level), volatile (large moves and jumps), or mixed (a Markov chain switching
 * among the three). The same options give the same bars everywhere.
 */
import type { BarSeries } from './bars';
import { SeededRandom } from './random';

export type SyntheticRegime = 'mixed' | 'trending' | 'ranging' | 'volatile';
export type SyntheticInterval = '1d' | '1h' | '5m' | '1m';

export interface SyntheticOptions {
  readonly symbols: readonly string[];
  readonly regime: SyntheticRegime;
  readonly interval: SyntheticInterval;
  readonly bars: number;
  readonly seed: number;
  readonly startPrice: number;
  /** YYYY-MM-DD, UTC. */
  readonly startDate: string;
}

const MINUTE = 60_000;
const INTERVAL_MS: Readonly<Record<SyntheticInterval, number>> = {
  '1d': 1440 * MINUTE,
  '1h': 60 * MINUTE,
  '5m': 5 * MINUTE,
  '1m': MINUTE,
};
/** Intraday bars fall in a 14:30–21:00 UTC session (the New York day), weekdays only. */
const SESSION_OPEN = (14 * 60 + 30) * MINUTE;
const SESSION_CLOSE = 21 * 60 * MINUTE;
const DAY = 1440 * MINUTE;

interface RegimeShape {
  /** Daily drift of log price. */
  readonly drift: number;
  /** Daily volatility of log price. */
  readonly volatility: number;
  /** Pull towards the anchor per day (0 = none). */
  readonly reversion: number;
  /** Chance of a jump per day, and its size in volatilities. */
  readonly jumpChance: number;
}

const SHAPES: Readonly<Record<Exclude<SyntheticRegime, 'mixed'>, RegimeShape>> = {
  trending: { drift: 0.0012, volatility: 0.012, reversion: 0, jumpChance: 0 },
  ranging: { drift: 0, volatility: 0.01, reversion: 0.08, jumpChance: 0 },
  volatile: { drift: 0, volatility: 0.03, reversion: 0.01, jumpChance: 0.03 },
};
const MIXED_ORDER = ['trending', 'ranging', 'volatile'] as const;
/** Mean length of a regime in the mixed market, in days. */
const MEAN_REGIME_DAYS = 60;

export function generateSynthetic(options: SyntheticOptions): BarSeries[] {
  return options.symbols.map((symbol) => generateSeries(symbol, options));
}

function generateSeries(symbol: string, options: SyntheticOptions): BarSeries {
  const random = new SeededRandom(options.seed, symbol);
  const count = options.bars;
  const columns = {
    timestamp: new Float64Array(count),
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
  const step = INTERVAL_MS[options.interval];
  const daysPerBar = options.interval === '1d' ? 1 : step / (SESSION_CLOSE - SESSION_OPEN);
  const times = timestamps(options.startDate, options.interval, count);
  let regime: Exclude<SyntheticRegime, 'mixed'> =
    options.regime === 'mixed' ? MIXED_ORDER[Math.floor(random.next() * 3)]! : options.regime;
  let sign = random.next() < 0.5 ? -1 : 1;
  let logPrice = Math.log(options.startPrice);
  let anchor = logPrice;
  const switchChance = daysPerBar / MEAN_REGIME_DAYS;
  for (let i = 0; i < count; i++) {
    if (options.regime === 'mixed' && random.next() < switchChance) {
      regime = MIXED_ORDER[Math.floor(random.next() * 3)]!;
      sign = random.next() < 0.5 ? -1 : 1;
      anchor = logPrice;
    }
    const shape = SHAPES[regime];
    const sigma = shape.volatility * Math.sqrt(daysPerBar);
    const open = Math.exp(logPrice + random.normal() * sigma * 0.15);
    let move = sign * shape.drift * daysPerBar + random.normal() * sigma;
    move -= shape.reversion * daysPerBar * (logPrice - anchor);
    if (shape.jumpChance > 0 && random.next() < shape.jumpChance * daysPerBar)
      move += random.normal() * sigma * 4;
    logPrice += move;
    const close = Math.exp(logPrice);
    const high = Math.max(open, close) * Math.exp(Math.abs(random.normal()) * sigma * 0.5);
    const low = Math.min(open, close) * Math.exp(-Math.abs(random.normal()) * sigma * 0.5);
    columns.timestamp[i] = times[i]!;
    columns.open[i] = round(open);
    columns.close[i] = round(close);
    columns.high[i] = Math.max(round(high), columns.open[i]!, columns.close[i]!);
    columns.low[i] = Math.min(round(low), columns.open[i]!, columns.close[i]!);
    const baseVolume = 1_000_000 * daysPerBar;
    columns.volume[i] = Math.round(
      baseVolume * (0.5 + random.next()) * (1 + Math.abs(move) / sigma),
    );
  }
  return { symbol, ...columns };
}

/** Prices to the cent, as a market quotes them. */
function round(price: number): number {
  return Math.max(0.01, Math.round(price * 100) / 100);
}

function timestamps(startDate: string, interval: SyntheticInterval, count: number): Float64Array {
  const out = new Float64Array(count);
  let day = Date.parse(`${startDate}T00:00:00Z`);
  if (Number.isNaN(day)) throw new Error(`Start date "${startDate}" is not a date (YYYY-MM-DD)`);
  const step = INTERVAL_MS[interval];
  let i = 0;
  while (i < count) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      if (interval === '1d') out[i++] = day;
      else for (let t = SESSION_OPEN; t < SESSION_CLOSE && i < count; t += step) out[i++] = day + t;
    }
    day += DAY;
  }
  return out;
}
