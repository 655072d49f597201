// readOid, beside it: the split of the first octet into two arcs at its boundaries, and the length limit that
// refuses an attacker-sized OID before it is decoded (64 content bytes pass, 65 do not).
import { describe, expect, it } from 'vitest';
import { CertificateFault } from './certificate-fault.js';
import { readOid } from './oid.js';
import { readDer } from './strict-der.js';

/** The dotted form of an OID with these content octets. */
function dotted(content: number[]): string {
  const bytes = Uint8Array.from([0x06, content.length, ...content]);
  return readOid(bytes, readDer(bytes));
}

describe('readOid', () => {
  it.each([
    [0x00, '0.0'],
    [0x27, '0.39'],
    [0x28, '1.0'],
    [0x4f, '1.39'],
    [0x50, '2.0'],
    [0x7f, '2.47'],
  ])('first octet %i is %s', (first, expected) => {
    expect(dotted([first])).toBe(expected);
    expect(dotted([first, 0x05])).toBe(`${expected}.5`);
  });

  it('splits a multi-octet first arc into 2 and the rest', () => {
    expect(dotted([0x88, 0x37])).toBe('2.999');
    expect(dotted([0x81, 0x00])).toBe('2.48');
  });

  it('reads arcs past 2^53 exactly, and the arc after one', () => {
    const big = [0x83, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]; // 2^65 - 1
    expect(dotted([0x69, ...big])).toBe('2.25.36893488147419103231');
    expect(dotted([0x69, ...big, 0x01, ...big])).toBe('2.25.36893488147419103231.1.36893488147419103231');
    // Arcs either side of 2^45, where decoding switches from numbers to bigint.
    expect(dotted([0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).toBe(`1.2.${2 ** 42 + 1}`);
    expect(dotted([0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).toBe(`1.2.${2n ** 49n + 1n}`);
  });

  it('reads a 64-byte OID and refuses a 65-byte one by its length, at the OID', () => {
    const arcs = (n: number) => [0x2a, ...new Array<number>(n - 1).fill(0x01)];
    expect(dotted(arcs(64))).toBe(`1.2${'.1'.repeat(63)}`);

    const content = arcs(65);
    const bytes = Uint8Array.from([0x30, content.length + 2, 0x06, content.length, ...content]);
    const node = readDer(bytes).children[0]!;
    let fault: unknown;
    try {
      readOid(bytes, node);
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(CertificateFault);
    expect(fault).toMatchObject({
      code: 'CERTIFICATE_MALFORMED',
      detail: 'an OBJECT IDENTIFIER of 65 bytes (at most 64)',
      params: { offset: 2 },
    });
    expect((fault as CertificateFault).params).toEqual({ offset: 2 });
  });
});
