// The certificate cache, beside it: the bounds (a cache of one entry, keys up to 12 KiB), the refusal of a bad
// bound, and the documented trade-off that a hit refreshes recency only once the cache is more than half full.
import { describe, expect, it } from 'vitest';
import { createCertificateCache, decodeCertificateCached } from './certificate-cache.js';
import { decodeCertificate } from './decode-certificate.js';
import type { DecodeResult } from './types.js';

const result = (n: number): DecodeResult => decodeCertificate(Uint8Array.of(n));

describe('createCertificateCache', () => {
  it('holds one entry when its bound is 1', () => {
    const cache = createCertificateCache(1);
    const [a, b] = [result(1), result(2)];
    cache.set('a', a);
    expect(cache.get('a')).toBe(a);
    cache.set('b', b);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(b);
  });

  it('refuses a bound that is not a positive integer, naming it', () => {
    expect(() => createCertificateCache(0)).toThrow(new RangeError('maxEntries must be a positive integer, got 0'));
    expect(() => createCertificateCache(2.5)).toThrow(new RangeError('maxEntries must be a positive integer, got 2.5'));
  });

  it('a hit at half capacity or below does not refresh recency', () => {
    const cache = createCertificateCache(4);
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(result);
    cache.set('a', a!);
    cache.set('b', b!);
    expect(cache.get('a')).toBe(a); // 2 of 4: a stays the least recently used
    cache.set('c', c!);
    cache.set('d', d!);
    cache.set('e', e!);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(b);
  });

  it('a hit above half capacity refreshes recency', () => {
    const cache = createCertificateCache(4);
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(result);
    cache.set('a', a!);
    cache.set('b', b!);
    cache.set('c', c!);
    expect(cache.get('a')).toBe(a); // 3 of 4: a becomes the most recently used, b the least
    cache.set('d', d!);
    cache.set('e', e!);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
  });
});

describe('decodeCertificateCached', () => {
  it('caches a key of 12 KiB and not one of 12 KiB + 1', () => {
    const cache = createCertificateCache(4);
    const der = Uint8Array.of(0x30);
    const longest = 'A'.repeat(12 * 1024);
    const first = decodeCertificateCached(der, longest, cache);
    expect(cache.size).toBe(1);
    expect(decodeCertificateCached(der, longest, cache)).toBe(first);

    const tooLong = `${longest}A`;
    const uncached = decodeCertificateCached(der, tooLong, cache);
    expect(uncached).toEqual(first);
    expect(cache.size).toBe(1);
    expect(cache.get(tooLong)).toBeUndefined();
    expect(decodeCertificateCached(der, tooLong, cache)).not.toBe(uncached);
  });
});
