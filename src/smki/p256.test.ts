// isOnP256, beside it: the encoding it accepts (65 bytes, 0x04 prefix) and the canonical coordinates (each below
// p). Points whose coordinates are congruent to a point on the curve, but not below p, are refused.
import { describe, expect, it } from 'vitest';
import { isOnP256 } from './p256.js';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;

const hex32 = (n: bigint) => n.toString(16).padStart(64, '0');
const point = (x: bigint, y: bigint, prefix = '04') => Uint8Array.from(Buffer.from(`${prefix}${hex32(x)}${hex32(y)}`, 'hex'));

// The generator (SEC 2 2.4.2).
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;
// (0, sqrt(b)): x = 0, so x = p encodes the same residue.
const ZERO_X_Y = 0x66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4n;
// (x, 5): y = 5, so y = p + 5 encodes the same residue, and y fits in fewer than 32 bytes.
const FIVE_Y_X = 0xd7325d7646cd60d80a92738ceb345f844cffaf35841022cab176f692de8de1d7n;

describe('isOnP256', () => {
  it('accepts points on the curve', () => {
    expect(isOnP256(point(GX, GY))).toBe(true);
    expect(isOnP256(point(GX, P - GY))).toBe(true);
    expect(isOnP256(point(0n, ZERO_X_Y))).toBe(true);
    expect(isOnP256(point(FIVE_Y_X, 5n))).toBe(true);
  });

  it('refuses points off the curve', () => {
    expect(isOnP256(point(GX, GY + 1n))).toBe(false);
    expect(isOnP256(point(GX + 1n, GY))).toBe(false);
    expect(isOnP256(point(0n, 0n))).toBe(false);
  });

  it('refuses a prefix other than 0x04 (uncompressed)', () => {
    expect(isOnP256(point(GX, GY, '03'))).toBe(false);
    expect(isOnP256(point(GX, GY, '02'))).toBe(false);
    expect(isOnP256(point(GX, GY, '00'))).toBe(false);
  });

  it('refuses a length other than 65, even when the coordinates it would read are on the curve', () => {
    const x = hex32(FIVE_Y_X);
    // 64 bytes: y in 31 bytes; 66 bytes: y in 33 bytes. Both read as y = 5.
    expect(isOnP256(Uint8Array.from(Buffer.from(`04${x}${'00'.repeat(30)}05`, 'hex')))).toBe(false);
    expect(isOnP256(Uint8Array.from(Buffer.from(`04${x}${'00'.repeat(32)}05`, 'hex')))).toBe(false);
    expect(isOnP256(new Uint8Array(0))).toBe(false);
  });

  it('refuses coordinates not below p, though congruent to a point on the curve', () => {
    expect(isOnP256(point(P, ZERO_X_Y))).toBe(false);
    expect(isOnP256(point(FIVE_Y_X, P + 5n))).toBe(false);
  });
});
