/**
 * Rows as text in Redis, exactly: JSON would turn NaN and ±∞ (a profit factor without a loss, a
 * Sharpe ratio of a flat curve) into null and -0 into 0, and a distributed sweep must give the
 * local sweep's numbers to the last bit. Such numbers are written as {"$n": "NaN"} and read back.
 * A row read back is checked for its shape before anyone uses it.
 */
import { z } from 'zod';
import type { CellResult } from '../sweep/job';

const SPECIAL = new Set(['NaN', 'Infinity', '-Infinity', '-0']);

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (Number.isNaN(value)) return { $n: 'NaN' };
  if (value === Number.POSITIVE_INFINITY) return { $n: 'Infinity' };
  if (value === Number.NEGATIVE_INFINITY) return { $n: '-Infinity' };
  if (Object.is(value, -0)) return { $n: '-0' };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.keys(value);
  const special = (value as { $n?: unknown }).$n;
  if (entries.length === 1 && typeof special === 'string' && SPECIAL.has(special))
    return special === '-0' ? -0 : Number(special);
  return value;
}

export function encodeExact(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodeExact(text: string): unknown {
  return JSON.parse(text, reviver);
}

/** Any number, NaN and ±∞ included (zod's own number refuses them). */
const anyNumber = z.custom<number>((value) => typeof value === 'number', 'expected a number');
const gridValue = z.union([z.number(), z.string(), z.boolean()]);
const metrics = z.record(z.string(), anyNumber);

const ROW = z.object({
  index: z.number().int().nonnegative(),
  cell: z.record(z.string(), gridValue),
  metrics: metrics.nullable(),
  portfolios: z.record(z.string(), metrics),
  bars: anyNumber,
  events: anyNumber,
  deadLetters: anyNumber,
  mode: z.enum(['full', 'replay']),
  curve: z
    .object({ time: z.array(anyNumber), equity: z.array(anyNumber), initial: anyNumber })
    .optional(),
  error: z.string().nullable(),
  ms: anyNumber,
});

export function encodeRow(row: CellResult): string {
  return encodeExact(row);
}

/** A row read from the store, or why it cannot be one. */
export function decodeRow(text: string): CellResult | string {
  let value: unknown;
  try {
    value = decodeExact(text);
  } catch {
    return 'a row in the store is not JSON';
  }
  const parsed = ROW.safeParse(value);
  return parsed.success
    ? (parsed.data as unknown as CellResult)
    : `a row in the store is not a sweep row (${parsed.error.issues[0]?.message ?? 'bad shape'})`;
}
