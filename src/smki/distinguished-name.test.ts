// readName and readString, beside them: the faults of a malformed Name (each reason and offset), the text of every
// directory string type at its boundaries, and the RFC 4514 string of a name.
import { describe, expect, it } from 'vitest';
import { OIDS, bits, oid, printable, seq, set, tlv, utf8 } from '../../test/smki/make-certificate.js';
import { readName, readString } from './distinguished-name.js';
import { readDer } from './strict-der.js';
import { thrownFault } from '../../test/smki/fault.js';

const CN = OIDS.commonName;
const OU = OIDS.ou;

/** The fault a reader throws, as code, reason and params; fails the test if it returns. */
function fault(run: () => unknown) {
  const { code, detail, params } = thrownFault(run);
  return { code, reason: detail, params };
}

const name = (bytes: Uint8Array) => readName(bytes, readDer(bytes), 'subject');
const atv = (type: string, value: Uint8Array) => seq(oid(type), value);
/** A one-attribute Name whose value is `tag` with `content`: the value's identifier is at offset 6 + OID length. */
const single = (tag: number, content: Uint8Array | number[]) => seq(set(atv(CN, tlv(tag, Uint8Array.from(content)))));
const VALUE_OFFSET = 6 + oid(CN).length;
const text = (tag: number, content: number[]) => {
  const bytes = single(tag, content);
  return name(bytes).attributes[0]!.value;
};
const textFault = (tag: number, content: number[]) => fault(() => name(single(tag, content)));
const malformedAt = (reason: string, offset: number) => ({ code: 'CERTIFICATE_MALFORMED', reason, params: { offset } });

describe('readName: the structure of a Name', () => {
  it('reads an empty Name as an empty dn without a commonName', () => {
    const bytes = seq();
    const result = name(bytes);
    expect(result).toStrictEqual({ dn: '', attributes: [], node: readDer(bytes), valueNodes: [] });
  });

  it('refuses a Name that is not a SEQUENCE, naming the field', () => {
    expect(fault(() => name(set()))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      reason: 'subject: expected universal tag 16, found universal 17',
      params: { expectedTag: 16, received: 'universal 17', offset: 0 },
    });
  });

  it('refuses an RDN that is not a SET', () => {
    expect(fault(() => name(seq(seq(atv(CN, printable('Z1'))))))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      reason: 'subject RDN: expected universal tag 17, found universal 16',
      params: { expectedTag: 17, received: 'universal 16', offset: 2 },
    });
  });

  it('refuses an empty RDN', () => {
    expect(fault(() => name(seq(set(atv(CN, printable('Z1'))), set())))).toEqual(
      malformedAt('subject: empty RDN', 2 + set(atv(CN, printable('Z1'))).length),
    );
  });

  it('refuses an attribute that is not a SEQUENCE', () => {
    expect(fault(() => name(seq(set(oid(CN)))))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      reason: 'subject attribute: expected universal tag 16, found universal 6',
      params: { expectedTag: 16, received: 'universal 6', offset: 4 },
    });
  });

  it.each([
    ['a type alone', seq(oid(CN))],
    ['a type and two values', seq(oid(CN), printable('a'), printable('b'))],
  ])('refuses an attribute of %s', (_, attribute) => {
    expect(fault(() => name(seq(set(attribute))))).toEqual(malformedAt('subject: an attribute must be a type and one value', 4));
  });

  it('refuses an attribute type that is not an OID', () => {
    expect(fault(() => name(seq(set(seq(printable('CN'), printable('Z1'))))))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      reason: 'subject attribute type: expected universal tag 6, found universal 19',
      params: { expectedTag: 6, received: 'universal 19', offset: 6 },
    });
  });
});

describe('readName: the decoded name', () => {
  it('reads attributes in DER order and the dn last RDN first, with short names and dotted OIDs', () => {
    const entity = bits(Uint8Array.of(0x90, 0xb3));
    const bytes = seq(
      set(atv(OU, printable('07'))),
      set(atv(CN, utf8('Z1'))),
      set(atv(OIDS.uniqueIdentifier, entity)),
      set(atv('1.2.3.4', printable('x'))),
    );
    const result = name(bytes);
    expect(result.dn).toBe('1.2.3.4=x,2.5.4.45=#03030090B3,CN=Z1,OU=07');
    expect(result.commonName).toBe('Z1');
    expect(result.attributes).toEqual([
      { type: OU, value: '07' },
      { type: CN, value: 'Z1' },
      { type: OIDS.uniqueIdentifier, value: '#03030090B3' },
      { type: '1.2.3.4', value: 'x' },
    ]);
    const root = readDer(bytes);
    expect(result.node).toEqual(root);
    expect(result.valueNodes).toEqual(root.children.map((rdn) => rdn.children[0]!.children[1]));
  });

  it('joins the attributes of a multi-valued RDN with +', () => {
    const result = name(seq(set(atv(OU, printable('02')), atv(CN, printable('Z1')))));
    expect(result.dn).toBe('OU=02+CN=Z1');
    expect(result.attributes).toEqual([
      { type: OU, value: '02' },
      { type: CN, value: 'Z1' },
    ]);
  });

  it('keeps the first commonName when there are two', () => {
    const result = name(seq(set(atv(CN, printable('first'))), set(atv(CN, printable('second')))));
    expect(result.commonName).toBe('first');
    expect(result.dn).toBe('CN=second,CN=first');
  });

  it('has no commonName when only other attributes carry text', () => {
    const result = name(seq(set(atv(OU, printable('02')))));
    expect('commonName' in result).toBe(false);
    expect(result.dn).toBe('OU=02');
  });

  it('has no commonName when the commonName value is not a string, and prints it as hex', () => {
    const result = name(seq(set(atv(CN, bits(Uint8Array.of(0xab))))));
    expect('commonName' in result).toBe(false);
    expect(result.dn).toBe('CN=#030200AB');
  });

  it('takes a later string commonName after one that is not a string', () => {
    const result = name(seq(set(atv(CN, bits(Uint8Array.of(0xab)))), set(atv(CN, printable('Z1')))));
    expect(result.commonName).toBe('Z1');
  });

  it.each([
    ['a,b', 'a\\,b'],
    ['a+b', 'a\\+b'],
    ['a\\b"c;d<e>f', 'a\\\\b\\"c\\;d\\<e\\>f'],
    ['a\0b', 'a\\00b'],
    ['#a', '\\#a'],
    [' a', '\\ a'],
    ['a ', 'a\\ '],
    [' ', '\\ '],
    ['a', 'a'],
    ['a b', 'a b'],
  ])('escapes %j as %j in the dn (RFC 4514 2.4)', (value, escaped) => {
    const result = name(seq(set(atv(CN, utf8(value)))));
    expect(result.dn).toBe(`CN=${escaped}`);
    expect(result.attributes).toEqual([{ type: CN, value }]);
  });
});

describe('readString: the directory string types', () => {
  it('reads UTF8String and refuses invalid UTF-8', () => {
    expect(text(0x0c, [0x5a, 0xc3, 0xa9])).toBe('Zé');
    expect(textFault(0x0c, [0x5a, 0xff])).toEqual(malformedAt('subject: UTF8String is not valid UTF-8', VALUE_OFFSET));
  });

  it('reads a PrintableString of its whole alphabet and refuses a character outside it', () => {
    const alphabet = "AZaz09 '()+,-./:=?";
    expect(text(0x13, [...Buffer.from(alphabet, 'latin1')])).toBe(alphabet);
    const outside = malformedAt('subject: PrintableString holds characters outside its alphabet', VALUE_OFFSET);
    expect(textFault(0x13, [0x41, 0x40])).toEqual(outside); // '@' is IA5 but not Printable
    expect(textFault(0x13, [0x41, 0xe9])).toEqual(outside);
  });

  it('reads an IA5String up to 0x7F and refuses a byte above it', () => {
    expect(text(0x16, [0x61, 0x40, 0x7f])).toBe('a@\x7f');
    expect(textFault(0x16, [0x61, 0x80])).toEqual(malformedAt('subject: IA5String holds non-ASCII bytes', VALUE_OFFSET));
  });

  it('reads a TeletexString as Latin-1', () => {
    expect(text(0x14, [0xe9])).toBe('é');
    expect(text(0x14, [0x41, 0xe9, 0x80])).toBe('Aé\x80');
  });

  it('reads a BMPString as UTF-16BE and refuses an odd length or a lone surrogate', () => {
    expect(text(0x1e, [0x00, 0x41])).toBe('A');
    expect(text(0x1e, [0x00, 0xe9, 0xd8, 0x3d, 0xde, 0x00])).toBe('é😀');
    expect(text(0x1e, [])).toBe('');
    expect(textFault(0x1e, [0x00, 0x41, 0x00])).toEqual(malformedAt('subject: BMPString has an odd length', VALUE_OFFSET));
    expect(textFault(0x1e, [0xd8, 0x00])).toEqual(malformedAt('subject: BMPString is not valid UTF-16', VALUE_OFFSET));
  });

  it('reads a UniversalString as UTF-32BE at the code point boundaries', () => {
    const cp = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    expect(text(0x1c, [...cp(0x41), ...cp(0x1f600), ...cp(0xe9)])).toBe('A😀é');
    expect(text(0x1c, cp(0xd7ff))).toBe('\ud7ff');
    expect(text(0x1c, cp(0xe000))).toBe('\ue000');
    expect(text(0x1c, cp(0x10ffff))).toBe(String.fromCodePoint(0x10ffff));
    expect(text(0x1c, [])).toBe('');
  });

  it.each([[0x110000], [0xd800], [0xdfff], [0xdc00], [0xffffffff]])('refuses the UniversalString code point %s', (n) => {
    const content = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    expect(textFault(0x1c, [0, 0, 0, 0x41, ...content])).toEqual(
      malformedAt('subject: UniversalString holds an invalid code point', VALUE_OFFSET),
    );
  });

  it.each([[[0, 0, 0]], [[0, 0, 0, 0x41, 0, 0]]])('refuses a UniversalString of %j (not a multiple of 4)', (content) => {
    expect(textFault(0x1c, content)).toEqual(malformedAt('subject: UniversalString length is not a multiple of 4', VALUE_OFFSET));
  });

  it('gives no text for other universal types or for a non-universal value, which print as hex DER', () => {
    expect(text(0x04, [0x41])).toBe('#040141');
    // [12] has the number of UTF8String but is context-specific: not a string.
    expect(text(0x8c, [0x41])).toBe('#8C0141');
  });

  it('reads a value node directly, with the caller naming it', () => {
    const bytes = utf8('02');
    expect(readString(bytes, readDer(bytes), 'subject OU')).toBe('02');
    const bad = tlv(0x0c, Uint8Array.of(0xff));
    expect(fault(() => readString(bad, readDer(bad), 'subject OU'))).toEqual(
      malformedAt('subject OU: UTF8String is not valid UTF-8', 0),
    );
    expect(readString(Uint8Array.of(0x05, 0x00), readDer(Uint8Array.of(0x05, 0x00)), 'x')).toBeUndefined();
  });
});
