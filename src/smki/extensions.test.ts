// The extension readers, beside them: the [3] Extensions list and each extension's own DER, every fault with its
// exact reason, code and params, and the decoded values (key usage, key identifiers, policies, basicConstraints,
// subjectAltName otherNames) at their boundaries.
import { describe, expect, it } from 'vitest';
import { OIDS, bits, bool, extension, int, namedBits, octets, oid, seq, set, tlv } from '../../test/smki/make-certificate.js';
import {
  KNOWN_EXTENSIONS,
  readAuthorityKeyIdentifier,
  readBasicConstraints,
  readCertificatePolicies,
  readExtensions,
  readKeyUsage,
  readSubjectAltNameOtherNames,
  readSubjectKeyIdentifier,
  type RawExtension,
} from './extensions.js';
import { readDer } from './strict-der.js';
import { thrownFault } from '../../test/smki/fault.js';

function fault(run: () => unknown) {
  const { code, detail, params } = thrownFault(run);
  return { code, reason: detail, params };
}

const malformed = (reason: string, params?: Record<string, unknown>) => ({ code: 'CERTIFICATE_MALFORMED', reason, params });
const profile = (reason: string, params?: Record<string, unknown>) => ({ code: 'CERTIFICATE_PROFILE', reason, params });

const list = (bytes: Uint8Array) => readExtensions(bytes, readDer(bytes));

/** One extension holding `value` as its extnValue, read through readExtensions as the decoder does. */
function raw(id: string, value: Uint8Array, critical = false): { bytes: Uint8Array; ext: RawExtension } {
  const bytes = tlv(0xa3, seq(extension(id, critical, value)));
  return { bytes, ext: list(bytes).get(id)! };
}
const read = <T>(reader: (bytes: Uint8Array, ext: RawExtension) => T, id: string, value: Uint8Array): T => {
  const { bytes, ext } = raw(id, value);
  return reader(bytes, ext);
};
/** The offset of the extension value's own DER inside the wrapper of `raw`: [3] 2, SEQUENCE 2, Extension 2, OID, OCTET STRING 2. */
const innerOffset = (id: string) => 2 + 2 + 2 + oid(id).length + 2;

describe('readExtensions: the [3] Extensions list', () => {
  it('reads each extension by OID, with its criticality and its OCTET STRING', () => {
    const bytes = tlv(0xa3, seq(extension(OIDS.keyUsage, true, namedBits(0)), extension(OIDS.ski, false, octets(Uint8Array.of(1)))));
    const extensions = list(bytes);
    const root = readDer(bytes).children[0]!;
    expect([...extensions.entries()]).toEqual([
      [OIDS.keyUsage, { oid: OIDS.keyUsage, critical: true, value: root.children[0]!.children[2] }],
      [OIDS.ski, { oid: OIDS.ski, critical: false, value: root.children[1]!.children[1] }],
    ]);
  });

  it.each([
    ['nothing', tlv(0xa3)],
    ['two SEQUENCEs', tlv(0xa3, seq(extension(OIDS.ski, false, octets(Uint8Array.of(1)))), seq(extension(OIDS.aki, false, seq())))],
  ])('refuses a [3] holding %s', (_, bytes) => {
    expect(fault(() => list(bytes))).toEqual(malformed('extensions: [3] must hold exactly one SEQUENCE', { offset: 0 }));
  });

  it('refuses a list that is not a SEQUENCE, and an empty list', () => {
    expect(fault(() => list(tlv(0xa3, set())))).toEqual(
      malformed('extensions: expected universal tag 16, found universal 17', { expectedTag: 16, received: 'universal 17', offset: 2 }),
    );
    expect(fault(() => list(tlv(0xa3, seq())))).toEqual(malformed('extensions: empty list', { offset: 2 }));
  });

  it('refuses an Extension that is not a SEQUENCE, or whose id is not an OID', () => {
    expect(fault(() => list(tlv(0xa3, seq(int(Uint8Array.of(1))))))).toEqual(
      malformed('extension: expected universal tag 16, found universal 2', { expectedTag: 16, received: 'universal 2', offset: 4 }),
    );
    expect(fault(() => list(tlv(0xa3, seq(seq(int(Uint8Array.of(1)), octets(Uint8Array.of(1)))))))).toEqual(
      malformed('extension id: expected universal tag 6, found universal 2', { expectedTag: 6, received: 'universal 2', offset: 6 }),
    );
  });

  it('refuses critical FALSE written out', () => {
    expect(fault(() => list(tlv(0xa3, seq(extension(OIDS.keyUsage, 'explicit-false', namedBits(0))))))).toEqual(
      malformed('extension 2.5.29.15: critical FALSE is written out (DER omits defaults)', { extension: OIDS.keyUsage }),
    );
  });

  it.each([
    ['after a non-critical extnValue', seq(oid(OIDS.ski), octets(Uint8Array.of(1)), octets(Uint8Array.of(2)))],
    ['after a critical extnValue', seq(oid(OIDS.ski), bool(true), octets(Uint8Array.of(1)), octets(Uint8Array.of(2)))],
    ['after a non-critical extnValue, two of them', seq(oid(OIDS.ski), octets(Uint8Array.of(1)), octets(Uint8Array.of(2)), octets(Uint8Array.of(3)))],
  ])('refuses a value %s', (_, ext) => {
    expect(fault(() => list(tlv(0xa3, seq(ext))))).toEqual(
      malformed('extension 2.5.29.14: unexpected value after extnValue', { extension: OIDS.ski }),
    );
  });

  it('refuses an extnValue that is not an OCTET STRING, or is missing', () => {
    const offset = 2 + 2 + 2 + oid(OIDS.ski).length;
    expect(fault(() => list(tlv(0xa3, seq(seq(oid(OIDS.ski), int(Uint8Array.of(1)))))))).toEqual(
      malformed('extension 2.5.29.14 value: expected universal tag 4, found universal 2', { expectedTag: 4, received: 'universal 2', offset }),
    );
    expect(fault(() => list(tlv(0xa3, seq(seq(oid(OIDS.ski), bool(true))))))).toEqual(
      malformed('extension 2.5.29.14 value: expected universal tag 4, found nothing', { expectedTag: 4, received: null }),
    );
  });

  it('refuses an extension that appears twice (RFC 5280 4.2), as a profile fault', () => {
    const twice = tlv(0xa3, seq(extension(OIDS.ski, false, octets(Uint8Array.of(1))), extension(OIDS.ski, true, octets(Uint8Array.of(2)))));
    expect(fault(() => list(twice))).toEqual(profile('extension 2.5.29.14 appears more than once', { extension: OIDS.ski }));
  });

  it('knows the six extensions the profile reads', () => {
    expect([...KNOWN_EXTENSIONS].sort()).toEqual(
      [OIDS.keyUsage, OIDS.basicConstraints, OIDS.policies, OIDS.ski, OIDS.aki, OIDS.san].sort(),
    );
  });
});

describe('readKeyUsage', () => {
  it.each([
    [[0], ['digitalSignature']],
    [[4], ['keyAgreement']],
    [[5, 6], ['keyCertSign', 'cRLSign']],
    [[7], ['encipherOnly']],
    [[0, 8], ['digitalSignature', 'decipherOnly']],
    [[1, 2, 3], ['nonRepudiation', 'keyEncipherment', 'dataEncipherment']],
    [[], []],
  ])('reads bits %j as %j', (positions, names) => {
    expect(read(readKeyUsage, OIDS.keyUsage, namedBits(...positions))).toEqual(names);
  });

  it.each([[9], [15]])('refuses bit %s, which names no key usage', (bit) => {
    expect(fault(() => read(readKeyUsage, OIDS.keyUsage, namedBits(0, bit)))).toEqual(
      profile(`keyUsage: bit ${bit} is not a defined key usage`, { bit }),
    );
  });

  it('refuses trailing zero bits and a value that is not a BIT STRING', () => {
    expect(fault(() => read(readKeyUsage, OIDS.keyUsage, bits(Uint8Array.of(0x80), 0)))).toEqual(
      malformed('keyUsage: the named bit list has trailing zero bits (not DER)'),
    );
    expect(fault(() => read(readKeyUsage, OIDS.keyUsage, octets(Uint8Array.of(0x80))))).toEqual(
      malformed('keyUsage: expected universal tag 3, found universal 4', { expectedTag: 3, received: 'universal 4', offset: innerOffset(OIDS.keyUsage) }),
    );
  });
});

describe('readSubjectKeyIdentifier and readAuthorityKeyIdentifier', () => {
  it('reads the subjectKeyIdentifier as lower-case hex, and refuses another type', () => {
    expect(read(readSubjectKeyIdentifier, OIDS.ski, octets(Uint8Array.of(0x01, 0xab, 0xff)))).toBe('01abff');
    expect(fault(() => read(readSubjectKeyIdentifier, OIDS.ski, seq()))).toEqual(
      malformed('subjectKeyIdentifier: expected universal tag 4, found universal 16', { expectedTag: 4, received: 'universal 16', offset: innerOffset(OIDS.ski) }),
    );
  });

  const KEY_ID = tlv(0x80, Uint8Array.of(0x08, 0xab));
  const ISSUER = tlv(0xa1, tlv(0xa4, seq()));
  const SERIAL = tlv(0x82, Uint8Array.of(0x01));

  it.each([
    ['[0]', [KEY_ID], '08ab'],
    ['[0] [1] [2]', [KEY_ID, ISSUER, SERIAL], '08ab'],
    ['[0] [2]', [KEY_ID, SERIAL], '08ab'],
    ['[1] [2]', [ISSUER, SERIAL], undefined],
    ['nothing', [], undefined],
  ])('reads the keyIdentifier of %s', (_, fields, keyId) => {
    expect(read(readAuthorityKeyIdentifier, OIDS.aki, seq(...fields))).toBe(keyId);
  });

  it.each([
    ['a universal INTEGER', [int(Uint8Array.of(1))], 0],
    ['a universal SEQUENCE', [seq()], 0],
    ['a universal BOOLEAN', [bool(true)], 0],
    ['[3]', [tlv(0x83, Uint8Array.of(1))], 0],
    ['[0] constructed', [tlv(0xa0)], 0],
    ['[1] primitive', [tlv(0x81, Uint8Array.of(1))], 0],
    ['[2] constructed', [tlv(0xa2)], 0],
    ['[0] twice', [KEY_ID, KEY_ID], 1],
    ['[2] before [0]', [SERIAL, KEY_ID], 1],
    ['[2] before [1]', [SERIAL, ISSUER], 1],
  ])('refuses %s in an authorityKeyIdentifier', (_, fields, bad) => {
    const { bytes, ext } = raw(OIDS.aki, seq(...fields));
    const offset = readDer(bytes, ext.value.contentStart, ext.value.end).children[bad]!.start;
    expect(fault(() => readAuthorityKeyIdentifier(bytes, ext))).toEqual(malformed('authorityKeyIdentifier: unexpected field', { offset }));
  });

  it('refuses an authorityKeyIdentifier that is not a SEQUENCE', () => {
    expect(fault(() => read(readAuthorityKeyIdentifier, OIDS.aki, octets(Uint8Array.of(1))))).toEqual(
      malformed('authorityKeyIdentifier: expected universal tag 16, found universal 4', { expectedTag: 16, received: 'universal 4', offset: innerOffset(OIDS.aki) }),
    );
  });
});

describe('readCertificatePolicies', () => {
  const POLICY = OIDS.testPolicy;

  it('reads the policy ids in order, with or without qualifiers', () => {
    expect(read(readCertificatePolicies, OIDS.policies, seq(seq(oid(POLICY))))).toEqual([POLICY]);
    expect(read(readCertificatePolicies, OIDS.policies, seq(seq(oid(POLICY), seq(seq(oid('1.3.6.1.5.5.7.2.1')))), seq(oid('2.5.29.32.0'))))).toEqual([
      POLICY,
      '2.5.29.32.0',
    ]);
  });

  it('refuses a value that is not a SEQUENCE, and an empty list', () => {
    expect(fault(() => read(readCertificatePolicies, OIDS.policies, set()))).toEqual(
      malformed('certificatePolicies: expected universal tag 16, found universal 17', { expectedTag: 16, received: 'universal 17', offset: innerOffset(OIDS.policies) }),
    );
    expect(fault(() => read(readCertificatePolicies, OIDS.policies, seq()))).toEqual(malformed('certificatePolicies: empty list'));
  });

  it('refuses a PolicyInformation that is not a SEQUENCE, or whose id is not an OID', () => {
    const at = innerOffset(OIDS.policies) + 2;
    expect(fault(() => read(readCertificatePolicies, OIDS.policies, seq(oid(POLICY))))).toEqual(
      malformed('certificatePolicies PolicyInformation: expected universal tag 16, found universal 6', { expectedTag: 16, received: 'universal 6', offset: at }),
    );
    expect(fault(() => read(readCertificatePolicies, OIDS.policies, seq(seq(int(Uint8Array.of(1))))))).toEqual(
      malformed('certificatePolicies policy id: expected universal tag 6, found universal 2', { expectedTag: 6, received: 'universal 2', offset: at + 2 }),
    );
  });

  it.each([
    ['qualifiers that are not a SEQUENCE', seq(oid(POLICY), int(Uint8Array.of(1)))],
    ['a third field', seq(oid(POLICY), seq(), seq())],
  ])('refuses a PolicyInformation with %s', (_, info) => {
    expect(fault(() => read(readCertificatePolicies, OIDS.policies, seq(seq(oid(POLICY)), info)))).toEqual(
      malformed('certificatePolicies: unexpected field in PolicyInformation', { offset: innerOffset(OIDS.policies) + 2 + seq(oid(POLICY)).length }),
    );
  });
});

describe('readBasicConstraints', () => {
  const n = (...octets: number[]) => int(Uint8Array.from(octets));

  it.each([
    ['an empty SEQUENCE', seq(), { ca: false }],
    ['cA TRUE', seq(bool(true)), { ca: true }],
    ['cA TRUE, pathLen 0', seq(bool(true), n(0)), { ca: true, pathLength: 0 }],
    ['cA TRUE, pathLen 3', seq(bool(true), n(3)), { ca: true, pathLength: 3 }],
    ['a pathLen of 0x7F', seq(n(0x7f)), { ca: false, pathLength: 127 }],
    ['a pathLen of 0x0102', seq(bool(true), n(0x01, 0x02)), { ca: true, pathLength: 258 }],
    ['a pathLen of four octets', seq(n(0x7f, 0xff, 0xff, 0xfe)), { ca: false, pathLength: 0x7ffffffe }],
    ['a pathLen with a leading zero', seq(n(0x00, 0x80)), { ca: false, pathLength: 128 }],
  ])('reads %s', (_, value, expected) => {
    expect(read(readBasicConstraints, OIDS.basicConstraints, value)).toStrictEqual(expected);
  });

  it.each([
    ['a negative pathLen', seq(bool(true), n(0x80))],
    ['a negative pathLen of several octets', seq(n(0xff, 0x00))],
    ['a pathLen of five octets', seq(n(0x01, 0x00, 0x00, 0x00, 0x00))],
  ])('refuses %s as out of range', (_, value) => {
    expect(fault(() => read(readBasicConstraints, OIDS.basicConstraints, value))).toEqual(profile('basicConstraints: pathLenConstraint out of range'));
  });

  it('refuses cA FALSE written out', () => {
    expect(fault(() => read(readBasicConstraints, OIDS.basicConstraints, seq(bool(false))))).toEqual(
      malformed('basicConstraints: cA FALSE is written out (DER omits defaults)'),
    );
  });

  it.each([
    ['two INTEGERs', seq(n(1), n(1))],
    ['a field after cA and pathLen', seq(bool(true), n(1), n(1))],
  ])('refuses %s', (_, value) => {
    expect(fault(() => read(readBasicConstraints, OIDS.basicConstraints, value))).toEqual(malformed('basicConstraints: unexpected field'));
  });

  it('refuses a value that is not a SEQUENCE, and a pathLen that is not an INTEGER', () => {
    expect(fault(() => read(readBasicConstraints, OIDS.basicConstraints, set()))).toEqual(
      malformed('basicConstraints: expected universal tag 16, found universal 17', {
        expectedTag: 16,
        received: 'universal 17',
        offset: innerOffset(OIDS.basicConstraints),
      }),
    );
    expect(fault(() => read(readBasicConstraints, OIDS.basicConstraints, seq(bool(true), octets(Uint8Array.of(1)))))).toEqual(
      malformed('basicConstraints pathLenConstraint: expected universal tag 2, found universal 4', {
        expectedTag: 2,
        received: 'universal 4',
        offset: innerOffset(OIDS.basicConstraints) + 2 + 3,
      }),
    );
  });
});

describe('readSubjectAltNameOtherNames', () => {
  const otherName = (type: string) => tlv(0xa0, oid(type), tlv(0xa0, octets(Uint8Array.of(1))));

  it('lists the otherName type-ids in order, skipping other GeneralNames', () => {
    const value = seq(
      tlv(0x82, Buffer.from('example.org')),
      otherName(OIDS.hardwareModuleName),
      tlv(0xa4, seq()),
      otherName('1.2.3.4'),
    );
    expect(read(readSubjectAltNameOtherNames, OIDS.san, value)).toEqual([OIDS.hardwareModuleName, '1.2.3.4']);
  });

  it('skips a constructed GeneralName of another tag that starts with an OID, and a [0] that does not', () => {
    const value = seq(tlv(0xa1, oid('1.2.3.4')), tlv(0x80, Uint8Array.of(1)), tlv(0xa0, int(Uint8Array.of(1))));
    expect(read(readSubjectAltNameOtherNames, OIDS.san, value)).toEqual([]);
    expect(read(readSubjectAltNameOtherNames, OIDS.san, seq())).toEqual([]);
  });

  it('refuses a value that is not a SEQUENCE', () => {
    expect(fault(() => read(readSubjectAltNameOtherNames, OIDS.san, set()))).toEqual(
      malformed('subjectAltName: expected universal tag 16, found universal 17', { expectedTag: 16, received: 'universal 17', offset: innerOffset(OIDS.san) }),
    );
  });
});
