/**
 * Where a queue worker gets the CSV texts its cells need: the copy the coordinator shipped into
 * the queue's store, or, for a sweep started with --by-path, the file at the coordinator's path,
 * read only inside the folders the worker's operator allowed with --data-dir. Either way the text
 * must have the content hash the sweep recorded. Texts are kept for a few sweeps' cells.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { hashText } from '../sweep/job';
import { filesOf, type SweepFile, type SweepMeta, type SweepStore } from './store';

const KEEP = 8;

/** The real path of `path` if it lies inside one of `folders`, else null. */
export function insideFolders(path: string, folders: readonly string[]): string | null {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return null;
  }
  for (const folder of folders) {
    let root: string;
    try {
      root = realpathSync(folder);
    } catch {
      continue;
    }
    if (real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)) return real;
  }
  return null;
}

export class SweepTexts {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    private readonly store: SweepStore,
    private readonly dataDirs: readonly string[],
  ) {}

  /** The text of one of the sweep's files, by hash; rejects with a plain-words reason. */
  text(meta: SweepMeta, hash: string): Promise<string> {
    const key = `${meta.id}:${hash}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const file = filesOf(meta).find((one) => one.hash === hash);
    const loading = file
      ? this.load(meta, file)
      : Promise.reject(new Error(`sweep "${meta.name}" lists no file with hash ${hash}`));
    this.cache.set(key, loading);
    // A failure is not kept: the next attempt tries again (the file may be there by then).
    loading.catch(() => this.cache.delete(key));
    if (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value as string);
    return loading;
  }

  private async load(meta: SweepMeta, file: SweepFile): Promise<string> {
    if (file.shipped) {
      const text = await this.store.shipped(meta.name, file.hash, file.chars);
      if (text === null)
        throw new Error(
          `the copy of ${file.name} shipped for sweep "${meta.name}" is no longer in the queue's store`,
        );
      return text;
    }
    if (this.dataDirs.length === 0)
      throw new Error(
        `sweep "${meta.name}" reads ${file.path} by path, and this worker reads no files: start it with --data-dir FOLDER (a folder holding that file), or start the sweep without --by-path to ship the data`,
      );
    const real = insideFolders(file.path, this.dataDirs);
    if (real === null)
      throw new Error(
        `${file.path} is not in a folder this worker may read (--data-dir ${this.dataDirs.join(', ')}), or does not exist`,
      );
    const text = readFileSync(real, 'utf8');
    if (hashText(text) !== file.hash)
      throw new Error(
        `${file.path} on this worker differs from the coordinator's (its content hash is not ${file.hash})`,
      );
    return text;
  }
}
