/**
 * Semantic zoom without a re-render per wheel step. Node text is sized from the `--zoom` CSS
 * variable on the canvas wrapper (it grows as the view zooms out, so it is never under 11 px on
 * screen), and two classes pick the level of detail: `zoomed-out` (names only) and `zoomed-far`
 * (coloured tiles, no text: a name cannot fit legibly in a container that small on screen).
 *
 * Changing that variable restyles, re-lays out and re-measures every container (and React Flow
 * then re-renders them and their connections), which on 500 containers costs hundreds of
 * milliseconds: done on every wheel step, zooming ran at 5 to 10 fps. So while the view moves
 * (a wheel, a pinch, a fit's glide) the containers keep their size and only the view's transform
 * changes; the text takes its size for the new zoom once the move ends.
 */
import { type ReactFlowState, useStoreApi } from '@xyflow/react';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** Below this zoom containers show their names only, in larger type. */
export const ZOOMED_OUT = 0.8;
/** Below this zoom a container is too small on screen for a legible name: a coloured tile. */
export const ZOOMED_FAR = 0.35;
/**
 * A wheel's move ends when no wheel event came for 150 ms (d3-zoom), which is shorter than the
 * pause between two notches of a slow scroll: the text waits this much longer for the next one.
 */
const SETTLE_MS = 200;

/**
 * The zooms names-only text is sized for, largest first. A change of the variable restyles every
 * container, and React Flow then measures all of them again (1.2 to 2.3 s on 500 containers under
 * load), so below ZOOMED_OUT the text keeps one size across a band of zooms: most zooms end in the
 * band they began in and cost nothing. Each band sizes its text for its lowest zoom, so on screen
 * it is never smaller than at that zoom (never under 11 px) and at most a sixth larger: wider bands
 * (a third) cut the names of a 500-container flow short at zoom 0.5, where they fitted before.
 * Detailed containers (ZOOMED_OUT to 1) keep text sized for the exact zoom: there labels fill the
 * width, and even a twentieth larger cut "Simulated broker" short in the sample flow's fit.
 */
const TEXT_BANDS = [0.7, 0.6, 0.52, 0.45, 0.4, ZOOMED_FAR];

/**
 * The zoom the text is sized for: the zoom itself for detailed containers, the floor of its band
 * for names only. Above 1 and below the tiles' threshold the text's size does not depend on it, so
 * it stays put there.
 */
export const textZoom = (zoom: number) =>
  zoom >= ZOOMED_OUT ? Math.min(1, zoom) : (TEXT_BANDS.find((band) => zoom >= band) ?? ZOOMED_FAR);

function applyZoom(element: HTMLElement | null, zoom: number): void {
  if (!element) return;
  const text = String(textZoom(zoom));
  if (element.style.getPropertyValue('--zoom') !== text) element.style.setProperty('--zoom', text);
  element.classList.toggle('zoomed-out', zoom < ZOOMED_OUT);
  element.classList.toggle('zoomed-far', zoom < ZOOMED_FAR);
}

/**
 * Keeps the wrapper's text zoom in step with the view; returns React Flow's move handlers, and
 * whether the containers are tiles now (`far`, which changes only when a move ends, like the text).
 */
export function useTextZoom(wrapper: RefObject<HTMLElement | null>): {
  onMoveStart: () => void;
  onMoveEnd: (event: MouseEvent | TouchEvent | null) => void;
  far: boolean;
} {
  const store = useStoreApi();
  const moving = useRef(false);
  const applied = useRef(Number.NaN);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [far, setFar] = useState(false);

  const settle = useCallback(() => {
    clearTimeout(timer.current);
    const zoom = (store.getState() as ReactFlowState).transform[2];
    if (zoom === applied.current) return;
    applied.current = zoom;
    applyZoom(wrapper.current, zoom);
    setFar(zoom < ZOOMED_FAR);
  }, [store, wrapper]);

  useEffect(() => {
    settle();
    const unsubscribe = store.subscribe((state) => {
      if (state.transform[2] === applied.current) return;
      // A move that never reports its end (none known) still gets its text once it stops.
      clearTimeout(timer.current);
      if (!moving.current) settle();
      else timer.current = setTimeout(settle, SETTLE_MS * 2);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
    };
  }, [store, settle]);

  const onMoveStart = useCallback(() => {
    moving.current = true;
    clearTimeout(timer.current);
  }, []);
  // A gesture (a wheel, a drag, a pinch) may go on after a short pause: its text waits. A move
  // made by the app (a fit, the zoom buttons) has no event and ends for good: its text is sized at
  // once, so that a second fit measures the containers at their new size.
  const onMoveEnd = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      moving.current = false;
      clearTimeout(timer.current);
      if (event) timer.current = setTimeout(settle, SETTLE_MS);
      else settle();
    },
    [settle],
  );
  return { onMoveStart, onMoveEnd, far };
}
