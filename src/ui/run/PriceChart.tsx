/**
 * Candles with volume, the flow's price overlays (SMA, Bollinger, ...), and marks for signals and
 * fills. Click a candle with a fill to trace it. While a run is fast the chart redraws twice a
 * second; every pause, step and the end draw at once.
 */
import {
  CandlestickSeries,
  createSeriesMarkers,
  HistogramSeries,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { candleData, lineData, markTime, seconds } from './chartData';
import { feed } from './feed';
import { useRun } from './runStore';
import { LINE_COLOURS, type Palette, useChart } from './useChart';

/**
 * How often the chart redraws while a run goes: a replay a few bars a second wants each bar soon;
 * a run as fast as possible changes everything every time, and each redraw of a full chart costs
 * the page tens of milliseconds.
 */
const redrawEvery = () => (useRun.getState().speed === 0 ? 1_000 : 250);

interface Drawn {
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  markers: ISeriesMarkersPluginApi<Time>;
  lines: Map<string, ISeriesApi<'Line'>>;
  marks: SeriesMarker<Time>[];
  markKeys: Set<string>;
  /** Marks of the feed looked at so far, and the feed generation they belong to. */
  markCount: number;
  generation: number;
  /** The feed generation whose finished run the chart was last fitted to. */
  fitted: number;
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

export function PriceChart() {
  const host = useRef<HTMLDivElement>(null);
  const { chart, palette } = useChart(host);
  const drawn = useRef<Drawn | null>(null);
  const version = useRun((state) => state.version);
  const phase = useRun((state) => state.phase);
  const lastDraw = useRef(0);
  const trailing = useRef<number | null>(null);

  useEffect(() => {
    if (!chart || !palette) return;
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: palette.up,
      downColor: palette.down,
      borderVisible: false,
      wickUpColor: palette.up,
      wickDownColor: palette.down,
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
    drawn.current = {
      candles,
      volume,
      markers,
      lines: new Map(),
      marks: [],
      markKeys: new Set(),
      markCount: 0,
      generation: -1,
      fitted: -1,
    };
    const onClick = (param: MouseEventParams<Time>) => {
      if (param.time === undefined) return;
      const fill = feed.marks.find((mark) => {
        if (mark.kind !== 'fill') return false;
        const at = markTime(feed.candles, mark);
        return at !== null && seconds(at) === param.time;
      });
      if (fill) useRun.getState().traceOf(fill.correlation);
    };
    chart.subscribeClick(onClick);
    return () => {
      chart.unsubscribeClick(onClick);
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
      for (const [name, line] of feed.overlays) {
        let series = target.lines.get(name);
        if (!series) {
          series = chart.addSeries(LineSeries, {
            color: LINE_COLOURS[colour % LINE_COLOURS.length],
            lineWidth: 1,
            title: name,
            priceLineVisible: false,
            lastValueVisible: false,
          });
          target.lines.set(name, series);
        }
        colour++;
        series.setData(lineData(line));
      }
      for (const [name, series] of target.lines) {
        if (feed.overlays.has(name)) continue;
        chart.removeSeries(series);
        target.lines.delete(name);
      }
      if (addMarks(target, palette)) target.markers.setMarkers(target.marks);
      // While a run goes the chart follows the newest bar; at the end it shows the whole test.
      if (useRun.getState().phase === 'finished' && target.fitted !== feed.generation) {
        target.fitted = feed.generation;
        // After the frame in which the price scales take their width, or the fit comes up short.
        requestAnimationFrame(() => chart.timeScale().fitContent());
      }
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
      <div
        ref={host}
        className="chart price-chart"
        data-testid="price-chart"
        data-fills={fills}
        data-bars={feed.candles.bars}
      />
      <figcaption className="chart-caption">
        {feed.chart ? `${feed.chart.symbol} · ` : ''}
        {feed.overlays.size > 0 ? `overlays: ${[...feed.overlays.keys()].join(', ')} · ` : ''}
        {fills} fills · click a candle with a fill (B or S) to trace it
        {bucket > 1
          ? ` · ${bucket} bars per candle (one fill mark per side per candle; signals in the log; redrawn every second while running
            as fast as possible)`
          : ''}
      </figcaption>
    </figure>
  );
}
