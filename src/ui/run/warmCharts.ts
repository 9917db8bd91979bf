/**
 * The charts' drawing code, run once off screen on made-up candles while the page is idle and no
 * run goes: a run's first paints ran lightweight-charts' code cold (11-25 ms of the page's CPU
 * each, against 5-8 ms once warm), and they were the longest tasks of a run's first seconds. The
 * chart is drawn into a box outside the page's view, redrawn a few frames as a running chart is,
 * then removed.
 */
import {
  AreaSeries,
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useRun } from './runStore';
import { tickLabels } from './timeLabels';
import { TradeLines } from './tradeLines';

const CANDLES = 400;
const FRAMES = 8;
let warmed = false;

/** Made-up candles one minute apart, shifted by `from` as a running chart's window moves. */
function candles(from: number) {
  const bars = [];
  let close = 100;
  for (let i = 0; i < CANDLES; i++) {
    const open = close;
    close = open + Math.sin((i + from) * 0.7) * 0.8 + Math.cos((i + from) * 0.13) * 0.5;
    const time = (1_700_000_000 + (i + from) * 60) as UTCTimestamp;
    bars.push({
      time,
      open,
      high: Math.max(open, close) + 0.3,
      low: Math.min(open, close) - 0.3,
      close,
    });
  }
  return bars;
}

/** Starts the warm-up when the page is next idle; returns what stops it (and removes its chart). */
export function warmUpCharts(): () => void {
  if (warmed || typeof requestIdleCallback !== 'function') return () => {};
  let stop = () => {};
  const idle = requestIdleCallback(
    () => {
      if (useRun.getState().phase === 'running') return;
      warmed = true;
      const host = document.createElement('div');
      host.className = 'chart-warm-up';
      host.setAttribute('aria-hidden', 'true');
      host.style.cssText =
        'position:fixed;left:-10000px;top:0;width:640px;height:360px;pointer-events:none';
      document.body.append(host);
      const chart = createChart(host, {
        width: 640,
        height: 360,
        timeScale: { timeVisible: true, tickMarkFormatter: tickLabels() },
      });
      const price = chart.addSeries(CandlestickSeries, { borderVisible: false });
      const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume' });
      const fast = chart.addSeries(LineSeries, { lineWidth: 1, crosshairMarkerVisible: false });
      const slow = chart.addSeries(LineSeries, { lineWidth: 1, crosshairMarkerVisible: false });
      const equity = chart.addSeries(AreaSeries, { lineWidth: 1 }, 1);
      const markers = createSeriesMarkers(price, []);
      const trades = new TradeLines({ win: '#15803d', loss: '#c81e1e' });
      price.attachPrimitive(trades);
      let frame = 0;
      let next = 0;
      const draw = () => {
        if (frame >= FRAMES || useRun.getState().phase === 'running') return stop();
        const bars = candles(frame * 3);
        price.setData(bars);
        volume.setData(bars.map((bar) => ({ time: bar.time, value: bar.high - bar.low })));
        fast.setData(bars.map((bar) => ({ time: bar.time, value: bar.close + 0.2 })));
        slow.setData(bars.map((bar) => ({ time: bar.time, value: bar.open - 0.2 })));
        equity.setData(bars.map((bar) => ({ time: bar.time, value: bar.close * 1000 })));
        const marks: SeriesMarker<Time>[] = bars
          .filter((_, index) => index % 7 === 0)
          .map((bar, index) => ({
            time: bar.time,
            position: index % 2 ? 'aboveBar' : 'belowBar',
            shape: index % 2 ? 'arrowDown' : 'arrowUp',
            color: index % 2 ? '#c81e1e' : '#15803d',
            text: index % 2 ? 'S' : 'B',
          }));
        markers.setMarkers(marks);
        trades.setTrades(
          marks.slice(1).map((_, index) => ({
            entry: index * 7,
            entryPrice: bars[index * 7]!.close,
            exit: index * 7 + 5,
            exitPrice: bars[index * 7 + 5]!.close,
            won: index % 3 !== 0,
          })),
          0,
        );
        frame++;
        next = requestAnimationFrame(draw);
      };
      stop = () => {
        cancelAnimationFrame(next);
        stop = () => {};
        chart.remove();
        host.remove();
      };
      draw();
    },
    { timeout: 5_000 },
  );
  return () => {
    cancelIdleCallback(idle);
    stop();
  };
}
