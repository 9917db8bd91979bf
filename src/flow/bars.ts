/**
 * The bars a compiled flow needs, resolved the same way by every host: the worker fetches sample
 * files from the app, the headless runner reads them from disk; synthetic bars are generated here.
 */
import type { EngineConfig } from '../engine/config';
import type { BarSeries } from '../engine/data/bars';
import type { CsvIssue } from '../engine/data/csv';
import { describeDataSource, loadSource } from '../engine/data/sources';

export interface BarFiles {
  /** The text of a sample file shipped in public/data. */
  sample(file: string): Promise<string>;
  /** The text of a user's CSV by the name a csv_bars container gives, or undefined if not provided. */
  csv(file: string): Promise<string | undefined>;
  /** Bars that replace a data container's own (the runner's --data, the simulator's upload). */
  override?(container: string): Promise<{ text: string; symbol?: string } | undefined>;
}

export interface BarProblem {
  readonly container: string;
  readonly message: string;
  /** For CSV problems: where in the file. */
  readonly issue?: CsvIssue;
}

export type LoadedBars =
  | {
      readonly ok: true;
      readonly bars: Record<string, BarSeries[]>;
      readonly warnings: readonly BarProblem[];
    }
  | { readonly ok: false; readonly problems: readonly BarProblem[] };

export async function loadBars(
  config: EngineConfig,
  files: BarFiles,
  onProgress?: (fraction: number) => void,
): Promise<LoadedBars> {
  const bars: Record<string, BarSeries[]> = {};
  const problems: BarProblem[] = [];
  const warnings: BarProblem[] = [];
  for (const container of config.containers) {
    let source = describeDataSource(container.component, container.params);
    if (!source) continue;
    const override = await files.override?.(container.name);
    let text: string | undefined;
    if (override) {
      text = override.text;
      source = {
        kind: 'csv',
        file: 'uploaded file',
        symbol: override.symbol ?? symbolOf(source),
        range: { start: '', end: '' },
      };
    } else if (source.kind === 'sample') {
      text = await files.sample(source.file);
    } else if (source.kind === 'csv') {
      text = await files.csv(source.file);
      if (text === undefined) {
        problems.push({
          container: container.name,
          message: source.file
            ? `The CSV file "${source.file}" was not provided`
            : 'No CSV file chosen for this container',
        });
        continue;
      }
    }
    const loaded = loadSource(source, text, onProgress);
    if (!loaded.ok) {
      for (const issue of loaded.errors) {
        problems.push({
          container: container.name,
          message:
            issue.line > 0
              ? `line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`
              : issue.message,
          issue,
        });
      }
      continue;
    }
    for (const issue of loaded.warnings)
      warnings.push({ container: container.name, message: issue.message, issue });
    bars[container.name] = loaded.series;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, bars, warnings };
}

function symbolOf(source: ReturnType<typeof describeDataSource>): string {
  if (!source) return 'CSV';
  return source.kind === 'synthetic' ? (source.symbols[0] ?? 'CSV') : source.symbol;
}
