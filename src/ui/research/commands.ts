/** The sweep's commands, in the app's one registry: toolbar, keys, help and palette alike. */
import type { Command } from '../commands/registry';
import { useRun } from '../run/runStore';
import { useFlow } from '../store/instance';
import { useSweep } from './sweepStore';

const hasGrid = () => {
  const state = useFlow.getState();
  return state.model?.grid != null && state.parsed.ok;
};
const idle = () => useSweep.getState().status !== 'running';
const showSweep = () => useRun.getState().setTab('sweep');

export function researchCommands(): Command[] {
  return [
    {
      id: 'sweep.start',
      label: 'Sweep every combination of the grid',
      category: 'Run',
      keys: ['Mod+Shift+Enter'],
      keywords: ['optimize', 'optimise', 'grid', 'parameters', 'heatmap'],
      enabled: () => hasGrid() && idle(),
      run: () => {
        showSweep();
        useSweep.getState().start();
      },
    },
    {
      id: 'sweep.walkForward',
      label: 'Walk-forward: optimise in sample, test out of sample',
      category: 'Run',
      keywords: ['walk forward', 'out of sample', 'robustness'],
      enabled: () => hasGrid() && idle(),
      run: () => {
        showSweep();
        useSweep.getState().startWalkForward();
      },
    },
    {
      id: 'sweep.cancel',
      label: 'Cancel the sweep',
      category: 'Run',
      keywords: ['stop'],
      enabled: () => !idle(),
      run: () => useSweep.getState().cancel(),
    },
    {
      id: 'view.sweep',
      label: 'Show the sweep results',
      category: 'View',
      keywords: ['heatmap', 'optimisation'],
      run: showSweep,
    },
    {
      id: 'view.history',
      label: 'Show recent runs and compare them',
      category: 'View',
      keywords: ['history', 'compare', 'overlay', 'previous runs'],
      run: () => useRun.getState().setTab('history'),
    },
  ];
}
