/**
 * Equity of each portfolio in one pane and its drawdown in another beneath, both live as the run
 * goes (one point per batch; the drawdown from the running peak), then, at the end, the full
 * curves and one P&L line per strategy when several strategies share a portfolio.
 */
import { AreaSeries, type ISeriesApi, type LineData, LineSeries } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { lineData, seriesData } from './chartData';
import { feed } from './feed';
import { useRun } from './runStore';
import { fitNextFrame, LINE_COLOURS, noteRunDraw, runDrawWait, useChart } from './useChart';

/** Percent below the running peak of an equity curve. */
export function drawdownOf(points: readonly LineData[]): LineData[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map((point) => {
    peak = Math.max(peak, point.value);
    return { time: point.time, value: peak > 0 ? (point.value / peak - 1) * 100 : 0 };
  });
}

export function EquityChart() {
  const host = useRef<HTMLDivElement>(null);
  const { chart, palette } = useChart(host);
  const series = useRef(new Map<string, ISeriesApi<'Line'> | ISeriesApi<'Area'>>());
  const version = useRun((state) => state.version);
  const lastDraw = useRef(0);
  const fittedTo = useRef<unknown>(null);
  const sized = useRef(false);
  // A new chart (the colour scheme changed) starts with no series of its own.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets when the chart is replaced.
  useEffect(() => {
    series.current = new Map();
    sized.current = false;
  }, [chart]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the feed's version changes.
  useEffect(() => {
    if (!chart || !palette) return;
    const running = useRun.getState().phase === 'running';
    if (running && (performance.now() - lastDraw.current < 500 || runDrawWait() > 0)) return;
    lastDraw.current = performance.now();
    if (running) noteRunDraw();
    const wanted = new Map<
      string,
      { data: LineData[]; kind: 'equity' | 'drawdown' | 'strategy' }
    >();
    if (feed.results) {
      for (const portfolio of feed.results) {
        wanted.set(`${portfolio.name} equity`, {
          data: seriesData(portfolio.time, portfolio.equity),
          kind: 'equity',
        });
        wanted.set(`${portfolio.name} drawdown %`, {
          data: seriesData(portfolio.time, portfolio.drawdown, 100),
          kind: 'drawdown',
        });
        const strategies = Object.entries(portfolio.strategies);
        if (strategies.length > 1)
          for (const [strategy, pnl] of strategies)
            wanted.set(`${strategy} P&L`, {
              data: seriesData(portfolio.time, pnl),
              kind: 'strategy',
            });
      }
    } else {
      for (const [name, line] of feed.equity) {
        const data = lineData(line);
        wanted.set(`${name} equity`, { data, kind: 'equity' });
        wanted.set(`${name} drawdown %`, { data: drawdownOf(data), kind: 'drawdown' });
      }
    }
    for (const [name, existing] of series.current) {
      if (wanted.has(name)) continue;
      chart.removeSeries(existing);
      series.current.delete(name);
    }
    let colour = 0;
    for (const [name, { data, kind }] of wanted) {
      let line = series.current.get(name);
      if (!line) {
        line =
          kind === 'drawdown'
            ? chart.addSeries(
                AreaSeries,
                {
                  lineColor: palette.down,
                  topColor: `${palette.down}40`,
                  bottomColor: `${palette.down}08`,
                  invertFilledArea: true,
                  lineWidth: 1,
                  title: name,
                  priceLineVisible: false,
                },
                1,
              )
            : chart.addSeries(LineSeries, {
                color:
                  kind === 'equity' ? palette.accent : LINE_COLOURS[colour++ % LINE_COLOURS.length],
                lineWidth: kind === 'equity' ? 2 : 1,
                title: name,
                priceLineVisible: false,
              });
        series.current.set(name, line);
      }
      line.setData(data);
    }
    const panes = chart.panes();
    if (panes.length > 1 && !sized.current) {
      sized.current = true;
      panes[1]!.setHeight(Math.round((panes[0]!.getHeight() + panes[1]!.getHeight()) * 0.35));
    }
    // The results cover the whole test: show all of it once, then leave the view to the user.
    if (feed.results && fittedTo.current !== feed.results) {
      fittedTo.current = feed.results;
      fitNextFrame(chart);
    }
  }, [chart, palette, version]);

  return (
    <figure className="chart-figure">
      <div ref={host} className="chart equity-chart" data-testid="equity-chart" />
      <figcaption className="chart-caption">
        Equity, and below it the drawdown in % from the running peak
        {feed.results?.some((p) => Object.keys(p.strategies).length > 1)
          ? ', one P&L line per strategy'
          : ''}
      </figcaption>
    </figure>
  );
}
