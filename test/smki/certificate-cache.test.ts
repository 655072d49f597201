import { describe, expect, it } from 'vitest';
import {
  createCertificateCache,
  decodeCertificate,
  decodeCertificateCached,
  DEFAULT_CACHE_ENTRIES,
  type DecodeResult,
} from '../../src/smki/index.js';
import { makeCertificate } from './make-certificate.js';

const result = (n: number): DecodeResult => decodeCertificate(Uint8Array.of(n));

describe('createCertificateCache', () => {
  it('evicts the least recently used entry and stays within its bound', () => {
    const cache = createCertificateCache(3);
    const [a, b, c, d] = [1, 2, 3, 4].map(result);
    cache.set('a', a!);
    cache.set('b', b!);
    cache.set('c', c!);
    expect(cache.get('a')).toBe(a); // a is now the most recently used; b the least
    cache.set('d', d!);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toBe(c);
    expect(cache.get('d')).toBe(d);
    cache.set('e', a!); // the least recently used is now a (read before c and d)
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('re-setting a key refreshes it without growing', () => {
    const cache = createCertificateCache(2);
    cache.set('a', result(1));
    cache.set('b', result(2));
    cache.set('a', result(3));
    cache.set('c', result(4));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('never holds more than its bound under many distinct keys', () => {
    const cache = createCertificateCache();
    for (let i = 0; i < DEFAULT_CACHE_ENTRIES * 3; i++) cache.set(`k${i}`, result(i));
    expect(cache.size).toBe(DEFAULT_CACHE_ENTRIES);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get(`k${DEFAULT_CACHE_ENTRIES * 3 - 1}`)).toBeDefined();
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => createCertificateCache(bad)).toThrow(RangeError);
  });
});

describe('decodeCertificateCached', () => {
  it('decodes once per key and returns the same result object after', () => {
    const der = makeCertificate();
    const key = Buffer.from(der).toString('base64');
    const cache = createCertificateCache(4);
    const first = decodeCertificateCached(der, key, cache);
    expect(first.ok).toBe(true);
    expect(cache.size).toBe(1);
    // The cache trusts the key: different bytes under the same key get the cached result.
    expect(decodeCertificateCached(new Uint8Array(0), key, cache)).toBe(first);
  });

  it('caches failures too', () => {
    const cache = createCertificateCache(4);
    const failed = decodeCertificateCached(Uint8Array.of(0x30), 'MA==', cache);
    expect(failed.ok).toBe(false);
    expect(decodeCertificateCached(Uint8Array.of(0x30), 'MA==', cache)).toBe(failed);
  });

  it('does not cache keys too long to be a certificate', () => {
    const cache = createCertificateCache(4);
    const key = 'A'.repeat(64 * 1024);
    const decoded = decodeCertificateCached(new Uint8Array(48 * 1024), key, cache);
    expect(decoded.ok).toBe(false);
    expect(cache.size).toBe(0);
  });
});
