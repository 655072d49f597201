import { malformed } from './certificate-fault.js';
import type { DerNode } from './strict-der.js';

/** Object identifiers the SMKI organisation certificate profile names. */
export const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  commonName: '2.5.4.3',
  organizationalUnitName: '2.5.4.11',
  x500UniqueIdentifier: '2.5.4.45',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
} as const;

// The OID decoder runs for every attribute and extension; memoising by content bytes turns the recurring
// handful (about 15 per certificate, the same across certificates) into one Map look-up each.
const memo = new Map<string, string>();
const MEMO_LIMIT = 512;

// Every OID of the profile encodes in under 16 bytes; the longest registered OIDs (UUID-based 2.25 arcs) in 19.
// Decoding a long arc is quadratic (bigint shifts), so an attacker-sized OID is refused before it is decoded.
const MAX_OID_BYTES = 64;

/** Dotted form of an OBJECT IDENTIFIER whose encoding the DER reader has already checked. */
export function readOid(bytes: Uint8Array, node: DerNode): string {
  const raw = bytes.subarray(node.contentStart, node.end);
  if (raw.length > MAX_OID_BYTES) {
    malformed(`an OBJECT IDENTIFIER of ${raw.length} bytes (at most ${MAX_OID_BYTES})`, { offset: node.start });
  }
  const key = String.fromCharCode(...raw);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const dotted = decodeOid(raw);
  // Stryker disable next-line ConditionalExpression, EqualityOperator: the bound caps memory; memo and decode agree
  if (memo.size < MEMO_LIMIT) memo.set(key, dotted);
  return dotted;
}

function decodeOid(raw: Uint8Array): string {
  const arcs: string[] = [];
  let value = 0n;
  let small = 0;
  // Stryker disable next-line BooleanLiteral: an arc read in bigint from its start has the same value
  let big = false;
  for (const b of raw) {
    // Arcs past 2^53 exist (UUID-based OIDs): switch to bigint only for those.
    // Stryker disable next-line LogicalOperator, EqualityOperator: these switch to (exact) bigint earlier, or at 2^45, no later
    if (!big && small > 2 ** 45) {
      big = true;
      value = BigInt(small);
    }
    if (big) value = (value << 7n) | BigInt(b & 0x7f);
    else small = small * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      const arc = big ? value : BigInt(small);
      if (arcs.length === 0) {
        const first = arc < 40n ? 0n : arc < 80n ? 1n : 2n;
        arcs.push(String(first), String(arc - first * 40n));
      } else {
        arcs.push(String(arc));
      }
      small = 0;
      value = 0n;
      // Stryker disable next-line BooleanLiteral: an arc read in bigint from its start has the same value
      big = false;
    }
  }
  return arcs.join('.');
}
