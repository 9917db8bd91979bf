/**
 * Entry-to-exit lines on the price chart, as TradingView draws a strategy's trades: a dashed
 * segment from each entry fill to its exit fill, green for a winner, red for a loser. A
 * lightweight-charts series primitive, so a thousand trades cost one canvas pass, not a thousand
 * series.
 */
import {
  type IPrimitivePaneRenderer,
  type IPrimitivePaneView,
  type ISeriesApi,
  type ISeriesPrimitive,
  type Logical,
  PriceScaleMode,
  type SeriesAttachedParameter,
  type SeriesType,
  type Time,
} from 'lightweight-charts';

/**
 * Price to y for this draw. On a linear price scale two prices place every other: the series'
 * `priceToCoordinate` looks up the first visible bar (a search of the series' data and a copy of
 * its row) on every call, two calls per trade in view. Other scales convert each price.
 */
export function priceToY(
  series: Pick<ISeriesApi<SeriesType, Time>, 'priceToCoordinate' | 'priceScale'>,
): ((price: number) => number | null) | null {
  if (series.priceScale().options().mode !== PriceScaleMode.Normal)
    return (price) => series.priceToCoordinate(price);
  const y0 = series.priceToCoordinate(0);
  const y1 = series.priceToCoordinate(1);
  if (y0 === null || y1 === null) return null;
  const slope = y1 - y0;
  return (price) => y0 + slope * price;
}

export interface TradeSegment {
  /** The candles the entry and exit fall in (indices in the feed's candles), and their prices. */
  readonly entry: number;
  readonly entryPrice: number;
  readonly exit: number;
  readonly exitPrice: number;
  readonly won: boolean;
}

interface Target {
  useMediaCoordinateSpace<T>(draw: (scope: { context: CanvasRenderingContext2D }) => T): T;
}

export class TradeLines implements ISeriesPrimitive<Time> {
  private trades: readonly TradeSegment[] = [];
  /** The feed's candle drawn first (the chart's logical index 0). */
  first = 0;
  private attachedTo: SeriesAttachedParameter<Time, SeriesType> | null = null;
  private readonly colours: { win: string; loss: string };
  private readonly view: IPrimitivePaneView;

  constructor(colours: { win: string; loss: string }) {
    this.colours = colours;
    const renderer: IPrimitivePaneRenderer = {
      draw: (target) =>
        (target as unknown as Target).useMediaCoordinateSpace(({ context }) => this.draw(context)),
    };
    this.view = { renderer: () => renderer };
  }

  attached(param: SeriesAttachedParameter<Time, SeriesType>): void {
    this.attachedTo = param;
  }

  detached(): void {
    this.attachedTo = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  /** The trades, and the candle drawn first: a running chart draws the latest candles only. */
  setTrades(trades: readonly TradeSegment[], first: number): void {
    this.trades = trades;
    this.first = first;
    this.attachedTo?.requestUpdate();
  }

  get count(): number {
    return this.trades.length;
  }

  /**
   * One path per colour, stroked once: a stroke per trade made a chart of 5,000 trades cost the
   * page tens of milliseconds each redraw. Each end is placed by its candle's logical index (every
   * series of the price chart is drawn at its candles' times, so index and candle agree), not by
   * time: `timeToCoordinate` searches the chart's time points, two searches per trade, and with
   * 5,000 trades in view (a finished run fitted) that was a third of the frame. Trades wholly
   * outside the view are left out.
   */
  private draw(context: CanvasRenderingContext2D): void {
    const attached = this.attachedTo;
    if (!attached || this.trades.length === 0) return;
    const scale = attached.chart.timeScale();
    const series = attached.series as ISeriesApi<SeriesType, Time>;
    const visible = scale.getVisibleLogicalRange();
    if (!visible) return;
    const y = priceToY(series);
    if (!y) return;
    const won = new Path2D();
    const lost = new Path2D();
    for (const trade of this.trades) {
      const entry = trade.entry - this.first;
      const exit = trade.exit - this.first;
      if (exit < visible.from - 1 || entry > visible.to + 1) continue;
      const x1 = scale.logicalToCoordinate(entry as Logical);
      const x2 = scale.logicalToCoordinate(exit as Logical);
      if (x1 === null || x2 === null) continue;
      const y1 = y(trade.entryPrice);
      const y2 = y(trade.exitPrice);
      if (y1 === null || y2 === null) continue;
      const path = trade.won ? won : lost;
      path.moveTo(x1, y1);
      path.lineTo(x2, y2);
    }
    context.save();
    context.lineWidth = 1.5;
    context.setLineDash([5, 3]);
    context.strokeStyle = this.colours.win;
    context.stroke(won);
    context.strokeStyle = this.colours.loss;
    context.stroke(lost);
    context.restore();
  }
}
