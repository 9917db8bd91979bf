/**
 * Hostile inputs the fault-injection tests (e2e and unit) throw at Flow Studio: share links that
 * unpack into hundreds of megabytes, and deeply nested YAML. Built here from their formats, so a
 * test needs no file of them.
 */
import { zlibSync } from 'fflate';

const LZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/**
 * An old-style (lz-string) share link payload that unpacks to about `chars` characters of "a":
 * one literal, then codes that each repeat the last entry plus one character, so k codes write
 * k²/2 characters. 400 million characters take about 71,000 characters of link.
 */
export function legacyBomb(chars: number): string {
  const out: string[] = [];
  let value = 0;
  let position = 0;
  const write = (code: number, bits: number) => {
    for (let i = 0; i < bits; i++) {
      value = (value << 1) | ((code >> i) & 1);
      if (position === 5) {
        out.push(LZ_ALPHABET[value]!);
        value = 0;
        position = 0;
      } else position++;
    }
  };
  write(0, 2);
  write('a'.charCodeAt(0), 8);
  let size = 4;
  let width = 3;
  let enlargeIn = 4;
  let entry = 1;
  let written = 1;
  while (written < chars) {
    write(size, width);
    entry++;
    written += entry;
    size++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  }
  write(2, width);
  while (position !== 0) write(0, 1);
  return out.join('');
}

/** A new-style (zlib, base64url) share link payload of `bytes` zero bytes: about 1:1000. */
export function deflateBomb(bytes: number): string {
  const packed = zlibSync(new Uint8Array(bytes), { level: 9 });
  return Buffer.from(packed).toString('base64url');
}

/** `name:` followed by `depth` opening and closing brackets: 1.8 MB at a depth of 900,000. */
export function nestedYaml(depth: number): string {
  return `name: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}
