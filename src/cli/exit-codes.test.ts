/**
 * The runner's exit codes as a shell sees them: the runner is built as `npm install` builds it and
 * run as a process, once per outcome (README, "Exit codes").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from './main';

// In this file's own process (not the spawned runner), the engine has a bug: the run throws.
vi.mock('../engine', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../engine')>()),
  createRun: () => {
    throw new TypeError('a bug planted by this test');
  },
}));

const root = resolve(import.meta.dirname, '../..');
// Two levels below the root, as dist-cli is one: the runner finds public/data from there.
const bundle = join(root, 'node_modules/.cli-test/flow-studio.mjs');
const work = mkdtempSync(join(tmpdir(), 'flow-studio-exit-'));
const pipeline = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd: work, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  mkdirSync(join(root, 'node_modules/.cli-test'), { recursive: true });
  execFileSync(
    'npx',
    // A directory, not one file: the queue's commands are chunks loaded only when used.
    [
      'rolldown',
      'src/cli/entry.ts',
      '--platform',
      'node',
      '--format',
      'esm',
      '--dir',
      dirname(bundle),
      '--entryFileNames',
      basename(bundle),
      '--chunkFileNames',
      'chunk-[name].mjs',
    ],
    { cwd: root, stdio: 'pipe' },
  );
}, 60_000);

describe('exit codes', () => {
  it('0: the run finished', () => {
    const result = run('run', join(root, 'examples/pipeline.yaml'), '--out', join(work, 'ok'));
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/Total return/);
  }, 30_000);

  it('1: the engine stopped the run, and says why', () => {
    const flow = file('runaway.yaml', `${pipeline}\nrun:\n  max_events_per_bar: 1\n`);
    const result = run('run', flow, '--out', join(work, 'runaway'));
    expect(result.code).toBe(EXIT.runFailed);
    expect(result.stderr).toMatch(/The run failed: More than 1 deliveries in one bar step/);
  }, 30_000);

  it('2: arguments, files, flows and data that are not right, each said in words', () => {
    const cases: [string[], RegExp][] = [
      [['walk'], /Unknown command "walk"/],
      [['run', join(work, 'missing.yaml')], /Cannot read .*missing\.yaml: no such file/],
      [
        ['run', file('empty.yaml', '\n# nothing yet\n')],
        /empty\.yaml:1:1: error: The flow is empty/,
      ],
      [
        ['run', file('nested.yaml', `name: ${'['.repeat(900_000)}${']'.repeat(900_000)}`)],
        /nested\.yaml:1:70: error: The flow nests deeper than 64 levels here/,
      ],
      [
        [
          'run',
          file('typed.yaml', 'name: x\nevent_flow:\n  - type: hierarchical\n    parent: 42\n'),
        ],
        /typed\.yaml:4:13: error: event_flow\[0\]\.parent should be a container name, not the number 42/,
      ],
      [
        ['run', join(root, 'examples/pipeline.yaml'), '--data', file('empty.csv', '')],
        /empty\.csv: error: data: The file is empty/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.code, args.join(' ')).toBe(EXIT.input);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/Maximum call stack|at .*\.mjs:\d+/);
    }
  }, 60_000);

  it('3: a fault of the runner itself is said to be one, with what a report needs', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line) => errors.push(String(line)));
    const code = await main([
      'run',
      join(root, 'examples/pipeline.yaml'),
      '--out',
      join(work, 'bug'),
    ]);
    spy.mockRestore();
    expect(code).toBe(EXIT.internal);
    expect(errors.join('\n')).toMatch(
      /internal error\. This is a fault in Flow Studio, not in your flow or data[\s\S]*TypeError: a bug planted by this test/,
    );
  });
});
