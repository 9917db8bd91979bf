/**
 * Entry-to-exit lines on the price chart, as TradingView draws a strategy's trades: a dashed
 * segment from each entry fill to its exit fill, green for a winner, red for a loser. A
 * lightweight-charts series primitive, so a thousand trades cost one canvas pass, not a thousand
 * series.
 */
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';

export interface TradeSegment {
  /** Times of the candles the entry and exit fall in (seconds, UTCTimestamp), and their prices. */
  readonly entryTime: Time;
  readonly entryPrice: number;
  readonly exitTime: Time;
  readonly exitPrice: number;
  readonly won: boolean;
}

interface Target {
  useMediaCoordinateSpace<T>(draw: (scope: { context: CanvasRenderingContext2D }) => T): T;
}

export class TradeLines implements ISeriesPrimitive<Time> {
  private trades: readonly TradeSegment[] = [];
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

  setTrades(trades: readonly TradeSegment[]): void {
    this.trades = trades;
    this.attachedTo?.requestUpdate();
  }

  get count(): number {
    return this.trades.length;
  }

  /**
   * One path per colour, stroked once: a stroke per trade made a chart of 5,000 trades cost the
   * page tens of milliseconds each redraw. Segments wholly outside the visible times are left out
   * before asking the chart for coordinates (a search of its time points for each end: 5,000
   * trades made this a third of a running chart's frame).
   */
  private draw(context: CanvasRenderingContext2D): void {
    const attached = this.attachedTo;
    if (!attached || this.trades.length === 0) return;
    const scale = attached.chart.timeScale();
    const series = attached.series as ISeriesApi<SeriesType, Time>;
    const width = scale.width();
    const visible = scale.getVisibleRange();
    if (!visible) return;
    const from = visible.from as number;
    const to = visible.to as number;
    const won = new Path2D();
    const lost = new Path2D();
    for (const trade of this.trades) {
      if ((trade.exitTime as number) < from || (trade.entryTime as number) > to) continue;
      const x1 = scale.timeToCoordinate(trade.entryTime);
      const x2 = scale.timeToCoordinate(trade.exitTime);
      if (x1 === null || x2 === null || x2 < 0 || x1 > width) continue;
      const y1 = series.priceToCoordinate(trade.entryPrice);
      const y2 = series.priceToCoordinate(trade.exitPrice);
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
