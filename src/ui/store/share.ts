/**
 * Share links carry the whole flow in the URL's hash, compressed: nothing is sent anywhere, and
 * opening the link in a new tab imports the flow there.
 *
 * A link is untrusted input: it may be cut short in a chat, have characters changed, or be made to
 * unpack into hundreds of megabytes. So a link is unpacked in small steps that stop as soon as the
 * flow passes the size limit (not after), and every way it can be wrong gets its own message:
 * - `#flow2=` links (made now): zlib (deflate with an Adler-32 checksum, fflate) in base64url;
 *   a cut or a changed character fails the format or the checksum.
 * - `#flow=` links (made before): lz-string's URI form, read by a decoder of that format (legacy.ts)
 *   that counts what it writes, and requires the format's end mark and nothing after it.
 */
import { Unzlib, zlibSync } from 'fflate';
import { MAX_FLOW_BYTES } from '../../flow';
import { decodeLegacyLink } from './legacyLink';

/** Browsers and chat tools start to truncate URLs past this length. */
export const MAX_SHARE_LENGTH = 100_000;
const PREFIX = '#flow2=';
const LEGACY_PREFIX = '#flow=';
/** Input pushed to the decompressor at a time: each push can write at most ~1 MB (1:1032). */
const STEP = 1024;

export type ShareLink =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly error: string };

export type SharedFlow =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: string };

const utf8 = new TextEncoder();

export function shareLink(text: string, base: string): ShareLink {
  const bytes = utf8.encode(text);
  if (bytes.length > MAX_FLOW_BYTES) {
    return {
      ok: false,
      error: `This flow is ${(bytes.length / 1e6).toFixed(1)} MB, over the ${MAX_FLOW_BYTES / 1e6} MB a shared flow may have. Download the YAML file instead.`,
    };
  }
  const url = `${base.split('#')[0]}${PREFIX}${toBase64Url(zlibSync(bytes, { level: 9 }))}`;
  if (url.length > MAX_SHARE_LENGTH) {
    return {
      ok: false,
      error: `This flow makes a link of ${url.length.toLocaleString('en-US')} characters, too long to share reliably (limit ${MAX_SHARE_LENGTH.toLocaleString('en-US')}). Download the YAML file instead.`,
    };
  }
  return { ok: true, url };
}

/** Whether the hash holds a shared flow (sound or not): the page then reads and clears it. */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(PREFIX) || hash.startsWith(LEGACY_PREFIX);
}

export const SHARE_PROBLEMS = {
  tooLarge: `The flow in this link unpacks to more than ${MAX_FLOW_BYTES / 1e6} MB, more than any flow may have, so it was not opened. The link was not made by Flow Studio, or was made to overload the page.`,
  tooLong: 'This link is longer than any Flow Studio makes, so it was not read.',
  truncated:
    'This link is incomplete: its end is missing, as when a link is cut off in a message. Ask for the whole link again, or for the YAML file.',
  damaged:
    'This link is damaged: some of its characters were changed or lost, so it does not unpack to the flow it was made from. Ask for the link again, or for the YAML file.',
  empty: 'This link holds no flow.',
} as const;

/** The flow text in a share link's hash, or what is wrong with the link. */
export function flowFromHash(hash: string): SharedFlow | null {
  if (hash.startsWith(PREFIX)) return unpack(hash.slice(PREFIX.length));
  if (hash.startsWith(LEGACY_PREFIX)) {
    const payload = hash.slice(LEGACY_PREFIX.length);
    if (payload.length > MAX_SHARE_LENGTH * 10)
      return { ok: false, problem: SHARE_PROBLEMS.tooLong };
    const legacy = decodeLegacyLink(payload, MAX_FLOW_BYTES);
    if (!legacy.ok) return { ok: false, problem: SHARE_PROBLEMS[legacy.problem] };
    return legacy.text
      ? { ok: true, text: legacy.text }
      : { ok: false, problem: SHARE_PROBLEMS.empty };
  }
  return null;
}

function unpack(payload: string): SharedFlow {
  if (payload.length > MAX_SHARE_LENGTH * 10) return { ok: false, problem: SHARE_PROBLEMS.tooLong };
  if (payload.length === 0) return { ok: false, problem: SHARE_PROBLEMS.empty };
  const packed = fromBase64Url(payload);
  if (!packed || packed.length < 6) return { ok: false, problem: SHARE_PROBLEMS.damaged };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  const unzlib = new Unzlib((chunk) => {
    size += chunk.length;
    if (size > MAX_FLOW_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = 0; at < packed.length && !tooLarge; at += STEP) {
      const end = Math.min(at + STEP, packed.length);
      unzlib.push(packed.subarray(at, end), end === packed.length);
    }
  } catch (error) {
    // fflate says "unexpected EOF" for a stream cut short; anything else is a damaged stream.
    const cut = error instanceof Error && /EOF/.test(error.message);
    return { ok: false, problem: cut ? SHARE_PROBLEMS.truncated : SHARE_PROBLEMS.damaged };
  }
  if (tooLarge) return { ok: false, problem: SHARE_PROBLEMS.tooLarge };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const expected = new DataView(packed.buffer, packed.byteOffset).getUint32(packed.length - 4);
  if (adler32(bytes) !== expected) return { ok: false, problem: SHARE_PROBLEMS.damaged };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: SHARE_PROBLEMS.damaged };
  }
  return text ? { ok: true, text } : { ok: false, problem: SHARE_PROBLEMS.empty };
}

/** zlib's checksum (RFC 1950), which fflate writes but does not check. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 3800, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  // A link cut one character after a group of four still holds whole bytes before it.
  const whole = text.length % 4 === 1 ? text.slice(0, -1) : text;
  const binary = atob(whole.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
