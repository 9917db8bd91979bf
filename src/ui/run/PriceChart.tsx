/**
 * The price chart in TradingView's manner: candles and volume with the price indicators over them
 * (SMA, Bollinger bands…), each oscillator in its own pane underneath (RSI with its 30/70 levels,
 * MACD with its histogram, Stochastic, ADX…), buy and sell marks, a dashed line from each trade's
 * entry to its exit coloured by its outcome (drawn as each trade closes), and a legend that
 * follows the crosshair with the bar's open, high, low, close and every line's value. Click near
 * a fill (within a few pixels) to trace it. A run of several symbols charts one at a time, chosen
 * in the header during the run or after it. While a run is fast the chart redraws once a second;
 * pauses, steps and the end draw at once. The chart follows the newest bar while a run goes and
 * keeps the user's view when it ends; "Whole test" in the caption fits all of it.
 */
import {
  CandlestickSeries,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type LogicalRange,
  type MouseEventParams,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { LineInfo } from '../../worker/protocol';
import { ChartLegend, type LegendPane, legendAt } from './ChartLegend';
import { candleAt, candleData, lineData, markTime, seconds } from './chartData';
import { ChartMarks, markStep } from './chartMarks';
import { noteRunDraw, runDrawWait } from './drawTurns';
import { feed } from './feed';
import { useRun } from './runStore';
import { windowStart } from './runWindow';
import { SymbolPicker } from './SymbolPicker';
import { firstAtOrAfter } from './search';
import { TradeLines, type TradeSegment } from './tradeLines';
import { fitNextFrame, holdScaleWidth, LINE_COLOURS, useChart } from './useChart';

/**
 * How often the chart redraws while a run goes: a replay a few bars a second wants each bar soon;
 * a run as fast as possible changes everything every time, and each redraw of a full chart costs
 * the page tens of milliseconds.
 */
const redrawEvery = () => (useRun.getState().speed === 0 ? 1_000 : 250);
const same = (time: number) => time;
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
  marks: ChartMarks;
  /** The candles drawn: from `start` in the feed's, `count` of them (see runWindow.ts). */
  start: number;
  count: number;
  /** Trades of the feed looked at so far, and the chart generation they and the marks belong to. */
  segments: TradeSegment[];
  tradeCount: number;
  generation: number;
  /** What the last draw drew (see drawnKey): the same again is not drawn twice. */
  drawnKey: string;
}

/**
 * What a draw would put on the chart: the feed's chart data (its generation and how much of it
 * has arrived) and the window drawn. The finished run's results arrive a moment after its last
 * batch and bump the run's version without changing the chart; drawing the same candles again
 * cost a second full paint of the fitted chart (20-30 ms of the page's CPU) at the end of a run.
 */
function drawnKey(start: number): string {
  let points = 0;
  for (const line of feed.overlays.values()) points += line.length;
  return [
    feed.chartGeneration,
    feed.candles.bars,
    feed.candles.time.length,
    points,
    feed.overlays.size,
    feed.marks.length,
    feed.tradeLines.length,
    start,
  ].join(' ');
}

/** What was drawn from an earlier run or another symbol goes. */
function startOverIfNew(target: Drawn): void {
  if (target.generation === feed.chartGeneration) return;
  target.generation = feed.chartGeneration;
  target.marks.reset();
  target.start = 0;
  target.count = 0;
  target.segments = [];
  target.tradeCount = 0;
}

/** Adds the trades that closed since the last call, entry to exit, once their candles are in. */
function addTrades(target: Drawn): boolean {
  const before = target.segments.length;
  for (; target.tradeCount < feed.tradeLines.length; target.tradeCount++) {
    const trade = feed.tradeLines[target.tradeCount]!;
    const entry = candleAt(feed.candles, trade.entryTime);
    const exit = candleAt(feed.candles, trade.exitTime);
    if (entry < 0 || exit < 0) break;
    target.segments.push({
      entry,
      entryPrice: trade.entryPrice,
      exit,
      exitPrice: trade.exitPrice,
      won: trade.pnl > 0,
    });
  }
  return target.segments.length !== before || target.segments.length === 0;
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
  const { chart, palette } = useChart(host, 56);
  const drawn = useRef<Drawn | null>(null);
  const version = useRun((state) => state.version);
  const phase = useRun((state) => state.phase);
  const lastDraw = useRef(0);
  const trailing = useRef<number | null>(null);
  const [legend, setLegend] = useState<LegendPane[]>([]);
  /** What the last draw put on the chart, for the page to show (and tests to read). */
  const [shown, setShown] = useState({ panes: 1, trades: 0 });

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
      marks: new ChartMarks(),
      start: 0,
      count: 0,
      segments: [],
      tradeCount: 0,
      generation: -1,
      drawnKey: '',
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
    // Zooming in or out shows more or fewer marks (the marks change only at steps of 2x).
    const onZoom = (range: LogicalRange | null) => {
      if (!range) return;
      // The candles in view, as indices of the run's candles, for the page to show (tests read it).
      host.current?.setAttribute(
        'data-view',
        `${Math.max(0, Math.round(range.from) + target.start)}-${Math.round(range.to) + target.start}`,
      );
      const step = markStep(chart.timeScale().width() / Math.max(1, range.to - range.from));
      target.marks.apply(markers, target.start, step, false);
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(onZoom);
    return () => {
      chart.unsubscribeClick(onClick);
      chart.unsubscribeCrosshairMove(onMove);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onZoom);
      drawn.current = null;
    };
  }, [chart, palette]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the feed's version changes.
  useEffect(() => {
    const target = drawn.current;
    if (!target || !palette || !chart) return;
    const draw = () => {
      trailing.current = null;
      const running = useRun.getState().phase === 'running';
      startOverIfNew(target);
      const scale = chart.timeScale();
      const seen = scale.getVisibleRange();
      const times = feed.candles.time;
      const firstSeen = seen ? firstAtOrAfter(times, (seen.from as number) * 1000, same) : 0;
      const inView = seen ? firstAtOrAfter(times, (seen.to as number) * 1000, same) - firstSeen : 0;
      const following = target.count === 0 || !seen || scale.scrollPosition() >= -0.5;
      const start = running
        ? windowStart(times.length, { start: target.start, following, firstSeen, inView })
        : 0;
      // A finished run the chart shows for the first time (the charts opened after it, another
      // symbol chosen) is fitted below, its marks chosen for that zoom. A run the chart followed
      // keeps the user's view at its end, as TradingView's replay does: fitting a million bars
      // painted 2,000 candles, their marks and trade lines in one frame (17 ms of script, the
      // longest task of the run's end), and moved the chart away from where the user was looking.
      const fitting = useRun.getState().phase === 'finished' && target.count === 0;
      const key = drawnKey(start);
      if (key === target.drawnKey) return;
      target.drawnKey = key;
      holdScaleWidth(chart);
      lastDraw.current = performance.now();
      if (running) noteRunDraw(lastDraw.current);
      const since = start === 0 ? Number.NEGATIVE_INFINITY : times[start]!;
      const { bars, volume } = candleData(
        feed.candles,
        `${palette.up}55`,
        `${palette.down}55`,
        start,
      );
      const moved = start !== target.start;
      // Before the data: the chart tells of its new visible range (onZoom) as the data is set.
      target.start = start;
      target.candles.setData(bars);
      target.volume.setData(volume);
      target.count = bars.length;
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
        series.setData(lineData(line, Number.POSITIVE_INFINITY, since, feed.candles));
      }
      for (const [name, series] of target.lines) {
        if (feed.overlays.has(name)) continue;
        chart.removeSeries(series);
        target.lines.delete(name);
      }
      if (target.lines.size === 0) target.panes.clear();
      if (added) sizePanes(chart);
      // Looking back at a window that now starts elsewhere: the same candles stay in view.
      if (moved && !following && seen) scale.setVisibleRange(seen);
      const marked = target.marks.add(feed, palette);
      const shown = fitting ? times.length : inView;
      target.marks.apply(
        target.markers,
        start,
        markStep(scale.width() / Math.max(1, shown)),
        marked,
      );
      if (addTrades(target) || target.trades.first !== start)
        target.trades.setTrades(target.segments, start);
      if (fitting) fitNextFrame(chart);
      setLegend(legendAt(chart, target, undefined, palette));
      const panes = target.panes.size + 1;
      const trades = target.trades.count;
      setShown((last) =>
        last.panes === panes && last.trades === trades ? last : { panes, trades },
      );
    };
    const since = performance.now() - lastDraw.current;
    // The finished run is drawn whole in a task of its own, after React has committed the run's
    // views: in one task the two made the longest task of a run (60-90 ms on a loaded page).
    if (phase === 'finished') {
      if (trailing.current !== null) clearTimeout(trailing.current);
      trailing.current = window.setTimeout(draw, 0);
    } else if (phase !== 'running') draw();
    else if (since >= redrawEvery() && runDrawWait() === 0) draw();
    else if (trailing.current === null)
      trailing.current = window.setTimeout(
        draw,
        Math.max(redrawEvery() - since, runDrawWait() + 20),
      );
  }, [version, phase, palette, chart]);

  useEffect(
    () => () => {
      if (trailing.current !== null) clearTimeout(trailing.current);
    },
    [],
  );

  const fills = feed.chartFills;
  const bucket = feed.chart?.bucket ?? 1;
  const leftOut = feed.tradeLinesLeftOut;
  return (
    <figure className="chart-figure">
      <SymbolPicker />
      <div className="chart-holder">
        <div
          ref={host}
          className="chart price-chart"
          data-testid="price-chart"
          data-fills={fills}
          data-bars={feed.candles.bars}
          data-panes={shown.panes}
          data-trades={shown.trades}
          data-symbol={feed.chart?.symbol ?? ''}
        />
        <ChartLegend panes={legend} />
      </div>
      <figcaption className="chart-caption">
        {feed.candles.bars > 0 && (
          <>
            <button
              type="button"
              className="link"
              title="Fit every candle of the run into the chart"
              onClick={() => chart?.timeScale().fitContent()}
            >
              Whole test
            </button>
            {' · '}
          </>
        )}
        {fills.toLocaleString('en-US')} fills · click a B or S mark to trace it
        {bucket > 1
          ? ` · ${bucket} bars per candle (one fill mark per side per candle, fewer zoomed out; signals in the log)`
          : ''}
        {leftOut > 0
          ? ` · lines for the first ${feed.tradeLines.length.toLocaleString('en-US')} trades; ${leftOut.toLocaleString('en-US')} more not drawn`
          : ''}
      </figcaption>
    </figure>
  );
}
