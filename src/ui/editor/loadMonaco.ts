/**
 * Loads the YAML editor without holding the page: Monaco's modules are evaluated stage by stage
 * (scripts/monaco-stages.ts cuts them), each in a task of its own; then Monaco is set up for
 * YAML (with the flow's JSON Schema computed at build time, scripts/flow-schema-plugin.ts), its
 * services are started, and only then is the editor component loaded, each step a task apart.
 * Evaluated at once, Monaco was one task of 400-900 ms while the designer was already in use.
 */
import { stages } from 'virtual:monaco-stages';

/**
 * Resolves in a later task, so that the browser can paint and answer input in between. A message
 * to itself, not setTimeout: a tab in the background runs timers about once a second, and the
 * editor of a tab opened behind another took half a minute to load.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export async function loadYamlEditor() {
  for (const stage of stages) {
    await stage();
    await nextTask();
  }
  const { startMonacoServices } = await import('./monaco');
  await nextTask();
  startMonacoServices();
  await nextTask();
  return import('./YamlEditor');
}
