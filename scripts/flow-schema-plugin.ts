/**
 * Vite plugin: the flow's JSON Schema (src/flow/json-schema.ts), which Monaco's YAML support reads
 * for completion and hover, computed when the app is built instead of in the page. Converting the
 * zod schema of every component takes 150-330 ms, a task the page could not answer input in while
 * the editor loaded; parsing the result as JSON takes about 7 ms. `virtual:flow-json-schema`
 * exports it. In the dev server it calls the same function in the page, so edits to the
 * catalogue show at once.
 */
import { resolve } from 'node:path';
import { type Plugin, runnerImport } from 'vite';

const ID = 'virtual:flow-json-schema';
const SOURCE = 'src/flow/json-schema.ts';

/** The module's code: built, the schema as JSON text; served, a call of the function. */
export async function flowSchemaModule(root: string, building: boolean): Promise<string> {
  const source = resolve(root, SOURCE);
  if (!building)
    return `import { flowJsonSchema } from ${JSON.stringify(source)};\nexport default flowJsonSchema();`;
  const { module } = await runnerImport<{ flowJsonSchema: () => unknown }>(source, {
    configFile: false,
    logLevel: 'silent',
  });
  const json = JSON.stringify(module.flowJsonSchema());
  return `export default JSON.parse(${JSON.stringify(json)});`;
}

export function flowSchemaPlugin(): Plugin {
  let root = process.cwd();
  let building = false;
  return {
    name: 'flow-studio:flow-json-schema',
    configResolved(config) {
      root = config.root;
      building = config.command === 'build';
    },
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load: (id) => (id === `\0${ID}` ? flowSchemaModule(root, building) : null),
  };
}
