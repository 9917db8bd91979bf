/**
 * The page's entry. The designer's code is evaluated in stages, each a task of its own (a dynamic
 * import is evaluated when it arrives, apart from the code already evaluated): React, then the
 * canvas library and the flow layer, then the designer. Evaluated as one module graph it was a
 * single task of 250-350 ms before the first frame of the designer could be drawn.
 */
import './ui/styles.css';

async function boot(): Promise<void> {
  await import('react-dom/client');
  await import('@xyflow/react');
  await import('./flow');
  const { start } = await import('./ui/start');
  start();
}

void boot();
