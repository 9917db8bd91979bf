/**
 * Vite plugin: Monaco's code evaluated in stages. The editor is about 4 MB of modules; imported as
 * one graph, the browser evaluates it in one task of 400-900 ms during start-up, and the page
 * cannot answer the user meanwhile. This plugin walks Monaco's module graph from the entries the
 * app uses (the editor API and the editor features), orders the modules as they would be
 * evaluated (dependencies first), and cuts that order into stages of about STAGE_BYTES of source.
 * `virtual:monaco-stages` exports one loader per stage; each stage imports the modules of its
 * segment that nothing else in the segment imports, so loading the stages in order evaluates
 * Monaco segment by segment, each in a task of its own (../src/ui/editor/loadMonaco.ts).
 *
 * The graph is read from the installed package at build time, so the stages follow Monaco's
 * version. In the dev server the list is empty: its pre-bundled Monaco is a different copy of
 * the modules, and staging it would load Monaco twice.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const STAGE_BYTES = 350_000;
/** The Monaco entries the app imports (src/ui/editor/monaco.ts), relative to monaco-editor/esm/vs. */
const ENTRIES = ['editor/editor.api.js', 'features/register.all.js'];
const LIST_ID = 'virtual:monaco-stages';
const STAGE_PREFIX = 'virtual:monaco-stage/';
/** How each stage's chunk is named (`assets/monaco-stage-3-<hash>.js`). */
export const STAGE_CHUNK = 'monaco-stage-';

const IMPORT = /(?:import|export)[^;]*?from\s+["'](\.[^"']+)["']|import\s+["'](\.[^"']+)["']/g;

export function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.endsWith('.js')) found.push(resolve(dirname(file), specifier));
  }
  return found;
}

/** The roots of each segment: what each stage imports. */
export function monacoStages(root: string, stageBytes = STAGE_BYTES): string[][] {
  return monacoSegments(root, stageBytes).map(({ roots }) => roots);
}

export interface Segment {
  /** The segment's modules, in evaluation order. */
  readonly files: string[];
  /** Those that no other module of the segment imports: importing them evaluates the segment. */
  readonly roots: string[];
}

/** Monaco's modules in evaluation order, cut into segments of about stageBytes of source. */
export function monacoSegments(root: string, stageBytes = STAGE_BYTES): Segment[] {
  const imports = new Map<string, string[]>();
  const importsOf = (file: string) => {
    const known = imports.get(file) ?? relativeImports(file);
    imports.set(file, known);
    return known;
  };
  const order: string[] = [];
  const seen = new Set<string>();
  // Depth first, dependencies before the module: the order ES modules are evaluated in.
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const dependency of importsOf(file)) visit(dependency);
    order.push(file);
  };
  for (const entry of ENTRIES) visit(resolve(root, entry));

  const segments: string[][] = [];
  let segment: string[] = [];
  let bytes = 0;
  for (const file of order) {
    segment.push(file);
    bytes += statSync(file).size;
    if (bytes >= stageBytes) {
      segments.push(segment);
      segment = [];
      bytes = 0;
    }
  }
  if (segment.length > 0) segments.push(segment);
  return segments.map((files) => {
    const members = new Set(files);
    const imported = new Set<string>();
    for (const file of files)
      for (const dependency of importsOf(file))
        if (members.has(dependency)) imported.add(dependency);
    return { files, roots: files.filter((file) => !imported.has(file)) };
  });
}

export function monacoStagesPlugin(): Plugin {
  let stages: string[][] = [];
  return {
    name: 'flow-studio:monaco-stages',
    configResolved(config) {
      if (config.command !== 'build') return;
      const require = createRequire(resolve(config.root, 'package.json'));
      const api = require.resolve('monaco-editor/editor/editor.api');
      stages = monacoStages(resolve(dirname(api), '..'));
    },
    resolveId(id) {
      return id === LIST_ID || id.startsWith(STAGE_PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${LIST_ID}`) {
        const loaders = stages.map(
          (_, index) => `() => import('${STAGE_PREFIX}${STAGE_CHUNK}${index}')`,
        );
        return `export const stages = [${loaders.join(', ')}];`;
      }
      if (id.startsWith(`\0${STAGE_PREFIX}`)) {
        const files = stages[Number(id.slice(STAGE_PREFIX.length + 1 + STAGE_CHUNK.length))] ?? [];
        return files.map((file) => `import ${JSON.stringify(file)};`).join('\n');
      }
      return null;
    },
  };
}
