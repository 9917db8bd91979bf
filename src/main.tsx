/**
 * The page's entry. The designer's code is evaluated in stages, each a task of its own (a dynamic
 * import is evaluated when it arrives, apart from the code already evaluated): React, the canvas
 * library, the YAML and schema libraries, the flow layer, the designer's store and canvas, then
 * the rest of the designer. Evaluated as one module graph it was a single task of 250-350 ms
 * before the first frame of the designer could be drawn. The designer therefore starts after the
 * page's load event: scripts driving the page wait for the canvas, not for the load.
 */
import './ui/styles.css';

async function boot(): Promise<void> {
  await import('react-dom/client');
  await import('@xyflow/react');
  await import('yaml');
  await import('zod');
  await import('./flow');
  await import('./ui/store/instance');
  await import('./ui/canvas/Canvas');
  const { start } = await import('./ui/start');
  start();
}

void boot();
