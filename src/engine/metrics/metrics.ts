/**
 * Performance metrics from an equity curve and a list of closed trades. Each is defined in
 * docs/engine-semantics.md; the formulas here are the definitions.
 */

export interface TradeResult {
  /** Net P&L of the round trip, commissions included. */
  readonly pnl: number;
  /** P&L as a fraction of the entry value. */
  readonly return_pct: number;
  readonly side?: 'LONG' | 'SHORT';
}

/** What a portfolio knows beyond its equity and closed trades: costs, what is open, the market. */
export interface MetricExtras {
  readonly commission: number;
  readonly slippage: number;
  /** Trades still open at the end, and their P&L marked at the last close. */
  readonly openTrades: number;
  readonly unrealized: number;
  /** Each traded symbol's last close ÷ first close − 1 over the test. */
  readonly buyAndHold: readonly number[];
}

export interface Metrics {
  readonly initial_equity: number;
  readonly final_equity: number;
  readonly total_return: number;
  readonly cagr: number;
  readonly annual_volatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly calmar: number;
  readonly max_drawdown: number;
  /** Longest time from a peak to the recovery of that peak (or to the end), in bars and days. */
  readonly max_drawdown_bars: number;
  readonly max_drawdown_days: number;
  readonly trades: number;
  readonly win_rate: number;
  readonly profit_factor: number;
  readonly expectancy: number;
  readonly average_trade: number;
  readonly best_trade: number;
  readonly worst_trade: number;
  readonly exposure: number;
  /** Every fill's commission, and the money slippage cost, over the test. */
  readonly total_commission: number;
  readonly total_slippage: number;
  /** Trades open at the end (not in `trades`) and their P&L marked at the last close. */
  readonly open_trades: number;
  readonly unrealized_pnl: number;
  /**
   * The benchmark: buying the data at the first close and holding it to the last (last ÷ first −
   * 1, as backtesting.py's "Buy & Hold Return"); with several symbols, their equal-weighted mean.
   */
  readonly buy_and_hold_return: number;
  readonly long_trades: number;
  readonly long_win_rate: number;
  readonly long_pnl: number;
  readonly short_trades: number;
  readonly short_win_rate: number;
  readonly short_pnl: number;
  /** Most closed trades in a row with a loss (P&L < 0), and with a gain. */
  readonly longest_losing_streak: number;
  readonly longest_winning_streak: number;
  readonly periods_per_year: number;
  readonly bars: number;
}

const NO_EXTRAS: MetricExtras = {
  commission: 0,
  slippage: 0,
  openTrades: 0,
  unrealized: 0,
  buyAndHold: [],
};

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

/**
 * Bars per year from the spacing of the timestamps: daily bars (a day or more apart, weekends
 * aside) count 252 a year; intraday bars count 252 sessions of as many bars as a session holds;
 * weekly and monthly bars count what fits in a year.
 */
export function periodsPerYear(time: ArrayLike<number>): number {
  if (time.length < 2) return 252;
  const gaps = new Float64Array(time.length - 1);
  for (let i = 1; i < time.length; i++) gaps[i - 1] = time[i]! - time[i - 1]!;
  // The element a sort would put in the middle, found without sorting (a sort of a million gaps
  // took a third of the metrics' time).
  const median = nthSmallest(gaps, Math.floor(gaps.length / 2));
  if (median >= 5 * DAY) return YEAR_DAYS / (median / DAY);
  if (median >= 0.9 * DAY) return 252;
  // Intraday: bars per session from the bars of an average trading day.
  return 252 * (time.length / distinctDays(time));
}

/**
 * The k-th smallest value (from 0), as `values.sort()[k]` gives it (NaN after every number; -0
 * and 0 count as one, which no comparison tells apart), by three-way quickselect: linear, also when most values are equal (regular bars). Reorders
 * `values`.
 */
export function nthSmallest(values: Float64Array, k: number): number {
  // NaNs go to the end, where a sort puts them.
  let end = values.length;
  for (let i = 0; i < end; i++) {
    if (!Number.isNaN(values[i]!)) continue;
    end--;
    values[i] = values[end]!;
    values[end] = Number.NaN;
    i--;
  }
  if (k >= end) return Number.NaN;
  let low = 0;
  let high = end - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    // [low, lt) < pivot, [lt, i) == pivot, (gt, high] > pivot
    let lt = low;
    let gt = high;
    let i = low;
    while (i <= gt) {
      const value = values[i]!;
      if (value < pivot) {
        values[i++] = values[lt]!;
        values[lt++] = value;
      } else if (value > pivot) {
        values[i] = values[gt]!;
        values[gt--] = value;
      } else i++;
    }
    if (k < lt) high = lt - 1;
    else if (k > gt) low = gt + 1;
    else return values[k]!;
  }
  return values[low]!;
}

/** How many calendar days (UTC) the timestamps fall on: a count of changes when they are in order. */
function distinctDays(time: ArrayLike<number>): number {
  let days = 1;
  let previous = Math.floor(time[0]! / DAY);
  for (let i = 1; i < time.length; i++) {
    const day = Math.floor(time[i]! / DAY);
    if (!(day >= previous)) {
      const seen = new Set<number>();
      for (let j = 0; j < time.length; j++) seen.add(Math.floor(time[j]! / DAY));
      return seen.size;
    }
    if (day > previous) days++;
    previous = day;
  }
  return days;
}

export function computeMetrics(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  /** Per bar: non-zero when a position was open at the close. */
  invested: ArrayLike<boolean | number>,
  trades: readonly TradeResult[],
  initialEquity: number,
  riskFreeRate = 0,
  extras: MetricExtras = NO_EXTRAS,
): Metrics {
  const bars = equity.length;
  const final = bars > 0 ? equity[bars - 1]! : initialEquity;
  const perYear = periodsPerYear(time);
  const returns = new Float64Array(bars);
  let previous = initialEquity;
  for (let i = 0; i < bars; i++) {
    returns[i] = previous === 0 ? 0 : equity[i]! / previous - 1;
    previous = equity[i]!;
  }
  const riskFreePerBar = riskFreeRate / 100 / perYear;
  const mean = average(returns);
  const deviation = standardDeviation(returns, mean);
  let downsideSquares = 0;
  for (let i = 0; i < bars; i++) downsideSquares += Math.min(0, returns[i]! - riskFreePerBar) ** 2;
  const downside = Math.sqrt(bars === 0 ? 0 : downsideSquares / bars);
  const years = bars > 1 ? (time[bars - 1]! - time[0]!) / DAY / YEAR_DAYS : 0;
  const totalReturn = final / initialEquity - 1;
  const cagr = years > 0 && final > 0 ? (final / initialEquity) ** (1 / years) - 1 : 0;
  const drawdown = maxDrawdown(time, equity, initialEquity);
  const wins = trades.filter((trade) => trade.pnl > 0);
  const losses = trades.filter((trade) => trade.pnl < 0);
  const grossProfit = wins.reduce((sum, trade) => sum + trade.pnl, 0);
  const grossLoss = -losses.reduce((sum, trade) => sum + trade.pnl, 0);
  let investedBars = 0;
  for (let i = 0; i < invested.length; i++) if (invested[i]) investedBars++;
  return {
    initial_equity: initialEquity,
    final_equity: final,
    total_return: totalReturn,
    cagr,
    annual_volatility: deviation * Math.sqrt(perYear),
    sharpe: deviation === 0 ? 0 : ((mean - riskFreePerBar) / deviation) * Math.sqrt(perYear),
    sortino: downside === 0 ? 0 : ((mean - riskFreePerBar) / downside) * Math.sqrt(perYear),
    calmar: drawdown.depth === 0 ? 0 : cagr / drawdown.depth,
    max_drawdown: drawdown.depth,
    max_drawdown_bars: drawdown.bars,
    max_drawdown_days: drawdown.days,
    trades: trades.length,
    win_rate: trades.length === 0 ? 0 : wins.length / trades.length,
    profit_factor:
      grossLoss === 0 ? (grossProfit > 0 ? Number.POSITIVE_INFINITY : 0) : grossProfit / grossLoss,
    expectancy: trades.length === 0 ? 0 : average(trades.map((trade) => trade.pnl)),
    average_trade: trades.length === 0 ? 0 : average(trades.map((trade) => trade.return_pct)),
    // A loop, not Math.max(...): spreading a few hundred thousand trades overflows the call stack.
    best_trade: trades.reduce(
      (best, trade) => Math.max(best, trade.return_pct),
      trades.length === 0 ? 0 : -Infinity,
    ),
    worst_trade: trades.reduce(
      (worst, trade) => Math.min(worst, trade.return_pct),
      trades.length === 0 ? 0 : Infinity,
    ),
    exposure: bars === 0 ? 0 : investedBars / bars,
    total_commission: extras.commission,
    total_slippage: extras.slippage,
    open_trades: extras.openTrades,
    unrealized_pnl: extras.unrealized,
    buy_and_hold_return: average(extras.buyAndHold),
    ...sideStats(trades, 'LONG', 'long'),
    ...sideStats(trades, 'SHORT', 'short'),
    longest_losing_streak: longestRun(trades, (pnl) => pnl < 0),
    longest_winning_streak: longestRun(trades, (pnl) => pnl > 0),
    periods_per_year: perYear,
    bars,
  };
}

function sideStats<P extends 'long' | 'short'>(
  trades: readonly TradeResult[],
  side: 'LONG' | 'SHORT',
  prefix: P,
): Record<`${P}_trades` | `${P}_win_rate` | `${P}_pnl`, number> {
  const mine = trades.filter((trade) => trade.side === side);
  const wins = mine.filter((trade) => trade.pnl > 0).length;
  return {
    [`${prefix}_trades`]: mine.length,
    [`${prefix}_win_rate`]: mine.length === 0 ? 0 : wins / mine.length,
    [`${prefix}_pnl`]: mine.reduce((sum, trade) => sum + trade.pnl, 0),
  } as Record<`${P}_trades` | `${P}_win_rate` | `${P}_pnl`, number>;
}

/** The most trades in a row, in the order they closed, whose P&L passes the test. */
function longestRun(trades: readonly TradeResult[], test: (pnl: number) => boolean): number {
  let longest = 0;
  let run = 0;
  for (const trade of trades) {
    run = test(trade.pnl) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Deepest fall from a running peak, as a fraction, and the longest underwater spell. */
export function maxDrawdown(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  initialEquity: number,
): { depth: number; bars: number; days: number } {
  let peak = initialEquity;
  let peakIndex = -1;
  let peakTime = equity.length > 0 ? time[0]! : 0;
  let depth = 0;
  let longestBars = 0;
  let longestDays = 0;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i]!;
    if (value >= peak) {
      peak = value;
      peakIndex = i;
      peakTime = time[i]!;
      continue;
    }
    depth = Math.max(depth, (peak - value) / peak);
    longestBars = Math.max(longestBars, i - peakIndex);
    longestDays = Math.max(longestDays, (time[i]! - peakTime) / DAY);
  }
  return { depth, bars: longestBars, days: longestDays };
}

function average(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample standard deviation (n − 1). */
function standardDeviation(values: ArrayLike<number>, mean: number): number {
  if (values.length < 2) return 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
