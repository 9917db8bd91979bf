/**
 * A cell job as it travels through the queue, and its checks. Whatever a worker takes from the
 * queue is untrusted input, as a flow file is: anyone who can write to the queue can put anything
 * there. So before a cell runs, its job must be plain data of the right shape and size (the
 * flow within the flow limits, the cell a handful of plain values, no key that could reach an
 * object's prototype), and it must belong to a sweep the queue holds (its id and its flow's hash).
 * A job that fails a check fails alone, with the reason; the flow itself is then held to every
 * rule of a flow file when the cell runner parses it, and the cell must be one of its grid's.
 */
import { z } from 'zod';
import { FLOW_LIMITS } from '../flow/limits';
import type { CellJob } from '../sweep/job';
import { isSweepName } from './keys';

export const JOB_VERSION = 1;

/** What a queue job holds: the sweep it belongs to (by name and id) and the cell job itself. */
export interface QueueJob {
  readonly v: typeof JOB_VERSION;
  readonly sweep: string;
  readonly id: string;
  readonly job: CellJob;
}

export const JOB_LIMITS = {
  /** Characters of a whole job as JSON: the largest flow and room for its cell. */
  chars: FLOW_LIMITS.size + 200_000,
  /** Swept values in one cell. */
  cellValues: 1_000,
  /** Characters of one swept text value, and of a data reference's name. */
  text: 4_096,
  /** The highest cell index (a grid has at most a few hundred thousand cells). */
  index: 100_000_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const SWEEP_ID = /^[0-9a-f]{16}$/;
const HASH = /^[0-9a-f]{8}-[0-9a-f]{1,12}$/;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const DATA = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('flow') }),
  z.strictObject({
    kind: z.literal('csv'),
    name: z.string().max(JOB_LIMITS.text),
    hash: z.string().regex(HASH, 'must be a content hash'),
  }),
]);

const CELL_JOB = z.strictObject({
  flow: z.string().max(FLOW_LIMITS.size, `must be at most ${FLOW_LIMITS.size} characters`),
  data: DATA,
  index: z.number().int().nonnegative().max(JOB_LIMITS.index),
  cell: z.record(
    z.string().max(JOB_LIMITS.text),
    z.union([finite, z.string().max(JOB_LIMITS.text), z.boolean()]),
  ),
  window: z.strictObject({ from: finite, to: finite, measureFrom: finite.optional() }).optional(),
  replay: z.boolean().optional(),
  group: z.string().max(JOB_LIMITS.chars).optional(),
  curve: z.boolean().optional(),
});

const QUEUE_JOB = z.strictObject({
  v: z.literal(JOB_VERSION),
  sweep: z.string().refine(isSweepName, 'must be a sweep name'),
  id: z.string().regex(SWEEP_ID, 'must be a sweep id'),
  job: CELL_JOB,
});

export type JobCheck =
  | { readonly ok: true; readonly job: QueueJob }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Where the job claims to belong, when that much could be read (to report it there). */
      readonly sweep?: string;
      readonly id?: string;
      readonly index?: number;
    };

/** Checks what a worker took from the queue; never throws. */
export function checkQueueJob(data: unknown): JobCheck {
  let size: number;
  try {
    size = JSON.stringify(data)?.length ?? 0;
  } catch {
    return { ok: false, reason: 'the job is not plain data' };
  }
  const claim = claimOf(data);
  if (size > JOB_LIMITS.chars)
    return {
      ok: false,
      reason: `the job is ${(size / 1e6).toFixed(1)} MB; a job is limited to ${(JOB_LIMITS.chars / 1e6).toFixed(1)} MB`,
      ...claim,
    };
  const cell = (data as { job?: { cell?: unknown } } | null)?.job?.cell;
  if (cell !== null && typeof cell === 'object') {
    const names = Object.keys(cell);
    const bad = names.find((name) => FORBIDDEN_KEYS.has(name));
    if (bad !== undefined)
      return {
        ok: false,
        reason: `the job's cell has the key "${bad}", which is not allowed`,
        ...claim,
      };
    if (names.length > JOB_LIMITS.cellValues)
      return {
        ok: false,
        reason: `the job's cell has ${names.length} values; at most ${JOB_LIMITS.cellValues}`,
        ...claim,
      };
  }
  const parsed = QUEUE_JOB.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the job';
    return { ok: false, reason: `${where}: ${issue?.message ?? 'not a cell job'}`, ...claim };
  }
  return { ok: true, job: parsed.data as QueueJob };
}

/** The sweep, id and index a job claims, when they are well formed. */
function claimOf(data: unknown): { sweep?: string; id?: string; index?: number } {
  if (data === null || typeof data !== 'object') return {};
  const { sweep, id, job } = data as { sweep?: unknown; id?: unknown; job?: { index?: unknown } };
  const index = job !== null && typeof job === 'object' ? job.index : undefined;
  return {
    ...(isSweepName(sweep) ? { sweep } : {}),
    ...(typeof id === 'string' && SWEEP_ID.test(id) ? { id } : {}),
    ...(typeof index === 'number' &&
    Number.isInteger(index) &&
    index >= 0 &&
    index <= JOB_LIMITS.index
      ? { index }
      : {}),
  };
}
