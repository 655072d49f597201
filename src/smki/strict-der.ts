import { malformed } from './certificate-fault.js';

/**
 * A strict DER reader. asn1js (v4) parses BER: it accepts trailing bytes after the outer value, long-form
 * lengths that fit the short form, leading zero length octets and constructed strings, so a certificate could
 * have several encodings that all "decode". DER has exactly one, and a certificate whose bytes are not that one
 * is not one the SMKI issued. Reading the TLVs here also lets the certificate be decoded in a single pass over
 * its bytes, without a schema comparison.
 */

export const UNIVERSAL = 0;
export const CONTEXT = 2;

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE_STRING: 19,
  TELETEX_STRING: 20,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  UNIVERSAL_STRING: 28,
  BMP_STRING: 30,
} as const;

export interface DerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly cls: number;
  readonly constructed: boolean;
  readonly number: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** Offset just past the content. */
  readonly end: number;
  /** Empty for primitive values. */
  readonly children: readonly DerNode[];
}

// An SMKI certificate nests about 8 deep; the limit only stops crafted input from recursing without bound.
const MAX_DEPTH = 32;
const NO_CHILDREN: readonly DerNode[] = Object.freeze([]);

// Universal types whose DER encoding is always constructed; every other universal type is always primitive
// (X.690 10.2: DER forbids the constructed form of strings).
const CONSTRUCTED_UNIVERSAL = new Set([8, 11, TAG.SEQUENCE, TAG.SET, 29]);

/** Reads exactly one DER value spanning `bytes[start, end)`. Throws a `CERTIFICATE_MALFORMED` fault otherwise. */
export function readDer(bytes: Uint8Array, start = 0, end = bytes.length): DerNode {
  if (start >= end) malformed('no DER value: the input is empty', { offset: start });
  const node = readNode(bytes, start, end, 0);
  if (node.end !== end) {
    malformed(`${end - node.end} byte(s) follow the DER value`, { offset: node.end, trailingBytes: end - node.end });
  }
  return node;
}

function readNode(bytes: Uint8Array, start: number, limit: number, depth: number): DerNode {
  if (depth > MAX_DEPTH) malformed(`values nest deeper than ${MAX_DEPTH}`, { offset: start });
  let at = start;
  const identifier = bytes[at++]!;
  const cls = identifier >> 6;
  const constructed = (identifier & 0x20) !== 0;
  let number = identifier & 0x1f;
  if (number === 0x1f) {
    number = 0;
    for (let i = 0; ; i++) {
      if (at >= limit) malformed('truncated tag', { offset: start });
      const b = bytes[at++]!;
      if (i === 0 && b === 0x80) malformed('non-minimal tag number encoding', { offset: start });
      if (i === 3) malformed('tag number too large', { offset: start });
      number = number * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    if (number < 0x1f) malformed('tag number in high-tag form fits the low-tag form', { offset: start });
  }

  if (at >= limit) malformed('truncated length', { offset: start });
  const first = bytes[at++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    malformed('indefinite length (BER, not DER)', { offset: start });
  } else if (first === 0xff) {
    malformed('reserved length octet 0xFF', { offset: start });
  } else {
    const count = first & 0x7f;
    // 8 KiB inputs never need more than 2 length octets; 4 keeps the arithmetic within 32 bits.
    if (count > 4) malformed(`length uses ${count} octets`, { offset: start });
    if (at + count > limit) malformed('truncated length', { offset: start });
    if (bytes[at] === 0) malformed('non-minimal length: leading zero length octet', { offset: start });
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
    if (length < 0x80) malformed(`non-minimal length: long form for length ${length}`, { offset: start, length });
  }
  const contentStart = at;
  const end = contentStart + length;
  if (end > limit) {
    malformed(`truncated: the value needs ${length} content bytes, ${limit - contentStart} remain`, {
      offset: start,
      length,
      available: limit - contentStart,
    });
  }

  if (cls === UNIVERSAL) {
    if (number === 0) malformed('end-of-contents tag outside an indefinite-length value', { offset: start });
    if (constructed !== CONSTRUCTED_UNIVERSAL.has(number)) {
      malformed(`universal tag ${number} must use the ${constructed ? 'primitive' : 'constructed'} encoding`, {
        offset: start,
        tag: number,
      });
    }
  }

  if (!constructed) {
    if (cls === UNIVERSAL) checkPrimitive(bytes, number, start, contentStart, end);
    return { cls, constructed, number, start, contentStart, end, children: NO_CHILDREN };
  }
  const children: DerNode[] = [];
  for (let p = contentStart; p < end; ) {
    const child = readNode(bytes, p, end, depth + 1);
    children.push(child);
    p = child.end;
  }
  return { cls, constructed, number, start, contentStart, end, children };
}

/** The DER content rules of the primitive universal types a certificate uses. */
function checkPrimitive(bytes: Uint8Array, number: number, start: number, from: number, to: number): void {
  const length = to - from;
  switch (number) {
    case TAG.BOOLEAN:
      if (length !== 1 || (bytes[from] !== 0x00 && bytes[from] !== 0xff)) {
        malformed('BOOLEAN must be one octet, 0x00 or 0xFF', { offset: start });
      }
      return;
    case TAG.INTEGER:
    case TAG.ENUMERATED: {
      if (length === 0) malformed('empty INTEGER', { offset: start });
      if (length > 1) {
        const a = bytes[from]!;
        const b = bytes[from + 1]!;
        if ((a === 0x00 && b < 0x80) || (a === 0xff && b >= 0x80)) {
          malformed('non-minimal INTEGER encoding', { offset: start });
        }
      }
      return;
    }
    case TAG.BIT_STRING: {
      if (length === 0) malformed('BIT STRING without the unused-bits octet', { offset: start });
      const unused = bytes[from]!;
      if (unused > 7) malformed(`BIT STRING declares ${unused} unused bits`, { offset: start, unusedBits: unused });
      if (length === 1 && unused !== 0) malformed('empty BIT STRING with unused bits', { offset: start });
      if (unused !== 0 && (bytes[to - 1]! & ((1 << unused) - 1)) !== 0) {
        malformed('BIT STRING padding bits are not zero', { offset: start });
      }
      return;
    }
    case TAG.NULL:
      if (length !== 0) malformed('NULL with content', { offset: start });
      return;
    case TAG.OID: {
      if (length === 0) malformed('empty OBJECT IDENTIFIER', { offset: start });
      if ((bytes[to - 1]! & 0x80) !== 0) malformed('truncated OBJECT IDENTIFIER arc', { offset: start });
      for (let i = from; i < to; i++) {
        if (bytes[i] === 0x80 && (i === from || (bytes[i - 1]! & 0x80) === 0)) {
          malformed('non-minimal OBJECT IDENTIFIER arc', { offset: start });
        }
      }
      return;
    }
    // Stryker disable next-line ConditionalExpression: an empty default falls out of the switch, which returns as `return` does
    default:
      return;
  }
}

const CLASS_NAMES = ['universal', 'application', 'context', 'private'] as const;

export function describeTag(node: DerNode): string {
  return node.cls === UNIVERSAL ? `universal ${node.number}` : `[${CLASS_NAMES[node.cls]} ${node.number}]`;
}

export function isUniversal(node: DerNode | undefined, number: number): node is DerNode {
  return node !== undefined && node.cls === UNIVERSAL && node.number === number;
}

export function isContext(node: DerNode | undefined, number: number): node is DerNode {
  return node !== undefined && node.cls === CONTEXT && node.number === number;
}

/** Requires a universal value of the given type, where the X.509 structure puts one. */
export function expectUniversal(node: DerNode | undefined, number: number, what: string): DerNode {
  if (node === undefined || node.cls !== UNIVERSAL || node.number !== number) {
    malformed(`${what}: expected universal tag ${number}, found ${node ? describeTag(node) : 'nothing'}`, {
      expectedTag: number,
      received: node ? describeTag(node) : null,
      ...(node ? { offset: node.start } : {}),
    });
  }
  return node;
}

export function content(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.contentStart, node.end);
}

/** The data octets and unused-bit count of a BIT STRING already checked by the reader. */
export function bitString(bytes: Uint8Array, node: DerNode): { unusedBits: number; data: Uint8Array } {
  return { unusedBits: bytes[node.contentStart]!, data: bytes.subarray(node.contentStart + 1, node.end) };
}

/** Lower-case hex; Buffer's encoder is native and much faster than a JS loop. */
export function toHex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}
