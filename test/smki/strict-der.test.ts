import { describe, expect, it } from 'vitest';
import { CertificateFault } from '../../src/smki/certificate-fault.js';
import { readOid } from '../../src/smki/oid.js';
import { readDer } from '../../src/smki/strict-der.js';

function fault(bytes: number[]): string {
  try {
    readDer(Uint8Array.from(bytes));
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateFault);
    expect((error as CertificateFault).code).toBe('CERTIFICATE_MALFORMED');
    return (error as CertificateFault).detail;
  }
  throw new Error(`accepted ${bytes.map((b) => b.toString(16)).join(' ')}`);
}

describe('readDer', () => {
  it('reads nested values with offsets', () => {
    const node = readDer(Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa));
    expect(node).toMatchObject({ cls: 0, constructed: true, number: 16, start: 0, contentStart: 2, end: 8 });
    expect(node.children.map((c) => [c.number, c.contentStart, c.end])).toEqual([
      [2, 4, 5],
      [4, 7, 8],
    ]);
  });

  it('lengths: minimal forms only', () => {
    expect(fault([0x04, 0x81, 0x01, 0x00])).toMatch(/long form for length 1/);
    expect(fault([0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0)])).toMatch(/leading zero/);
    expect(readDer(Uint8Array.of(0x04, 0x81, 0x80, ...new Array(0x80).fill(0))).end).toBe(0x83);
    expect(fault([0x30, 0x80, 0x00, 0x00])).toMatch(/indefinite/);
    expect(fault([0x04, 0xff])).toMatch(/reserved/);
    expect(fault([0x04, 0x85, 1, 0, 0, 0, 0])).toMatch(/5 octets/);
    expect(fault([0x04, 0x02, 0x00])).toMatch(/truncated/);
    expect(fault([0x04])).toMatch(/truncated length/);
  });

  it('trailing bytes and empty input', () => {
    expect(fault([0x05, 0x00, 0x00])).toMatch(/1 byte\(s\) follow/);
    expect(fault([])).toMatch(/empty/);
  });

  it('tags', () => {
    expect(fault([0x00, 0x00])).toMatch(/end-of-contents/);
    expect(fault([0x24, 0x03, 0x04, 0x01, 0x00])).toMatch(/primitive encoding/); // constructed OCTET STRING
    expect(fault([0x10, 0x00])).toMatch(/constructed encoding/); // primitive SEQUENCE
    expect(fault([0x1f, 0x80, 0x01, 0x00])).toMatch(/non-minimal tag/);
    expect(fault([0x9f, 0x05, 0x00])).toMatch(/fits the low-tag form/);
    expect(readDer(Uint8Array.of(0x9f, 0x1f, 0x00)).number).toBe(31);
  });

  it('primitive content rules', () => {
    expect(fault([0x01, 0x01, 0x01])).toMatch(/BOOLEAN/);
    expect(readDer(Uint8Array.of(0x01, 0x01, 0xff)).end).toBe(3);
    expect(fault([0x02, 0x00])).toMatch(/empty INTEGER/);
    expect(fault([0x02, 0x02, 0x00, 0x7f])).toMatch(/non-minimal INTEGER/);
    expect(fault([0x02, 0x02, 0xff, 0x80])).toMatch(/non-minimal INTEGER/);
    expect(readDer(Uint8Array.of(0x02, 0x02, 0x00, 0x80)).end).toBe(4);
    expect(fault([0x03, 0x00])).toMatch(/unused-bits octet/);
    expect(fault([0x03, 0x01, 0x01])).toMatch(/empty BIT STRING/);
    expect(fault([0x03, 0x02, 0x08, 0x00])).toMatch(/8 unused bits/);
    expect(fault([0x03, 0x02, 0x01, 0x01])).toMatch(/padding/);
    expect(readDer(Uint8Array.of(0x03, 0x02, 0x01, 0x02)).end).toBe(4);
    expect(fault([0x05, 0x01, 0x00])).toMatch(/NULL/);
    expect(fault([0x06, 0x00])).toMatch(/empty OBJECT IDENTIFIER/);
    expect(fault([0x06, 0x02, 0x2a, 0x86])).toMatch(/truncated OBJECT IDENTIFIER/);
    expect(fault([0x06, 0x03, 0x2a, 0x80, 0x01])).toMatch(/non-minimal OBJECT IDENTIFIER/);
  });

  it('stops runaway nesting', () => {
    const depth = 40;
    const bytes: number[] = [];
    for (let i = 0; i < depth; i++) bytes.push(0x30, 2 * (depth - i - 1));
    expect(fault(bytes)).toMatch(/nest deeper/);
  });
});

describe('readOid', () => {
  it.each([
    [[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02], '1.2.840.10045.4.3.2'],
    [[0x55, 0x04, 0x2d], '2.5.4.45'],
    [[0x2a, 0x86, 0x3a, 0x00, 0x01, 0x84, 0x8f, 0xb9, 0x0f, 0x01, 0x02, 0x01, 0x04], '1.2.826.0.1.8641679.1.2.1.4'],
    [[0x88, 0x37], '2.999'],
    [[0x69, 0x83, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], '2.25.36893488147419103231'],
  ])('%j is %s', (content, dotted) => {
    const bytes = Uint8Array.from([0x06, content.length, ...content]);
    expect(readOid(bytes, readDer(bytes))).toBe(dotted);
  });
});
