/**
 * The layering rule of docs/architecture.md, checked on every import in src/: engine imports no
 * other layer; flow only the engine; worker the engine and flow; ui flow, the worker's protocol
 * (as types and constants) and the workers' entries (to start them), and engine types, which cost
 * nothing at run time; cli engine and flow. sweep (grids run as cell jobs) imports engine and
 * flow and is host-free; worker and cli run it; ui may import its pure parts (plans, the pool,
 * aggregation, walk-forward windows), never the runner or the replay, which run the engine.
 * distributed (sweeps over a job queue: Node only) imports engine, flow and sweep, and only the cli
 * imports it; it alone speaks to the queue (BullMQ, ioredis). Also: no source file runs text as
 * code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');
const LAYERS = ['engine', 'flow', 'sweep', 'worker', 'ui', 'cli', 'distributed'] as const;
type Layer = (typeof LAYERS)[number];

const ALLOWED: Record<Layer, readonly Layer[]> = {
  engine: [],
  flow: ['engine'],
  sweep: ['engine', 'flow'],
  worker: ['engine', 'flow', 'sweep'],
  ui: ['flow', 'worker', 'sweep'],
  cli: ['engine', 'flow', 'sweep', 'distributed'],
  distributed: ['engine', 'flow', 'sweep'],
};

/** The sweep modules that run the engine: the page never imports them (only workers do). */
const SWEEP_RUNS_ENGINE = /\/sweep\/(runner|replay)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

function layerOf(file: string): Layer | undefined {
  const top = relative(SRC, file).split(/[\\/]/)[0];
  return LAYERS.find((layer) => layer === top);
}

const IMPORT =
  /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/gm;

interface Import {
  readonly file: string;
  readonly target: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => ({
    file,
    target: match[3] ?? match[4] ?? match[5] ?? match[6] ?? '',
    typeOnly: Boolean(match[2]),
  }));
}

const files = sourceFiles(SRC).filter((file) => !/\.test\.tsx?$/.test(file));

describe('architecture', () => {
  it('keeps imports pointing one way between layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from) continue;
      for (const { target, typeOnly } of importsOf(file)) {
        if (!target.startsWith('.')) continue;
        const to = layerOf(resolve(file, '..', target));
        if (!to || to === from) continue;
        if (from === 'ui' && to === 'worker') {
          // The page speaks to the worker through its protocol and starts it by its entry file;
          // the session and everything else in the worker stay on the worker's side.
          if (/\/worker\/([a-z-]*protocol|[a-z]+\.worker\.ts)$/.test(target)) continue;
          violations.push(`${relative(SRC, file)} (ui) imports ${target}: only the protocol`);
          continue;
        }
        if (from === 'ui' && to === 'sweep' && !typeOnly && SWEEP_RUNS_ENGINE.test(target)) {
          violations.push(`${relative(SRC, file)} (ui) imports ${target}: it runs the engine`);
          continue;
        }
        if (ALLOWED[from].includes(to)) continue;
        if (from === 'ui' && to === 'engine' && typeOnly) continue;
        violations.push(`${relative(SRC, file)} (${from}) imports ${target} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the engine, the flow layer and the sweep core free of DOM, React and Node', () => {
    const forbidden =
      /^(react|react-dom|@xyflow|zustand|monaco-editor|@monaco-editor|node:|fs$|path$)/;
    const violations = files
      .filter((file) => ['engine', 'flow', 'sweep'].includes(layerOf(file) ?? ''))
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => forbidden.test(target))
          .map(({ target }) => `${relative(SRC, file)} imports ${target}`),
      );
    expect(violations).toEqual([]);
  });

  it('keeps the job queue in src/distributed: nothing else imports BullMQ or ioredis', () => {
    const queueLibraries = /^(bullmq|ioredis)(\/|$)/;
    const violations = files
      .filter((file) => layerOf(file) !== 'distributed')
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => queueLibraries.test(target))
          .map(({ target }) => `${relative(SRC, file)} imports ${target}`),
      );
    expect(violations).toEqual([]);
    // And the distributed layer is Node's: the page and the Web Workers never reach it.
    const reached = files
      .filter((file) => ['ui', 'worker', 'engine', 'flow', 'sweep'].includes(layerOf(file) ?? ''))
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => /(^|\/)distributed\//.test(target))
          .map(({ target }) => `${relative(SRC, file)} imports ${target}`),
      );
    expect(reached).toEqual([]);
  });

  it('never runs text as code', () => {
    const runsCode = /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/;
    const offenders = files.filter((file) => runsCode.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });
});
