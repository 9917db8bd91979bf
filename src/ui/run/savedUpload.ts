/**
 * The user's uploaded CSV, kept in the browser (IndexedDB, the shared "files" store) so that it is
 * still there after a reload or an engine restart. It is kept only once the engine has read it
 * whole: a file that cannot be read, or that brought the engine down, is never read again by
 * itself on the next start.
 */
import { idbStore, type Stored } from '../store/idb';

interface StoredCsv {
  readonly id: 'upload';
  readonly name: string;
  readonly savedAt: number;
  readonly file: Blob;
}

const files = idbStore<StoredCsv>('files');

/** Keeps the CSV the engine has just read, in place of any earlier one. */
export function keepUpload(file: File): Promise<Stored<void>> {
  return files.put({ id: 'upload', name: file.name, savedAt: Date.now(), file });
}

/** The CSV kept from an earlier visit, if any. */
export async function savedUpload(): Promise<Stored<File | null>> {
  const found = await files.get('upload');
  if (!found.ok) return found;
  const record = found.value;
  return {
    ok: true,
    value: record ? new File([record.file], record.name, { type: 'text/csv' }) : null,
  };
}

export function removeSavedUpload(): Promise<Stored<void>> {
  return files.delete('upload');
}

/** A file's size as people read it: 812 bytes, 45 KB, 3.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
