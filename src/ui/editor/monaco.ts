/**
 * Monaco from the local package, never from a CDN, with YAML support (monaco-yaml) fed the flow's
 * JSON Schema. monaco-yaml starts its worker through `createWebWorker` without the `worker` option
 * monaco-editor 0.53+ requires (upstream monaco-yaml issue 272); the wrapper below creates the
 * worker itself, sends it the two messages it waits for (a start, then its createData), and
 * passes it on.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import flowJsonSchema from 'virtual:flow-json-schema';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { registerExpressionSupport } from './expressions';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

type CreateWebWorker = typeof monaco.editor.createWebWorker;

const withYamlWorker = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: ((options: Parameters<CreateWebWorker>[0] & { createData?: unknown }) => {
      const worker = new YamlWorker();
      // The worker (monaco-worker-manager) waits for a first message to set itself up, and reads
      // the second as its createData (the schemas); only then does Monaco's own protocol begin.
      worker.postMessage('boot');
      worker.postMessage(options.createData);
      return monaco.editor.createWebWorker({ ...options, worker });
    }) as CreateWebWorker,
  },
};

configureMonacoYaml(withYamlWorker as unknown as typeof monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  // The flow layer's own diagnostics (the same schema, plus references, conditions and cycles)
  // are the markers; the worker's would repeat them.
  validate: false,
  schemas: [
    {
      uri: 'inmemory://flow-studio/flow.schema.json',
      fileMatch: ['*'],
      schema: flowJsonSchema as never,
    },
  ],
});

registerExpressionSupport(monaco);

loader.config({ monaco });

// End-to-end tests read the editor's text through this handle (it changes nothing).
(window as unknown as { __monaco: typeof monaco }).__monaco = monaco;

export { monaco };

/**
 * Starts Monaco's services (configuration, themes, models, keybindings, context keys) ahead of
 * the editor. The first editor created starts them otherwise, in the same task as its own
 * construction and first layout: one task of 150-350 ms during start-up.
 */
export function startMonacoServices(): void {
  monaco.editor.createModel('', 'plaintext').dispose();
  monaco.editor.setTheme(prefersDark() ? 'vs-dark' : 'vs');
}

/** Whether the system asks for dark colours (Monaco's theme follows it). */
export function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}
