/**
 * Candles with volume, the flow's price overlays (SMA, Bollinger, ...), and marks for signals and
 * fills. Click a candle with a fill to trace it. While a run is fast the chart redraws a few times
 * a second; every pause, step and the end draw at once.
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
import { bucketSize, candleData, candlesUpTo, lineData, markTime, seconds } from './chartData';
import { feed } from './feed';
import { useRun } from './runStore';
import { LINE_COLOURS, useChart } from './useChart';

const REDRAW_WHILE_RUNNING_MS = 250;

interface Drawn {
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  markers: ISeriesMarkersPluginApi<Time>;
  lines: Map<string, ISeriesApi<'Line'>>;
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
    drawn.current = { candles, volume, markers, lines: new Map() };
    const onClick = (param: MouseEventParams<Time>) => {
      if (param.time === undefined || !feed.candles) return;
      const bucket = bucketSize(feed.candles.time.length);
      const fill = feed.marks.find(
        (mark) =>
          mark.kind === 'fill' && seconds(markTime(feed.candles!, mark, bucket)) === param.time,
      );
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
    if (!target || !palette) return;
    const draw = () => {
      trailing.current = null;
      lastDraw.current = performance.now();
      const candles = feed.candles;
      if (!candles) {
        target.candles.setData([]);
        target.volume.setData([]);
        return;
      }
      const now = useRun.getState().time;
      const count = candlesUpTo(candles, now);
      const bucket = bucketSize(candles.time.length);
      const { bars, volume } = candleData(
        candles,
        count,
        bucket,
        `${palette.up}55`,
        `${palette.down}55`,
      );
      target.candles.setData(bars);
      target.volume.setData(volume);
      let colour = 0;
      for (const [name, line] of feed.overlays) {
        let series = target.lines.get(name);
        if (!series) {
          series = chart!.addSeries(LineSeries, {
            color: LINE_COLOURS[colour % LINE_COLOURS.length],
            lineWidth: 1,
            title: name,
            priceLineVisible: false,
            lastValueVisible: false,
          });
          target.lines.set(name, series);
        }
        colour++;
        series.setData(lineData(line, bucket, now));
      }
      for (const [name, series] of target.lines) {
        if (feed.overlays.has(name)) continue;
        chart!.removeSeries(series);
        target.lines.delete(name);
      }
      const marks: SeriesMarker<Time>[] = [];
      for (const mark of feed.marks) {
        if (mark.time > now) continue;
        const buy = mark.side === 'BUY';
        marks.push(
          mark.kind === 'fill'
            ? {
                time: seconds(markTime(candles, mark, bucket)),
                position: buy ? 'belowBar' : 'aboveBar',
                shape: buy ? 'arrowUp' : 'arrowDown',
                color: buy ? palette.up : palette.down,
                text: buy ? 'B' : 'S',
                id: mark.correlation,
              }
            : {
                time: seconds(markTime(candles, mark, bucket)),
                position: buy ? 'belowBar' : mark.side === 'SELL' ? 'aboveBar' : 'inBar',
                shape: 'circle',
                color: mark.side === 'HOLD' ? palette.muted : palette.accent,
                size: 0.5,
              },
        );
      }
      marks.sort((a, b) => (a.time as number) - (b.time as number));
      target.markers.setMarkers(marks);
    };
    const since = performance.now() - lastDraw.current;
    if (phase !== 'running' || since >= REDRAW_WHILE_RUNNING_MS) draw();
    else if (trailing.current === null)
      trailing.current = window.setTimeout(draw, REDRAW_WHILE_RUNNING_MS - since);
  }, [version, phase, palette]);

  useEffect(
    () => () => {
      if (trailing.current !== null) clearTimeout(trailing.current);
    },
    [],
  );

  const fills = feed.marks.filter((mark) => mark.kind === 'fill').length;
  return (
    <figure className="chart-figure">
      <div
        ref={host}
        className="chart price-chart"
        data-testid="price-chart"
        data-fills={fills}
        data-candles={feed.candles ? candlesUpTo(feed.candles, useRun.getState().time) : 0}
      />
      <figcaption className="chart-caption">
        {feed.candles ? `${feed.candles.symbol} · ` : ''}
        {feed.overlayNames.length > 0 ? `overlays: ${[...feed.overlays.keys()].join(', ')} · ` : ''}
        {fills} fills on the chart · click a candle with a fill (B or S) to trace it
        {feed.candles && bucketSize(feed.candles.time.length) > 1
          ? ` · ${bucketSize(feed.candles.time.length)} bars per candle`
          : ''}
      </figcaption>
    </figure>
  );
}
