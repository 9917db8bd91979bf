/**
 * What needs no queue to test: the queue address, rows as exact text, the checks a worker makes
 * on an untrusted job, and that a job's cell must be one of its flow's.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CellJob, failedResult } from '../sweep/job';
import { planSweep } from '../sweep/plan';
import { cellProblem } from './cell-check';
import { decodeExact, decodeRow, encodeExact, encodeRow } from './codec';
import { connectionProblem, parseQueueAddress, redisOptions } from './connection';
import { checkSweepName, defaultSweepName } from './keys';
import { checkQueueJob, JOB_LIMITS } from './queue-job';

const root = resolve(import.meta.dirname, '../..');
const SWEEP = readFileSync(join(root, 'examples/sma-sweep.yaml'), 'utf8');

function jobsOf(flow: string): readonly CellJob[] {
  const planned = planSweep(flow, { kind: 'flow' });
  if (!planned.ok) throw new Error(planned.problems.join('\n'));
  return planned.plan.jobs;
}

const queueJob = (job: CellJob) => ({ v: 1, sweep: 'sma', id: '0123456789abcdef', job });

describe('the queue address', () => {
  it('reads host, port, database, user, password and TLS, and never shows the password', () => {
    const plain = parseQueueAddress('redis://10.1.2.3:6380/2');
    expect(plain).toMatchObject({ host: '10.1.2.3', port: 6380, db: 2, tls: false });
    expect(plain.password).toBeUndefined();
    const secret = parseQueueAddress('rediss://sweeper:p%40ss%20word@queue.example:7000');
    expect(secret).toMatchObject({ username: 'sweeper', password: 'p@ss word', tls: true });
    expect(secret.display).toBe('rediss://sweeper@queue.example:7000');
    expect(redisOptions(secret)).toMatchObject({
      host: 'queue.example',
      port: 7000,
      username: 'sweeper',
      password: 'p@ss word',
      tls: { servername: 'queue.example' },
    });
    expect(parseQueueAddress('redis://[::1]').display).toBe('redis://[::1]:6379');
  });

  it('takes the password from FLOW_STUDIO_QUEUE_PASSWORD when the address has none', () => {
    const env = { FLOW_STUDIO_QUEUE_PASSWORD: 'from-env' };
    expect(parseQueueAddress('redis://h:1', { env }).password).toBe('from-env');
    expect(parseQueueAddress('redis://:given@h:1', { env }).password).toBe('given');
  });

  it('refuses what is not a Redis address, in plain words', () => {
    expect(() => parseQueueAddress('localhost:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueAddress('http://h:1')).toThrow(/not a http:\/\/ one/);
    expect(() => parseQueueAddress('redis://:secret@h:1/x')).toThrow(/only a database number/);
    expect(() => parseQueueAddress('redis://:secret@h:1/x')).not.toThrow(/secret/);
    expect(() => parseQueueAddress('redis://h:1', { caFile: '/ca.pem' })).toThrow(/rediss:\/\//);
  });

  it('says what a connection error means', () => {
    const address = parseQueueAddress('redis://h:1');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(connectionProblem(address, refused)).toBe(
      'nothing answers at the queue at redis://h:1 (connection refused)',
    );
    expect(
      connectionProblem(address, new Error('WRONGPASS invalid username-password pair')),
    ).toMatch(/refused the user name or password/);
    expect(connectionProblem(address, new Error('NOAUTH Authentication required.'))).toMatch(
      /wants a password/,
    );
  });
});

describe('sweep names', () => {
  it('accepts plain names and derives one from the flow file', () => {
    expect(checkSweepName('sma-2024_v1.2')).toBeNull();
    expect(checkSweepName('../x')).toMatch(/1 to 64 letters/);
    expect(checkSweepName('a:b')).toMatch(/1 to 64 letters/);
    expect(defaultSweepName('/flows/My SMA sweep.yaml', '3e536fb6-a1')).toBe(
      'My-SMA-sweep-3e536fb6',
    );
  });
});

describe('rows as exact text', () => {
  it('keeps NaN, ±Infinity and -0, which JSON loses', () => {
    const values = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      0,
      0.1 + 0.2,
    ];
    const back = decodeExact(encodeExact(values)) as number[];
    values.forEach((value, i) => {
      expect(Object.is(back[i], value)).toBe(true);
    });
  });

  it('reads a row back equal, and refuses text that is not a row', () => {
    const row = {
      ...failedResult({ index: 3, cell: { 'sma.period': 5 } }, 'boom'),
      metrics: { sharpe: Number.NaN, profit_factor: Number.POSITIVE_INFINITY, trades: 0 },
    } as unknown as ReturnType<typeof failedResult>;
    expect(decodeRow(encodeRow(row))).toEqual(row);
    expect(decodeRow('{"index": "x"}')).toMatch(/not a sweep row/);
    expect(decodeRow('not json')).toMatch(/not JSON/);
  });
});

describe('a job from the queue is untrusted input', () => {
  const job = jobsOf(SWEEP)[0]!;

  it('takes a well-formed job', () => {
    const check = checkQueueJob(queueJob(job));
    expect(check.ok).toBe(true);
  });

  it('refuses a job that is not a cell job, saying what is wrong and where it claims to belong', () => {
    expect(checkQueueJob('hello')).toMatchObject({ ok: false });
    expect(checkQueueJob(null)).toMatchObject({ ok: false });
    expect(checkQueueJob({ ...queueJob(job), v: 2 })).toMatchObject({ ok: false, reason: /^v:/ });
    const wrongIndex = checkQueueJob(queueJob({ ...job, index: -1 }));
    expect(wrongIndex).toMatchObject({ ok: false, reason: /^job\.index:/, sweep: 'sma' });
    const extra = checkQueueJob({ ...queueJob(job), run: 'rm -rf /' });
    expect(extra).toMatchObject({ ok: false });
    const nested = checkQueueJob(queueJob({ ...job, cell: { 'sma.period': { $gt: 1 } } } as never));
    expect(nested).toMatchObject({ ok: false, reason: /^job\.cell/ });
  });

  it('refuses keys that could reach a prototype, and too many values', () => {
    const hostile = JSON.parse(
      `{"v":1,"sweep":"sma","id":"0123456789abcdef","job":${JSON.stringify({ ...job, cell: {} }).replace('"cell":{}', '"cell":{"__proto__":{"polluted":true}}')}}`,
    );
    expect(checkQueueJob(hostile)).toMatchObject({ ok: false, reason: /"__proto__"/, index: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const wide = Object.fromEntries(
      Array.from({ length: JOB_LIMITS.cellValues + 1 }, (_, i) => [`c.p${i}`, i]),
    );
    expect(checkQueueJob(queueJob({ ...job, cell: wide }))).toMatchObject({
      ok: false,
      reason: /1001 values; at most 1000/,
    });
  });

  it('refuses an oversized job by its size, before reading its shape', () => {
    const huge = queueJob({ ...job, flow: 'x'.repeat(JOB_LIMITS.chars + 1) });
    expect(checkQueueJob(huge)).toMatchObject({
      ok: false,
      reason: /is 2\.2 MB; a job is limited/,
    });
  });

  it('runs a cell only if it is its flow grid’s cell at that index', () => {
    const jobs = jobsOf(SWEEP);
    for (const one of jobs.slice(0, 5)) expect(cellProblem(one)).toBeNull();
    const first = jobs[0]!;
    expect(cellProblem({ ...first, cell: { ...first.cell, 'sma_fast.period': 7 } })).toMatch(
      /not those of cell #0/,
    );
    expect(cellProblem({ ...first, index: 100 })).toMatch(/past the end of its flow's grid \(100/);
    expect(cellProblem({ ...first, cell: { ...first.cell, 'risk.equity_pct': 50 } })).toMatch(
      /not those of cell #0/,
    );
  });
});
