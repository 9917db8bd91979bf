import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Metrics } from '../../engine/metrics/metrics';
import { closeDatabase, idbStore } from '../store/idb';
import { MAX_RUNS, type RunRecord, useHistory } from './history';

const metrics = { total_return: 0.1, sharpe: 1 } as Metrics;
const run = (i: number): RunRecord => ({
  id: `run-${i}`,
  kind: 'run',
  name: `Run ${i}`,
  savedAt: 1_000 + i,
  flow: 'name: x',
  portfolio: 'portfolio',
  metrics,
  time: [1, 2],
  equity: [100, 110],
});

beforeEach(async () => {
  closeDatabase();
  indexedDB.deleteDatabase('flow-studio');
  useHistory.setState({ records: [], loaded: false, error: null });
});

describe('run history', () => {
  it('keeps runs in IndexedDB, newest first, across a reload of the page', async () => {
    await useHistory.getState().add(run(1));
    await useHistory.getState().add(run(2));
    useHistory.setState({ records: [], loaded: false });
    await useHistory.getState().load();
    expect(useHistory.getState().records.map((r) => r.id)).toEqual(['run-2', 'run-1']);
  });

  it('is bounded: the oldest runs go as new ones come', async () => {
    for (let i = 0; i < MAX_RUNS + 3; i++) await useHistory.getState().add(run(i));
    expect(useHistory.getState().records).toHaveLength(MAX_RUNS);
    const stored = await idbStore<RunRecord>('runs').all();
    expect(stored.ok && stored.value.length).toBe(MAX_RUNS);
    expect(useHistory.getState().records.at(-1)?.id).toBe('run-3');
  });

  it('deletes one run, or all', async () => {
    await useHistory.getState().add(run(1));
    await useHistory.getState().add(run(2));
    await useHistory.getState().remove('run-1');
    expect(useHistory.getState().records.map((r) => r.id)).toEqual(['run-2']);
    await useHistory.getState().clear();
    const stored = await idbStore<RunRecord>('runs').all();
    expect(stored.ok && stored.value).toEqual([]);
  });
});
