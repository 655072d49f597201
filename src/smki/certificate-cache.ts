import { decodeCertificate } from './decode-certificate.js';
import type { DecodeResult } from './types.js';

/** Decoded certificates by an exact key of their bytes (the base64 text of the request). */
export interface CertificateCache {
  get(key: string): DecodeResult | undefined;
  set(key: string, value: DecodeResult): void;
  readonly size: number;
}

export const DEFAULT_CACHE_ENTRIES = 1024;

// Base64 of the largest certificate the decoder parses (8 KiB), with room for line breaks. A longer key is
// not a certificate the cache can help with, and caching it would let one request pin megabytes of text.
const MAX_KEY_LENGTH = 12 * 1024;

/**
 * A bounded LRU cache. A Map iterates in insertion order, so re-inserting on a hit keeps the least recently used
 * entry first, where eviction finds it in O(1). Below half capacity nothing is evicted, so hits skip the re-insert.
 */
export function createCertificateCache(maxEntries: number = DEFAULT_CACHE_ENTRIES): CertificateCache {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const entries = new Map<string, DecodeResult>();
  return {
    get(key) {
      const value = entries.get(key);
      // Recency only matters once eviction is near: until the cache is half full, a hit costs one look-up.
      if (value !== undefined && entries.size > maxEntries / 2) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * `decodeCertificate` through a cache. `key` must identify `der` exactly (the base64 text it was decoded from):
 * the cache trusts it and never compares bytes. Results, failures included, are immutable and shared.
 */
export function decodeCertificateCached(der: Uint8Array, key: string, cache: CertificateCache): DecodeResult {
  if (key.length > MAX_KEY_LENGTH) return decodeCertificate(der);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const result = decodeCertificate(der);
  cache.set(key, result);
  return result;
}
