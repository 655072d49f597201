/**
 * Mutation operators over DUIS request documents, shared by the property tests (`properties.test.ts`), the
 * differential test against DCC's schema (`xsd-differential.test.ts`) and the long campaign (`scripts/fuzz.ts`).
 *
 * Two families:
 * - `Mutation`: structure-aware edits that may or may not keep a document valid (drop, duplicate, reorder, move,
 *   rename, change namespaces, edit text and attributes, truncate base64, flip DER bytes, insert comments, CDATA,
 *   processing instructions, text or elements, change the prolog and the epilog).
 * - `Rewrite`: semantics-preserving edits (attribute order, whitespace between elements, prefix renaming including
 *   the default namespace, line-wrapped base64 with `&#13;`, XML declaration present or absent, CRLF line endings...)
 *   under which a verdict must not change.
 *
 * Both are plain data chosen by fast-check, so a failing case shrinks and prints as something readable, and both
 * pick their target by index modulo the number of candidates, so any value applies to any document.
 */
import fc from 'fast-check';
import {
  cloneDocument,
  cloneElement,
  elementsOf,
  localNameOf,
  parseDocument,
  prefixOf,
  serializeDocument,
  simpleTextOf,
  type XDocument,
  type XElement,
  type XNode,
} from './xml-model.js';

export const SR_NAMESPACE = 'http://www.dccinterface.co.uk/ServiceUserGateway';
export const DS_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XS_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

// ---- vocabularies ---------------------------------------------------------------------------------------------

/** Local names a mutant may take: the 6.15.1 structure, neighbouring DUIS bodies, near misses, hostile names. */
export const ELEMENT_NAMES = [
  'Request',
  'Header',
  'RequestID',
  'FirstInSequence',
  'PrecedingServiceRequestID',
  'CommandVariant',
  'ServiceReference',
  'ServiceReferenceVariant',
  'Body',
  'UpdateSecurityCredentialsKRP',
  'ExecutionDateTime',
  'RemotePartyRole',
  'RemotePartyFloorSeqNumber',
  'RemotePartyPrepaymentTopUpFloorSeqNumber',
  'ReplacementCertificates',
  'SupplierOrNetworkOperatorCertificates',
  'DigitalSigningCertificate',
  'KeyAgreementCertificate',
  'KeyAgreementTopUpCertificate',
  'CertificationPathCertificates',
  'Certificate',
  'ApplyTimeBasedCPVChecks',
  'Signature',
  'SignedInfo',
  'SignatureValue',
  'KeyInfo',
  'Object',
  // other DUIS bodies and types the official schema knows
  'UpdateSecurityCredentialsDevice',
  'RequestHandoverOfDCCControlledDevice',
  'UpdateSecurityCredentialsCoS',
  'SignedPreCommand',
  'ReadInventory',
  'DeviceCertificate',
  // near misses
  'requestID',
  'REMOTEPARTYROLE',
  'Certificates',
  'UpdateSecurityCredentialsKrp',
  'Body2',
  // hostile
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'a.b-c_d',
] as const;

const REQUEST_ID = '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000';
const BOOLEANS = ['true', 'false', '1', '0', ' true ', '\nfalse\t', 'TRUE', 'True', 'yes', '', '01', 't'];
const FLOORS = [
  '0',
  '00',
  '+0',
  '-0',
  '+5',
  ' 7 ',
  '\n 12\t',
  '9223372036854775807',
  '09223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '-1',
  '1.0',
  '1e3',
  '',
  '1 0',
  '٣',
  '99999999999999999999999999999999999999',
];
const BASE64 = [
  '',
  ' ',
  'QUJD',
  'QUI=',
  'QQ==',
  'QUJ=',
  'QR==',
  'QUJ',
  'Q',
  '====',
  'QUJDRA=',
  'QQ==QUJD',
  'QU JD',
  'Q U J D',
  'QUJD\n',
  '&#13;QUJD&#13;',
  '+/+/',
  '-_-_',
  '@@@',
  'QU!JD',
  'QUJD=',
  'A'.repeat(4000),
];

/** Lexically interesting values per element local name (valid and invalid for the XSD datatype). */
export const LEXICAL: Readonly<Record<string, readonly string[]>> = {
  RequestID: [
    REQUEST_ID,
    REQUEST_ID.toLowerCase(),
    `  ${REQUEST_ID}\n`,
    `\t${REQUEST_ID}`,
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:0',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551615',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551616',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:01',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:-1',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:+1',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0',
    '90B3D51F30010000:00DB1234567890A0:1',
    '90-B3-D5-1F-30-01-00-00: 00-DB-12-34-56-78-90-A0:1',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1 ',
    '90-B3-D5-1F-30-01-00-0G:00-DB-12-34-56-78-90-A0:1',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1:2',
    '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:٣',
    '',
  ],
  PrecedingServiceRequestID: [REQUEST_ID, ` ${REQUEST_ID} `, '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0', ''],
  FirstInSequence: BOOLEANS,
  ApplyTimeBasedCPVChecks: BOOLEANS,
  CommandVariant: ['4', '1', '9', '5', '+4', '04', '0004', '000000000000000000004', ' 4 ', '\n4\n', '0', '10', '-4', '4.0', '', '4 4', '+04', '٤'],
  ServiceReference: ['6.15', ' 6.15', '6.15 ', '6.21', '6.15.1', '6.150', '', '6,15', '6.15\n'],
  ServiceReferenceVariant: ['6.15.1', ' 6.15.1', '6.15.1\n', '6.15.2', '6.21', '6.15.10', '6.15', '', '6.23'],
  ExecutionDateTime: [
    '2030-01-15T00:00:00Z',
    '2030-01-15T00:00:00',
    '2030-01-15T00:00:00.123+01:00',
    '2030-01-15T00:00:00.1234567890123Z',
    '2030-02-29T00:00:00Z',
    '2032-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2030-01-15T24:00:00Z',
    '2030-01-15T24:00:00.000Z',
    '2030-01-15T24:00:01Z',
    '2030-01-15T24:00:00.5Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '-0001-01-01T00:00:00Z',
    '10000-01-01T00:00:00Z',
    '012345-01-01T00:00:00Z',
    '2030-01-15T00:00:00+14:00',
    '2030-01-15T00:00:00-14:00',
    '2030-01-15T00:00:00+14:01',
    '2030-01-15T00:00:00+13:60',
    '2030-01-15T00:00:00+1:00',
    '2030-1-15T00:00:00Z',
    '2030-01-15 00:00:00Z',
    '2030-01-15T00:00:60Z',
    ' 2030-01-15T00:00:00Z\n',
    '2030-01-15T00:00:00.Z',
    '2030-01-15T00:00Z',
    '2030-01-15T00:00:00z',
    '2030-01-15T00:00:00 Z',
    '3000-12-31T23:59:59Z',
    '275760-09-13T00:00:01Z',
    '-2030-01-15T00:00:00Z',
    '9999999999-12-31T23:59:59Z',
    '2147483647-12-31T23:59:59Z',
    '2147483648-01-01T00:00:00Z',
    '2030-04-31T00:00:00Z',
    '2030-00-10T00:00:00Z',
    '2030-01-00T00:00:00Z',
    '',
  ],
  RemotePartyRole: [
    'Supplier',
    'NetworkOperator',
    'LoadController',
    'ACB',
    'Recovery',
    'Root',
    'TransCoS',
    ' Supplier ',
    'Supplier\n',
    '\tNetworkOperator\r\n',
    'supplier',
    'Sup plier',
    'Network  Operator',
    'Landlord',
    '',
  ],
  RemotePartyFloorSeqNumber: FLOORS,
  RemotePartyPrepaymentTopUpFloorSeqNumber: FLOORS,
  DigitalSigningCertificate: BASE64,
  KeyAgreementCertificate: BASE64,
  KeyAgreementTopUpCertificate: BASE64,
  Certificate: BASE64,
};

/** Values any element's text may take. */
export const GENERIC_TEXT = ['', ' ', '\n', 'x', '&amp;', '&#13;', '&lt;x&gt;', '&#x10FFFF;', '0', '-1', 'true', 'é', '\u2028'];

const SCHEMA_VERSIONS = ['5.4', '5', '+5.4', '-5.4', '.5', '5.', ' 5.4 ', '\t5.4\n', 'abc', '1e3', '', '5,4', '0005.40', '5.4.1', '&#53;.4', 'INF', '.', '-'];

const NAMESPACES = [
  SR_NAMESPACE,
  DS_NAMESPACE,
  XSI_NAMESPACE,
  '',
  'urn:example',
  `${SR_NAMESPACE}/`,
  'http://www.dccinterface.co.uk/serviceusergateway',
  'http://www.dccinterface.co.uk/ResponseAndAlert',
];

/** Nodes a mutant may gain. Each parses on its own; prefixes are bound where they are used, except `sr:`. */
const INSERTS = [
  '<!-- fuzz -->',
  '<!---->',
  '<?fuzz data?>',
  '<?fuzz?>',
  '<![CDATA[x]]>',
  '<![CDATA[ ]]>',
  '<![CDATA[]]>',
  ' ',
  '\n\t',
  'x',
  '&#32;',
  '&#x9;',
  '&amp;',
  '&#65;',
  '<sr:Unknown/>',
  '<sr:Certificate>QUJD</sr:Certificate>',
  '<sr:RemotePartyRole>Supplier</sr:RemotePartyRole>',
  '<Unqualified/>',
  '<Unqualified xmlns="">x</Unqualified>',
  '<x:Foreign xmlns:x="urn:example"/>',
  `<ds:Object xmlns:ds="${DS_NAMESPACE}">x</ds:Object>`,
  `<ds:Signature xmlns:ds="${DS_NAMESPACE}"><ds:SignedInfo/><ds:SignatureValue>QUJD</ds:SignatureValue></ds:Signature>`,
];

const PROLOGS = [
  '',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
  '<?xml version="1.1"?>\n',
  '<?xml version="1.0" encoding="ISO-8859-1"?>',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<?xml version="2.0"?>',
  ' <?xml version="1.0"?>',
  '<!-- lead -->\n<?xml version="1.0"?>',
  '<?xml version="1.0"?><!DOCTYPE Request>',
  '<!DOCTYPE sr:Request [<!ELEMENT sr:Request ANY>]>',
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
  '<?xml-stylesheet href="a.xsl"?>\n',
  '<!-- lead -->',
  '<?xml version="1.0" encoding="UTF-8"?><?pi x?>\n',
  '<?xml version="1.0" encoding="UTF-8" ?>',
  '<?xml encoding="UTF-8" version="1.0"?>',
  '<?XML version="1.0"?>',
  '\n\n',
];

/** Snippets the character-level mutation splices in: markup delimiters, forbidden characters, declarations. */
const SNIPPETS = [
  '<',
  '>',
  '&',
  ';',
  '"',
  "'",
  '=',
  '/',
  ':',
  '--',
  '-->',
  '<!--',
  '<?',
  '?>',
  '<?xml version="1.0"?>',
  '<?XML x?>',
  '<? x?>',
  ']]>',
  '<![CDATA[',
  '<!DOCTYPE x>',
  '\u0000',
  '\u0001',
  '\u001f',
  '\uFFFE',
  '\uFEFF',
  '\u0085',
  '\u00A0',
  '\u2028',
  '\u3000',
  '\u000B',
  '\r',
  '\t',
  ' ',
  'x',
  '&#0;',
  '&#x20;',
  '&#0000000000032;',
  '&lt;',
  '&unknown;',
  '<x>',
  '</x>',
  '<x/>',
];

const EPILOGS = ['', '\n', '\n\n  \n', '<!-- trailing -->', '\n<?pi x?>\n', 'x', '<sr:Request/>', '&amp;', '<![CDATA[x]]>'];

// ---- mutations ------------------------------------------------------------------------------------------------

export type Mutation =
  | { readonly op: 'drop'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number }
  | { readonly op: 'swap'; readonly at: number }
  | { readonly op: 'move'; readonly at: number; readonly to: number; readonly pos: number }
  | { readonly op: 'rename'; readonly at: number; readonly name: number }
  | { readonly op: 'namespace'; readonly at: number; readonly uri: number; readonly style: 'prefix' | 'default' | 'unbound' }
  | { readonly op: 'text'; readonly at: number; readonly value: number }
  | { readonly op: 'randomText'; readonly at: number; readonly text: string }
  | { readonly op: 'attribute'; readonly at: number; readonly edit: number }
  | { readonly op: 'truncateBase64'; readonly at: number; readonly keep: number }
  | { readonly op: 'flipDer'; readonly at: number; readonly offset: number; readonly xor: number }
  | { readonly op: 'insert'; readonly at: number; readonly pos: number; readonly node: number }
  | { readonly op: 'empty'; readonly at: number }
  | { readonly op: 'prolog'; readonly which: number }
  | { readonly op: 'epilog'; readonly which: number }
  /** Character-level: after serialisation, replace `remove` characters at `at` with a snippet (well-formedness). */
  | { readonly op: 'chars'; readonly at: number; readonly snippet: number; readonly remove: number };

const index = fc.nat({ max: 1 << 20 });
const textChars = fc.constantFrom(...'09AZaz+/=-:. \t\n\r&#;<>\'"xé€'.split(''), '&amp;', '&#13;', '&lt;', ']]>');

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('drop' as const), at: index }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: index }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('swap' as const), at: index }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), at: index, to: index, pos: index }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('rename' as const), at: index, name: index }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('namespace' as const),
      at: index,
      uri: index,
      style: fc.constantFrom('prefix' as const, 'default' as const, 'unbound' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('text' as const), at: index, value: index }), weight: 8 },
  {
    arbitrary: fc.record({
      op: fc.constant('randomText' as const),
      at: index,
      text: fc.array(textChars, { maxLength: 12 }).map((parts) => parts.join('')),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('attribute' as const), at: index, edit: index }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('truncateBase64' as const), at: index, keep: index }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('flipDer' as const), at: index, offset: index, xor: fc.integer({ min: 1, max: 255 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: index, pos: index, node: index }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('empty' as const), at: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('prolog' as const), which: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('epilog' as const), which: index }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('chars' as const), at: index, snippet: index, remove: fc.nat({ max: 2 }) }), weight: 2 },
);

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

function isLeaf(element: XElement): boolean {
  return !element.children.some((c) => c.kind === 'element');
}

const BASE64_HOLDERS = /Certificate$|^(?:SignatureValue|DigestValue|X509Certificate)$/;

function parseFragment(xml: string): XNode[] {
  return parseDocument(`<w>${xml}</w>`).root.children;
}

/** Namespace declarations in scope at `target` (walking from the root), prefix -> URI; `''` is the default. */
function scopeAt(root: XElement, target: XElement): Map<string, string> {
  const walk = (element: XElement, scope: Map<string, string>): Map<string, string> | undefined => {
    let own = scope;
    for (const a of element.attributes) {
      if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
        if (own === scope) own = new Map(scope);
        own.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
      }
    }
    if (element === target) return own;
    for (const child of element.children) {
      if (child.kind !== 'element') continue;
      const found = walk(child, own);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root, new Map()) ?? new Map();
}

function setAttribute(element: XElement, name: string, value: string): void {
  const existing = element.attributes.find((a) => a.name === name);
  if (existing) existing.value = value;
  else element.attributes.push({ name, value, quote: '"' });
}

function removeFrom(parent: XElement, element: XElement): number {
  const at = parent.children.indexOf(element);
  if (at !== -1) parent.children.splice(at, 1);
  return at;
}

function contains(ancestor: XElement, element: XElement): boolean {
  if (ancestor === element) return true;
  return ancestor.children.some((c) => c.kind === 'element' && contains(c, element));
}

type AttributeEdit = (element: XElement) => void;

const ATTRIBUTE_EDITS: readonly AttributeEdit[] = [
  (e) => void (e.attributes = e.attributes.filter((a) => a.name !== 'schemaVersion')),
  ...SCHEMA_VERSIONS.map((v): AttributeEdit => (e) => setAttribute(e, 'schemaVersion', v)),
  (e) => setAttribute(e, 'foo', '1'),
  (e) => setAttribute(e, 'Id', 'id-1'),
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:schemaLocation', `${SR_NAMESPACE} duis.xsd`);
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:noNamespaceSchemaLocation', 'duis.xsd');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:nil', 'true');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:nil', 'false');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xmlns:xs', XS_NAMESPACE);
    setAttribute(e, 'xsi:type', 'xs:string');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:type', 'sr:Certificate');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xmlns:xs', XS_NAMESPACE);
    setAttribute(e, 'xsi:type', 'xs:boolean');
  },
  (e) => {
    setAttribute(e, 'xmlns:xsi', XSI_NAMESPACE);
    setAttribute(e, 'xsi:foo', 'x');
  },
  (e) => setAttribute(e, 'xml:lang', 'en'),
  (e) => setAttribute(e, 'xml:space', 'preserve'),
  (e) => {
    setAttribute(e, 'xmlns:q', SR_NAMESPACE);
    setAttribute(e, 'q:schemaVersion', '5.4');
  },
  (e) => setAttribute(e, 'xmlns:unused', 'urn:example'),
  (e) => setAttribute(e, 'xmlns', ''),
  (e) => setAttribute(e, 'xmlns', SR_NAMESPACE),
  (e) => void (e.attributes = e.attributes.filter((a) => !a.name.startsWith('xmlns'))),
  (e) => void e.attributes.reverse(),
  (e) => void (e.attributes[0] && e.attributes.push({ ...e.attributes[0] })),
  (e) => setAttribute(e, 'zz:a', '1'),
  (e) => setAttribute(e, 'xmlns::q', 'urn:example'),
  (e) => setAttribute(e, 'xmlns:', 'urn:example'),
  (e) => {
    setAttribute(e, 'xmlns:q', 'urn:example');
    setAttribute(e, 'q::a', '1');
  },
  (e) => setAttribute(e, ':a', '1'),
  (e) => setAttribute(e, 'a:', '1'),
  (e) => setAttribute(e, '__proto__', 'x'),
  (e) => setAttribute(e, 'constructor', 'x'),
  (e) => setAttribute(e, 'xmlns:xml', 'urn:not-xml'),
  (e) => setAttribute(e, 'xmlns:p', ''),
  (e) => setAttribute(e, 'a', '&undefined;'),
  (e) => setAttribute(e, 'a', '&#0;'),
  (e) => setAttribute(e, 'a', '<'),
];

/** Applies mutations in order to a copy of `base`; returns the new document text. */
export function applyMutations(base: XDocument | string, mutations: readonly Mutation[]): string {
  const doc = typeof base === 'string' ? parseDocument(base) : cloneDocument(base);
  for (const m of mutations) if (m.op !== 'chars') mutate(doc, m);
  let text = serializeDocument(doc);
  for (const m of mutations) {
    if (m.op !== 'chars') continue;
    const at = m.at % (text.length + 1);
    text = text.slice(0, at) + SNIPPETS[m.snippet % SNIPPETS.length]! + text.slice(at + m.remove);
  }
  return text;
}

function mutate(doc: XDocument, m: Mutation): void {
  const all = elementsOf(doc);
  const inner = all.slice(1);
  const leaves = all.filter((l) => isLeaf(l.element));
  switch (m.op) {
    case 'drop': {
      const target = pick(inner, m.at);
      if (target?.parent) removeFrom(target.parent, target.element);
      return;
    }
    case 'duplicate': {
      const target = pick(inner, m.at);
      if (!target?.parent) return;
      const at = target.parent.children.indexOf(target.element);
      target.parent.children.splice(at + 1, 0, cloneElement(target.element));
      return;
    }
    case 'swap': {
      const target = pick(inner, m.at);
      if (!target?.parent) return;
      const siblings = target.parent.children;
      const at = siblings.indexOf(target.element);
      const next = siblings.findIndex((c, i) => i > at && c.kind === 'element');
      if (next === -1) return;
      [siblings[at], siblings[next]] = [siblings[next]!, siblings[at]!];
      return;
    }
    case 'move': {
      const target = pick(inner, m.at);
      if (!target?.parent) return;
      const destinations = all.filter((l) => !contains(target.element, l.element));
      const destination = pick(destinations, m.to);
      if (!destination) return;
      removeFrom(target.parent, target.element);
      destination.element.children.splice(m.pos % (destination.element.children.length + 1), 0, target.element);
      return;
    }
    case 'rename': {
      const target = pick(all, m.at);
      if (!target) return;
      const prefix = prefixOf(target.element.name);
      const local = ELEMENT_NAMES[m.name % ELEMENT_NAMES.length]!;
      target.element.name = prefix ? `${prefix}:${local}` : local;
      return;
    }
    case 'namespace': {
      const target = pick(all, m.at);
      if (!target) return;
      const uri = NAMESPACES[m.uri % NAMESPACES.length]!;
      const local = localNameOf(target.element.name);
      if (m.style === 'unbound') {
        target.element.name = `zz:${local}`;
      } else if (m.style === 'default') {
        target.element.name = local;
        setAttribute(target.element, 'xmlns', uri);
      } else {
        const prefix = `n${m.uri % 97}`;
        target.element.name = `${prefix}:${local}`;
        setAttribute(target.element, `xmlns:${prefix}`, uri);
      }
      return;
    }
    case 'text': {
      const target = pick(leaves, m.at);
      if (!target) return;
      const local = localNameOf(target.element.name);
      const own = Object.hasOwn(LEXICAL, local) ? LEXICAL[local]! : [];
      const choices = [...own, ...GENERIC_TEXT];
      target.element.children = [{ kind: 'text', raw: choices[m.value % choices.length]! }];
      target.element.selfClosing = false;
      return;
    }
    case 'randomText': {
      const target = pick(leaves, m.at);
      if (!target) return;
      target.element.children = [{ kind: 'text', raw: m.text }];
      target.element.selfClosing = false;
      return;
    }
    case 'attribute': {
      const target = pick(all, m.at);
      if (target) ATTRIBUTE_EDITS[m.edit % ATTRIBUTE_EDITS.length]!(target.element);
      return;
    }
    case 'truncateBase64': {
      const target = pick(
        leaves.filter((l) => BASE64_HOLDERS.test(localNameOf(l.element.name))),
        m.at,
      );
      const text = target && simpleTextOf(target.element);
      if (!target || text === undefined) return;
      target.element.children = [{ kind: 'text', raw: text.slice(0, m.keep % (text.length + 1)) }];
      return;
    }
    case 'flipDer': {
      const target = pick(
        leaves.filter((l) => BASE64_HOLDERS.test(localNameOf(l.element.name))),
        m.at,
      );
      const text = target && simpleTextOf(target.element);
      if (!target || text === undefined) return;
      const compact = text.replace(/&#13;|&#xD;|&#10;|&#xA;|\s/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0 || compact.length === 0) return;
      const bytes = Buffer.from(compact, 'base64');
      const offset = m.offset % bytes.length;
      bytes[offset] = bytes[offset]! ^ m.xor;
      target.element.children = [{ kind: 'text', raw: bytes.toString('base64') }];
      return;
    }
    case 'insert': {
      const target = pick(all, m.at);
      if (!target) return;
      const nodes = parseFragment(INSERTS[m.node % INSERTS.length]!);
      target.element.children.splice(m.pos % (target.element.children.length + 1), 0, ...nodes);
      target.element.selfClosing = false;
      return;
    }
    case 'empty': {
      const target = pick(all, m.at);
      if (!target) return;
      target.element.children = [];
      target.element.selfClosing = m.at % 2 === 0;
      return;
    }
    case 'prolog':
      doc.prolog = PROLOGS[m.which % PROLOGS.length]!;
      return;
    case 'epilog':
      doc.epilog = EPILOGS[m.which % EPILOGS.length]!;
      return;
    case 'chars':
      return;
  }
}

// ---- semantics-preserving rewrites ----------------------------------------------------------------------------

export type Rewrite =
  | { readonly op: 'attributeOrder'; readonly seed: number }
  | { readonly op: 'whitespace'; readonly style: 'compact' | 'pretty' | 'random'; readonly seed: number }
  | { readonly op: 'valueWhitespace'; readonly seed: number }
  | { readonly op: 'prefix'; readonly namespace: 'sr' | 'ds'; readonly to: string }
  | { readonly op: 'redeclare'; readonly every: number }
  | { readonly op: 'base64'; readonly width: number; readonly separator: number; readonly edges: boolean }
  | { readonly op: 'declaration'; readonly which: number }
  | { readonly op: 'comments'; readonly seed: number }
  | { readonly op: 'cdata'; readonly seed: number }
  | { readonly op: 'splitValue'; readonly seed: number }
  | { readonly op: 'characterReferences'; readonly seed: number }
  | { readonly op: 'quotes' }
  | { readonly op: 'tagWhitespace' }
  | { readonly op: 'lineEndings'; readonly style: 'crlf' | 'cr' };

/** Elements of the 6.15.1 request whose datatype collapses whitespace (all except the xs:string enumerations). */
const COLLAPSED = new Set([
  'RequestID',
  'PrecedingServiceRequestID',
  'FirstInSequence',
  'CommandVariant',
  'ExecutionDateTime',
  'RemotePartyRole',
  'RemotePartyFloorSeqNumber',
  'RemotePartyPrepaymentTopUpFloorSeqNumber',
  'DigitalSigningCertificate',
  'KeyAgreementCertificate',
  'KeyAgreementTopUpCertificate',
  'Certificate',
  'ApplyTimeBasedCPVChecks',
]);

const SEPARATORS = ['\n', '\r\n', '&#13;\n', '&#13;&#10;', '&#xD;&#xA;', '&#13;', ' ', '\t', '\n      '];
const DECLARATIONS = [
  '',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  "<?xml version='1.0' encoding='utf-8'?>\n",
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a leading comment -->\n',
  '\n',
];
const PREFIXES = ['', 's', 'duis', 'SR', 'ns0', 'a.b', 'a-b', '_x', 'dsig', 'sig', 'p1'];
const WHITESPACE = [' ', '\n', '\t', '\r\n', '\n\n    ', '  \t  '];

export const rewriteArbitrary: fc.Arbitrary<Rewrite> = fc.oneof(
  fc.record({ op: fc.constant('attributeOrder' as const), seed: index }),
  fc.record({ op: fc.constant('whitespace' as const), style: fc.constantFrom('compact' as const, 'pretty' as const, 'random' as const), seed: index }),
  fc.record({ op: fc.constant('valueWhitespace' as const), seed: index }),
  fc.record({ op: fc.constant('prefix' as const), namespace: fc.constantFrom('sr' as const, 'ds' as const), to: fc.constantFrom(...PREFIXES) }),
  fc.record({ op: fc.constant('redeclare' as const), every: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('base64' as const), width: fc.oneof(fc.constantFrom(64, 76), fc.integer({ min: 1, max: 120 })), separator: index, edges: fc.boolean() }),
  fc.record({ op: fc.constant('declaration' as const), which: index }),
  fc.record({ op: fc.constant('comments' as const), seed: index }),
  fc.record({ op: fc.constant('cdata' as const), seed: index }),
  fc.record({ op: fc.constant('splitValue' as const), seed: index }),
  fc.record({ op: fc.constant('characterReferences' as const), seed: index }),
  fc.constant({ op: 'quotes' as const }),
  fc.constant({ op: 'tagWhitespace' as const }),
  fc.record({ op: fc.constant('lineEndings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const) }),
);

/**
 * Applies semantics-preserving rewrites. Assumes the base document is a valid request in the shape of our fixtures
 * and the DCC reference requests: no `<` in character data, no QName-valued content, namespaces declared on the
 * root.
 */
export function applyRewrites(base: XDocument | string, rewrites: readonly Rewrite[]): string {
  const doc = typeof base === 'string' ? parseDocument(base) : cloneDocument(base);
  const textual: Rewrite[] = [];
  for (const r of rewrites) {
    if (r.op === 'tagWhitespace' || r.op === 'lineEndings') textual.push(r);
    else rewrite(doc, r);
  }
  let text = serializeDocument(doc);
  for (const r of textual) {
    if (r.op === 'tagWhitespace') {
      text = text
        .replace(/<(\/?[^\s<>!?/]+)>/g, '<$1 \n>')
        .replace(/<([^\s<>!?/]+)(\s[^<>]*?)(\/?)>/g, (_, name: string, attributes: string, slash: string) =>
          `<${name}${attributes.replace(/=(["'])/g, ' =\t$1')}${slash}>`,
        );
    } else if (r.op === 'lineEndings') {
      text = text.replace(/\r?\n/g, r.style === 'crlf' ? '\r\n' : '\r');
    }
  }
  return text;
}

function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

/**
 * Elements inside a ds:Signature. Value-level rewrites leave them alone: the signature profile refuses CDATA,
 * comments and references in its values by design, and a signer's KeyInfo is outside what the rules read.
 */
function signatureContent(doc: XDocument): Set<XElement> {
  const inside = new Set<XElement>();
  const mark = (element: XElement): void => {
    inside.add(element);
    for (const c of element.children) if (c.kind === 'element') mark(c);
  };
  for (const { element } of elementsOf(doc)) if (localNameOf(element.name) === 'Signature' && !inside.has(element)) mark(element);
  return inside;
}

function rewrite(doc: XDocument, r: Rewrite): void {
  const signature = signatureContent(doc);
  const all = ['valueWhitespace', 'base64', 'cdata', 'splitValue', 'characterReferences'].includes(r.op)
    ? elementsOf(doc).filter((l) => !signature.has(l.element))
    : elementsOf(doc);
  switch (r.op) {
    case 'attributeOrder': {
      for (const [i, { element }] of all.entries()) {
        const n = element.attributes.length;
        if (n < 2) continue;
        const shift = (r.seed + i) % n;
        element.attributes = [...element.attributes.slice(shift), ...element.attributes.slice(0, shift)];
        if ((r.seed >> 3) % 2 === 1) element.attributes.reverse();
      }
      return;
    }
    case 'whitespace': {
      for (const [i, { element, depth }] of all.entries()) {
        if (isLeaf(element)) continue;
        const kept = element.children.filter((c) => !(c.kind === 'text' && /^[\t\n\r ]*$/.test(c.raw)));
        if (r.style === 'compact') {
          element.children = kept;
        } else if (r.style === 'pretty') {
          const indent = `\n${'  '.repeat(depth + 1)}`;
          element.children = [...kept.flatMap((c) => [{ kind: 'text' as const, raw: indent }, c]), { kind: 'text', raw: `\n${'  '.repeat(depth)}` }];
        } else {
          element.children = kept.flatMap((c, j) => {
            const ws = WHITESPACE[(r.seed + i + j) % WHITESPACE.length]!;
            return (r.seed + i + j) % 3 === 0 ? [c] : [{ kind: 'text' as const, raw: ws }, c];
          });
        }
      }
      return;
    }
    case 'valueWhitespace': {
      for (const [i, { element }] of all.entries()) {
        if (!isLeaf(element) || !COLLAPSED.has(localNameOf(element.name))) continue;
        const text = simpleTextOf(element);
        if (text === undefined) continue;
        const before = WHITESPACE[(r.seed + i) % WHITESPACE.length]!;
        const after = WHITESPACE[(r.seed + 2 * i + 1) % WHITESPACE.length]!;
        element.children = [{ kind: 'text', raw: `${before}${text}${after}` }];
      }
      return;
    }
    case 'prefix': {
      const from = r.namespace;
      const to = r.to;
      const prefixes = new Set<string>();
      let unprefixed = false;
      for (const { element } of all) {
        const p = prefixOf(element.name);
        if (p === '') unprefixed = true;
        prefixes.add(p);
        for (const a of element.attributes) {
          if (a.name === 'xmlns') unprefixed = true;
          else if (a.name.startsWith('xmlns:')) prefixes.add(a.name.slice(6));
          else if (prefixOf(a.name) !== '') prefixes.add(prefixOf(a.name));
        }
      }
      if (!prefixes.has(from) || from === to || (to !== '' && prefixes.has(to))) return;
      // An unprefixed attribute is in no namespace: a prefixed attribute cannot move to the default namespace.
      const prefixedAttribute = all.some(({ element }) => element.attributes.some((a) => prefixOf(a.name) === from));
      if (to === '' && (unprefixed || prefixedAttribute)) return;
      const rename = (name: string): string => (prefixOf(name) === from ? (to === '' ? localNameOf(name) : `${to}:${localNameOf(name)}`) : name);
      for (const { element } of all) {
        element.name = rename(element.name);
        for (const a of element.attributes) {
          if (a.name === `xmlns:${from}`) a.name = to === '' ? 'xmlns' : `xmlns:${to}`;
          else if (!isNamespaceDeclaration(a.name)) a.name = rename(a.name);
        }
      }
      return;
    }
    case 'redeclare': {
      for (const [i, { element }] of all.entries()) {
        if (i === 0 || i % r.every !== 0) continue;
        const scope = scopeAt(doc.root, element);
        const prefix = prefixOf(element.name);
        const uri = scope.get(prefix);
        if (uri === undefined) continue;
        setAttribute(element, prefix === '' ? 'xmlns' : `xmlns:${prefix}`, uri);
      }
      return;
    }
    case 'base64': {
      const separator = SEPARATORS[r.separator % SEPARATORS.length]!;
      for (const { element } of all) {
        if (!isLeaf(element) || !/Certificate$/.test(localNameOf(element.name))) continue;
        const text = simpleTextOf(element);
        if (text === undefined) continue;
        const compact = text.replace(/&#13;|&#xD;|&#10;|&#xA;|\s/g, '');
        if (!/^[A-Za-z0-9+/=]*$/.test(compact)) continue;
        const lines = compact.match(new RegExp(`.{1,${r.width}}`, 'g')) ?? [];
        const body = lines.join(separator);
        element.children = [{ kind: 'text', raw: r.edges ? `${separator}${body}${separator}` : body }];
      }
      return;
    }
    case 'declaration':
      doc.prolog = DECLARATIONS[r.which % DECLARATIONS.length]!;
      return;
    case 'comments': {
      for (const [i, { element }] of all.entries()) {
        if (isLeaf(element)) continue;
        const at = (r.seed + i) % (element.children.length + 1);
        const node: XNode = (r.seed + i) % 2 === 0 ? { kind: 'comment', value: ' fuzz ' } : { kind: 'pi', target: 'fuzz', data: ' x' };
        element.children.splice(at, 0, node);
      }
      return;
    }
    case 'cdata': {
      for (const [i, { element }] of all.entries()) {
        if (!isLeaf(element) || (r.seed + i) % 2 === 1) continue;
        const text = simpleTextOf(element);
        // CDATA does not decode references; only wrap text that has none.
        if (text === undefined || text === '' || /[&<]|]]>/.test(text)) continue;
        element.children = [{ kind: 'cdata', value: text }];
      }
      return;
    }
    case 'splitValue': {
      for (const [i, { element }] of all.entries()) {
        if (!isLeaf(element)) continue;
        const text = simpleTextOf(element);
        if (text === undefined || text.length < 2 || text.includes('&')) continue;
        const at = 1 + ((r.seed + i) % (text.length - 1));
        const middle: XNode[] = [
          [{ kind: 'comment', value: '' }],
          [{ kind: 'pi', target: 'split', data: '' }],
          [{ kind: 'cdata', value: '' }],
          [{ kind: 'comment', value: 'a' }, { kind: 'pi', target: 'b', data: ' c' }],
        ][(r.seed + i) % 4]! as XNode[];
        element.children = [{ kind: 'text', raw: text.slice(0, at) }, ...middle, { kind: 'text', raw: text.slice(at) }];
      }
      return;
    }
    case 'characterReferences': {
      for (const [i, { element }] of all.entries()) {
        if (!isLeaf(element)) continue;
        const text = simpleTextOf(element);
        if (text === undefined || text === '' || text.includes('&')) continue;
        const at = (r.seed + i) % text.length;
        const code = text.codePointAt(at)!;
        const reference = (r.seed + i) % 2 === 0 ? `&#${code};` : `&#x${code.toString(16)};`;
        element.children = [{ kind: 'text', raw: text.slice(0, at) + reference + text.slice(at + 1) }];
      }
      return;
    }
    case 'quotes': {
      for (const { element } of all) {
        for (const a of element.attributes) {
          const other = a.quote === '"' ? "'" : '"';
          if (!a.value.includes(other)) a.quote = other;
        }
      }
      return;
    }
    case 'tagWhitespace':
    case 'lineEndings':
      return;
  }
}

// ---- byte-level mutations -------------------------------------------------------------------------------------

export type ByteMutation =
  | { readonly op: 'set'; readonly at: number; readonly value: number }
  | { readonly op: 'insert'; readonly at: number; readonly value: number }
  | { readonly op: 'delete'; readonly at: number };

export const byteMutationArbitrary: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: index, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: index, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: index }),
);

export function applyByteMutations(text: string, mutations: readonly ByteMutation[]): Uint8Array {
  const bytes = Array.from(Buffer.from(text, 'utf8'));
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.op === 'set' && at < bytes.length) bytes[at] = m.value;
    else if (m.op === 'insert') bytes.splice(at, 0, m.value);
    else if (m.op === 'delete') bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}
