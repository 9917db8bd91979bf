/**
 * The price chart in TradingView's manner: candles and volume with the price indicators over them
 * (SMA, Bollinger bands…), each oscillator in its own pane underneath (RSI with its 30/70 levels,
 * MACD with its histogram, Stochastic, ADX…), buy and sell marks, a dashed line from each trade's
 * entry to its exit coloured by its outcome, and a legend that follows the crosshair with the
 * bar's open, high, low, close and every line's value. Click near a fill (within a few pixels) to
 * trace it. While a run is fast the chart redraws once a second; pauses, steps and the end draw
 * at once.
 */
import {
  CandlestickSeries,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type MouseEventParams,
  type SeriesMarker,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { LineInfo } from '../../worker/protocol';
import { ChartLegend, type LegendPane, legendAt } from './ChartLegend';
import { candleData, lineData, markTime, seconds } from './chartData';
import { feed } from './feed';
import { useRun } from './runStore';
import { TradeLines, type TradeSegment } from './tradeLines';
import { LINE_COLOURS, type Palette, useChart } from './useChart';

/**
 * How often the chart redraws while a run goes: a replay a few bars a second wants each bar soon;
 * a run as fast as possible changes everything every time, and each redraw of a full chart costs
 * the page tens of milliseconds.
 */
const redrawEvery = () => (useRun.getState().speed === 0 ? 1_000 : 250);
/** How far from a fill's mark (in pixels across) a click still takes it. */
const CLICK_REACH = 10;

interface Drawn {
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  markers: ISeriesMarkersPluginApi<Time>;
  trades: TradeLines;
  lines: Map<string, ISeriesApi<'Line'> | ISeriesApi<'Histogram'>>;
  /** Pane of each oscillator by its key (pane 0 is the price's). */
  panes: Map<string, number>;
  marks: SeriesMarker<Time>[];
  markKeys: Set<string>;
  /** Marks of the feed looked at so far, and the feed generation they belong to. */
  markCount: number;
  generation: number;
  /** The feed generation whose finished run the chart was last fitted to. */
  fitted: number;
  tradesOf: unknown;
}

/**
 * Adds the marks that arrived since the last call, one per candle, side and kind (a candle of many
 * bars would otherwise pile them up). Marks arrive in emission order, which is time order.
 */
function addMarks(target: Drawn, palette: Palette): boolean {
  if (target.generation !== feed.generation) {
    target.generation = feed.generation;
    target.marks = [];
    target.markKeys.clear();
    target.markCount = 0;
  }
  const before = target.marks.length;
  const bucketed = (feed.chart?.bucket ?? 1) > 1;
  for (; target.markCount < feed.marks.length; target.markCount++) {
    const mark = feed.marks[target.markCount]!;
    if (bucketed && mark.kind === 'signal') continue;
    const at = markTime(feed.candles, mark);
    if (at === null) break; // its candle has not arrived yet
    const key = `${at}:${mark.kind}:${mark.side}`;
    if (target.markKeys.has(key)) continue;
    target.markKeys.add(key);
    const buy = mark.side === 'BUY';
    const time = seconds(at);
    target.marks.push(
      mark.kind === 'fill'
        ? {
            time,
            position: buy ? 'belowBar' : 'aboveBar',
            shape: buy ? 'arrowUp' : 'arrowDown',
            color: buy ? palette.up : palette.down,
            text: buy ? 'B' : 'S',
            id: mark.correlation,
          }
        : {
            time,
            position: buy ? 'belowBar' : mark.side === 'SELL' ? 'aboveBar' : 'inBar',
            shape: 'circle',
            color: mark.side === 'HOLD' ? palette.muted : palette.accent,
            size: 0.5,
          },
    );
  }
  return target.marks.length !== before || target.marks.length === 0;
}

/** The trades of the charted symbol, entry to exit, from the results of a finished run. */
function tradeSegments(): TradeSegment[] {
  const symbol = feed.chart?.symbol;
  const segments: TradeSegment[] = [];
  for (const portfolio of feed.results ?? []) {
    for (const trade of portfolio.trades) {
      if (trade.symbol !== symbol) continue;
      const entry = markTime(feed.candles, { time: trade.entry_time });
      const exit = markTime(feed.candles, { time: trade.exit_time });
      if (entry === null || exit === null) continue;
      segments.push({
        entryTime: seconds(entry),
        entryPrice: trade.entry_price,
        exitTime: seconds(exit),
        exitPrice: trade.exit_price,
        won: trade.pnl > 0,
      });
    }
  }
  return segments;
}

/** The fill mark nearest a click, if one is within reach. */
function nearestFill(chart: IChartApi, candles: ISeriesApi<'Candlestick'>, x: number, y: number) {
  let best: { correlation: string; dx: number; dy: number } | null = null;
  for (const mark of feed.marks) {
    if (mark.kind !== 'fill') continue;
    const at = markTime(feed.candles, mark);
    if (at === null) continue;
    const mx = chart.timeScale().timeToCoordinate(seconds(at));
    if (mx === null) continue;
    const dx = Math.abs(mx - x);
    if (dx > CLICK_REACH) continue;
    const my = candles.priceToCoordinate(mark.price);
    const dy = my === null ? 0 : Math.abs(my - y);
    if (!best || dx < best.dx || (dx === best.dx && dy < best.dy))
      best = { correlation: mark.correlation, dx, dy };
  }
  return best?.correlation ?? null;
}

function paneFor(target: Drawn, info: LineInfo): number {
  if (info.pane === 'price') return 0;
  let index = target.panes.get(info.pane);
  if (index === undefined) {
    index = target.panes.size + 1;
    target.panes.set(info.pane, index);
  }
  return index;
}

/** Gives the price pane most of the height and each oscillator pane an even share of the rest. */
function sizePanes(chart: IChartApi): void {
  const panes = chart.panes();
  if (panes.length < 2) return;
  const total = panes.reduce((sum, pane) => sum + pane.getHeight(), 0);
  const oscillator = Math.max(48, Math.floor((total * 0.42) / (panes.length - 1)));
  panes.forEach((pane, index) => {
    if (index > 0) pane.setHeight(oscillator);
  });
}

export function PriceChart() {
  const host = useRef<HTMLDivElement>(null);
  const { chart, palette } = useChart(host);
  const drawn = useRef<Drawn | null>(null);
  const version = useRun((state) => state.version);
  const phase = useRun((state) => state.phase);
  const lastDraw = useRef(0);
  const trailing = useRef<number | null>(null);
  const [legend, setLegend] = useState<LegendPane[]>([]);

  useEffect(() => {
    if (!chart || !palette) return;
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: palette.up,
      downColor: palette.down,
      borderVisible: false,
      wickUpColor: palette.up,
      wickDownColor: palette.down,
      title: '',
    });
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.22 } });
    const markers = createSeriesMarkers(candles, []);
    const trades = new TradeLines({ win: palette.up, loss: palette.down });
    candles.attachPrimitive(trades);
    const target: Drawn = {
      candles,
      volume,
      markers,
      trades,
      lines: new Map(),
      panes: new Map(),
      marks: [],
      markKeys: new Set(),
      markCount: 0,
      generation: -1,
      fitted: -1,
      tradesOf: null,
    };
    drawn.current = target;
    const onClick = (param: MouseEventParams<Time>) => {
      if (!param.point || (param.paneIndex ?? 0) !== 0) return;
      const fill = nearestFill(chart, candles, param.point.x, param.point.y);
      if (fill) useRun.getState().traceOf(fill);
    };
    const onMove = (param: MouseEventParams<Time>) => {
      const element = host.current;
      if (element) {
        const near =
          param.point && (param.paneIndex ?? 0) === 0
            ? nearestFill(chart, candles, param.point.x, param.point.y)
            : null;
        element.style.cursor = near ? 'pointer' : '';
      }
      setLegend(
        legendAt(
          chart,
          target,
          param.time,
          palette,
          param.seriesData as ReadonlyMap<ISeriesApi<SeriesType>, unknown>,
        ),
      );
    };
    chart.subscribeClick(onClick);
    chart.subscribeCrosshairMove(onMove);
    return () => {
      chart.unsubscribeClick(onClick);
      chart.unsubscribeCrosshairMove(onMove);
      drawn.current = null;
    };
  }, [chart, palette]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the feed's version changes.
  useEffect(() => {
    const target = drawn.current;
    if (!target || !palette || !chart) return;
    const draw = () => {
      trailing.current = null;
      lastDraw.current = performance.now();
      const { bars, volume } = candleData(feed.candles, `${palette.up}55`, `${palette.down}55`);
      target.candles.setData(bars);
      target.volume.setData(volume);
      let colour = 0;
      let added = false;
      for (const [name, line] of feed.overlays) {
        let series = target.lines.get(name);
        const info = feed.lineInfo.get(name) ?? { pane: 'price', style: 'line', levels: [] };
        if (!series) {
          const pane = paneFor(target, info);
          const colourOf = LINE_COLOURS[colour % LINE_COLOURS.length]!;
          series =
            info.style === 'histogram'
              ? chart.addSeries(
                  HistogramSeries,
                  { color: `${colourOf}99`, priceLineVisible: false, lastValueVisible: false },
                  pane,
                )
              : chart.addSeries(
                  LineSeries,
                  {
                    color: colourOf,
                    lineWidth: 1,
                    priceLineVisible: false,
                    lastValueVisible: pane > 0,
                    crosshairMarkerVisible: false,
                  },
                  pane,
                );
          if (pane > 0 && ![...target.lines.values()].some((s) => s.getPane().paneIndex() === pane))
            for (const level of info.levels)
              series.createPriceLine({
                price: level,
                color: palette.muted,
                lineWidth: 1,
                lineStyle: 2,
                axisLabelVisible: true,
                title: '',
              });
          target.lines.set(name, series);
          added = true;
        }
        colour++;
        series.setData(lineData(line));
      }
      for (const [name, series] of target.lines) {
        if (feed.overlays.has(name)) continue;
        chart.removeSeries(series);
        target.lines.delete(name);
      }
      if (target.lines.size === 0) target.panes.clear();
      if (added) sizePanes(chart);
      if (addMarks(target, palette)) target.markers.setMarkers(target.marks);
      if (target.tradesOf !== feed.results) {
        target.tradesOf = feed.results;
        target.trades.setTrades(tradeSegments());
      }
      // While a run goes the chart follows the newest bar; at the end it shows the whole test.
      if (useRun.getState().phase === 'finished' && target.fitted !== feed.generation) {
        target.fitted = feed.generation;
        // After the frame in which the price scales take their width, or the fit comes up short.
        requestAnimationFrame(() => chart.timeScale().fitContent());
      }
      setLegend(legendAt(chart, target, undefined, palette));
    };
    const since = performance.now() - lastDraw.current;
    if (phase !== 'running' || since >= redrawEvery()) draw();
    else if (trailing.current === null)
      trailing.current = window.setTimeout(draw, redrawEvery() - since);
  }, [version, phase, palette, chart]);

  useEffect(
    () => () => {
      if (trailing.current !== null) clearTimeout(trailing.current);
    },
    [],
  );

  const fills = feed.marks.filter((mark) => mark.kind === 'fill').length;
  const bucket = feed.chart?.bucket ?? 1;
  return (
    <figure className="chart-figure">
      <div className="chart-holder">
        <div
          ref={host}
          className="chart price-chart"
          data-testid="price-chart"
          data-fills={fills}
          data-bars={feed.candles.bars}
          data-panes={(drawn.current?.panes.size ?? 0) + 1}
          data-trades={drawn.current?.trades.count ?? 0}
        />
        <ChartLegend panes={legend} />
      </div>
      <figcaption className="chart-caption">
        {fills} fills · click a B or S mark to trace it
        {bucket > 1
          ? ` · ${bucket} bars per candle (one fill mark per side per candle; signals in the log)`
          : ''}
      </figcaption>
    </figure>
  );
}
