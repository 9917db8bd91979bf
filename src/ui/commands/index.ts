/** The app's own commands, registered once; other features register theirs the same way. */
import { researchCommands } from '../research/commands';
import { useSweep } from '../research/sweepStore';
import { useRun } from '../run/runStore';
import { useDialogs } from '../store/dialogs';
import { useFlow } from '../store/instance';
import { editCommands } from './editCommands';
import { eventCommands } from './eventCommands';
import { flowCommands } from './flowCommands';
import { commands } from './registry';
import { runCommands } from './runCommands';
import { viewCommands } from './viewCommands';

export { type Command, type CommandCategory, commands } from './registry';

let registered = false;

export function registerAppCommands(): void {
  if (registered) return;
  registered = true;
  commands.register([
    ...flowCommands(),
    ...editCommands(),
    ...viewCommands(),
    ...runCommands(),
    ...researchCommands(),
    ...eventCommands(),
  ]);
  // What decides whether a command is enabled lives in these stores.
  commands.watch(useFlow.subscribe);
  commands.watch(useRun.subscribe);
  commands.watch(useDialogs.subscribe);
  commands.watch(useSweep.subscribe);
}
