import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const root = resolve(import.meta.dirname, '../..');
let out: string;
let printed: string[];
let errors: string[];

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'flow-studio-'));
  printed = [];
  errors = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => errors.push(String(line)));
});
afterEach(() => vi.restoreAllMocks());

describe('flow-studio run', () => {
  it('runs a flow, prints its metrics and writes its trades and fills', async () => {
    expect(await main(['run', join(root, 'examples/pipeline.yaml'), '--out', out])).toBe(0);
    const text = printed.join('\n');
    expect(text).toMatch(/SMA crossover \(pipeline\): 1,260 bars/);
    expect(text).toMatch(/Total return\s+79\.83%/);
    const trades = readFileSync(join(out, 'trades.csv'), 'utf8').trim().split('\n');
    expect(trades[0]).toBe(
      'strategy,symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,pnl,return_pct,commission,bars_held,exit_reason',
    );
    expect(trades).toHaveLength(35);
    const fills = readFileSync(join(out, 'fills.csv'), 'utf8').trim().split('\n');
    expect(fills.length).toBeGreaterThan(60);
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).trades).toBe(34);
  });

  it('prints where a flow cannot work as drawn, with its line and column, and still runs it', async () => {
    const flow = readFileSync(join(root, 'examples/selective.yaml'), 'utf8').replace(
      'signal.strength > 0.6',
      'signal.strenght > 0.6',
    );
    const file = join(out, 'misspelt.yaml');
    writeFileSync(file, flow);
    expect(await main(['run', file, '--out', out])).toBe(0);
    expect(errors).toContain(
      `${file}:35:21: warning: A TradingSignal has no field "strenght", so this reads null. Did you mean "strength"?`,
    );
  });

  it('writes every dead letter and breaker change when a flow has some, and says so', async () => {
    const flow = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8').replace(
      'layout:',
      `event_system:
  fault_injection: { risk: { fail_on: 3, fail_times: 5 } }
  circuit_breaker: { error_rate: 0.5, min_events: 5, reset_after: 2 }

layout:`,
    );
    const file = join(out, 'faulty.yaml');
    writeFileSync(file, flow);
    expect(await main(['run', file, '--out', out])).toBe(0);
    const text = printed.join('\n');
    // Risk handles a bar and two indicators a bar: deliveries 3 to 7 fail, the breaker opens on
    // the fifth outcome, refuses for two bars, fails its trials twice and then closes.
    expect(text).toMatch(/8 dead letters: handler_error 5, circuit_open 3; see dead_letters\.csv/);
    expect(text).toMatch(
      /circuit breaker of risk closed → open at bar 4: error rate 0\.60 above 0\.5 \(3 of the last 5 outcomes failed\); refusing events for 2 bars/,
    );
    expect(text).toMatch(/circuit breaker of risk open → half-open at bar 6: open for 2 bars/);
    expect(text).toMatch(/circuit breaker of risk half-open → closed at bar 11: 3 trial events/);
    const letters = readFileSync(join(out, 'dead_letters.csv'), 'utf8').trim().split('\n');
    expect(letters[0]).toBe(
      'time,bar,container,source,reason,attempts,error,event_type,event_id,correlation_id,trade_id,event',
    );
    expect(letters).toHaveLength(9);
    expect(letters[1]).toMatch(
      /,risk,crossover,handler_error,1,"injected fault: delivery 3 fails \(fail_on 3, 5 in a row\)",BarEvent,/,
    );
    const breakers = readFileSync(join(out, 'breakers.csv'), 'utf8').trim().split('\n');
    expect(breakers[1]).toMatch(/,risk,closed,open,/);
  });

  it('says so on its first lines when orders were cancelled, lists every incident and writes them', async () => {
    // 100% of equity at the decision close: an entry the next open makes dearer is cancelled.
    const flow = join(out, 'all-in.yaml');
    writeFileSync(
      flow,
      readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8').replace(
        'equity_pct: 95',
        'equity_pct: 100',
      ),
    );
    expect(await main(['run', flow, '--out', out])).toBe(0);
    expect(printed[1]).toBe(
      'Warning: 23 orders cancelled (23 insufficient_cash). See "Nothing silent" below.',
    );
    const text = printed.join('\n');
    expect(text).toContain(
      `Nothing silent: 23 orders cancelled (every one in ${join(out, 'incidents.csv')})`,
    );
    expect(text).toMatch(
      /Cancelled orders {2}insufficient_cash {2}23 {2}e\.g\. order risk-3: insufficient cash: 1698 × 70\.07/,
    );
    const rows = readFileSync(join(out, 'incidents.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'time,kind,reason,container,event_type,symbol,detail,correlation_id,details',
    );
    expect(rows).toHaveLength(24);
    expect(rows[1]).toMatch(/^2013-10-03T00:00:00\.000Z,cancelled_order,insufficient_cash,broker,/);
    printed = [];
    expect(await main(['run', flow, '--json', '--out', out])).toBe(0);
    const incidents = JSON.parse(printed.join('\n')).incidents;
    expect(incidents.by_kind).toEqual({ cancelled_order: 23 });
    expect(incidents.entries).toHaveLength(23);
  });

  it('says nothing was lost when nothing was', async () => {
    expect(await main(['run', join(root, 'examples/pipeline.yaml'), '--out', out])).toBe(0);
    expect(printed[1]).toMatch(/^\nPortfolio/);
    expect(printed).toContain(
      '\nNothing silent: no order cancelled, no signal rejected, no dead letter, no event dropped.',
    );
    const text = printed.join('\n');
    // The position still open, and the benchmark.
    expect(text).toContain(
      '  Open: crossover LONG 909 AAPL since 2018-05-09 at 186.55, last 188.59, unrealised 1,854.35',
    );
    expect(text).toMatch(/Buy and hold return\s+190\.30%/);
  });

  it('prints JSON with --json', async () => {
    expect(await main(['run', join(root, 'examples/pipeline.yaml'), '--json', '--out', out])).toBe(
      0,
    );
    const result = JSON.parse(printed.join('\n'));
    expect(result.portfolios.portfolio.metrics.trades).toBe(34);
    expect(result.portfolios.portfolio.trades[0]).toMatchObject({ side: 'LONG', symbol: 'AAPL' });
  });

  it('runs the flow on the CSV given with --data', async () => {
    const day = (i: number) =>
      new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 60 }, (_, i) => {
      const price = 100 + 10 * Math.sin(i / 5);
      return `${day(i)},${price},${price + 1},${price - 1},${price},1000`;
    });
    const csv = ['Date,Open,High,Low,Close,Volume', ...rows].join('\n');
    const file = join(out, 'bars.csv');
    writeFileSync(file, csv);
    expect(
      await main([
        'run',
        join(root, 'examples/pipeline.yaml'),
        '--data',
        file,
        '--json',
        '--out',
        out,
      ]),
    ).toBe(0);
    expect(JSON.parse(printed.join('\n')).bars).toBe(60);
  });

  it('names the line and column of a bad CSV row', async () => {
    const file = join(out, 'bad.csv');
    writeFileSync(
      file,
      'Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,1,2,3\n2024-01-02,1,1,2,1,3\n',
    );
    expect(
      await main(['run', join(root, 'examples/pipeline.yaml'), '--data', file, '--out', out]),
    ).toBe(2);
    expect(errors).toEqual([
      `${file}: error: data: line 3, column High: high (1) is below low (2)`,
    ]);
  });

  it('reports flow errors with file, line and column', async () => {
    const file = join(out, 'broken.yaml');
    writeFileSync(file, 'containers:\n  a: { component: nope }\n');
    expect(await main(['run', file])).toBe(2);
    expect(errors[0]).toBe(`${file}:2:19: error: Unknown component "nope".`);
  });

  it('explains its usage', async () => {
    expect(await main(['walk'])).toBe(2);
    expect(errors[0]).toMatch(/Unknown command "walk"/);
    expect(await main(['--help'])).toBe(0);
    expect(printed[0]).toMatch(/Usage: flow-studio run FLOW.yaml/);
  });
});
