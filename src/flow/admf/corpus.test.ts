/**
 * ADMF-PC's own configs (fixtures/admf-pc, its config/ folder) imported one by one: each either
 * imports, with every top-level key and every strategy mapped or named in a warning, or is refused
 * with a reason (it holds no strategy: a topology, a workflow, a sequence). The counts are the
 * ones docs/yaml-reference.md reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseFlow } from '../parse';
import { importAdmf, isAdmfConfig } from './import';

const ROOT = resolve(import.meta.dirname, '../fixtures/admf-pc');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const MAPPED_KEYS = new Set([
  'name',
  'description',
  'symbols',
  'symbol',
  'data',
  'timeframe',
  'timeframes',
  'start_date',
  'end_date',
  'strategy',
  'strategies',
  'production',
  'risk',
  'execution',
  'portfolio',
  'initial_capital',
]);

describe('the ADMF-PC corpus', () => {
  const all = files(ROOT);

  it('has the repository’s configs', () => {
    expect(all.length).toBe(418);
  });

  // 418 files imported and parsed: seconds of work, more on a busy machine.
  it('imports every strategy config with no silent drop, and counts the clean imports', {
    timeout: 120_000,
  }, () => {
    let configs = 0;
    let imported = 0;
    let runnable = 0;
    let clean = 0;
    const notConfigs: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      const name = relative(ROOT, file);
      let first: unknown = null;
      try {
        first = parseAllDocuments(text)[0]?.toJS({ maxAliasCount: 100 }) ?? null;
      } catch {
        first = null;
      }
      if (!isAdmfConfig(first)) {
        notConfigs.push(name);
        // Refused with a reason, never a crash.
        const result = importAdmf(text);
        expect(result.ok, name).toBe(false);
        continue;
      }
      configs++;
      const result = importAdmf(text);
      if (!result.ok) {
        // Only a config none of whose strategies exist here, or one that is not YAML, is refused.
        expect(result.error, name).toMatch(
          /None of the config’s strategies|not an ADMF-PC|YAML|Map|Nested|Implicit/,
        );
        continue;
      }
      imported++;
      const doc = first as Record<string, unknown>;
      // Every top-level key is either mapped or named in a warning.
      for (const key of Object.keys(doc)) {
        if (MAPPED_KEYS.has(key)) continue;
        expect(
          result.warnings.some((w) => w.includes(`"${key}"`)),
          `${name}: ${key}`,
        ).toBe(true);
      }
      const flow = parseFlow(result.text);
      expect(flow.model, name).not.toBeNull();
      if (flow.ok) runnable++;
      // Clean: runnable, and nothing left out (notices about where the bars come from are allowed).
      if (flow.ok && !result.warnings.some((w) => LOST.test(w))) clean++;
    }
    // The figures docs/yaml-reference.md reports ("Importing ADMF-PC configs").
    expect({
      files: all.length,
      configs,
      imported,
      runnable,
      clean,
      notConfigs: notConfigs.length,
    }).toEqual(CORPUS_COUNTS);
  });
});

const LOST = /left out|not translated|no counterpart|not used|not a number|not read/;
const CORPUS_COUNTS = {
  files: 418,
  configs: 337,
  imported: 204,
  runnable: 200,
  clean: 45,
  notConfigs: 81,
};
