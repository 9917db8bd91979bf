/**
 * While a run goes as fast as possible the price chart is redrawn about once a second, and each
 * redraw hands lightweight-charts whole series (`setData`; its `update` costs more, see
 * docs/benchmarks.md): with 2,000 candles, their volume, two lines and up to 4,000 fill marks that
 * was the page's longest recurring task. The chart shows some 130 candles while it follows the
 * newest bar, so a running chart is given only the latest candles (and the lines and marks over
 * them): RUN_WINDOW, or more when the user zooms out or looks back. A user who pans back to the
 * start of what is drawn gets the earlier candles on the next redraw, as TradingView loads history.
 * Paused, stepped and finished runs draw everything.
 */

/** Candles drawn while the chart follows the newest bar of a run (at least what is in view). */
export const RUN_WINDOW = 400;

/** What the chart has drawn and what is in view, in the feed's candles. */
export interface WindowState {
  /** Index of the first candle drawn. */
  readonly start: number;
  /** The newest candle is in view, or nothing is drawn yet. */
  readonly following: boolean;
  /** Index of the first candle in view, and how many are in view. */
  readonly firstSeen: number;
  readonly inView: number;
}

/**
 * The first candle to draw of `total`. Following the newest bar, the window is the latest
 * RUN_WINDOW candles, or as many as are in view and as many again. Looking back, the window keeps
 * its start, so that what the user looks at stays put, and reaches further back once the view comes
 * within a window of its first candle.
 */
export function windowStart(total: number, state: WindowState): number {
  const { start, following, firstSeen, inView } = state;
  const size = Math.max(RUN_WINDOW, inView * 2);
  if (following) return Math.max(0, total - size);
  return Math.max(0, Math.min(start, firstSeen - size));
}
