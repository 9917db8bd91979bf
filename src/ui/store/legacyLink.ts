/**
 * Reads the share links Flow Studio made before `#flow2=`: lz-string's URI-safe form. lz-string's
 * own decompressor builds the whole output before returning it, and its dictionary lets 100,000
 * characters of link unpack into billions of characters (the page died with "Invalid string
 * length"). This decoder follows the same format (an LZW variant: codes of growing width, 0 and 1
 * bring a new 8- or 16-bit character, 2 ends the stream) but counts what it writes and stops at
 * the limit; it also requires the end mark, so a link cut short is found out instead of read as a
 * shorter flow. The tests check it against lz-string's own compressor.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((char, index) => [char, index]));
/** Bits per character of the link. */
const CHAR_BITS = 6;

export type LegacyResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: 'tooLarge' | 'truncated' | 'damaged' };

class OutOfInput extends Error {}

export function decodeLegacyLink(link: string, maxLength: number): LegacyResult {
  // Some chat tools turn "+" into a space.
  const input = link.replaceAll(' ', '+');
  const values: number[] = [];
  for (const char of input) {
    const value = VALUE.get(char);
    if (value === undefined) return { ok: false, problem: 'damaged' };
    values.push(value);
  }
  if (values.length === 0) return { ok: false, problem: 'truncated' };
  let index = 1;
  let position = 1 << (CHAR_BITS - 1);
  let current = values[0]!;
  const read = (bits: number): number => {
    let result = 0;
    for (let power = 0; power < bits; power++) {
      if (position === 0) {
        if (index >= values.length) throw new OutOfInput();
        current = values[index++]!;
        position = 1 << (CHAR_BITS - 1);
      }
      if (current & position) result |= 1 << power;
      position >>= 1;
    }
    return result;
  };

  const dictionary: string[] = ['', '', ''];
  const output: string[] = [];
  let length = 0;
  let enlargeIn = 4;
  let width = 3;
  try {
    const first = read(2);
    if (first === 2) return { ok: true, text: '' };
    if (first === 3) return { ok: false, problem: 'damaged' };
    let word = String.fromCharCode(read(first === 0 ? 8 : 16));
    dictionary.push(word);
    output.push(word);
    length = 1;
    for (;;) {
      let code = read(width);
      if (code === 2) {
        // The end mark: all that may follow is the padding of its character (or, when the mark
        // ended on a character's last bit, one more character of padding).
        const rest = values.slice(index);
        if (rest.length > 1 || (rest.length === 1 && (position !== 0 || rest[0] !== 0)))
          return { ok: false, problem: 'damaged' };
        return { ok: true, text: output.join('') };
      }
      if (code === 0 || code === 1) {
        dictionary.push(String.fromCharCode(read(code === 0 ? 8 : 16)));
        code = dictionary.length - 1;
        if (--enlargeIn === 0) {
          enlargeIn = 2 ** width;
          width++;
        }
      }
      let entry: string;
      if (code < dictionary.length) entry = dictionary[code]!;
      else if (code === dictionary.length) entry = word + word.charAt(0);
      else return { ok: false, problem: 'damaged' };
      length += entry.length;
      if (length > maxLength) return { ok: false, problem: 'tooLarge' };
      output.push(entry);
      dictionary.push(word + entry.charAt(0));
      word = entry;
      if (--enlargeIn === 0) {
        enlargeIn = 2 ** width;
        width++;
      }
    }
  } catch (error) {
    if (error instanceof OutOfInput) return { ok: false, problem: 'truncated' };
    throw error;
  }
}
