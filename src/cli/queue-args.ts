/**
 * The options of `flow-studio sweep --queue ...`, read apart from the queue's code so that a local
 * sweep loads no queue library.
 */
import { checkSweepName } from '../distributed/keys';

export const QUEUE_OPTIONS = {
  queue: { type: 'string' },
  name: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  cancel: { type: 'boolean', default: false },
  'by-path': { type: 'boolean', default: false },
  attempts: { type: 'string' },
  'tls-ca': { type: 'string' },
} as const;

export interface QueueArgs {
  readonly url: string;
  readonly name: string | undefined;
  readonly fresh: boolean;
  readonly cancel: boolean;
  readonly byPath: boolean;
  readonly attempts: number;
  readonly tlsCa: string | undefined;
}

/** The queue's options from parsed arguments; null without --queue. Throws on a wrong one. */
export function queueArgs(
  values: {
    queue?: string;
    name?: string;
    fresh?: boolean;
    cancel?: boolean;
    'by-path'?: boolean;
    attempts?: string;
    'tls-ca'?: string;
  },
  flowPath: string,
): QueueArgs | null {
  if (values.queue === undefined) {
    const stray = (['name', 'fresh', 'cancel', 'by-path', 'attempts', 'tls-ca'] as const).find(
      (key) => values[key] !== undefined && values[key] !== false,
    );
    if (stray) throw new Error(`--${stray} goes with --queue`);
    return null;
  }
  if (!flowPath && values.name === undefined)
    throw new Error('Give the flow file, or --name to follow a sweep already in the queue');
  if (values.cancel && values.name === undefined)
    throw new Error('--cancel needs the --name of the sweep');
  if (values.name !== undefined) {
    const problem = checkSweepName(values.name);
    if (problem) throw new Error(problem);
  }
  const attempts = values.attempts === undefined ? 3 : Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20)
    throw new Error(`--attempts takes a whole number from 1 to 20, not "${values.attempts}"`);
  return {
    url: values.queue,
    name: values.name,
    fresh: values.fresh ?? false,
    cancel: values.cancel ?? false,
    byPath: values['by-path'] ?? false,
    attempts,
    tlsCa: values['tls-ca'],
  };
}
