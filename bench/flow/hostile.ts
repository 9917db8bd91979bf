/**
 * bench/flow: how long the flow reader takes on the worst texts that keep within its limits (2 MB,
 * 64 levels, 50,000 entries), against the YAML library alone parsing the same text (the baseline:
 * what any reader must pay), and on the hostile texts past the limits, which must be refused at
 * once. The reader runs in a worker in the app; these figures bound how long a worker is busy and
 * how long the headless runner takes before it answers.
 *
 * Run: npm run bench:flow
 */
import { parseDocument } from 'yaml';
import { FLOW_LIMITS } from '../../src/flow/limits';
import { parseFlow } from '../../src/flow/parse';
import { best, section } from '../report';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const lines = (count: number, line: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');
const ENTRIES = FLOW_LIMITS.entries - 100;

const cases: readonly (readonly [string, string])[] = [
  [
    'the largest example flow (examples/multi-strategy.yaml size)',
    `name: small\ncontainers:\n${lines(20, (i) => `  c${i}: { component: sma, params: { period: ${i + 2} } }`)}\n`,
  ],
  ['49,900 unknown keys at the top', `name: x\n${lines(ENTRIES, (i) => `k${i}: ${i}`)}\n`],
  [
    '12,000 containers in one pipeline',
    `name: x\ncontainers:\n${lines(12_000, (i) => `  c${i}: { component: sma }`)}\nevent_flow:\n  - type: pipeline\n    containers: [${lines(12_000, (i) => `c${i}`).replaceAll('\n', ', ')}]\n`,
  ],
  [
    '10,000 references to missing containers',
    `name: x\ncontainers:\n${lines(10_000, (i) => `  c${i}: { component: sma }`)}\nevent_flow:\n  - type: pipeline\n    containers: [${lines(10_000, (i) => `d${i}`).replaceAll('\n', ', ')}]\n`,
  ],
  ['49,900 list items', `name: x\nlayout:\n${lines(ENTRIES, () => '  - 1')}\n`],
  [
    '49,900 values in brackets',
    `name: x\nrun: [${lines(ENTRIES, (i) => `${i}`).replaceAll('\n', ',')}]\n`,
  ],
  ['49,900 duplicate keys', `name: x\nlayout:\n${lines(ENTRIES, (i) => `  k${i % 10}: [1, 2]`)}\n`],
  ['a 1.9 MB description', `name: x\ndescription: "${'lorem ipsum '.repeat(158_000)}"\n`],
  ['nesting 64 levels, 700 times', lines(700, (i) => `k${i}: ${'['.repeat(62)}${']'.repeat(62)}`)],
  [
    '1.8 MB of nested brackets (past the limit)',
    `name: ${'['.repeat(900_000)}${']'.repeat(900_000)}`,
  ],
  ['60,000 list items (past the limit)', `name: x\nlayout:\n${lines(60_000, () => '  - 1')}\n`],
];

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const rows: string[][] = [['text', 'size', 'YAML library alone', 'flow reader', 'first problem']];
for (const [label, text] of cases) {
  let verdict = '';
  const reader = best(REPEATS, () =>
    time(() => {
      const parsed = parseFlow(text);
      const first = parsed.diagnostics[0];
      verdict = first ? `${first.line}:${first.column} ${first.message.slice(0, 60)}` : 'none';
    }),
  );
  // The library alone, where it can: past the depth limit it exhausts the stack.
  let library = 'stack overflow';
  try {
    library = `${best(REPEATS, () => time(() => parseDocument(text, { uniqueKeys: false }).toJS())).toFixed(0)} ms`;
  } catch {}
  rows.push([
    label,
    `${(text.length / 1e6).toFixed(2)} MB`,
    library,
    `${reader.toFixed(0)} ms`,
    verdict,
  ]);
}
section(`Reading hostile flows (best of ${REPEATS})`, rows);
