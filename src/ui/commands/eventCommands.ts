/** Commands of the event system: how connections are drawn, and the dead letters. */
import { useConnectMode } from '../canvas/connectMode';
import { useRun } from '../run/runStore';
import type { Command } from './registry';

export function eventCommands(): Command[] {
  return [
    {
      id: 'canvas.routeMode',
      label: 'Draw connections as routes, or as event flow',
      category: 'Canvas',
      keys: ['R'],
      keywords: ['route', 'routing', 'event_system', 'filter', 'transformation', 'connect'],
      run: () => {
        const { mode, setMode } = useConnectMode.getState();
        setMode(mode === 'route' ? 'flow' : 'route');
      },
    },
    {
      id: 'view.deadLetters',
      label: 'Show the dead letters',
      category: 'View',
      keywords: ['dead letter', 'failed', 'errors', 'circuit breaker', 'retries'],
      run: () => useRun.getState().setTab('deadletters'),
    },
  ];
}
