/**
 * What the charts of a run hold for each of its symbols, so that any symbol can be charted during
 * the run or after it: candles (the run's own bars, sent in buckets), indicator lines thinned to
 * one point per bucket, buy and sell marks merged per candle, and closed trades (at most
 * TRADE_LINES). Every symbol's share is bounded by CHART_POINTS whatever the run's length; only
 * the charted symbol's new data crosses to the page, and choosing another symbol sends its whole
 * history once.
 */
import type { AnyEvent, ComponentSpec, Trade } from '../engine';
import type { BarSeries } from '../engine/data/bars';
import { bucketCandles, bucketFor, countUpTo, ThinnedLine } from './chart';
import {
  type CandleColumns,
  type ChartInfo,
  type LineInfo,
  type LinePoints,
  TRADE_LINES,
  type TradeLine,
  type TradeMark,
} from './protocol';

/** Where a chart draws one output of an indicator (see LineInfo). */
export function lineInfo(spec: ComponentSpec, indicator: string, output: string | null): LineInfo {
  const onPrice =
    spec.overlay === true && (output === null || (spec.priceOutputs ?? [output]).includes(output));
  return {
    pane: onPrice ? 'price' : indicator.replace(/\.[^.]*$/, ''),
    style: output === 'histogram' ? 'histogram' : 'line',
    levels: onPrice ? [] : (spec.levels ?? []),
  };
}

/** Whether a record has more than one key. */
function hasSeveral(record: Readonly<Record<string, number>>): boolean {
  let keys = 0;
  for (const _ in record) if (++keys > 1) return true;
  return false;
}

/** The chart's part of a batch: what is new for the charted symbol since the last one. */
export interface ChartBatch {
  readonly candles: CandleColumns | null;
  readonly overlays: Record<string, LinePoints>;
  readonly lineInfo?: Record<string, LineInfo>;
  readonly marks: TradeMark[];
  readonly chartFills: number;
  readonly tradeLines: TradeLine[];
  readonly tradeLinesLeftOut: number;
  readonly transfer: ArrayBufferLike[];
}

/** One symbol's chart: its bars and what was drawn over them, with how much the page has. */
class SymbolChart {
  readonly bucket: number;
  readonly lines = new Map<string, ThinnedLine>();
  readonly lineInfo = new Map<string, LineInfo>();
  /** Lines whose LineInfo the page has. */
  readonly infoSent = new Set<string>();
  readonly marks: TradeMark[] = [];
  private readonly markKeys = new Set<string>();
  /** The last direction of each strategy's signal, so that a mark shows each change only. */
  readonly lastDirection = new Map<string, number>();
  fills = 0;
  readonly trades: TradeLine[] = [];
  tradesLeftOut = 0;
  // How much of each the page has.
  barsSent = 0;
  marksSent = 0;
  tradesSent = 0;

  constructor(readonly series: BarSeries) {
    this.bucket = bucketFor(series.timestamp.length);
  }

  line(name: string, spec: ComponentSpec, output: string | null): ThinnedLine {
    let line = this.lines.get(name);
    if (!line) {
      line = new ThinnedLine(this.bucket);
      this.lines.set(name, line);
      this.lineInfo.set(name, lineInfo(spec, name, output));
    }
    return line;
  }

  /** Keeps a mark unless its candle already has one of its kind and side. */
  mark(mark: TradeMark): void {
    if (mark.kind === 'fill') this.fills++;
    // Over candles of several bars, signals would crowd out the fills: the log lists them.
    else if (this.bucket > 1) return;
    const bar = Math.max(0, countUpTo(this.series.timestamp, mark.time) - 1);
    const key = `${Math.floor(bar / this.bucket)}:${mark.kind}:${mark.side}`;
    if (this.markKeys.has(key)) return;
    this.markKeys.add(key);
    this.marks.push(mark);
  }

  trade(trade: TradeLine): void {
    if (this.trades.length < TRADE_LINES) this.trades.push(trade);
    else this.tradesLeftOut++;
  }

  /** The page has nothing of this symbol: the next batch sends it all. */
  rewind(): void {
    this.barsSent = 0;
    this.marksSent = 0;
    this.tradesSent = 0;
    this.infoSent.clear();
    for (const line of this.lines.values()) line.rewind();
  }
}

export class SymbolCharts {
  private readonly charts = new Map<string, SymbolChart>();
  private charted: SymbolChart | null = null;

  /**
   * `series`: every series of the run, in the order of its data (a symbol met twice keeps its
   * first); `indicators`: the indicator containers, whose every output is charted.
   */
  constructor(
    private readonly series: readonly BarSeries[],
    private readonly indicators: ReadonlyMap<string, ComponentSpec>,
    preferred?: string,
  ) {
    this.clear();
    if (!this.choose(preferred ?? '')) this.choose(series[0]?.symbol ?? '');
  }

  get symbols(): string[] {
    return [...this.charts.keys()];
  }

  info(): ChartInfo | null {
    const chart = this.charted;
    if (!chart) return null;
    return {
      symbol: chart.series.symbol,
      bucket: chart.bucket,
      totalBars: chart.series.timestamp.length,
      symbols: this.symbols,
    };
  }

  /** Charts `symbol` from now on; false if the run has no such symbol. */
  choose(symbol: string): boolean {
    const chart = this.charts.get(symbol);
    if (!chart) return false;
    this.charted = chart;
    chart.rewind();
    return true;
  }

  /** Forgets what was drawn (the run starts again), keeping the charted symbol. */
  clear(): void {
    const symbol = this.charted?.series.symbol;
    this.charts.clear();
    for (const one of this.series)
      if (!this.charts.has(one.symbol)) this.charts.set(one.symbol, new SymbolChart(one));
    this.charted = (symbol !== undefined ? this.charts.get(symbol) : undefined) ?? null;
  }

  observe(event: AnyEvent, container: string): void {
    switch (event.type) {
      case 'IndicatorEvent': {
        const spec = this.indicators.get(container);
        const chart = this.charts.get(event.symbol);
        if (!spec || !chart) return;
        // Two of these a bar in the standard flow: no arrays made to count the outputs.
        if (!hasSeveral(event.outputs))
          chart.line(event.indicator_name, spec, null).push(event.timestamp, event.value);
        else
          for (const output in event.outputs)
            chart
              .line(`${event.indicator_name}.${output}`, spec, output)
              .push(event.timestamp, event.outputs[output]!);
        return;
      }
      case 'TradingSignal': {
        const chart = this.charts.get(event.symbol);
        if (!chart) return;
        const key = `${container}\u0000${event.strategy_id}`;
        if (chart.lastDirection.get(key) === event.direction) return;
        chart.lastDirection.set(key, event.direction);
        chart.mark({
          time: event.timestamp,
          kind: 'signal',
          side: event.action,
          price: event.price,
          correlation: event.correlation_id,
          label: `${event.action} signal (${event.strategy_id})`,
        });
        return;
      }
      case 'FillEvent':
        this.charts.get(event.symbol)?.mark({
          time: event.timestamp,
          kind: 'fill',
          side: event.side,
          price: event.price,
          correlation: event.correlation_id,
          label: `${event.side} ${event.quantity} @ ${event.price.toFixed(2)}`,
        });
        return;
      default:
        return;
    }
  }

  /** Closed trades of any portfolio, as they close. */
  addTrades(trades: readonly Trade[]): void {
    for (const trade of trades)
      this.charts.get(trade.symbol)?.trade({
        entryTime: trade.entry_time,
        entryPrice: trade.entry_price,
        exitTime: trade.exit_time,
        exitPrice: trade.exit_price,
        pnl: trade.pnl,
      });
  }

  /** What the page lacks of the charted symbol, with the run at `time`. */
  take(time: number): ChartBatch {
    const chart = this.charted;
    const transfer: ArrayBufferLike[] = [];
    if (!chart)
      return {
        candles: null,
        overlays: {},
        marks: [],
        chartFills: 0,
        tradeLines: [],
        tradeLinesLeftOut: 0,
        transfer,
      };
    let candles: CandleColumns | null = null;
    const done = countUpTo(chart.series.timestamp, time);
    if (done !== chart.barsSent) {
      const from = Math.min(chart.barsSent, done);
      candles = bucketCandles(chart.series, from - (from % chart.bucket), done, chart.bucket);
      chart.barsSent = done;
      transfer.push(
        candles.time.buffer,
        candles.open.buffer,
        candles.high.buffer,
        candles.low.buffer,
        candles.close.buffer,
        candles.volume.buffer,
      );
    }
    const overlays: Record<string, LinePoints> = {};
    const info: Record<string, LineInfo> = {};
    for (const [name, line] of chart.lines) {
      if (!chart.infoSent.has(name)) {
        chart.infoSent.add(name);
        info[name] = chart.lineInfo.get(name)!;
      }
      if (line.pending === 0) continue;
      const points = line.take();
      overlays[name] = points;
      transfer.push(points.time.buffer, points.value.buffer);
    }
    const marks = chart.marks.slice(chart.marksSent);
    chart.marksSent = chart.marks.length;
    const tradeLines = chart.trades.slice(chart.tradesSent);
    chart.tradesSent = chart.trades.length;
    return {
      candles,
      overlays,
      ...(Object.keys(info).length > 0 ? { lineInfo: info } : {}),
      marks,
      chartFills: chart.fills,
      tradeLines,
      tradeLinesLeftOut: chart.tradesLeftOut,
      transfer,
    };
  }
}
