/** Commands on the view: fit, zoom, layout, the run views, help and the command palette. */
import { canvasSize, fitCanvas, minimapShown, useCanvasView, zoomCanvas } from '../canvas/view';
import { useRun } from '../run/runStore';
import { useDialogs } from '../store/dialogs';
import { useFlow } from '../store/instance';
import type { Command } from './registry';

const store = useFlow.getState;

async function layout() {
  const model = store().model;
  if (!model) return;
  // ELK is large: it loads the first time someone asks for a layout.
  const { autoLayout } = await import('../canvas/autoLayout');
  store().edit({ type: 'moveContainers', positions: await autoLayout(model, canvasSize()) });
  setTimeout(() => fitCanvas(300), 50);
}

export function viewCommands(): Command[] {
  return [
    {
      id: 'canvas.autoLayout',
      label: 'Auto-layout',
      category: 'Canvas',
      keys: ['Shift+L'],
      keywords: ['arrange', 'tidy'],
      enabled: () => (store().model?.containers.length ?? 0) > 0,
      run: layout,
    },
    {
      id: 'canvas.fit',
      label: 'Fit the flow in view',
      category: 'Canvas',
      keys: ['F'],
      keywords: ['zoom', 'frame'],
      run: () => fitCanvas(300),
    },
    {
      id: 'canvas.zoomIn',
      label: 'Zoom in',
      category: 'Canvas',
      keys: ['+', '='],
      run: () => zoomCanvas(1),
    },
    {
      id: 'canvas.zoomOut',
      label: 'Zoom out',
      category: 'Canvas',
      keys: ['-'],
      run: () => zoomCanvas(-1),
    },
    {
      id: 'canvas.minimap',
      label: 'Show or hide the minimap',
      category: 'Canvas',
      keys: ['M'],
      keywords: ['overview', 'map'],
      run: () => useCanvasView.getState().toggleMinimap(minimapShown()),
    },
    {
      id: 'view.runViews',
      label: 'Show or hide the run views',
      category: 'View',
      keys: ['Mod+J'],
      inFields: true,
      keywords: ['panel', 'charts', 'log'],
      run: () => useRun.getState().setExpanded(!useRun.getState().expanded),
    },
    {
      id: 'chart.symbol',
      label: 'Chart another symbol of the run',
      category: 'View',
      keywords: ['symbol', 'ticker', 'instrument', 'price chart'],
      enabled: () => useRun.getState().symbols.length > 1,
      run: () => {
        useRun.getState().setTab('chart');
        useDialogs.getState().open('symbol');
      },
    },
    {
      id: 'help.commands',
      label: 'Command palette',
      category: 'Help',
      keys: ['Mod+Shift+P'],
      inFields: true,
      hiddenInPalette: true,
      run: () => useDialogs.getState().open('commands'),
    },
    {
      id: 'help.shortcuts',
      label: 'Keyboard shortcuts',
      category: 'Help',
      keys: ['?'],
      keywords: ['help', 'keys'],
      run: () => useDialogs.getState().open('shortcuts'),
    },
  ];
}
