/**
 * The legend at the top left of each pane, as TradingView shows it: under the crosshair (or at
 * the last bar) the symbol with the bar's open, high, low, close and change, then every line drawn
 * in that pane with its value, in its colour.
 */
import {
  type BarData,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  MismatchDirection,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { feed } from './feed';
import type { Palette } from './useChart';

export interface LegendItem {
  readonly label: string;
  readonly value: string;
  readonly colour?: string;
}

export interface LegendPane {
  /** Distance from the chart's top, in pixels. */
  readonly top: number;
  readonly items: readonly LegendItem[];
}

interface Drawn {
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly lines: ReadonlyMap<string, ISeriesApi<'Line'> | ISeriesApi<'Histogram'>>;
}

const price = (value: number) =>
  Math.abs(value) >= 1000
    ? value.toLocaleString('en-US', { maximumFractionDigits: 2 })
    : Math.abs(value) >= 1
      ? value.toFixed(2)
      : value.toPrecision(3);

/** A series' last point. */
function lastPoint<T>(series: ISeriesApi<SeriesType>): T | null {
  return series.dataByIndex(Number.MAX_SAFE_INTEGER, MismatchDirection.NearestLeft) as T | null;
}

export function legendAt(
  chart: IChartApi,
  drawn: Drawn,
  time: Time | undefined,
  palette: Palette,
  seriesData?: ReadonlyMap<ISeriesApi<SeriesType>, unknown>,
): LegendPane[] {
  const value = <T,>(series: ISeriesApi<SeriesType>): T | null =>
    seriesData && time !== undefined
      ? ((seriesData.get(series) as T | undefined) ?? null)
      : lastPoint<T>(series);
  const panes = chart.panes();
  const tops: number[] = [];
  let top = 0;
  for (const pane of panes) {
    tops.push(top);
    top += pane.getHeight() + 1;
  }
  const items: LegendItem[][] = panes.map(() => []);
  const bar = value<BarData>(drawn.candles);
  if (bar && 'open' in bar) {
    const change = bar.open === 0 ? 0 : (bar.close / bar.open - 1) * 100;
    const colour = bar.close >= bar.open ? palette.up : palette.down;
    items[0]!.push(
      { label: feed.chart?.symbol ?? '', value: '' },
      { label: 'O', value: price(bar.open), colour },
      { label: 'H', value: price(bar.high), colour },
      { label: 'L', value: price(bar.low), colour },
      { label: 'C', value: price(bar.close), colour },
      { label: '', value: `${change >= 0 ? '+' : ''}${change.toFixed(2)}%`, colour },
    );
  } else if (feed.chart) items[0]!.push({ label: feed.chart.symbol, value: '' });
  for (const [name, series] of drawn.lines) {
    const pane = series.getPane().paneIndex();
    const point = value<LineData>(series);
    const colour = (series.options() as { color?: string }).color;
    items[pane]?.push({
      label: name,
      value: point && 'value' in point ? price(point.value) : '—',
      ...(colour ? { colour } : {}),
    });
  }
  return items.map((list, index) => ({ top: tops[index]!, items: list }));
}

export function ChartLegend({ panes }: { panes: readonly LegendPane[] }) {
  return (
    <div className="chart-legend" data-testid="chart-legend" aria-live="off">
      {panes.map((pane, index) =>
        pane.items.length === 0 ? null : (
          // biome-ignore lint/suspicious/noArrayIndexKey: one legend per pane, by its place.
          <div key={index} className="legend-pane" style={{ top: pane.top + 4 }}>
            {pane.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the items of a pane never reorder.
              <span key={i} className="legend-entry">
                {item.label && <span className="legend-label">{item.label}</span>}
                {item.value && (
                  <span className="legend-value" style={item.colour ? { color: item.colour } : {}}>
                    {item.value}
                  </span>
                )}
              </span>
            ))}
          </div>
        ),
      )}
    </div>
  );
}
