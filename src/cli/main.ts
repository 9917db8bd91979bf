/**
 * flow-studio: the headless runner. `flow-studio run FLOW.yaml [--data FILE.csv] [--json]
 * [--out DIR]` runs a flow with the same engine as the browser, prints the metrics and every
 * incident (cancelled orders, rejected signals, dead letters, dropped events), and writes the
 * trades, fills, equity curve and incidents.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  breakersCsv,
  COMPONENTS,
  countByReason,
  createRun,
  deadLettersCsv,
  equityCsvBytes,
  fillsCsvChunks,
  headline,
  incidentsCsvChunks,
  outcomesOf,
  type PortfolioReport,
  resultsDocument,
  tradesCsvChunks,
} from '../engine';
import { compileFlow, loadBars, parseFlow } from '../flow';
import { asFlowText, convertMain } from './convert';
import { incidentsTable, metricsTable } from './report';
import { SWEEP_USAGE, sweepMain } from './sweep';
import { WORKER_USAGE } from './worker-usage';
import { writeChunks } from './write';

const USAGE = `Usage: flow-studio run FLOW.yaml [--data FILE.csv] [--json] [--out DIR]
       flow-studio sweep FLOW.yaml [--data FILE.csv] [--workers N] [--json] [--out DIR] (see flow-studio sweep --help)
       flow-studio sweep FLOW.yaml --queue redis://HOST:PORT [--name NAME]   (cells for queue workers)
       flow-studio worker --queue redis://HOST:PORT                            (see flow-studio worker --help)
       flow-studio convert FILE.yaml [--to flow|admf] [--out FILE] (see flow-studio convert --help)

  FLOW.yaml may also be an ADMF-PC clean-syntax config: it is converted, and what did not map
  is printed.

  --data FILE.csv   bars for every data container of the flow (date, open, high, low, close, volume)
  --json            print the results as JSON (metrics, trades, fills, incidents, dead letters,
                    breakers) instead of a table
  --out DIR         where to write trades.csv, fills.csv, equity.csv, metrics.json and
                    incidents.csv, and dead_letters.csv and breakers.csv when the run has any
                    (default: results)`;

/** Where the shipped sample files are: public/data of this package (from the bundle or the source). */
function samplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../public/data'), resolve(here, '../../public/data')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

/** What the runner's exit code says (README, "Exit codes"). */
export const EXIT = {
  /** The run finished; its results are printed and written. */
  ok: 0,
  /** The flow ran, and the engine stopped it (a runaway loop, a full queue set to fail). */
  runFailed: 1,
  /** The arguments, the flow or the data are not right; the message says where. */
  input: 2,
  /** A fault in Flow Studio itself, not in the flow or the data. */
  internal: 3,
} as const;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error) {
    console.error(internalError(error));
    return EXIT.internal;
  }
}

/** A fault of the runner's own: said as one, with what a bug report needs. */
export function internalError(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `flow-studio: internal error. This is a fault in Flow Studio, not in your flow or data; please report it with the flow and the lines below.\n${detail}`;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    console.error(`Cannot read ${path}: ${reason}`);
    return null;
  }
}

async function runCommand(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'sweep') {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(SWEEP_USAGE);
      return EXIT.ok;
    }
    return sweepMain(argv.slice(1), samplesDir());
  }
  if (argv[0] === 'convert') return convertMain(argv.slice(1), readText);
  if (argv[0] === 'worker') {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(WORKER_USAGE);
      return EXIT.ok;
    }
    // The queue's libraries load only for the commands that use them.
    const { workerMain } = await import('./worker');
    return workerMain(argv.slice(1), samplesDir());
  }
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.input;
  }
  if (parsed.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const { flowPath, dataPath, json, out } = parsed;
  const text = readText(flowPath);
  if (text === null) return EXIT.input;
  const data = dataPath === undefined ? undefined : readText(dataPath);
  if (data === null) return EXIT.input;
  const flowText = asFlowText(text, flowPath);
  if (flowText === null) return EXIT.input;
  const flow = parseFlow(flowText);
  for (const d of flow.diagnostics)
    console.error(`${flowPath}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  if (!flow.ok || !flow.model) return EXIT.input;
  const compiled = compileFlow(flow.model);
  if (!compiled.config) {
    for (const problem of compiled.problems)
      console.error(`${flowPath}: error: ${problem.message}`);
    return EXIT.input;
  }
  const flowDir = dirname(resolve(flowPath));
  const loaded = await loadBars(compiled.config, {
    sample: async (file) => readFileSync(join(samplesDir(), file), 'utf8'),
    csv: async (file) => {
      try {
        return readFileSync(resolve(flowDir, file), 'utf8');
      } catch {
        return undefined;
      }
    },
    ...(data !== undefined ? { override: async () => ({ text: data }) } : {}),
  });
  if (!loaded.ok) {
    for (const problem of loaded.problems)
      console.error(`${dataPath ?? flowPath}: error: ${problem.container}: ${problem.message}`);
    return EXIT.input;
  }
  const run = createRun(compiled.config, { bars: loaded.bars }, COMPONENTS);
  const started = performance.now();
  const status = run.runToEnd();
  const seconds = (performance.now() - started) / 1000;
  if (status === 'failed') {
    console.error(`The run failed: ${run.failure?.message}`);
    return EXIT.runFailed;
  }
  const portfolios = Object.entries(run.results()).filter(
    (entry): entry is [string, PortfolioReport] =>
      compiled.config!.containers.some((c) => c.name === entry[0] && c.component === 'portfolio'),
  );
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    console.error(
      `Cannot write the results to ${out}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
    return EXIT.input;
  }
  const written: string[] = [];
  for (const [name, report] of portfolios) {
    const prefix = portfolios.length > 1 ? `${name}-` : '';
    const write = (file: string, content: Iterable<string | Uint8Array>) => {
      writeChunks(join(out, prefix + file), content);
      written.push(join(out, prefix + file));
    };
    write('trades.csv', tradesCsvChunks(report.trades));
    write('fills.csv', fillsCsvChunks(report.fills));
    write('equity.csv', equityCsvBytes(report));
    write('metrics.json', [`${JSON.stringify(report.metrics, null, 2)}\n`]);
  }
  const outcomes = outcomesOf(run);
  // Only when there are some: most runs have none, and an empty file would say nothing.
  if (outcomes.deadLetterCount > 0) {
    writeFileSync(join(out, 'dead_letters.csv'), deadLettersCsv(outcomes.deadLetters));
    written.push(join(out, 'dead_letters.csv'));
  }
  if (outcomes.breakers.length > 0) {
    writeFileSync(join(out, 'breakers.csv'), breakersCsv(outcomes.breakers));
    written.push(join(out, 'breakers.csv'));
  }
  const incidents = outcomes.incidents;
  const incidentsFile = join(out, 'incidents.csv');
  writeChunks(incidentsFile, incidentsCsvChunks(incidents.entries));
  written.push(incidentsFile);
  const summary = {
    ...resultsDocument(flow.model.name, run.progress, outcomes, portfolios),
    seconds,
    files: written,
  };
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return EXIT.ok;
  }
  console.log(
    `${flow.model.name}: ${summary.bars.toLocaleString('en-US')} bars, ${summary.events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s`,
  );
  // A run that lost orders (or events, or a container) says so before anything else.
  const warning = headline(incidents);
  if (warning) console.log(`Warning: ${warning}. See "Nothing silent" below.`);
  for (const [name, report] of portfolios)
    console.log(`\n${metricsTable(name, report.metrics, report.open_trades)}`);
  if (summary.dead_letters > 0) {
    const kept =
      outcomes.deadLetters.length < summary.dead_letters
        ? ` (the first ${outcomes.deadLetters.length.toLocaleString('en-US')} written)`
        : '';
    console.log(
      `\n${summary.dead_letters.toLocaleString('en-US')} dead letters: ${countByReason(outcomes.deadLetters)}${kept}; see dead_letters.csv`,
    );
  }
  for (const change of outcomes.breakers)
    console.log(
      `circuit breaker of ${change.container} ${change.from.replace('_', '-')} → ${change.to.replace('_', '-')} at bar ${change.bar + 1}: ${change.reason}`,
    );
  console.log(`\n${incidentsTable(incidents, incidentsFile)}`);
  console.log(`\nWrote ${written.join(', ')}`);
  return EXIT.ok;
}

function parseCli(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string', default: 'results' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help)
    return { help: true as const, flowPath: '', dataPath: undefined, json: false, out: '' };
  const [command, flowPath, ...extra] = positionals;
  if (command !== 'run')
    throw new Error(command ? `Unknown command "${command}"` : 'Missing command');
  if (!flowPath) throw new Error('Missing the flow file');
  if (extra.length > 0) throw new Error(`Unexpected argument "${extra[0]}"`);
  return {
    help: false as const,
    flowPath,
    dataPath: values.data,
    json: values.json ?? false,
    out: values.out ?? 'results',
  };
}
