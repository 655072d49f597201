// The strict DER reader, beside it: every refusal with its exact reason and params (the offset a finding points
// at), the boundaries of each limit (nesting, tag-number and length octets), and the tag predicates the X.509
// readers use. The broader cases are in test/smki/strict-der.test.ts.
import { describe, expect, it } from 'vitest';
import { thrownFault } from '../../test/smki/fault.js';
import type { FaultDetails } from './certificate-fault.js';
import { describeTag, expectUniversal, isContext, isUniversal, readDer, type DerNode } from './strict-der.js';

interface Fault {
  name: string;
  code: string;
  detail: string;
  params: FaultDetails | undefined;
}

function faultOf(run: () => unknown): Fault {
  const { name, code, detail, params } = thrownFault(run);
  return { name, code, detail, params };
}

/** The fault reading `bytes[start, end)` must raise. */
function refusal(bytes: number[], start?: number, end?: number): Fault {
  return faultOf(() => readDer(Uint8Array.from(bytes), start, end));
}

const malformed = (detail: string, params?: FaultDetails): Fault => ({
  name: 'CertificateFault',
  code: 'CERTIFICATE_MALFORMED',
  detail,
  params,
});

const read = (bytes: number[]): DerNode => readDer(Uint8Array.from(bytes));

/** `levels` nested SEQUENCEs, the innermost empty: the innermost sits at depth levels - 1, offset 2 * (levels - 1). */
function nested(levels: number): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < levels; i++) bytes.push(0x30, 2 * (levels - i - 1));
  return bytes;
}

describe('readDer: input and nesting', () => {
  it('refuses an empty range, at its start', () => {
    expect(refusal([0x05, 0x00], 2, 2)).toEqual(malformed('no DER value: the input is empty', { offset: 2 }));
    expect(refusal([])).toEqual(malformed('no DER value: the input is empty', { offset: 0 }));
  });

  it('reads 32 levels below the outer value and refuses the 33rd, at the value too deep', () => {
    const deepest = read(nested(33));
    let node = deepest;
    for (let i = 0; i < 32; i++) node = node.children[0]!;
    expect(node).toMatchObject({ start: 64, end: 66, children: [] });
    expect(refusal(nested(34))).toEqual(malformed('values nest deeper than 32', { offset: 66 }));
  });
});

describe('readDer: tags', () => {
  it('reads high tag numbers of one, two and three octets', () => {
    expect(read([0x9f, 0x1f, 0x00])).toMatchObject({ cls: 2, number: 31, contentStart: 3, end: 3 });
    expect(read([0x9f, 0x81, 0x00, 0x00])).toMatchObject({ cls: 2, number: 128, contentStart: 4, end: 4 });
    // A zero continuation octet after the first is minimal.
    expect(read([0x9f, 0x81, 0x80, 0x01, 0x00])).toMatchObject({ cls: 2, number: 16385, contentStart: 5 });
    expect(read([0xdf, 0x81, 0x81, 0x01, 0x00])).toMatchObject({ cls: 3, constructed: false, number: 16513 });
    expect(read([0x7f, 0x81, 0x00, 0x00])).toMatchObject({ cls: 1, constructed: true, number: 128 });
  });

  it('refuses a fourth tag-number octet', () => {
    expect(refusal([0x9f, 0x81, 0x81, 0x81, 0x01, 0x00])).toEqual(malformed('tag number too large', { offset: 0 }));
  });

  it('refuses a tag cut off by the end of its range, not reading past it', () => {
    expect(refusal([0x1f])).toEqual(malformed('truncated tag', { offset: 0 }));
    expect(refusal([0x9f, 0x81])).toEqual(malformed('truncated tag', { offset: 0 }));
    // The bytes after the range would complete the tag (number 129, length 0): they are not the value's.
    expect(refusal([0x00, 0x9f, 0x81, 0x01, 0x00], 1, 3)).toEqual(malformed('truncated tag', { offset: 1 }));
  });

  it('refuses non-minimal tag numbers', () => {
    expect(refusal([0x9f, 0x80, 0x01, 0x00])).toEqual(malformed('non-minimal tag number encoding', { offset: 0 }));
    expect(refusal([0x9f, 0x05, 0x00])).toEqual(malformed('tag number in high-tag form fits the low-tag form', { offset: 0 }));
    expect(refusal([0x9f, 0x1e, 0x00])).toEqual(malformed('tag number in high-tag form fits the low-tag form', { offset: 0 }));
  });

  it('refuses the end-of-contents tag and the wrong encoding of a universal type', () => {
    expect(refusal([0x00, 0x00])).toEqual(malformed('end-of-contents tag outside an indefinite-length value', { offset: 0 }));
    expect(refusal([0x24, 0x03, 0x04, 0x01, 0x00])).toEqual(
      malformed('universal tag 4 must use the primitive encoding', { offset: 0, tag: 4 }),
    );
    expect(refusal([0x30, 0x02, 0x10, 0x00])).toEqual(
      malformed('universal tag 16 must use the constructed encoding', { offset: 2, tag: 16 }),
    );
  });
});

describe('readDer: lengths', () => {
  it('refuses a missing length octet, at the end of the range even when bytes follow it', () => {
    expect(refusal([0x04])).toEqual(malformed('truncated length', { offset: 0 }));
    expect(refusal([0x04, 0x00], 0, 1)).toEqual(malformed('truncated length', { offset: 0 }));
    expect(refusal([0x9f, 0x1f])).toEqual(malformed('truncated length', { offset: 0 }));
  });

  it('refuses long-form length octets cut off by the end of the range', () => {
    expect(refusal([0x04, 0x82, 0x01])).toEqual(malformed('truncated length', { offset: 0 }));
    expect(refusal([0x04, 0x82, 0x01, 0x00], 0, 3)).toEqual(malformed('truncated length', { offset: 0 }));
    // All the length octets present, no content: the content is what is short.
    expect(refusal([0x04, 0x81, 0x80])).toEqual(
      malformed('truncated: the value needs 128 content bytes, 0 remain', { offset: 0, length: 128, available: 0 }),
    );
  });

  it('reads up to four length octets and refuses five', () => {
    expect(refusal([0x04, 0x84, 0x01, 0x00, 0x00, 0x00])).toEqual(
      malformed('truncated: the value needs 16777216 content bytes, 0 remain', { offset: 0, length: 16777216, available: 0 }),
    );
    expect(refusal([0x04, 0x85, 1, 0, 0, 0, 0])).toEqual(malformed('length uses 5 octets', { offset: 0 }));
  });

  it('refuses the indefinite, reserved and non-minimal forms', () => {
    expect(refusal([0x30, 0x80, 0x00, 0x00])).toEqual(malformed('indefinite length (BER, not DER)', { offset: 0 }));
    expect(refusal([0x04, 0xff])).toEqual(malformed('reserved length octet 0xFF', { offset: 0 }));
    expect(refusal([0x04, 0x82, 0x00, 0x81, ...new Array<number>(0x81).fill(0)])).toEqual(
      malformed('non-minimal length: leading zero length octet', { offset: 0 }),
    );
    expect(refusal([0x04, 0x81, 0x7f, ...new Array<number>(0x7f).fill(0)])).toEqual(
      malformed('non-minimal length: long form for length 127', { offset: 0, length: 127 }),
    );
    expect(read([0x04, 0x81, 0x80, ...new Array<number>(0x80).fill(0)])).toMatchObject({ contentStart: 3, end: 0x83 });
  });

  it('refuses content longer than the enclosing value, with what remains', () => {
    expect(refusal([0x04, 0x02, 0x00])).toEqual(
      malformed('truncated: the value needs 2 content bytes, 1 remain', { offset: 0, length: 2, available: 1 }),
    );
    expect(refusal([0x30, 0x03, 0x04, 0x05, 0x00])).toEqual(
      malformed('truncated: the value needs 5 content bytes, 1 remain', { offset: 2, length: 5, available: 1 }),
    );
  });
});

describe('readDer: content rules of primitive universal types', () => {
  it('applies them to universal values only', () => {
    expect(read([0x82, 0x00])).toMatchObject({ cls: 2, number: 2, end: 2 }); // an empty INTEGER if universal
    expect(read([0x81, 0x01, 0x01])).toMatchObject({ cls: 2, number: 1, end: 3 }); // a bad BOOLEAN if universal
    expect(read([0x45, 0x01, 0x00])).toMatchObject({ cls: 1, number: 5, end: 3 }); // a NULL with content if universal
  });

  it('BOOLEAN: one octet, 0x00 or 0xFF', () => {
    expect(read([0x01, 0x01, 0x00]).end).toBe(3);
    expect(read([0x01, 0x01, 0xff]).end).toBe(3);
    const bad = malformed('BOOLEAN must be one octet, 0x00 or 0xFF', { offset: 0 });
    expect(refusal([0x01, 0x01, 0x01])).toEqual(bad);
    expect(refusal([0x01, 0x02, 0xff, 0xff])).toEqual(bad);
    expect(refusal([0x01, 0x02, 0x00, 0x00])).toEqual(bad);
    expect(refusal([0x01, 0x00])).toEqual(bad);
  });

  it('INTEGER and ENUMERATED: not empty, minimal', () => {
    expect(refusal([0x02, 0x00])).toEqual(malformed('empty INTEGER', { offset: 0 }));
    expect(refusal([0x0a, 0x00])).toEqual(malformed('empty INTEGER', { offset: 0 }));
    expect(refusal([0x02, 0x02, 0x00, 0x7f])).toEqual(malformed('non-minimal INTEGER encoding', { offset: 0 }));
    expect(refusal([0x02, 0x02, 0xff, 0x80])).toEqual(malformed('non-minimal INTEGER encoding', { offset: 0 }));
    expect(read([0x02, 0x02, 0x00, 0x80]).end).toBe(4);
    expect(read([0x02, 0x02, 0xff, 0x7f]).end).toBe(4);
  });

  it('BIT STRING: the unused-bits octet, at most 7, zero padding', () => {
    expect(refusal([0x03, 0x00])).toEqual(malformed('BIT STRING without the unused-bits octet', { offset: 0 }));
    expect(refusal([0x03, 0x02, 0x08, 0x00])).toEqual(malformed('BIT STRING declares 8 unused bits', { offset: 0, unusedBits: 8 }));
    expect(refusal([0x03, 0x01, 0x01])).toEqual(malformed('empty BIT STRING with unused bits', { offset: 0 }));
    expect(refusal([0x03, 0x02, 0x07, 0x40])).toEqual(malformed('BIT STRING padding bits are not zero', { offset: 0 }));
    expect(read([0x03, 0x02, 0x07, 0x80]).end).toBe(4);
    expect(read([0x03, 0x01, 0x00]).end).toBe(3);
    expect(read([0x03, 0x02, 0x00, 0xff]).end).toBe(4);
  });

  it('NULL: no content', () => {
    expect(refusal([0x05, 0x01, 0x00])).toEqual(malformed('NULL with content', { offset: 0 }));
    expect(read([0x05, 0x00]).end).toBe(2);
  });

  it('OBJECT IDENTIFIER: not empty, no cut-off arc, no leading 0x80 in an arc', () => {
    expect(refusal([0x06, 0x00])).toEqual(malformed('empty OBJECT IDENTIFIER', { offset: 0 }));
    expect(refusal([0x06, 0x02, 0x2a, 0x86])).toEqual(malformed('truncated OBJECT IDENTIFIER arc', { offset: 0 }));
    const nonMinimal = malformed('non-minimal OBJECT IDENTIFIER arc', { offset: 0 });
    expect(refusal([0x06, 0x02, 0x80, 0x01])).toEqual(nonMinimal);
    expect(refusal([0x06, 0x04, 0x2a, 0x80, 0x81, 0x01])).toEqual(nonMinimal);
    // The first arc starting 0x80, after a long-form length whose last octet also has its top bit set.
    expect(refusal([0x06, 0x81, 0x80, 0x80, ...new Array<number>(0x7f).fill(0x01)])).toEqual(nonMinimal);
    // 0x80 inside an arc (after a continuation octet) is a zero digit, not padding.
    expect(read([0x06, 0x04, 0x2a, 0x81, 0x80, 0x01]).end).toBe(6);
    // The octet after the OID is the next value's, even when it is 0x80 (a context tag 0).
    expect(read([0x30, 0x05, 0x06, 0x01, 0x2a, 0x80, 0x00]).children.map((c) => c.number)).toEqual([6, 0]);
  });
});

describe('tag predicates', () => {
  const integer = read([0x02, 0x01, 0x00]);
  const context2 = read([0x82, 0x00]);
  const application2 = read([0x42, 0x00]);
  const private2 = read([0xc2, 0x00]);

  it('describeTag names the class and number', () => {
    expect(describeTag(integer)).toBe('universal 2');
    expect(describeTag(read([0x30, 0x00]))).toBe('universal 16');
    expect(describeTag(context2)).toBe('[context 2]');
    expect(describeTag(application2)).toBe('[application 2]');
    expect(describeTag(private2)).toBe('[private 2]');
  });

  it('isUniversal and isContext match class and number, and nothing', () => {
    expect(isUniversal(integer, 2)).toBe(true);
    expect(isUniversal(integer, 3)).toBe(false);
    expect(isUniversal(context2, 2)).toBe(false);
    expect(isUniversal(undefined, 2)).toBe(false);
    expect(isContext(context2, 2)).toBe(true);
    expect(isContext(context2, 3)).toBe(false);
    expect(isContext(integer, 2)).toBe(false);
    expect(isContext(application2, 2)).toBe(false);
    expect(isContext(undefined, 2)).toBe(false);
  });

  it('expectUniversal returns the value, or refuses with what it found', () => {
    expect(expectUniversal(integer, 2, 'serialNumber')).toBe(integer);
    expect(faultOf(() => expectUniversal(undefined, 2, 'serialNumber'))).toEqual(
      malformed('serialNumber: expected universal tag 2, found nothing', { expectedTag: 2, received: null }),
    );
    const inSequence = read([0x30, 0x02, 0x82, 0x00]).children[0]!;
    expect(faultOf(() => expectUniversal(inSequence, 2, 'serialNumber'))).toEqual(
      malformed('serialNumber: expected universal tag 2, found [context 2]', { expectedTag: 2, received: '[context 2]', offset: 2 }),
    );
    expect(faultOf(() => expectUniversal(integer, 4, 'extnValue'))).toEqual(
      malformed('extnValue: expected universal tag 4, found universal 2', { expectedTag: 4, received: 'universal 2', offset: 0 }),
    );
  });
});
