/**
 * Loads the YAML editor without holding the page: Monaco's modules are evaluated stage by stage
 * (scripts/monaco-stages.ts cuts them), each in a task of its own, then the flow's JSON Schema is
 * built for monaco-yaml in another, and only then the editor component, whose module sets Monaco
 * up. Evaluated at once this was one task of 400-900 ms while the designer was already in use.
 */
import { stages } from 'virtual:monaco-stages';
import { flowJsonSchema } from '../../flow';

/** Resolves in a later task, so that the browser can paint and answer input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function loadYamlEditor() {
  for (const stage of stages) {
    await stage();
    await nextTask();
  }
  flowJsonSchema();
  await nextTask();
  return import('./YamlEditor');
}
