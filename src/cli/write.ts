/** Writing the runner's result files. */
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a file a chunk at a time (the results' CSV come as chunks of rows), so the runner never
 * holds a whole file: a million bars' equity.csv is 62 MB of text.
 */
export function writeChunks(path: string, chunks: Iterable<string | Uint8Array>): void {
  const file = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let done = 0; done < bytes.length; )
        done += writeSync(file, bytes, done, bytes.length - done);
    }
  } finally {
    closeSync(file);
  }
}
