// checkProfile: the DUIS profile of the one ds:Signature, checked on the parsed tree before any digest or
// signature is computed. Each check is pinned by its finding (code, path, params; the message is the reason) and
// by a near miss that passes. The attack documents driven through verifySignature are in test/security/signature/.
import { describe, expect, it } from 'vitest';
import { replaceOnce } from '../../test/signature/support.js';
import { parseTree } from '../../test/support/tree.js';
import type { XmlElement } from '../xml/tree.js';
import { ALGORITHMS, XMLDSIG_NAMESPACE } from './algorithms.js';
import { checkProfile, containsSignature, type ProfileResult } from './profile.js';

const DS = XMLDSIG_NAMESPACE;
const { exclusiveC14n: EXC, envelopedSignature: ENV, ecdsaSha256: ECDSA, sha256: SHA256 } = ALGORITHMS;
const INCLUSIVE_C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';

const DIGEST = Buffer.alloc(32, 0xab);
const SIGNATURE_VALUE = Buffer.alloc(64, 0xcd);

const SIG = '/Request/Signature';
const SI = `${SIG}/SignedInfo`;
const REF = `${SI}/Reference`;
const TRANSFORMS = `${REF}/Transforms`;
const KEY_INFO = `${SIG}/KeyInfo`;
const X509_DATA = `${KEY_INFO}/X509Data`;
const ISSUER_SERIAL = `${X509_DATA}/X509IssuerSerial`;

const TRANSFORMS_XML = `<ds:Transforms><ds:Transform Algorithm="${ENV}"/><ds:Transform Algorithm="${EXC}"/></ds:Transforms>`;
const SIGNATURE_XML =
  `<ds:Signature Id="sig"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC}"/><ds:SignatureMethod Algorithm="${ECDSA}"/>` +
  `<ds:Reference URI="">${TRANSFORMS_XML}<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${DIGEST.toString('base64')}</ds:DigestValue>` +
  `</ds:Reference></ds:SignedInfo><ds:SignatureValue>${SIGNATURE_VALUE.toString('base64')}</ds:SignatureValue>` +
  `<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=Test CA,O=Example</ds:X509IssuerName>` +
  `<ds:X509SerialNumber>123456789</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo></ds:Signature>`;

/** A document in the profile: the Signature is the second (last) child of the document element. */
const VALID = `<r:Request xmlns:r="urn:test" xmlns:ds="${DS}"><r:Body>body</r:Body>${SIGNATURE_XML}</r:Request>`;

const check = (xml: string): ProfileResult => checkProfile(parseTree(xml).root);

/** A document with one `search` of VALID replaced. */
const edit = (search: string, replacement: string): string => replaceOnce(VALID, search, replacement);

type Value = string | number | null | readonly string[];

function profileFault(path: string, reason: string, params: { expected?: Value; received?: Value } = {}): ProfileResult {
  return {
    ok: false,
    finding: {
      code: 'SIGNATURE_PROFILE',
      severity: 'error',
      message: `The XML signature does not follow the DUIS signature profile: ${reason}`,
      path,
      params: { reason, expected: params.expected ?? null, received: params.received ?? null },
    },
  } as ProfileResult;
}

function expectPasses(xml: string): void {
  const result = check(xml);
  if (!result.ok) expect.fail(`expected the profile to hold: ${result.finding.message}`);
}

describe('checkProfile: a document in the profile', () => {
  it('returns the parts the verifier needs', () => {
    const document = parseTree(VALID);
    const result = checkProfile(document.root);
    if (!result.ok) return expect.fail(result.finding.message);
    const signature = document.root.children[1] as XmlElement;
    expect(result.parts.signature).toBe(signature);
    expect(result.parts.signedInfo).toBe(signature.children[0]);
    expect(result.parts).toEqual({
      signature,
      signedInfo: signature.children[0],
      documentMode: 'exclusive',
      digestValue: DIGEST,
      signatureValue: SIGNATURE_VALUE,
      issuerName: 'CN=Test CA,O=Example',
      serialNumber: '123456789',
    });
  });

  it('a lone enveloped-signature transform canonicalises the document inclusively', () => {
    const result = check(edit(`<ds:Transform Algorithm="${EXC}"/>`, ''));
    expect(result.ok && result.parts.documentMode).toBe('inclusive');
  });

  it('whitespace and comments between the elements, whitespace after the Signature, and base64 with line breaks', () => {
    const spaced = VALID.replaceAll('><ds:', '>\n  <!-- note -->\n  <ds:')
      .replace('</ds:Signature>', '</ds:Signature>\n\t\r\n ')
      .replace(DIGEST.toString('base64'), `${DIGEST.toString('base64').slice(0, 20)}\n${DIGEST.toString('base64').slice(20)}`);
    const result = check(spaced);
    if (!result.ok) return expect.fail(result.finding.message);
    expect(result.parts.digestValue).toEqual(DIGEST);
    expect(result.parts.issuerName).toBe('CN=Test CA,O=Example');
  });

  it('text split over several nodes is joined (issuer name with an entity reference)', () => {
    const result = check(edit('CN=Test CA,O=Example', 'CN=A &amp; B'));
    expect(result.ok && result.parts.issuerName).toBe('CN=A & B');
  });

  it('a programming error is rethrown, never turned into a finding', () => {
    const signature = {
      type: 'element',
      namespace: DS,
      localName: 'Signature',
      prefix: 'ds',
      name: 'ds:Signature',
      namespaces: [],
      children: [],
      get attributes(): never {
        throw new TypeError('boom');
      },
    } as unknown as XmlElement;
    const root: XmlElement = {
      type: 'element',
      namespace: 'urn:test',
      localName: 'Request',
      prefix: 'r',
      name: 'r:Request',
      attributes: [],
      namespaces: [],
      children: [signature],
    };
    expect(() => checkProfile(root)).toThrow(new TypeError('boom'));
  });
});

describe('checkProfile: the one ds:Signature, last child of the document element', () => {
  it('SIGNATURE_MISSING at the document element when there is none', () => {
    expect(check('<r:Request xmlns:r="urn:test"><r:Body/></r:Request>')).toEqual({
      ok: false,
      finding: { code: 'SIGNATURE_MISSING', severity: 'error', message: 'The request carries no XML signature: the request carries no ds:Signature', path: '/Request', params: {} },
    });
  });

  it('a Signature element in another namespace is not one', () => {
    const result = check('<r:Request xmlns:r="urn:test"><r:Body/><r:Signature/></r:Request>');
    expect(result.ok || result.finding.code).toBe('SIGNATURE_MISSING');
  });

  it('two ds:Signature elements', () => {
    expect(check(edit('</r:Request>', `${SIGNATURE_XML}</r:Request>`))).toEqual(
      profileFault('/Request', 'the document holds 2 ds:Signature elements; DUIS allows one', { expected: 1, received: 2 }),
    );
  });

  it('two ds:Signature elements, the second one nested', () => {
    expect(check(edit('<r:Body>body</r:Body>', `<r:Body>${SIGNATURE_XML}</r:Body>`))).toEqual(
      profileFault('/Request', 'the document holds 2 ds:Signature elements; DUIS allows one', { expected: 1, received: 2 }),
    );
  });

  it('a ds:Signature that is not a child of the document element, named by its own path', () => {
    const nested = `<r:Request xmlns:r="urn:test" xmlns:ds="${DS}"><r:Body><r:Inner>${SIGNATURE_XML}</r:Inner></r:Body></r:Request>`;
    expect(check(nested)).toEqual(
      profileFault('/Request/Body/Inner/Signature', 'the ds:Signature is not a child of the document element', { expected: '/Request/Signature' }),
    );
  });

  it('near miss: the Signature as the only child of the document element', () => {
    expectPasses(`<r:Request xmlns:r="urn:test" xmlns:ds="${DS}">${SIGNATURE_XML}</r:Request>`);
  });

  const notLast = (received: string) => profileFault(SIG, 'the ds:Signature is not the last child of the document element', { received });
  it.each([
    ['an element', '<r:Trailer/>', notLast('element r:Trailer')],
    ['character data', ' x ', notLast('character data')],
    ['a CDATA section, even of whitespace', '<![CDATA[ ]]>', notLast('a CDATA section')],
    ['a comment', '<!-- after -->', notLast('a comment')],
    ['a processing instruction', '<?later data?>', notLast('processing instruction later')],
  ])('anything but whitespace after the Signature: %s', (_, after, expected) => {
    expect(check(edit('</ds:Signature>', `</ds:Signature>  ${after}`))).toEqual(expected);
  });
});

describe('checkProfile: attributes', () => {
  const unexpectedAttribute = (path: string, owner: string, name: string) =>
    profileFault(`${path}/@${name}`, `${owner} carries an unexpected attribute ${name}`, { received: name });

  it.each([
    ['Signature', '<ds:Signature Id="sig">', '<ds:Signature Id="sig" Target="x">', unexpectedAttribute(SIG, 'Signature', 'Target')],
    ['Signature, a namespaced Id', '<ds:Signature Id="sig">', '<ds:Signature r:Id="sig">', unexpectedAttribute(SIG, 'Signature', 'r:Id')],
    ['SignedInfo', '<ds:SignedInfo>', '<ds:SignedInfo Id="si">', unexpectedAttribute(SI, 'SignedInfo', 'Id')],
    [
      'CanonicalizationMethod',
      `<ds:CanonicalizationMethod Algorithm="${EXC}"/>`,
      `<ds:CanonicalizationMethod Algorithm="${EXC}" Id="c"/>`,
      unexpectedAttribute(`${SI}/CanonicalizationMethod`, 'CanonicalizationMethod', 'Id'),
    ],
    [
      'SignatureMethod, a namespaced Algorithm',
      `<ds:SignatureMethod Algorithm="${ECDSA}"/>`,
      `<ds:SignatureMethod ds:Algorithm="${ECDSA}"/>`,
      unexpectedAttribute(`${SI}/SignatureMethod`, 'SignatureMethod', 'ds:Algorithm'),
    ],
    ['Reference', '<ds:Reference URI="">', '<ds:Reference URI="" Type="t">', unexpectedAttribute(REF, 'Reference', 'Type')],
    ['Transforms', '<ds:Transforms>', '<ds:Transforms Id="t">', unexpectedAttribute(TRANSFORMS, 'Transforms', 'Id')],
    [
      'a Transform',
      `<ds:Transform Algorithm="${EXC}"/>`,
      `<ds:Transform Algorithm="${EXC}" Id="t"/>`,
      unexpectedAttribute(`${TRANSFORMS}/Transform[2]`, 'Transform', 'Id'),
    ],
    [
      'DigestMethod',
      `<ds:DigestMethod Algorithm="${SHA256}"/>`,
      `<ds:DigestMethod Algorithm="${SHA256}" Id="d"/>`,
      unexpectedAttribute(`${REF}/DigestMethod`, 'DigestMethod', 'Id'),
    ],
    ['DigestValue', '<ds:DigestValue>', '<ds:DigestValue Id="d">', unexpectedAttribute(`${REF}/DigestValue`, 'DigestValue', 'Id')],
    ['SignatureValue', '<ds:SignatureValue>', '<ds:SignatureValue Id="v">', unexpectedAttribute(`${SIG}/SignatureValue`, 'SignatureValue', 'Id')],
    ['KeyInfo', '<ds:KeyInfo>', '<ds:KeyInfo Id="k">', unexpectedAttribute(KEY_INFO, 'KeyInfo', 'Id')],
    ['X509Data', '<ds:X509Data>', '<ds:X509Data Id="x">', unexpectedAttribute(X509_DATA, 'X509Data', 'Id')],
    ['X509IssuerSerial', '<ds:X509IssuerSerial>', '<ds:X509IssuerSerial Id="x">', unexpectedAttribute(ISSUER_SERIAL, 'X509IssuerSerial', 'Id')],
    [
      'X509IssuerName',
      '<ds:X509IssuerName>',
      '<ds:X509IssuerName Id="x">',
      unexpectedAttribute(`${ISSUER_SERIAL}/X509IssuerName`, 'X509IssuerName', 'Id'),
    ],
    [
      'X509SerialNumber',
      '<ds:X509SerialNumber>',
      '<ds:X509SerialNumber Id="x">',
      unexpectedAttribute(`${ISSUER_SERIAL}/X509SerialNumber`, 'X509SerialNumber', 'Id'),
    ],
  ])('an attribute outside the profile on %s', (_, search, replacement, expected) => {
    expect(check(edit(search, replacement))).toEqual(expected);
  });

  it('near miss: a Signature with no Id', () => {
    expectPasses(edit('<ds:Signature Id="sig">', '<ds:Signature>'));
  });
});

describe('checkProfile: the element structure', () => {
  it.each([
    ['Signature without KeyInfo', /<ds:KeyInfo>.*<\/ds:KeyInfo>/, '', profileFault(SIG, 'Signature has no KeyInfo', { expected: 'KeyInfo' })],
    [
      'SignedInfo without Reference',
      /<ds:Reference URI="">.*<\/ds:Reference>/,
      '',
      profileFault(SI, 'SignedInfo has no Reference', { expected: 'Reference' }),
    ],
    [
      'X509IssuerSerial without X509SerialNumber',
      '<ds:X509SerialNumber>123456789</ds:X509SerialNumber>',
      '',
      profileFault(ISSUER_SERIAL, 'X509IssuerSerial has no X509SerialNumber', { expected: 'X509SerialNumber' }),
    ],
    [
      'an Object in place of KeyInfo',
      /<ds:KeyInfo>.*<\/ds:KeyInfo>/,
      '<ds:Object/>',
      profileFault(`${SIG}/Object`, `found {${DS}}Object where ds:KeyInfo belongs`, { expected: `{${DS}}KeyInfo`, received: `{${DS}}Object` }),
    ],
    [
      'a KeyInfo in another namespace',
      /<ds:KeyInfo>.*<\/ds:KeyInfo>/,
      '<r:KeyInfo/>',
      profileFault(`${SIG}/KeyInfo`, 'found {urn:test}KeyInfo where ds:KeyInfo belongs', { expected: `{${DS}}KeyInfo`, received: '{urn:test}KeyInfo' }),
    ],
    [
      'a KeyInfo in no namespace',
      /<ds:KeyInfo>.*<\/ds:KeyInfo>/,
      '<KeyInfo/>',
      profileFault(`${SIG}/KeyInfo`, 'found {}KeyInfo where ds:KeyInfo belongs', { expected: `{${DS}}KeyInfo`, received: '{}KeyInfo' }),
    ],
    [
      'a KeyValue in place of X509Data',
      /<ds:X509Data>.*<\/ds:X509Data>/,
      '<ds:KeyValue/>',
      profileFault(`${KEY_INFO}/KeyValue`, `found {${DS}}KeyValue where ds:X509Data belongs`, {
        expected: `{${DS}}X509Data`,
        received: `{${DS}}KeyValue`,
      }),
    ],
    [
      'an Object after KeyInfo',
      '</ds:KeyInfo>',
      '</ds:KeyInfo><ds:Object/>',
      profileFault(`${SIG}/Object`, 'Signature has an unexpected Object after KeyInfo', { received: `{${DS}}Object` }),
    ],
    [
      'an embedded certificate after X509IssuerSerial',
      '</ds:X509IssuerSerial>',
      '</ds:X509IssuerSerial><ds:X509Certificate>AAAA</ds:X509Certificate>',
      profileFault(`${X509_DATA}/X509Certificate`, 'X509Data has an unexpected X509Certificate after X509IssuerSerial', {
        received: `{${DS}}X509Certificate`,
      }),
    ],
    [
      'a second Reference',
      '</ds:Reference>',
      '</ds:Reference><ds:Reference URI=""/>',
      profileFault(`${SI}/Reference`, 'SignedInfo has an unexpected Reference after Reference', { received: `{${DS}}Reference` }),
    ],
    [
      'character data inside Signature',
      '</ds:SignedInfo>',
      '</ds:SignedInfo>x',
      profileFault(SIG, 'character data inside Signature', { received: 'character data' }),
    ],
    [
      'a CDATA section inside KeyInfo',
      '<ds:KeyInfo>',
      '<ds:KeyInfo><![CDATA[ ]]>',
      profileFault(KEY_INFO, 'a CDATA section inside KeyInfo', { received: 'a CDATA section' }),
    ],
    [
      'a processing instruction inside Reference',
      '<ds:Reference URI="">',
      '<ds:Reference URI=""><?pi?>',
      profileFault(REF, 'processing instruction pi inside Reference', { received: 'processing instruction pi' }),
    ],
  ])('%s', (_, search, replacement, expected) => {
    expect(check(edit(search as string, replacement))).toEqual(expected);
  });
});

describe('checkProfile: algorithms', () => {
  const wrongAlgorithm = (path: string, owner: string, allowed: readonly string[], received: string | null) =>
    profileFault(
      `${path}/@Algorithm`,
      `${owner} Algorithm is ${received === null ? 'missing' : `'${received}'`}; DUIS uses ${allowed.join(' or ')}`,
      { expected: allowed, received },
    );

  it.each([
    [
      'CanonicalizationMethod inclusive c14n',
      `<ds:CanonicalizationMethod Algorithm="${EXC}"/>`,
      `<ds:CanonicalizationMethod Algorithm="${INCLUSIVE_C14N}"/>`,
      wrongAlgorithm(`${SI}/CanonicalizationMethod`, 'CanonicalizationMethod', [EXC], INCLUSIVE_C14N),
    ],
    [
      'CanonicalizationMethod without Algorithm',
      `<ds:CanonicalizationMethod Algorithm="${EXC}"/>`,
      '<ds:CanonicalizationMethod/>',
      wrongAlgorithm(`${SI}/CanonicalizationMethod`, 'CanonicalizationMethod', [EXC], null),
    ],
    [
      'SignatureMethod rsa-sha256',
      `<ds:SignatureMethod Algorithm="${ECDSA}"/>`,
      `<ds:SignatureMethod Algorithm="${RSA_SHA256}"/>`,
      wrongAlgorithm(`${SI}/SignatureMethod`, 'SignatureMethod', [ECDSA], RSA_SHA256),
    ],
    [
      'SignatureMethod with an empty Algorithm',
      `<ds:SignatureMethod Algorithm="${ECDSA}"/>`,
      '<ds:SignatureMethod Algorithm=""/>',
      wrongAlgorithm(`${SI}/SignatureMethod`, 'SignatureMethod', [ECDSA], ''),
    ],
    [
      'DigestMethod sha1',
      `<ds:DigestMethod Algorithm="${SHA256}"/>`,
      `<ds:DigestMethod Algorithm="${SHA1}"/>`,
      wrongAlgorithm(`${REF}/DigestMethod`, 'DigestMethod', [SHA256], SHA1),
    ],
    [
      'the first Transform',
      `<ds:Transform Algorithm="${ENV}"/>`,
      `<ds:Transform Algorithm="${SHA1}"/>`,
      wrongAlgorithm(`${TRANSFORMS}/Transform[1]`, 'Transform', [ENV, EXC], SHA1),
    ],
    [
      'the second Transform without Algorithm',
      `<ds:Transform Algorithm="${EXC}"/>`,
      '<ds:Transform/>',
      wrongAlgorithm(`${TRANSFORMS}/Transform[2]`, 'Transform', [ENV, EXC], null),
    ],
    [
      'SignatureMethod with HMACOutputLength',
      `<ds:SignatureMethod Algorithm="${ECDSA}"/>`,
      `<ds:SignatureMethod Algorithm="${ECDSA}"><!-- c --><ds:HMACOutputLength>128</ds:HMACOutputLength></ds:SignatureMethod>`,
      profileFault(`${SI}/SignatureMethod/HMACOutputLength`, 'SignatureMethod carries parameters (HMACOutputLength); DUIS uses none', {
        received: `{${DS}}HMACOutputLength`,
      }),
    ],
    [
      'CanonicalizationMethod with InclusiveNamespaces',
      `<ds:CanonicalizationMethod Algorithm="${EXC}"/>`,
      `<ds:CanonicalizationMethod Algorithm="${EXC}"><ec:InclusiveNamespaces xmlns:ec="${EXC}" PrefixList="r"/></ds:CanonicalizationMethod>`,
      profileFault(`${SI}/CanonicalizationMethod/InclusiveNamespaces`, 'CanonicalizationMethod carries parameters (InclusiveNamespaces); DUIS uses none', {
        received: `{${EXC}}InclusiveNamespaces`,
      }),
    ],
    [
      'character data inside DigestMethod',
      `<ds:DigestMethod Algorithm="${SHA256}"/>`,
      `<ds:DigestMethod Algorithm="${SHA256}">sha</ds:DigestMethod>`,
      profileFault(`${REF}/DigestMethod`, 'character data inside DigestMethod', { received: 'character data' }),
    ],
  ])('%s', (_, search, replacement, expected) => {
    expect(check(edit(search, replacement))).toEqual(expected);
  });

  it('near miss: a method element holding only whitespace and a comment', () => {
    expectPasses(edit(`<ds:SignatureMethod Algorithm="${ECDSA}"/>`, `<ds:SignatureMethod Algorithm="${ECDSA}"> <!-- c --> </ds:SignatureMethod>`));
  });
});

describe('checkProfile: the Reference', () => {
  it('a Reference to an Id', () => {
    expect(check(edit('<ds:Reference URI="">', '<ds:Reference URI="#body">'))).toEqual(
      profileFault(REF, `Reference URI is '#body'; DUIS signs the whole document (URI="")`, { expected: '', received: '#body' }),
    );
  });

  it('a Reference without URI', () => {
    expect(check(edit('<ds:Reference URI="">', '<ds:Reference>'))).toEqual(
      profileFault(REF, 'Reference has no URI; DUIS uses URI=""', { expected: '', received: null }),
    );
  });

  it('an element other than Transform inside Transforms', () => {
    expect(check(edit(`<ds:Transform Algorithm="${EXC}"/>`, `<ds:XPath Algorithm="${EXC}"/>`))).toEqual(
      profileFault(`${TRANSFORMS}/XPath`, `found {${DS}}XPath where ds:Transform belongs`, { expected: `{${DS}}Transform`, received: `{${DS}}XPath` }),
    );
  });

  const expected = `${ENV} [, ${EXC}]`;
  const wrongTransforms = (received: readonly string[]) =>
    profileFault(TRANSFORMS, `the transforms are [${received.join(', ')}]; DUIS uses ${expected}`, { expected, received });
  it.each([
    ['none', '<ds:Transforms></ds:Transforms>', wrongTransforms([])],
    ['exclusive c14n alone', `<ds:Transforms><ds:Transform Algorithm="${EXC}"/></ds:Transforms>`, wrongTransforms([EXC])],
    [
      'the two in the wrong order',
      `<ds:Transforms><ds:Transform Algorithm="${EXC}"/><ds:Transform Algorithm="${ENV}"/></ds:Transforms>`,
      wrongTransforms([EXC, ENV]),
    ],
    [
      'enveloped-signature twice',
      `<ds:Transforms><ds:Transform Algorithm="${ENV}"/><ds:Transform Algorithm="${ENV}"/></ds:Transforms>`,
      wrongTransforms([ENV, ENV]),
    ],
    [
      'three',
      `<ds:Transforms><ds:Transform Algorithm="${ENV}"/><ds:Transform Algorithm="${EXC}"/><ds:Transform Algorithm="${EXC}"/></ds:Transforms>`,
      wrongTransforms([ENV, EXC, EXC]),
    ],
  ])('transforms outside the profile: %s', (_, transforms, result) => {
    expect(check(edit(TRANSFORMS_XML, transforms))).toEqual(result);
  });

  it('a DigestValue of 31 bytes, and the near miss of 32', () => {
    expect(check(edit(DIGEST.toString('base64'), Buffer.alloc(31, 1).toString('base64')))).toEqual(
      profileFault(`${REF}/DigestValue`, 'DigestValue holds 31 bytes; a SHA-256 digest is 32', { expected: 32, received: 31 }),
    );
    expect(check(edit(DIGEST.toString('base64'), Buffer.alloc(33, 1).toString('base64')))).toEqual(
      profileFault(`${REF}/DigestValue`, 'DigestValue holds 33 bytes; a SHA-256 digest is 32', { expected: 32, received: 33 }),
    );
    const result = check(edit(DIGEST.toString('base64'), Buffer.alloc(32, 1).toString('base64')));
    expect(result.ok && result.parts.digestValue).toEqual(Buffer.alloc(32, 1));
  });
});

describe('checkProfile: values hold base64 or text only', () => {
  const notBase64 = (path: string, owner: string, received: string) => profileFault(path, `${owner} is not base64`, { received });

  it.each([
    ['a DigestValue that is not base64', DIGEST.toString('base64'), 'not base64!', notBase64(`${REF}/DigestValue`, 'DigestValue', 'not base64!')],
    ['an empty DigestValue', `>${DIGEST.toString('base64')}<`, '><', notBase64(`${REF}/DigestValue`, 'DigestValue', '')],
    [
      'a SignatureValue of 40 characters, not base64, shown whole',
      SIGNATURE_VALUE.toString('base64'),
      `${'A'.repeat(39)}!`,
      notBase64(`${SIG}/SignatureValue`, 'SignatureValue', `${'A'.repeat(39)}!`),
    ],
    [
      'a SignatureValue of 41 characters, not base64, cut at 40',
      SIGNATURE_VALUE.toString('base64'),
      `${'A'.repeat(39)}!B`,
      notBase64(`${SIG}/SignatureValue`, 'SignatureValue', `${'A'.repeat(39)}!...`),
    ],
    [
      'a comment inside DigestValue',
      DIGEST.toString('base64'),
      `${DIGEST.toString('base64').slice(0, 8)}<!-- x -->${DIGEST.toString('base64').slice(8)}`,
      profileFault(`${REF}/DigestValue`, 'a comment inside DigestValue; a value holds text only', { received: 'a comment' }),
    ],
    [
      'a comment inside X509IssuerName',
      'CN=Test CA,O=Example',
      'CN=Test CA<!---->,O=Example',
      profileFault(`${ISSUER_SERIAL}/X509IssuerName`, 'a comment inside X509IssuerName; a value holds text only', { received: 'a comment' }),
    ],
    [
      'a CDATA section inside X509SerialNumber',
      '123456789',
      '<![CDATA[123456789]]>',
      profileFault(`${ISSUER_SERIAL}/X509SerialNumber`, 'a CDATA section inside X509SerialNumber; a value holds text only', {
        received: 'a CDATA section',
      }),
    ],
    [
      'an element inside X509SerialNumber',
      '123456789',
      '<ds:Part>1</ds:Part>',
      profileFault(`${ISSUER_SERIAL}/X509SerialNumber`, 'element ds:Part inside X509SerialNumber; a value holds text only', {
        received: 'element ds:Part',
      }),
    ],
    [
      'a processing instruction inside SignatureValue',
      SIGNATURE_VALUE.toString('base64'),
      `<?x y?>${SIGNATURE_VALUE.toString('base64')}`,
      profileFault(`${SIG}/SignatureValue`, 'processing instruction x inside SignatureValue; a value holds text only', {
        received: 'processing instruction x',
      }),
    ],
  ])('%s', (_, search, replacement, expected) => {
    expect(check(edit(search, replacement))).toEqual(expected);
  });

  it('near miss: a SignatureValue of 41 valid base64 characters with whitespace is decoded', () => {
    const value = SIGNATURE_VALUE.toString('base64');
    const result = check(edit(value, ` ${value.slice(0, 40)}\n${value.slice(40)} `));
    expect(result.ok && result.parts.signatureValue).toEqual(SIGNATURE_VALUE);
  });
});

describe('containsSignature', () => {
  it('finds a ds:Signature at the root, nested, or nowhere', () => {
    expect(containsSignature(parseTree(VALID).root)).toBe(true);
    expect(containsSignature(parseTree(`<ds:Signature xmlns:ds="${DS}"/>`).root)).toBe(true);
    expect(containsSignature(parseTree(`<r:A xmlns:r="urn:test"><r:B><r:C/><ds:Signature xmlns:ds="${DS}"/></r:B></r:A>`).root)).toBe(true);
    expect(containsSignature(parseTree('<r:A xmlns:r="urn:test"><r:B>text</r:B><r:Signature/></r:A>').root)).toBe(false);
  });
});
