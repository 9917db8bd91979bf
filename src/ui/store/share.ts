/**
 * Share links carry the whole flow in the URL's hash, compressed: nothing is sent anywhere, and
 * opening the link in a new tab imports the flow there.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** Browsers and chat tools start to truncate URLs past this length. */
export const MAX_SHARE_LENGTH = 100_000;
const PREFIX = '#flow=';

export type ShareLink =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly error: string };

export function shareLink(text: string, base: string): ShareLink {
  const url = `${base.split('#')[0]}${PREFIX}${compressToEncodedURIComponent(text)}`;
  if (url.length > MAX_SHARE_LENGTH) {
    return {
      ok: false,
      error: `This flow makes a link of ${url.length.toLocaleString('en-US')} characters, too long to share reliably (limit ${MAX_SHARE_LENGTH.toLocaleString('en-US')}). Download the YAML file instead.`,
    };
  }
  return { ok: true, url };
}

/** The flow text in a share link's hash, or null when the hash holds none (or a damaged one). */
export function flowFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  return decompressFromEncodedURIComponent(hash.slice(PREFIX.length)) || null;
}
