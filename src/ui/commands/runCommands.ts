/** Commands of the simulator: run, pause, step, reset, cancel. */
import { type Phase, useRun } from '../run/runStore';
import type { Command } from './registry';

const run = useRun.getState;
const phase = (): Phase => run().phase;
/** A run is loaded and has not ended: there is something to reset or cancel. */
const live = () => ['ready', 'running', 'paused', 'loading'].includes(phase());

export function runCommands(): Command[] {
  return [
    {
      id: 'run.start',
      label: 'Run the flow',
      category: 'Run',
      keys: ['Mod+Enter'],
      keywords: ['play', 'resume', 'backtest', 'simulate'],
      enabled: () => phase() !== 'running' && phase() !== 'loading',
      run: () => run().run(),
    },
    {
      id: 'run.pause',
      label: 'Pause the run',
      category: 'Run',
      keys: ['Mod+Enter'],
      enabled: () => phase() === 'running',
      run: () => run().pause(),
    },
    {
      id: 'run.stepEvent',
      label: 'Step one event',
      category: 'Run',
      keys: ['N'],
      keywords: ['deliver', 'debug'],
      enabled: () => phase() !== 'running' && phase() !== 'loading',
      run: () => run().stepEvent(),
    },
    {
      id: 'run.stepBar',
      label: 'Step one bar',
      category: 'Run',
      keys: ['Shift+N'],
      keywords: ['debug'],
      enabled: () => phase() !== 'running' && phase() !== 'loading',
      run: () => run().stepBar(),
    },
    {
      id: 'run.reset',
      label: 'Reset the run to its first bar',
      category: 'Run',
      keywords: ['restart', 'rewind'],
      enabled: () => run().loadedText !== null && ['ready', 'paused', 'finished'].includes(phase()),
      run: () => run().reset(),
    },
    {
      id: 'run.cancel',
      label: 'Cancel the run',
      category: 'Run',
      keywords: ['stop', 'abort'],
      enabled: live,
      run: () => run().cancel(),
    },
  ];
}
