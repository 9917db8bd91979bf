/**
 * The sweep store against a real redis-server (started here on a free loopback port): a row is
 * written once whatever runs its cell twice, a removed sweep takes no rows, and a shipped file
 * comes back only whole and unchanged.
 */
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../scripts/redis.mjs';
import { hashText } from '../sweep/job';
import { keys } from './keys';
import { type SweepMeta, SweepStore } from './store';

let server: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
let store: SweepStore;

const meta = (name: string, id: string): SweepMeta => ({
  id,
  name,
  flowName: 'test',
  flowHash: hashText('flow'),
  data: { kind: 'flow' },
  dataFile: null,
  files: [],
  total: 3,
  attempts: 3,
  replay: true,
  version: '0.0.0',
  created: 0,
  state: 'running',
});

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, '127.0.0.1');
  store = new SweepStore(redis);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe('the sweep store', () => {
  it('creates a sweep once: a second coordinator gets the first one’s id', async () => {
    expect(await store.create(meta('one', 'aaaaaaaaaaaaaaaa'), 'flow')).toBe('aaaaaaaaaaaaaaaa');
    expect(await store.create(meta('one', 'bbbbbbbbbbbbbbbb'), 'flow')).toBe('aaaaaaaaaaaaaaaa');
    expect((await store.meta('one'))?.id).toBe('aaaaaaaaaaaaaaaa');
    expect(await store.flow('one')).toBe('flow');
  });

  it('writes a row once: a cell run again leaves the first row and one stream entry', async () => {
    const id = 'cccccccccccccccc';
    await store.create(meta('twice', id), 'flow');
    expect(await store.writeRow('twice', id, 1, 'first')).toBe('written');
    expect(await store.writeRow('twice', id, 1, 'second')).toBe('already');
    expect(await store.writeRow('twice', id, 2, 'other')).toBe('written');
    expect(await store.rows('twice', [1, 2])).toEqual(['first', 'other']);
    expect(await redis.xlen(keys.done('twice'))).toBe(2);
    const all = await store.follow('twice', '0', 0);
    expect(all.indexes).toEqual([1, 2]);
    expect((await store.follow('twice', all.last, 0)).indexes).toEqual([]);
  });

  it('refuses rows for a sweep that was removed or replaced', async () => {
    const old = 'dddddddddddddddd';
    await store.create(meta('gone', old), 'flow');
    await store.remove('gone', await store.meta('gone'));
    expect(await store.writeRow('gone', old, 0, 'late')).toBe('no-sweep');
    await store.create(meta('gone', 'eeeeeeeeeeeeeeee'), 'flow');
    expect(await store.writeRow('gone', old, 0, 'late')).toBe('no-sweep');
    expect(await store.rows('gone', [0])).toEqual([null]);
  });

  it('gives back a shipped file only unchanged, and stops a file that inflates past its size', async () => {
    const text = 'date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n';
    await store.ship('files', text);
    expect(await store.shipped('files', hashText(text), text.length)).toBe(text);
    expect(await store.shipped('files', 'ffffffff-1', 10)).toBeNull();
    // Someone put other bytes under the hash: refused.
    await redis.set(keys.file('files', hashText(text)), gzipSync(Buffer.from(`${text}x`)));
    await expect(store.shipped('files', hashText(text), text.length + 1)).rejects.toThrow(
      /does not match its hash/,
    );
    // A small gzip that inflates to a gigabyte is stopped at the size the sweep recorded.
    await redis.set(keys.file('files', 'bomb'), gzipSync(Buffer.alloc(50_000_000)));
    await expect(store.shipped('files', 'bomb', 1000)).rejects.toThrow(
      /damaged or larger than its sweep recorded/,
    );
  });

  it('knows the workers alive by their heartbeats', async () => {
    const info = { host: 'h', pid: 1, slots: 2, version: '0', busy: 0, done: 0 };
    await store.heartbeat('w1', info, 10_000);
    await store.heartbeat('w2', { ...info, slots: 3 }, 10_000);
    expect((await store.workers(5000)).map((w) => w.slots).sort()).toEqual([2, 3]);
    await store.leave('w1');
    expect((await store.workers(5000)).map((w) => w.slots)).toEqual([3]);
  });
});
