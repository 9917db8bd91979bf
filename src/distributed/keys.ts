/**
 * Where a distributed sweep lives in Redis. Everything of Flow Studio's sits under one prefix:
 * BullMQ's queue of cell jobs, and beside it each sweep's own keys, so a sweep can be followed,
 * resumed and removed by its name alone.
 *
 *   flow-studio:cells:*              BullMQ's queue of cell jobs (every sweep's)
 *   flow-studio:sweep:NAME           the sweep: its id, flow, data, cell count, state (a hash)
 *   flow-studio:sweep:NAME:rows      the rows written so far, by cell index (a hash; write-once)
 *   flow-studio:sweep:NAME:done      the cell indexes in the order their rows came (a stream)
 *   flow-studio:sweep:NAME:file:HASH a CSV shipped for the sweep's workers (gzip)
 *   flow-studio:workers              the workers alive, by their last heartbeat (a sorted set)
 */
import { basename } from 'node:path';

export const PREFIX = 'flow-studio';
export const QUEUE = 'cells';
/** Rows of finished sweeps are kept this long, for a later look by name. */
export const KEEP_SECONDS = 7 * 86_400;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A sweep name a user may give (and that cannot step out of its keys), or why not. */
export function checkSweepName(name: string): string | null {
  return NAME.test(name)
    ? null
    : `A sweep name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, not "${name}"`;
}

export function isSweepName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/** The name a sweep gets when none is given: the flow file's name and the content's hash. */
export function defaultSweepName(flowPath: string, contentHash: string): string {
  const stem = basename(flowPath)
    .replace(/\.ya?ml$/i, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 40);
  return `${stem || 'sweep'}-${contentHash.replace(/[^0-9a-f]/g, '').slice(0, 8)}`;
}

export const keys = {
  sweep: (name: string) => `${PREFIX}:sweep:${name}`,
  rows: (name: string) => `${PREFIX}:sweep:${name}:rows`,
  done: (name: string) => `${PREFIX}:sweep:${name}:done`,
  file: (name: string, hash: string) => `${PREFIX}:sweep:${name}:file:${hash}`,
  workers: () => `${PREFIX}:workers`,
};

/** A cell's job id: unique per sweep id, so a replaced sweep's leftover jobs never collide. */
export function jobId(sweepId: string, index: number): string {
  return `${sweepId}-${index}`;
}
