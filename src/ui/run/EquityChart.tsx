/**
 * Equity of each portfolio in one pane and its drawdown in another beneath, both live as the run
 * goes (one point per batch; the drawdown from the running peak), then, at the end, the full
 * curves and one P&L line per strategy when several strategies share a portfolio.
 */
import {
  AreaSeries,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  LineSeries,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { lineData, seriesData } from './chartData';
import { noteRunDraw, runDrawWait } from './drawTurns';
import { feed } from './feed';
import { useRun } from './runStore';
import { fitNextFrame, holdScaleWidth, LINE_COLOURS, type Palette, useChart } from './useChart';

type EquitySeries = ISeriesApi<'Line'> | ISeriesApi<'Area'>;

function addDrawdown(chart: IChartApi, palette: Palette, title: string): ISeriesApi<'Area'> {
  return chart.addSeries(
    AreaSeries,
    {
      lineColor: palette.down,
      topColor: `${palette.down}40`,
      bottomColor: `${palette.down}08`,
      invertFilledArea: true,
      lineWidth: 1,
      title,
      priceLineVisible: false,
    },
    1,
  );
}

function addEquity(chart: IChartApi, palette: Palette, title: string): ISeriesApi<'Line'> {
  return chart.addSeries(LineSeries, {
    color: palette.accent,
    lineWidth: 2,
    title,
    priceLineVisible: false,
  });
}

/** Percent below the running peak of an equity curve. */
export function drawdownOf(points: readonly LineData[]): LineData[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map((point) => {
    peak = Math.max(peak, point.value);
    return { time: point.time, value: peak > 0 ? (point.value / peak - 1) * 100 : 0 };
  });
}

/**
 * The first portfolio's equity and drawdown, laid out with the chart and kept while it lives: they
 * take the portfolio's name when it is known, and are emptied rather than removed between runs.
 * Adding the drawdown's pane when the first point arrived resized every canvas of the chart mid-run.
 */
interface Lead {
  equity: ISeriesApi<'Line'>;
  drawdown: ISeriesApi<'Area'>;
}

type Wanted = Map<string, { data: LineData[]; kind: 'equity' | 'drawdown' | 'strategy' }>;

/** Gives the lead series the first equity and drawdown wanted (or none), and takes them out of `wanted`. */
function drawLead(lead: Lead, wanted: Wanted): void {
  for (const kind of ['equity', 'drawdown'] as const) {
    const entry = [...wanted].find(([, line]) => line.kind === kind);
    const title = entry?.[0] ?? '';
    const series = lead[kind];
    if (series.options().title !== title) series.applyOptions({ title });
    series.setData(entry?.[1].data ?? []);
    if (entry) wanted.delete(entry[0]);
  }
}

export function EquityChart() {
  const host = useRef<HTMLDivElement>(null);
  const { chart, palette } = useChart(host, 72);
  const lead = useRef<Lead | null>(null);
  /** The other series (more portfolios, strategies' P&L) by name. */
  const series = useRef(new Map<string, EquitySeries>());
  const version = useRun((state) => state.version);
  const lastDraw = useRef(0);
  const fittedTo = useRef<unknown>(null);
  // A new chart (the colour scheme changed) starts with its lead series and panes laid out.
  useEffect(() => {
    series.current = new Map();
    lead.current = null;
    if (!chart || !palette) return;
    lead.current = {
      equity: addEquity(chart, palette, ''),
      drawdown: addDrawdown(chart, palette, ''),
    };
    // The drawdown takes 35% of the height, whatever the chart's size.
    const [equityPane, drawdownPane] = chart.panes();
    equityPane?.setStretchFactor(0.65);
    drawdownPane?.setStretchFactor(0.35);
  }, [chart, palette]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the feed's version changes.
  useEffect(() => {
    if (!chart || !palette || !lead.current) return;
    const running = useRun.getState().phase === 'running';
    if (running && (performance.now() - lastDraw.current < 500 || runDrawWait() > 0)) return;
    lastDraw.current = performance.now();
    if (running) noteRunDraw();
    else {
      // Out of a run (the end, the results) the chart draws in a task of its own, apart from
      // React's commit and the price chart's draw (see PriceChart): the newest version wins.
      const later = window.setTimeout(() => drawEquity(chart, palette), 0);
      return () => clearTimeout(later);
    }
    drawEquity(chart, palette);
  }, [chart, palette, version]);

  function drawEquity(chart: IChartApi, palette: Palette) {
    if (!lead.current) return;
    holdScaleWidth(chart);
    const wanted: Wanted = new Map();
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
    drawLead(lead.current, wanted);
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
            ? addDrawdown(chart, palette, name)
            : kind === 'equity'
              ? addEquity(chart, palette, name)
              : chart.addSeries(LineSeries, {
                  color: LINE_COLOURS[colour++ % LINE_COLOURS.length],
                  lineWidth: 1,
                  title: name,
                  priceLineVisible: false,
                });
        series.current.set(name, line);
      }
      line.setData(data);
    }
    // The results cover the whole test: show all of it once, then leave the view to the user.
    if (feed.results && fittedTo.current !== feed.results) {
      fittedTo.current = feed.results;
      fitNextFrame(chart);
    }
  }

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
