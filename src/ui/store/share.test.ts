import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { deflateBomb, legacyBomb } from '../../../e2e/hostile';
import { decodeLegacyLink } from './legacyLink';
import { flowFromHash, MAX_SHARE_LENGTH, SHARE_PROBLEMS, shareLink } from './share';

describe('legacy links (lz-string)', () => {
  it('decodes what lz-string encodes, exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const decoded = decodeLegacyLink(compressToEncodedURIComponent(text), 1e6);
        expect(decoded.ok && decoded.text === text).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('never reads a cut link as a shorter flow', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.nat(), (text, cut) => {
        const link = compressToEncodedURIComponent(text);
        const short = link.slice(0, cut % link.length);
        const result = decodeLegacyLink(short, 1e6);
        if (result.ok) expect(result.text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with lz-string on damaged links whenever it reads them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), fc.nat(63), (text, at, value) => {
        const link = compressToEncodedURIComponent(text);
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
        const i = at % link.length;
        const damaged = link.slice(0, i) + alphabet[value] + link.slice(i + 1);
        const result = decodeLegacyLink(damaged, 1e6);
        if (result.ok) expect(result.text).toBe(decompressFromEncodedURIComponent(damaged));
      }),
      { numRuns: 500 },
    );
  });
});

describe('share links', () => {
  const example = readFileSync(
    resolve(import.meta.dirname, '../../../examples/multi-strategy.yaml'),
    'utf8',
  );
  const hashOf = (url: string) => new URL(url).hash;

  it('carry the whole flow, shorter than the old links, and come back out', () => {
    const link = shareLink(example, 'http://127.0.0.1:4173/#old');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith('http://127.0.0.1:4173/#flow2=')).toBe(true);
    expect(link.url.length).toBeLessThan(compressToEncodedURIComponent(example).length);
    expect(flowFromHash(hashOf(link.url))).toEqual({ ok: true, text: example });
    expect(flowFromHash('#other')).toBeNull();
  });

  it('still open the links made before (lz-string)', () => {
    expect(flowFromHash(`#flow=${compressToEncodedURIComponent(example)}`)).toEqual({
      ok: true,
      text: example,
    });
  });

  it('refuse a flow too large to share', () => {
    const huge = `name: big\ndescription: "${Array.from({ length: 200_000 }, (_, i) => i.toString(36)).join(' ')}"\n`;
    const link = shareLink(huge, 'http://x/');
    expect(link.ok).toBe(false);
    if (!link.ok)
      expect(link.error).toMatch(new RegExp(`limit ${MAX_SHARE_LENGTH.toLocaleString('en-US')}`));
  });

  it('stop unpacking a bomb at the size limit, both kinds', () => {
    const legacy = legacyBomb(400_000_000);
    expect(legacy.length).toBeLessThan(MAX_SHARE_LENGTH);
    expect(flowFromHash(`#flow=${legacy}`)).toEqual({
      ok: false,
      problem: SHARE_PROBLEMS.tooLarge,
    });
    const zlib = deflateBomb(10_000_000);
    expect(zlib.length).toBeLessThan(MAX_SHARE_LENGTH);
    expect(flowFromHash(`#flow2=${zlib}`)).toEqual({ ok: false, problem: SHARE_PROBLEMS.tooLarge });
  }, 30_000);

  it('say that a link cut short is incomplete, wherever it is cut, and never open part of it', () => {
    const link = shareLink(example, 'http://x/');
    if (!link.ok) throw new Error(link.error);
    const hash = hashOf(link.url);
    const legacy = `#flow=${compressToEncodedURIComponent(example)}`;
    for (const whole of [hash, legacy]) {
      const prefix = whole.indexOf('=') + 1;
      for (let end = prefix; end < whole.length; end += 7) {
        const result = flowFromHash(whole.slice(0, end));
        expect(result?.ok, `${whole.slice(0, 8)} cut at ${end}`).toBe(false);
        if (result && !result.ok && end > prefix + 8)
          expect([SHARE_PROBLEMS.truncated, SHARE_PROBLEMS.damaged]).toContain(result.problem);
      }
    }
    expect(flowFromHash(hash.slice(0, -30))).toEqual({
      ok: false,
      problem: SHARE_PROBLEMS.truncated,
    });
  });

  it('say that a link with a changed character is damaged', () => {
    const link = shareLink(example, 'http://x/');
    if (!link.ok) throw new Error(link.error);
    const hash = hashOf(link.url);
    for (let at = 10; at < hash.length; at += 97) {
      const changed = hash.slice(0, at) + (hash[at] === 'A' ? 'B' : 'A') + hash.slice(at + 1);
      expect(flowFromHash(changed)).toMatchObject({ ok: false });
    }
    expect(flowFromHash('#flow2=not*base64')).toEqual({
      ok: false,
      problem: SHARE_PROBLEMS.damaged,
    });
    expect(flowFromHash('#flow2=')).toEqual({ ok: false, problem: SHARE_PROBLEMS.empty });
    expect(flowFromHash('#flow=!!!')).toEqual({ ok: false, problem: SHARE_PROBLEMS.damaged });
  });
});
