/** A lightweight-charts chart in a div, themed from the app's CSS variables, removed on unmount. */
import {
  type ChartOptions,
  createChart,
  type DeepPartial,
  type IChartApi,
} from 'lightweight-charts';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { tickLabels } from './timeLabels';

export interface Palette {
  text: string;
  muted: string;
  border: string;
  up: string;
  down: string;
  accent: string;
  warning: string;
}

export function themePalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#1c2230'),
    muted: read('--muted', '#5f6b7c'),
    border: read('--border', '#d9dee6'),
    up: read('--ok', '#15803d'),
    down: read('--danger', '#c81e1e'),
    accent: read('--accent', '#2563eb'),
    warning: read('--warning', '#b45309'),
  };
}

/** Line colours for overlays and strategies, distinct in both themes. */
export const LINE_COLOURS = ['#f59e0b', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#f97316'];

/**
 * The price axis keeps the widest width it has had. Its width follows its labels, and each change
 * resizes every canvas of the chart (a forced layout of the page, then fresh bitmaps): 50-200 ms
 * on a loaded page when the first candles arrive, when a label gains a digit mid-run, and when
 * the finished run is fitted. Held at its widest, it resizes only when a label outgrows it.
 * Called before each draw; each chart starts with a width reserved for its usual labels (useChart's
 * `reservedScaleWidth`), so that the first draw of a run does not resize either.
 */
export function holdScaleWidth(chart: IChartApi): void {
  const scale = chart.priceScale('right');
  const width = scale.width();
  if (width > scale.options().minimumWidth) scale.applyOptions({ minimumWidth: width });
}

/** Charts removed on unmount: a frame callback scheduled before must not touch them. */
const removed = new WeakSet<IChartApi>();

/**
 * Fits the whole series after the next frame (once the price scales have taken their width, or
 * the fit comes up short), unless the chart was removed meanwhile: the user may leave the charts
 * in that frame (a run finishing as they open History), and a removed chart throws.
 */
export function fitNextFrame(chart: IChartApi): void {
  requestAnimationFrame(() => {
    if (!removed.has(chart)) chart.timeScale().fitContent();
  });
}

/**
 * `reservedScaleWidth`: the price axis' width before any data, in pixels (see holdScaleWidth). In
 * the app's font a price near 100 to two decimals takes 48-52 and an account near 100,000 takes 70.
 */
export function useChart(
  host: RefObject<HTMLDivElement | null>,
  reservedScaleWidth: number,
  options: DeepPartial<ChartOptions> = {},
): { chart: IChartApi | null; palette: Palette | null } {
  const [state, setState] = useState<{ chart: IChartApi | null; palette: Palette | null }>({
    chart: null,
    palette: null,
  });
  const optionsRef = useRef(options);
  const scheme = useColourScheme();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new colour scheme rebuilds the chart in its colours.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const palette = themePalette(element);
    const chart = createChart(element, {
      autoSize: true,
      layout: {
        background: { color: 'transparent' },
        textColor: palette.muted,
        fontFamily: 'inherit',
      },
      grid: {
        vertLines: { color: palette.border },
        horzLines: { color: palette.border },
      },
      rightPriceScale: { borderColor: palette.border, minimumWidth: reservedScaleWidth },
      // A whole test must fit when asked: the default minimum of half a pixel per bar would cut
      // off the start of a five-year daily run in a narrow chart.
      timeScale: {
        borderColor: palette.border,
        timeVisible: true,
        minBarSpacing: 0.05,
        tickMarkFormatter: tickLabels(),
      },
      ...optionsRef.current,
    });
    setState({ chart, palette });
    return () => {
      removed.add(chart);
      chart.remove();
      setState({ chart: null, palette: null });
    };
  }, [host, scheme]);
  return state;
}

/** 'dark' or 'light', following the system as the app's CSS does, live. */
function useColourScheme(): 'dark' | 'light' {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setDark(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}
