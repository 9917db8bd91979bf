// The Monaco stages (scripts/monaco-stages.ts): loading the stages' roots in order evaluates every
// module the editor needs, each stage adds about its share, and no module comes before one it imports.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monacoSegments, relativeImports } from '../scripts/monaco-stages';

const require = createRequire(import.meta.url);
const root = resolve(dirname(require.resolve('monaco-editor/editor/editor.api')), '..');
const segments = monacoSegments(root);

/** What importing `file` evaluates that is not evaluated yet (depth first, like the browser). */
function evaluate(file: string, evaluated: Set<string>, added: string[]): void {
  if (evaluated.has(file)) return;
  evaluated.add(file);
  for (const dependency of relativeImports(file)) evaluate(dependency, evaluated, added);
  added.push(file);
}

describe('monaco stages', () => {
  it('evaluate the editor in many parts, each at most a few hundred kilobytes of source', () => {
    expect(segments.length).toBeGreaterThan(10);
    const evaluated = new Set<string>();
    const all = segments.flatMap((segment) => segment.files);
    for (const segment of segments) {
      const added: string[] = [];
      for (const file of segment.roots) evaluate(file, evaluated, added);
      // Exactly the segment: nothing of a later one is pulled forward, nothing of this one left.
      expect(new Set(added)).toEqual(new Set(segment.files));
      const bytes = added.reduce((sum, file) => sum + statSync(file).size, 0);
      expect(bytes).toBeLessThan(1_000_000);
    }
    expect(evaluated.size).toBe(all.length);
    expect(all.some((file) => file.endsWith('editor/editor.api.js'))).toBe(true);
    expect(all.some((file) => file.endsWith('features/register.all.js'))).toBe(true);
  });
});
