/**
 * The buy and sell marks of the price chart, and signal dots: one per candle, side and kind (a
 * candle of many bars would otherwise pile them up), and fewer as the chart zooms out, so that
 * marks stand at least MARK_GAP_PX apart. A finished run of a million bars, fitted to the chart,
 * has 2,000 candles across some 800 pixels: its 4,000 marks, drawn one over another, were most of
 * a 300-400 ms frame and could not be told apart. A click still takes the nearest fill of all of
 * them (PriceChart's nearestFill reads the feed, not what is drawn).
 */
import type { ISeriesMarkersPluginApi, SeriesMarker, Time } from 'lightweight-charts';
import { candleAt, seconds } from './chartData';
import type { RunFeed } from './feed';
import { firstAtOrAfter } from './search';
import type { Palette } from './useChart';

/** Least distance between the marks of one side and kind, in pixels. */
export const MARK_GAP_PX = 6;

/** Candles per mark at `pxPerCandle` pixels per candle: 1, 2, 4… */
export function markStep(pxPerCandle: number): number {
  let step = 1;
  while (step * pxPerCandle < MARK_GAP_PX && step < 1 << 20) step *= 2;
  return step;
}

export class ChartMarks {
  private marks: SeriesMarker<Time>[] = [];
  /** The candle each mark stands on, and its kind and side. */
  private candle: number[] = [];
  private kind: string[] = [];
  private keys = new Set<string>();
  /** Marks of the feed looked at so far. */
  private seen = 0;
  /** What the markers were last set for: the first candle drawn and the candles per mark. */
  private setFrom = -1;
  private setStep = 0;

  reset(): void {
    this.marks = [];
    this.candle = [];
    this.kind = [];
    this.keys.clear();
    this.seen = 0;
    this.setFrom = -1;
    this.setStep = 0;
  }

  get count(): number {
    return this.marks.length;
  }

  /**
   * Adds the feed's marks that arrived since the last call, once their candles are in. Marks
   * arrive in emission order, which is time order. True if any was added.
   */
  add(feed: RunFeed, palette: Palette): boolean {
    const before = this.marks.length;
    for (; this.seen < feed.marks.length; this.seen++) {
      const mark = feed.marks[this.seen]!;
      const index = candleAt(feed.candles, mark.time);
      if (index < 0) break; // its candle has not arrived yet
      const at = feed.candles.time[index]!;
      const kind = `${mark.kind}:${mark.side}`;
      const key = `${at}:${kind}`;
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      const buy = mark.side === 'BUY';
      const time = seconds(at);
      this.candle.push(index);
      this.kind.push(kind);
      this.marks.push(
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
    return this.marks.length !== before;
  }

  /** The marks on candles from `from` on, the first of each side and kind in every `step` candles. */
  select(from: number, step: number): SeriesMarker<Time>[] {
    const first = firstAtOrAfter(this.candle, from, (index) => index);
    if (step === 1) return first === 0 ? this.marks : this.marks.slice(first);
    const taken = new Set<string>();
    const out: SeriesMarker<Time>[] = [];
    for (let i = first; i < this.marks.length; i++) {
      const key = `${Math.floor(this.candle[i]! / step)}:${this.kind[i]}`;
      if (taken.has(key)) continue;
      taken.add(key);
      out.push(this.marks[i]!);
    }
    return out;
  }

  /** Sets the plugin's markers if marks were added or the window or the zoom's step changed. */
  apply(plugin: ISeriesMarkersPluginApi<Time>, from: number, step: number, added: boolean): void {
    if (!added && from === this.setFrom && step === this.setStep) return;
    this.setFrom = from;
    this.setStep = step;
    plugin.setMarkers(this.select(from, step));
  }
}
