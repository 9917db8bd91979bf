/**
 * A sweep's state in Redis, beside BullMQ's queue (see keys.ts): its description, the rows its
 * cells wrote, the order they came in, the CSV files shipped for it, and the workers alive.
 *
 * Rows are written exactly once: a row goes in only if its cell has none yet (HSETNX), and its
 * index is appended to the sweep's stream in the same atomic script, so a cell run twice (a
 * duplicate delivery, a worker that was thought dead and was not) leaves one row and one entry,
 * and a row of a sweep that was replaced or removed is refused.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { type DataRef, hashText } from '../sweep/job';
import { keys } from './keys';

export interface SweepFile {
  /** The name the flow's csv_bars container gives (or the --data file's path). */
  readonly name: string;
  /** Its absolute path on the coordinator's machine (workers may read it there, --by-path). */
  readonly path: string;
  readonly hash: string;
  readonly chars: number;
  /** In the queue's store (else workers read `path` from a folder they allow). */
  readonly shipped: boolean;
}

/** Every file of a sweep: the flow's and the --data file. */
export function filesOf(meta: SweepMeta): SweepFile[] {
  return meta.dataFile ? [...meta.files, meta.dataFile] : [...meta.files];
}

export interface SweepMeta {
  readonly id: string;
  readonly name: string;
  readonly flowName: string;
  readonly flowHash: string;
  readonly data: DataRef;
  /** The CSV given with --data, which replaces every data container's bars. */
  readonly dataFile: SweepFile | null;
  /** The CSV files the flow's csv_bars containers name (when there is no --data). */
  readonly files: readonly SweepFile[];
  readonly total: number;
  readonly attempts: number;
  /** Cells may replay recorded signals (--no-replay turns it off). */
  readonly replay: boolean;
  readonly version: string;
  /** When it was created, by the Redis server's clock (ms), as its stream entries' ids are. */
  readonly created: number;
  readonly state: 'running' | 'done';
}

/** The largest CSV the coordinator ships into the store; larger ones are read by path. */
export const SHIP_LIMIT_CHARS = 256_000_000;

const WRITE_ROW = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return -1 end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 then
  redis.call('XADD', KEYS[3], '*', 'i', ARGV[2])
  return 1
end
return 0`;

const CREATE = `
local id = redis.call('HGET', KEYS[1], 'id')
if id then return id end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'meta', ARGV[2], 'flow', ARGV[3])
return ARGV[1]`;

export type RowWrite = 'written' | 'already' | 'no-sweep';

/** The two scripts above, as commands of a client (sent once, then run by their SHA). */
interface Scripts {
  flowStudioWriteRow(...args: string[]): Promise<number>;
  flowStudioCreate(...args: string[]): Promise<string>;
}

export class SweepStore {
  private readonly redis: Redis & Scripts;

  constructor(redis: Redis) {
    if (!('flowStudioWriteRow' in redis)) {
      redis.defineCommand('flowStudioWriteRow', { numberOfKeys: 3, lua: WRITE_ROW });
      redis.defineCommand('flowStudioCreate', { numberOfKeys: 1, lua: CREATE });
    }
    this.redis = redis as Redis & Scripts;
  }

  /** Creates the sweep unless one of that name exists; returns the id of the one that is there. */
  async create(meta: SweepMeta, flow: string): Promise<string> {
    const id = await this.redis.flowStudioCreate(
      keys.sweep(meta.name),
      meta.id,
      JSON.stringify(meta),
      flow,
    );
    return String(id);
  }

  /** The Redis server's clock, in ms: the one clock every coordinator and worker shares. */
  async now(): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  async meta(name: string): Promise<SweepMeta | null> {
    const [id, text] = await this.redis.hmget(keys.sweep(name), 'id', 'meta');
    if (!id || !text) return null;
    try {
      const meta = JSON.parse(text) as SweepMeta;
      return meta.id === id ? meta : null;
    } catch {
      return null;
    }
  }

  async flow(name: string): Promise<string | null> {
    return this.redis.hget(keys.sweep(name), 'flow');
  }

  /** Removes a sweep's keys; rows its leftover jobs try to write are then refused. */
  async remove(name: string, meta: SweepMeta | null): Promise<void> {
    const files = (meta ? filesOf(meta) : []).map((file) => keys.file(name, file.hash));
    await this.redis.del(keys.sweep(name), keys.rows(name), keys.done(name), ...files);
  }

  async ship(name: string, text: string): Promise<void> {
    const hash = hashText(text);
    await this.redis.set(keys.file(name, hash), gzipSync(Buffer.from(text, 'utf8')), 'NX');
  }

  /** A shipped file's text, checked against its hash; null when the store does not hold it. */
  async shipped(name: string, hash: string, chars: number): Promise<string | null> {
    const packed = await this.redis.getBuffer(keys.file(name, hash));
    if (packed === null) return null;
    let text: string;
    try {
      // A UTF-8 character is at most 4 bytes: the limit stops a "zip bomb" early.
      text = gunzipSync(packed, { maxOutputLength: Math.max(chars, 1) * 4 }).toString('utf8');
    } catch {
      throw new Error(
        `the copy of a CSV in the queue's store (${hash}) is damaged or larger than its sweep recorded`,
      );
    }
    if (hashText(text) !== hash)
      throw new Error(`the copy of a CSV in the queue's store does not match its hash (${hash})`);
    return text;
  }

  async writeRow(name: string, id: string, index: number, row: string): Promise<RowWrite> {
    const result = await this.redis.flowStudioWriteRow(
      keys.sweep(name),
      keys.rows(name),
      keys.done(name),
      id,
      String(index),
      row,
    );
    return result === 1 ? 'written' : result === 0 ? 'already' : 'no-sweep';
  }

  async hasRow(name: string, index: number): Promise<boolean> {
    return (await this.redis.hexists(keys.rows(name), String(index))) === 1;
  }

  async rows(name: string, indexes: readonly number[]): Promise<(string | null)[]> {
    if (indexes.length === 0) return [];
    return this.redis.hmget(keys.rows(name), ...indexes.map(String));
  }

  async rowIndexes(name: string): Promise<number[]> {
    return (await this.redis.hkeys(keys.rows(name))).map(Number);
  }

  /**
   * The cell indexes whose rows came after stream entry `after` ('0' for all), waiting up to
   * `blockMs` for one (0: not at all). Needs a connection of its own: it blocks.
   */
  async follow(
    name: string,
    after: string,
    blockMs: number,
  ): Promise<{ last: string; indexes: number[] }> {
    const stream = keys.done(name);
    const reply =
      blockMs > 0
        ? await this.redis.xread('COUNT', 5000, 'BLOCK', blockMs, 'STREAMS', stream, after)
        : await this.redis.xread('COUNT', 5000, 'STREAMS', stream, after);
    const entries = reply?.[0]?.[1] ?? [];
    const indexes = entries.map(([, fields]) => Number(fields[1]));
    return { last: entries.at(-1)?.[0] ?? after, indexes };
  }

  /** A finished sweep: its rows kept for `keepSeconds`, its shipped files dropped at once. */
  async finish(name: string, meta: SweepMeta, keepSeconds: number): Promise<void> {
    const done: SweepMeta = { ...meta, state: 'done' };
    const batch = this.redis
      .multi()
      .hset(keys.sweep(name), 'meta', JSON.stringify(done))
      .expire(keys.sweep(name), keepSeconds)
      .expire(keys.rows(name), keepSeconds)
      .expire(keys.done(name), keepSeconds);
    const files = filesOf(meta);
    if (files.length > 0) batch.del(...files.map((file) => keys.file(name, file.hash)));
    await batch.exec();
  }

  /** A worker says it is alive (and what it does), for `ttlMs`. */
  async heartbeat(workerId: string, info: WorkerInfo, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(keys.workers(), Date.now(), workerId)
      .set(`${keys.workers()}:${workerId}`, JSON.stringify(info), 'PX', ttlMs)
      .exec();
  }

  async leave(workerId: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(keys.workers(), workerId)
      .del(`${keys.workers()}:${workerId}`)
      .exec();
  }

  /** The workers that said they were alive within `withinMs`. */
  async workers(withinMs: number): Promise<WorkerInfo[]> {
    const since = Date.now() - withinMs;
    await this.redis.zremrangebyscore(keys.workers(), '-inf', since);
    const ids = await this.redis.zrangebyscore(keys.workers(), since, '+inf');
    if (ids.length === 0) return [];
    const infos = await this.redis.mget(...ids.map((id) => `${keys.workers()}:${id}`));
    return infos.flatMap((text) => {
      if (!text) return [];
      try {
        return [JSON.parse(text) as WorkerInfo];
      } catch {
        return [];
      }
    });
  }
}

export interface WorkerInfo {
  readonly host: string;
  readonly pid: number;
  readonly slots: number;
  readonly version: string;
  readonly busy: number;
  readonly done: number;
}
