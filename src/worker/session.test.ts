import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main';
import type { Trade } from '../engine';
import { CHART_POINTS, type FromWorker, type ToWorker, type TradeLine } from './protocol';
import { EngineSession, LOG_BUDGET, LOG_TAIL } from './session';

const root = resolve(import.meta.dirname, '../..');
const pipeline = readFileSync(join(root, 'examples/pipeline.yaml'), 'utf8');
const threeSymbols = readFileSync(join(root, 'examples/templates/three-symbols.yaml'), 'utf8');

/** A session whose timers run when the test says, with every message it posted. */
function harness() {
  const posted: FromWorker[] = [];
  const timers: (() => void)[] = [];
  let clock = 0;
  const session = new EngineSession({
    post: (message) => posted.push(message),
    sample: async (file) => readFileSync(join(root, 'public/data', file), 'utf8'),
    later: (callback) => timers.push(callback),
    now: () => clock,
  });
  const send = (message: ToWorker) => session.handle(message);
  /** Runs scheduled ticks, advancing the clock, until none is left or the limit is hit. */
  const drain = (limit = 10_000, stepMs = 100) => {
    for (let i = 0; i < limit && timers.length > 0; i++) {
      clock += stepMs;
      timers.shift()!();
    }
  };
  const of = <T extends FromWorker['type']>(type: T) =>
    posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { session, send, drain, posted, of };
}

const load = (flow = pipeline, speed = 0): ToWorker => ({
  type: 'load',
  flow,
  data: { kind: 'flow' },
  speed,
  samplesUrl: 'unused',
});

describe('the engine session', () => {
  it('loads a flow paused at bar 0 with the candles of its data', async () => {
    const h = harness();
    await h.send(load());
    const [loaded] = h.of('loaded');
    expect(loaded?.barsTotal).toBe(1260);
    expect(loaded?.chart).toEqual({
      symbol: 'AAPL',
      bucket: 1,
      totalBars: 1260,
      symbols: ['AAPL'],
    });
    expect(h.of('batch').at(-1)?.barsDone).toBe(0);
    // The moving averages are prices: they come as lines over the candles, the bar's own time.
    await h.send({ type: 'stepBar' });
    for (let i = 0; i < 25; i++) await h.send({ type: 'stepBar' });
    const lines = Object.assign({}, ...h.of('batch').map((b) => b.overlays));
    expect(Object.keys(lines).sort()).toEqual(['SMA_10', 'SMA_20']);
  });

  it('runs to the end and exports exactly what the headless runner prints', {
    timeout: 30_000,
  }, async () => {
    const h = harness();
    await h.send(load());
    await h.send({ type: 'play' });
    h.drain();
    const last = h.of('batch').at(-1)!;
    expect(last.status).toBe('finished');
    expect(last.barsDone).toBe(1260);
    const [results] = h.of('results');
    expect(results?.portfolios[0]?.metrics.trades).toBe(34);

    await h.send({ type: 'export', format: 'json' });
    const exported = JSON.parse(h.of('export')[0]!.files[0]!.text);

    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      printed.push(String(line));
    });
    const out = mkdtempSync(join(tmpdir(), 'session-'));
    await main(['run', join(root, 'examples/pipeline.yaml'), '--json', '--out', out]);
    spy.mockRestore();
    const cli = JSON.parse(printed.join('\n'));
    delete cli.seconds;
    delete cli.files;
    expect(exported).toEqual(cli);
  });

  it('sends every dead letter and breaker change, traces a trade, and exports them as the runner does', async () => {
    const faulty = pipeline.replace(
      'layout:',
      `event_system:
  retry: { broker: { max_attempts: 2, backoff: 1, backoff_unit: bars } }
  fault_injection: { broker: { failure_rate: 0.4, seed: 11 } }
  circuit_breaker: { error_rate: 0.3, min_events: 3, reset_after: 20 }

layout:`,
    );
    const h = harness();
    await h.send(load(faulty));
    await h.send({ type: 'play' });
    h.drain();
    const batches = h.of('batch');
    const last = batches.at(-1)!;
    expect(last.status).toBe('finished');
    const rows = batches.flatMap((b) => b.deadLetterRows);
    expect(last.deadLetters).toBeGreaterThan(0);
    expect(rows).toHaveLength(last.deadLetters);
    expect(rows.map((row) => row.index)).toEqual(rows.map((_, i) => i));
    expect(rows[0]).toMatchObject({ container: 'broker', source: 'risk' });
    expect(new Set(rows.map((row) => row.reason))).toContain('handler_error');
    expect(rows.find((row) => row.reason === 'handler_error')!.attempts).toBe(2);
    const breakers = batches.flatMap((b) => b.breakers);
    expect(breakers[0]).toMatchObject({ container: 'broker', from: 'closed', to: 'open' });
    expect(last.counters.find((c) => c.name === 'broker')!.rejected).toBeGreaterThan(0);

    const fill = h
      .of('batch')
      .flatMap((b) => b.log)
      .find((entry) => entry.type === 'FillEvent')!;
    expect(fill).toBeDefined();
    await h.send({ type: 'trace', correlationId: fill.correlation });
    const trade = h.of('trace')[0]!.trace!.chain.find((link) => link.event.type === 'FillEvent')!
      .event.trade_id!;
    await h.send({ type: 'tradeTrace', tradeId: trade });
    const [traced] = h.of('tradeTrace');
    expect(traced!.trade!.chains.length).toBeGreaterThan(0);
    expect(traced!.summaries[0]).toHaveLength(traced!.trade!.chains[0]!.chain.length);

    await h.send({ type: 'export', format: 'json' });
    await h.send({ type: 'export', format: 'csv' });
    const [json, csv] = h.of('export');
    const exported = JSON.parse(json!.files[0]!.text);
    expect(exported.dead_letter_records).toHaveLength(last.deadLetters);
    expect(exported.dead_letter_records[0].event.type).toBe(rows[0]!.type);
    expect(JSON.parse(json!.files[1]!.text).records).toEqual(exported.dead_letter_records);
    const letters = csv!.files.find((file) => file.name === 'dead_letters.csv')!.text;
    expect(letters.trim().split('\n')).toHaveLength(last.deadLetters + 1);

    const dir = mkdtempSync(join(tmpdir(), 'session-'));
    const flowFile = join(dir, 'faulty.yaml');
    writeFileSync(flowFile, faulty);
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      printed.push(String(line));
    });
    await main(['run', flowFile, '--json', '--out', join(dir, 'out')]);
    spy.mockRestore();
    const cli = JSON.parse(printed.join('\n'));
    delete cli.seconds;
    delete cli.files;
    expect(exported).toEqual(cli);
    expect(readFileSync(join(dir, 'out', 'dead_letters.csv'), 'utf8')).toBe(letters);
  }, 30_000);

  it('steps one event and one bar, and reset goes back to bar 0', async () => {
    const h = harness();
    await h.send(load());
    await h.send({ type: 'stepEvent' });
    const afterEvent = h.of('batch').at(-1)!;
    expect(afterEvent.log).toHaveLength(1);
    expect(afterEvent.log[0]?.type).toBe('BarEvent');
    await h.send({ type: 'stepBar' });
    await h.send({ type: 'stepBar' });
    expect(h.of('batch').at(-1)?.barsDone).toBe(2);
    await h.send({ type: 'reset' });
    expect(h.of('loaded')).toHaveLength(2);
    expect(h.of('batch').at(-1)?.barsDone).toBe(0);
  });

  it('paces a replay by the speed: 10 bars a second gives about 10 bars per simulated second', async () => {
    const h = harness();
    await h.send(load(pipeline, 10));
    await h.send({ type: 'play' });
    h.drain(10, 100); // one second of ticks
    const done = h.of('batch').at(-1)!.barsDone;
    expect(done).toBeGreaterThanOrEqual(9);
    expect(done).toBeLessThanOrEqual(11);
    await h.send({ type: 'pause' });
    h.drain();
    expect(h.of('batch').at(-1)!.status).toBe('paused');
  });

  it('never sends more than the log budget per batch, and counts the rest', async () => {
    const h = harness();
    await h.send(load());
    await h.send({ type: 'play' });
    h.drain();
    const batches = h.of('batch');
    const sent = batches.reduce((sum, b) => sum + b.log.length, 0);
    const skipped = batches.reduce((sum, b) => sum + b.logSkipped, 0);
    expect(batches.every((b) => b.log.length <= LOG_BUDGET)).toBe(true);
    expect(sent + skipped).toBe(batches.at(-1)!.events);
  });

  it('a fast run that skipped log lines sends the latest ones whole when it ends', {
    timeout: 30_000,
  }, async () => {
    const h = harness();
    const long = pipeline.replace(
      'component: sample_bars\n    params: { sample: aapl_daily }',
      'component: synthetic_bars\n    params: { bars: 30000, interval: 1h, seed: 3 }',
    );
    expect(long).not.toBe(pipeline);
    await h.send(load(long));
    await h.send({ type: 'play' });
    h.drain();
    const batches = h.of('batch');
    expect(batches.reduce((sum, b) => sum + b.logSkipped, 0)).toBeGreaterThan(0);
    const last = batches.at(-1)!;
    expect(last.status).toBe('finished');
    const tail = last.logTail!;
    expect(tail).toHaveLength(LOG_TAIL);
    // Complete: consecutive emissions up to the run's last event.
    expect(tail.every((entry, i) => i === 0 || entry.seq === tail[i - 1]!.seq + 1)).toBe(true);
    expect(tail.at(-1)!.seq).toBe(last.events); // seq counts from 1
  });

  it('sends each incident once as it happens, with the counts and the headline so far', async () => {
    const h = harness();
    await h.send(load(pipeline.replace('equity_pct: 95', 'equity_pct: 100')));
    await h.send({ type: 'play' });
    h.drain();
    const batches = h.of('batch');
    const fresh = batches.flatMap((b) => b.incidents.fresh);
    expect(fresh).toHaveLength(23);
    expect(new Set(fresh.map((i) => i.correlation_id)).size).toBe(23);
    const last = batches.at(-1)!.incidents;
    expect(last).toMatchObject({
      total: 23,
      by_kind: { cancelled_order: 23 },
      headline: '23 orders cancelled (23 insufficient_cash)',
      summary: '23 orders cancelled',
      labels: { cancelled_order: 'Cancelled orders' },
    });
    await h.send({ type: 'export', format: 'csv' });
    const file = h.of('export')[0]!.files.find((f) => f.name === 'incidents.csv')!;
    expect(file.text.trim().split('\n')).toHaveLength(24);
  });

  it('traces a fill back to its bar', async () => {
    const h = harness();
    await h.send(load());
    await h.send({ type: 'play' });
    h.drain();
    const fill = h
      .of('batch')
      .flatMap((b) => b.marks)
      .find((mark) => mark.kind === 'fill')!;
    await h.send({ type: 'trace', correlationId: fill.correlation });
    const trace = h.of('trace')[0]!.trace!;
    const types = trace.chain.map((link) => link.event.type);
    expect(types[0]).toBe('BarEvent');
    expect(types).toContain('TradingSignal');
    expect(types).toContain('OrderEvent');
    expect(types).toContain('FillEvent');
  });

  it('reports a CSV with a bad row by its line, and runs a good upload', async () => {
    const h = harness();
    const bad =
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,9,11,10,100\n';
    await h.send({ type: 'upload', file: new Blob([bad]), name: 'bad.csv' });
    const [failed] = h.of('uploadFailed');
    expect(failed?.problems[0]?.line).toBe(3);
    expect(failed?.problems[0]?.message).toMatch(/high/i);

    const rows = ['date,open,high,low,close,volume'];
    for (let i = 0; i < 60; i++) {
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      const price = 100 + 10 * Math.sin(i / 5);
      rows.push(`${day},${price},${price + 1},${price - 1},${price + 0.5},1000`);
    }
    await h.send({ type: 'upload', file: new Blob([rows.join('\n')]), name: 'mine.csv' });
    expect(h.of('uploaded')[0]?.rows).toBe(60);
    await h.send({ ...load(), data: { kind: 'upload' } } as ToWorker);
    expect(h.of('loaded').at(-1)?.barsTotal).toBe(60);
  });

  it('a flow that cannot compile says why', async () => {
    const h = harness();
    await h.send(load('name: x\ncontainers: {}\n'));
    expect(h.of('loadFailed')[0]?.problems[0]?.message).toMatch(/no data container/i);
  });
});

describe('the charts of a run of several symbols', () => {
  type Batch = Extract<FromWorker, { type: 'batch' }>;
  /** Messages posted from index `from` on. */
  const since = (h: ReturnType<typeof harness>, from: number) => h.posted.slice(from);
  const batchesOf = (messages: FromWorker[]) =>
    messages.filter((m): m is Batch => m.type === 'batch');
  const linesOf = (trades: readonly Trade[], symbol: string): TradeLine[] =>
    trades
      .filter((trade) => trade.symbol === symbol)
      .map((trade) => ({
        entryTime: trade.entry_time,
        entryPrice: trade.entry_price,
        exitTime: trade.exit_time,
        exitPrice: trade.exit_price,
        pnl: trade.pnl,
      }));

  it('charts the first symbol, and another one chosen during the run or after it', {
    timeout: 30_000,
  }, async () => {
    const h = harness();
    // Paced (20 bars a tick of the test's clock), so that every event is logged: the fills the
    // chart counts are checked against the log's.
    await h.send(load(threeSymbols, 200));
    expect(h.of('loaded')[0]!.chart).toEqual({
      symbol: 'AAA',
      bucket: 1,
      totalBars: 750,
      symbols: ['AAA', 'BBB', 'CCC'],
    });
    for (let i = 0; i < 300; i++) await h.send({ type: 'stepBar' });
    const early = h.of('batch');
    expect(early.at(-1)!.barsDone).toBe(300);
    // Trades are drawn as they close, not only at the end.
    expect(early.flatMap((b) => b.tradeLines).length).toBeGreaterThan(0);

    // During the run: everything of BBB so far, once, then its new data batch by batch.
    const mark = h.posted.length;
    await h.send({ type: 'chartSymbol', symbol: 'BBB' });
    const [chart, first] = since(h, mark);
    expect(chart).toEqual({ type: 'chart', chart: expect.objectContaining({ symbol: 'BBB' }) });
    expect(first?.type).toBe('batch');
    const switched = first as Batch;
    expect(switched.candles).toMatchObject({ first: 0, bars: 300 });
    expect(switched.candles!.time).toHaveLength(300);
    expect(Object.keys(switched.lineInfo ?? {}).sort()).toEqual(['SMA_10', 'SMA_20']);
    expect(switched.overlays.SMA_10!.time.length).toBeGreaterThan(280);
    await h.send({ type: 'play' });
    h.drain();
    const bbb = batchesOf(since(h, mark));
    expect(bbb.at(-1)!.status).toBe('finished');
    const candles = bbb.flatMap((b) => (b.candles ? Array.from(b.candles.time) : []));
    expect(candles).toHaveLength(750);
    const results = h.of('results')[0]!.portfolios[0]!;
    expect(bbb.flatMap((b) => b.tradeLines)).toEqual(linesOf(results.trades, 'BBB'));
    const fills = (symbol: string) =>
      h
        .of('batch')
        .flatMap((b) => b.log)
        .filter((entry) => entry.type === 'FillEvent' && entry.symbol === symbol).length;
    expect(bbb.at(-1)!.chartFills).toBe(fills('BBB'));

    // After the run: CCC whole in one batch, its fills counted, one mark per bar and side.
    const after = h.posted.length;
    await h.send({ type: 'chartSymbol', symbol: 'CCC' });
    const [, whole] = since(h, after) as [FromWorker, Batch];
    expect(whole.candles!.time).toHaveLength(750);
    expect(whole.tradeLines).toEqual(linesOf(results.trades, 'CCC'));
    const cccFills = whole.marks.filter((m) => m.kind === 'fill');
    expect(whole.chartFills).toBe(fills('CCC'));
    expect(cccFills.length).toBeGreaterThan(0);
    expect(new Set(cccFills.map((m) => `${m.time}:${m.side}`)).size).toBe(cccFills.length);
    expect(whole.tradeLines.some((t) => t.pnl > 0)).toBe(true);
    expect(whole.tradeLines.some((t) => t.pnl <= 0)).toBe(true);

    // Reset keeps the chosen symbol; a new load charts the symbol asked for if the run has it.
    await h.send({ type: 'reset' });
    expect(h.of('loaded').at(-1)!.chart!.symbol).toBe('CCC');
    await h.send({ ...load(threeSymbols), chartSymbol: 'BBB' } as ToWorker);
    expect(h.of('loaded').at(-1)!.chart!.symbol).toBe('BBB');
    await h.send({ ...load(threeSymbols), chartSymbol: 'ZZZ' } as ToWorker);
    expect(h.of('loaded').at(-1)!.chart!.symbol).toBe('AAA');
  });

  it('keeps every symbol within CHART_POINTS however long the run', {
    timeout: 60_000,
  }, async () => {
    const h = harness();
    const long = threeSymbols.replace('bars: 750', 'bars: 9000');
    await h.send(load(long));
    await h.send({ type: 'play' });
    h.drain();
    expect(h.of('batch').at(-1)!.status).toBe('finished');
    for (const symbol of ['BBB', 'CCC']) {
      const mark = h.posted.length;
      await h.send({ type: 'chartSymbol', symbol });
      const [chart, whole] = since(h, mark) as [Extract<FromWorker, { type: 'chart' }>, Batch];
      expect(chart.chart).toMatchObject({ symbol, bucket: 5, totalBars: 9000 });
      expect(whole.candles!.time.length).toBeLessThanOrEqual(CHART_POINTS);
      for (const points of Object.values(whole.overlays))
        expect(points.time.length).toBeLessThanOrEqual(CHART_POINTS);
      // One mark per candle and side at most; signals are left to the log.
      expect(whole.marks.every((m) => m.kind === 'fill')).toBe(true);
      expect(whole.marks.length).toBeLessThanOrEqual(2 * CHART_POINTS);
      expect(whole.tradeLines.length).toBeGreaterThan(0);
    }
  });
});
