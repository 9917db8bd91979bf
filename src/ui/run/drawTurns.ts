/**
 * Turns on the page's frames while a run goes as fast as possible. The price and equity charts
 * hear the same batches; redrawn in one frame, their data and paints made one long task, so a
 * chart lets the other have its frame and draws on a later batch. A chart's paint comes in the
 * frame after its draw; the run views' React commit (once a frame, runStore's publish) stacked on
 * that paint made the longest tasks of a run's first seconds, where the charts' code is still cold
 * (a 19 ms paint and a 9 ms commit in one task), so the commit waits for the next frame.
 * No imports: the run store reads it without loading lightweight-charts.
 */

/** When a chart last redrew for a running run. */
let lastRunDraw = Number.NEGATIVE_INFINITY;
const RUN_DRAW_GAP_MS = 100;
/** Long enough for the frame after a draw to have painted, also on a loaded page (30 fps). */
const PAINT_DUE_MS = 40;

/** How long until a chart may redraw for the running run (0: now). */
export function runDrawWait(now = performance.now()): number {
  return Math.max(0, lastRunDraw + RUN_DRAW_GAP_MS - now);
}

/** A chart redraws now: the other waits, and so does the run views' next commit. */
export function noteRunDraw(now = performance.now()): void {
  lastRunDraw = now;
}

/** Whether a chart drew for the running run so lately that its paint may be due in this frame. */
export function chartPaintDue(now = performance.now()): boolean {
  return now - lastRunDraw < PAINT_DUE_MS;
}
