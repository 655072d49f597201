import type { NameAttribute } from '../smki/index.js';

/**
 * Matching an XML-DSig `X509IssuerName` against a certificate's issuer.
 *
 * The element holds a string form of the issuer DN (XML-DSig 4.5.4 points to RFC 2253, now RFC 4514). Writers
 * disagree on the details: xmlsec1 writes `CN=Z1,OU=07` (RFC 4514 order, last RDN first), the DCC RTDS templates
 * write `CN=U1, OU=07` (a space after the comma), and some tools list RDNs in DER order (`OU=07,CN=Z1`). So the
 * name is compared as a **multiset of (attribute type, value) pairs**, not as a string:
 *
 * - RDN order is ignored, and a multi-valued RDN (`+`) is flattened into its pairs. SMKI issuer names are two
 *   single-valued RDNs of different types (OU and CN), so ignoring the order loses nothing there.
 * - Attribute types are case-insensitive; short names (CN, OU, O, C, L, ST, STREET, DC, UID, SERIALNUMBER,
 *   E/EMAILADDRESS) and `OID.`-prefixed or bare dotted OIDs all map to the OID.
 * - Values: RFC 4514 escapes (`\,` and `\2C`, UTF-8 byte pairs included) are decoded; RFC 1779 quoted values
 *   are accepted; spaces around `,` `;` `+` `=` are ignored; runs of whitespace inside a value collapse to one
 *   space and letters compare case-insensitively (the effect of X.520 caseIgnoreMatch, which RFC 5280 7.1 uses).
 *   A `#hex` value (BER of the value) compares with the certificate's value in the same form, or as text when it
 *   encodes a string.
 *
 * A name that does not parse matches no certificate.
 */

const TYPE_OIDS: Readonly<Record<string, string>> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  S: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  SERIALNUMBER: '2.5.4.5',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  UID: '0.9.2342.19200300.100.1.1',
  DC: '0.9.2342.19200300.100.1.25',
  E: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
};

/** Longest X509IssuerName we try to parse; SMKI issuer names are about 10 characters. */
export const MAX_ISSUER_NAME_LENGTH = 1024;

/** A canonical key for a name: equal keys mean equal names under the rules above. */
export type NameKey = string;

/** The key of a certificate's issuer, from its attributes in DER order (values as the SMKI decoder gives them). */
export function nameKeyOfAttributes(attributes: readonly NameAttribute[]): NameKey {
  return keyOf(attributes.map(({ type, value }) => [type, normaliseValue(value)]));
}

/** The key of an `X509IssuerName` text, or `undefined` when it is not a distinguished name. */
export function nameKeyOfText(text: string): NameKey | undefined {
  if (text.length > MAX_ISSUER_NAME_LENGTH) return undefined;
  const pairs = parseDistinguishedName(text);
  return pairs && keyOf(pairs);
}

function keyOf(pairs: readonly (readonly [type: string, value: string])[]): NameKey {
  // JSON keeps the encoding injective whatever characters the values hold.
  return JSON.stringify(pairs.map(([type, value]) => `${type}=${value}`).sort());
}

function normaliseValue(value: string): string {
  if (value.startsWith('#')) {
    const text = stringFromBer(value.slice(1));
    if (text === undefined) return `#${value.slice(1).toLowerCase()}`;
    value = text;
  }
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Parses an RFC 4514 (or RFC 2253/1779-style) DN into (type OID, normalised value) pairs. */
export function parseDistinguishedName(text: string): [type: string, value: string][] | undefined {
  const pairs: [string, string][] = [];
  let i = 0;
  const n = text.length;
  const skipSpaces = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  skipSpaces();
  if (i === n) return pairs; // the empty DN
  for (;;) {
    skipSpaces();
    const typeStart = i;
    while (i < n && text[i] !== '=' && text[i] !== ',' && text[i] !== ';' && text[i] !== '+') i++;
    if (text[i] !== '=') return undefined;
    const type = attributeType(text.slice(typeStart, i).trim());
    if (type === undefined) return undefined;
    i++; // '='
    skipSpaces();
    let value: string;
    if (text[i] === '#') {
      const hexStart = ++i;
      while (i < n && /[0-9A-Fa-f]/.test(text[i]!)) i++;
      const hex = text.slice(hexStart, i);
      if (hex.length === 0 || hex.length % 2 !== 0) return undefined;
      value = `#${hex}`;
    } else if (text[i] === '"') {
      i++;
      const bytes: number[] = [];
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          const escaped = readEscape(text, i);
          if (!escaped) return undefined;
          bytes.push(...escaped.bytes);
          i = escaped.next;
        } else {
          bytes.push(...Buffer.from(c, 'utf8'));
          i++;
        }
      }
      if (!closed) return undefined;
      value = decodeUtf8(bytes);
    } else {
      const bytes: number[] = [];
      while (i < n && text[i] !== ',' && text[i] !== ';' && text[i] !== '+') {
        const c = text[i]!;
        if (c === '\\') {
          const escaped = readEscape(text, i);
          if (!escaped) return undefined;
          bytes.push(...escaped.bytes);
          i = escaped.next;
        } else if (c === '"' || c === '<' || c === '>' || c === '=') {
          return undefined; // must be escaped (RFC 4514 2.4)
        } else {
          const codePoint = text.codePointAt(i)!;
          const char = String.fromCodePoint(codePoint);
          bytes.push(...Buffer.from(char, 'utf8'));
          i += char.length;
        }
      }
      value = decodeUtf8(bytes);
    }
    pairs.push([type, normaliseValue(value)]);
    skipSpaces();
    if (i === n) return pairs;
    if (text[i] !== ',' && text[i] !== ';' && text[i] !== '+') return undefined;
    i++;
  }
}

function attributeType(raw: string): string | undefined {
  const upper = raw.toUpperCase();
  const dotted = upper.startsWith('OID.') ? upper.slice(4) : upper;
  if (/^[0-2](?:\.(?:0|[1-9][0-9]*))+$/.test(dotted)) return dotted;
  return Object.hasOwn(TYPE_OIDS, upper) ? TYPE_OIDS[upper] : undefined;
}

function readEscape(text: string, at: number): { bytes: number[]; next: number } | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  if (/[0-9A-Fa-f]/.test(next) && /[0-9A-Fa-f]/.test(text[at + 2] ?? '')) {
    return { bytes: [parseInt(text.slice(at + 1, at + 3), 16)], next: at + 3 };
  }
  if (' "#+,;<=>\\'.includes(next)) return { bytes: [next.charCodeAt(0)], next: at + 2 };
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
function decodeUtf8(bytes: number[]): string {
  return utf8.decode(Uint8Array.from(bytes));
}

// Directory string types whose BER this reads as text: UTF8String, PrintableString, TeletexString, IA5String,
// BMPString.
function stringFromBer(hex: string): string | undefined {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  const tag = bytes[0];
  const length = bytes[1];
  if (length === undefined || length > 0x7f || bytes.length !== length + 2) return undefined;
  const content = bytes.subarray(2);
  switch (tag) {
    case 0x0c:
      return utf8.decode(content);
    case 0x13:
    case 0x14:
    case 0x16:
      return content.toString('latin1');
    case 0x1e:
      return content.length % 2 === 0 ? new TextDecoder('utf-16be').decode(content) : undefined;
    default:
      return undefined;
  }
}
