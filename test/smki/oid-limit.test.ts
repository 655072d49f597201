import { expect, it } from 'vitest';
import { decodeCertificate } from '../../src/smki/index.js';
import { extension, makeCertificate, oid } from './make-certificate.js';

// Regression (fuzz campaign, bench/hostile.bench.ts): one 4 KiB OID arc took 2.9 ms to decode (bigint shifts are
// quadratic in the arc length). OIDs longer than 64 bytes are refused before decoding.
it('refuses an attacker-sized OID before decoding it, and accepts a 64-byte one', () => {
  const arcs = (bytes: number) => `2.25.${'1'.repeat(Math.floor(bytes * 2.4))}`;
  const huge = makeCertificate({ extraExtensions: [extension(arcs(4096), false, new Uint8Array([0x05, 0x00]))] });
  // The cost is measured by bench/hostile.bench.ts; here, that the OID is refused by its length, not decoded.
  const result = decodeCertificate(huge);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatchObject({ code: 'CERTIFICATE_MALFORMED', message: expect.stringContaining('OBJECT IDENTIFIER of') });

  const longest = `2.25.${'1'.repeat(130)}`;
  expect(oid(longest).length - 2).toBeLessThanOrEqual(64);
  const near = decodeCertificate(makeCertificate({ extraExtensions: [extension(longest, false, new Uint8Array([0x05, 0x00]))] }));
  expect(near.ok).toBe(true);
});
