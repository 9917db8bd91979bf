import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, idbStore } from '../store/idb';
import {
  AUTOSAVE_FOLD_MS,
  type FlowVersion,
  MAX_VERSIONS,
  useVersionProblem,
  versionHistory,
} from './versionStore';

describe('version history', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(async () => {
    clock = 1_000_000;
    closeDatabase();
    await idbStore('versions').clear();
    useVersionProblem.setState({ problem: null });
  });

  it('keeps a version per reason, folds a minute of autosaves into one, and never one text twice in a row', async () => {
    const history = versionHistory(idbStore<FlowVersion>('versions'), now);
    history.note('a', 'name: A\n', 'opened');
    clock += 1_000;
    history.note('a', 'name: A1\n', 'autosave');
    clock += 1_000;
    history.note('a', 'name: A2\n', 'autosave');
    clock += AUTOSAVE_FOLD_MS + 1;
    history.note('a', 'name: A3\n', 'autosave');
    history.note('a', 'name: A3\n', 'autosave');
    history.note('b', 'name: B\n', 'opened');
    const a = await history.list('a');
    expect(a.ok && a.value.map((v) => [v.text, v.reason])).toEqual([
      ['name: A3\n', 'autosave'],
      ['name: A2\n', 'autosave'],
      ['name: A\n', 'opened'],
    ]);
    // A new page reads the same history back from IndexedDB.
    const reread = await versionHistory(idbStore<FlowVersion>('versions'), now).list('a');
    expect(reread.ok && reread.value.map((v) => v.text)).toEqual([
      'name: A3\n',
      'name: A2\n',
      'name: A\n',
    ]);
  });

  it('keeps the edit a restore replaces, instead of folding the next edits into it', async () => {
    const history = versionHistory(idbStore<FlowVersion>('versions'), now);
    history.note('a', 'name: A\n', 'opened');
    history.note('a', 'name: A30\n', 'autosave');
    history.note('a', 'name: A30\n', 'before restore');
    history.note('a', 'name: A\n', 'autosave');
    const a = await history.list('a');
    expect(a.ok && a.value.map((v) => [v.text, v.reason])).toEqual([
      ['name: A\n', 'autosave'],
      ['name: A30\n', 'before restore'],
      ['name: A\n', 'opened'],
    ]);
  });

  it(`keeps each flow's newest ${MAX_VERSIONS}, and forgets a deleted flow's`, async () => {
    const history = versionHistory(idbStore<FlowVersion>('versions'), now);
    for (let i = 0; i < MAX_VERSIONS + 5; i++) {
      clock += 1;
      history.note('a', `name: A${i}\n`, 'opened');
    }
    history.note('b', 'name: B\n', 'opened');
    const a = await history.list('a');
    expect(a.ok && a.value.length).toBe(MAX_VERSIONS);
    expect(a.ok && a.value.at(-1)?.text).toBe('name: A5\n');
    history.forget('a');
    await history.settled();
    const stored = await idbStore<FlowVersion>('versions').all();
    expect(stored.ok && stored.value.map((v) => v.flowId)).toEqual(['b']);
  });

  it('says why when the browser refuses to keep versions', async () => {
    const refusing = {
      put: async () => ({ ok: false as const, error: 'The quota has been exceeded' }),
      all: async () => ({ ok: true as const, value: [] }),
      delete: async () => ({ ok: true as const, value: undefined }),
    };
    const history = versionHistory(refusing, now);
    history.note('a', 'name: A\n', 'opened');
    await history.settled();
    expect(useVersionProblem.getState().problem).toBe('The quota has been exceeded');
  });
});
