import { malformed } from './certificate-fault.js';
import { OID, readOid } from './oid.js';
import { TAG, UNIVERSAL, expectUniversal, toHex, type DerNode } from './strict-der.js';

/** One attribute of a distinguished name: its type OID and its string value. */
export interface NameAttribute {
  /** Attribute type OID, e.g. `2.5.4.11`. */
  readonly type: string;
  /** The text of a string value; `#` and the hex DER of any other value (RFC 4514 2.4), e.g. a BIT STRING. */
  readonly value: string;
}

export interface DistinguishedName {
  /** RFC 4514 string: last RDN first, e.g. `CN=Z1,OU=07`. Empty for an empty name. */
  readonly dn: string;
  readonly commonName?: string;
  /** In DER order (the reverse of `dn`), flattened across RDNs. */
  readonly attributes: readonly NameAttribute[];
}

/** A Name with its nodes kept, so the profile can inspect the DER of the name and of individual attributes. */
export interface ParsedName extends DistinguishedName {
  /** The Name SEQUENCE itself. */
  readonly node: DerNode;
  readonly valueNodes: readonly DerNode[];
}

// RFC 4514 3 short names; other types print as dotted OIDs.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });
// X.680 41.4 PrintableString alphabet.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function readName(bytes: Uint8Array, node: DerNode | undefined, what: string): ParsedName {
  const name = expectUniversal(node, TAG.SEQUENCE, what);
  const attributes: NameAttribute[] = [];
  const valueNodes: DerNode[] = [];
  const rdns: string[] = [];
  let commonName: string | undefined;
  for (const rdn of name.children) {
    expectUniversal(rdn, TAG.SET, `${what} RDN`);
    if (rdn.children.length === 0) malformed(`${what}: empty RDN`, { offset: rdn.start });
    const parts: string[] = [];
    for (const atv of rdn.children) {
      expectUniversal(atv, TAG.SEQUENCE, `${what} attribute`);
      if (atv.children.length !== 2) malformed(`${what}: an attribute must be a type and one value`, { offset: atv.start });
      const type = readOid(bytes, expectUniversal(atv.children[0], TAG.OID, `${what} attribute type`));
      const valueNode = atv.children[1]!;
      const text = readString(bytes, valueNode, what);
      const value = text ?? `#${toHex(bytes.subarray(valueNode.start, valueNode.end)).toUpperCase()}`;
      if (type === OID.commonName && text !== undefined && commonName === undefined) commonName = text;
      attributes.push({ type, value });
      valueNodes.push(valueNode);
      parts.push(`${SHORT_NAMES[type] ?? type}=${text === undefined ? value : escapeValue(text)}`);
    }
    rdns.push(parts.join('+'));
  }
  return {
    dn: rdns.reverse().join(','),
    ...(commonName === undefined ? {} : { commonName }),
    attributes,
    node: name,
    valueNodes,
  };
}

/** The text of a directory string value, `undefined` for a value of another type. */
export function readString(bytes: Uint8Array, node: DerNode, what: string): string | undefined {
  if (node.cls !== UNIVERSAL) return undefined;
  const raw = bytes.subarray(node.contentStart, node.end);
  switch (node.number) {
    case TAG.UTF8_STRING:
      try {
        return utf8.decode(raw);
      } catch {
        return malformed(`${what}: UTF8String is not valid UTF-8`, { offset: node.start });
      }
    case TAG.PRINTABLE_STRING: {
      const text = latin1(raw);
      if (!PRINTABLE.test(text)) malformed(`${what}: PrintableString holds characters outside its alphabet`, { offset: node.start });
      return text;
    }
    case TAG.IA5_STRING: {
      if (raw.some((b) => b > 0x7f)) malformed(`${what}: IA5String holds non-ASCII bytes`, { offset: node.start });
      return latin1(raw);
    }
    // T.61 is approximated by Latin-1, as most X.509 libraries do; the SMKI uses none.
    case TAG.TELETEX_STRING:
      return latin1(raw);
    case TAG.BMP_STRING:
      if (raw.length % 2 !== 0) malformed(`${what}: BMPString has an odd length`, { offset: node.start });
      try {
        return utf16be.decode(raw);
      } catch {
        return malformed(`${what}: BMPString is not valid UTF-16`, { offset: node.start });
      }
    case TAG.UNIVERSAL_STRING: {
      if (raw.length % 4 !== 0) malformed(`${what}: UniversalString length is not a multiple of 4`, { offset: node.start });
      let text = '';
      for (let i = 0; i < raw.length; i += 4) {
        const cp = ((raw[i]! << 24) | (raw[i + 1]! << 16) | (raw[i + 2]! << 8) | raw[i + 3]!) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) malformed(`${what}: UniversalString holds an invalid code point`, { offset: node.start });
        text += String.fromCodePoint(cp);
      }
      return text;
    }
    // Stryker disable next-line ConditionalExpression: emptying the default case falls off the switch, which returns undefined too
    default:
      return undefined;
  }
}

function latin1(raw: Uint8Array): string {
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
}

/** RFC 4514 2.4 escaping of a string value. */
function escapeValue(text: string): string {
  let out = text.replace(/[\\"+,;<>]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (text.length > 1 && out.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}
