/**
 * Reading YAML as it was written, before it is known to be a flow: plain objects and lists, with
 * anything else read as empty, so that checks over a half-written flow never throw.
 */
export type Raw = Record<string, unknown>;

export const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asRecord = (value: unknown): Raw => (isRecord(value) ? value : {});

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
