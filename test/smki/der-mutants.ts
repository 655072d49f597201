/**
 * Mutants of a DER certificate for differential fuzzing. Byte mutations (flip, truncate, insert, delete) break
 * the encoding anywhere; structural ones edit the TLV tree and re-encode it with the enclosing lengths fixed, so
 * the mutant is still well-formed around the change and reaches the deeper checks (a length that lies, a
 * non-minimal or indefinite length, a TLV dropped, duplicated, swapped with a sibling or retagged, a primitive's
 * content grown, shrunk or changed). Extension values (OCTET STRINGs holding DER) are opened as part of the tree.
 */
import fc from 'fast-check';
import { readDer, type DerNode } from '../../src/smki/strict-der.js';
import { concat, length as derLength } from './make-certificate.js';

interface Tlv {
  identifier: Uint8Array;
  /** Primitive content; absent when `children` is set. */
  content?: Uint8Array;
  children?: Tlv[];
  /** Added to the true content length when writing the length octets (a length that lies). */
  lengthDelta?: number;
  lengthForm?: 'minimal' | 'leading-zero' | 'long-form' | 'indefinite';
}

export type StructuralMutation =
  | { kind: 'length'; node: number; delta: number }
  | { kind: 'non-minimal-length'; node: number; form: 'leading-zero' | 'long-form' }
  | { kind: 'indefinite-length'; node: number }
  | { kind: 'drop'; node: number }
  | { kind: 'duplicate'; node: number }
  | { kind: 'swap'; node: number; other: number }
  | { kind: 'retag'; node: number; identifier: number }
  | { kind: 'grow'; node: number; value: number }
  | { kind: 'shrink'; node: number }
  | { kind: 'set-content-byte'; node: number; at: number; value: number };

export type ByteMutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number };

export interface Mutant {
  readonly seed: number;
  readonly structural: readonly StructuralMutation[];
  readonly bytes: readonly ByteMutation[];
}

const byte = fc.integer({ min: 0, max: 255 });
const node = fc.nat();

const structuralMutation: fc.Arbitrary<StructuralMutation> = fc.oneof(
  fc.record({ kind: fc.constant('length' as const), node, delta: fc.constantFrom(-2, -1, 1, 2, 128) }),
  fc.record({ kind: fc.constant('non-minimal-length' as const), node, form: fc.constantFrom('leading-zero' as const, 'long-form' as const) }),
  fc.record({ kind: fc.constant('indefinite-length' as const), node }),
  fc.record({ kind: fc.constant('drop' as const), node }),
  fc.record({ kind: fc.constant('duplicate' as const), node }),
  fc.record({ kind: fc.constant('swap' as const), node, other: fc.nat() }),
  // Mostly the universal tags a certificate uses, so a retag often yields another well-formed value.
  fc.record({
    kind: fc.constant('retag' as const),
    node,
    identifier: fc.oneof(fc.constantFrom(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1c, 0x1e, 0x30, 0x31, 0x80, 0xa0, 0xa3), byte),
  }),
  fc.record({ kind: fc.constant('grow' as const), node, value: byte }),
  fc.record({ kind: fc.constant('shrink' as const), node }),
  fc.record({ kind: fc.constant('set-content-byte' as const), node, at: fc.nat(), value: byte }),
);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: byte }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: byte }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

/** One to three mutations of one of `seedCount` seeds: structural ones first, then byte ones. */
export function mutantArbitrary(seedCount: number): fc.Arbitrary<Mutant> {
  const seed = fc.nat({ max: seedCount - 1 });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ seed, structural: fc.array(structuralMutation, { minLength: 1, maxLength: 2 }), bytes: fc.constant([]) }) },
    { weight: 3, arbitrary: fc.record({ seed, structural: fc.constant([]), bytes: fc.array(byteMutation, { minLength: 1, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ seed, structural: fc.array(structuralMutation, { maxLength: 1 }), bytes: fc.array(byteMutation, { minLength: 1, maxLength: 1 }) }) },
  );
}

export function applyMutant(seeds: readonly Uint8Array[], mutant: Mutant): Uint8Array {
  const seed = seeds[mutant.seed]!;
  let bytes = seed;
  if (mutant.structural.length > 0) {
    let parsed = trees.get(seed);
    if (!parsed) trees.set(seed, (parsed = toTree(seed, readDer(seed))));
    const tree = clone(parsed);
    for (const m of mutant.structural) applyStructural(tree, m);
    bytes = encode(tree);
  }
  return applyBytes(bytes, mutant.bytes);
}

const trees = new WeakMap<Uint8Array, Tlv>();

function toTree(bytes: Uint8Array, node: DerNode): Tlv {
  const identifier = bytes.slice(node.start, node.start + identifierLength(bytes, node.start));
  if (node.constructed) return { identifier, children: node.children.map((c) => toTree(bytes, c)) };
  const content = bytes.slice(node.contentStart, node.end);
  // An OCTET STRING holding one DER value (an extension's extnValue): open it, so its inside mutates too.
  if (node.cls === 0 && node.number === 4 && content.length > 0) {
    try {
      return { identifier, children: [toTree(content, readDer(content))] };
    } catch {
      // Not DER inside: keep the octets.
    }
  }
  return { identifier, content };
}

function identifierLength(bytes: Uint8Array, at: number): number {
  if ((bytes[at]! & 0x1f) !== 0x1f) return 1;
  let n = 1;
  while (bytes[at + n]! & 0x80) n++;
  return n + 1;
}

function flatten(tree: Tlv): { tlv: Tlv; parent?: Tlv }[] {
  const out: { tlv: Tlv; parent?: Tlv }[] = [{ tlv: tree }];
  const walk = (t: Tlv) => {
    for (const child of t.children ?? []) {
      out.push({ tlv: child, parent: t });
      walk(child);
    }
  };
  walk(tree);
  return out;
}

const clone = (t: Tlv): Tlv => ({
  ...t,
  identifier: t.identifier.slice(),
  ...(t.content ? { content: t.content.slice() } : {}),
  ...(t.children ? { children: t.children.map(clone) } : {}),
});

function applyStructural(tree: Tlv, m: StructuralMutation): void {
  const nodes = flatten(tree);
  const { tlv, parent } = nodes[m.node % nodes.length]!;
  const siblings = parent?.children;
  const index = siblings ? siblings.indexOf(tlv) : -1;
  switch (m.kind) {
    case 'length':
      tlv.lengthDelta = (tlv.lengthDelta ?? 0) + m.delta;
      return;
    case 'non-minimal-length':
      tlv.lengthForm = m.form;
      return;
    case 'indefinite-length':
      // BER allows it for constructed values only; asn1js reads it there.
      if (tlv.children) tlv.lengthForm = 'indefinite';
      return;
    case 'drop':
      if (siblings) siblings.splice(index, 1);
      return;
    case 'duplicate':
      if (siblings) siblings.splice(index + 1, 0, clone(tlv));
      return;
    case 'swap':
      if (siblings && siblings.length > 1) {
        const other = m.other % siblings.length;
        [siblings[index], siblings[other]] = [siblings[other]!, siblings[index]!];
      }
      return;
    case 'retag': {
      tlv.identifier = Uint8Array.of(m.identifier);
      // A primitive tag on a constructed value keeps the bytes; a high tag number would need more octets.
      if ((m.identifier & 0x1f) === 0x1f) tlv.identifier = Uint8Array.of(m.identifier & 0xfe);
      return;
    }
    case 'grow':
      if (tlv.content) tlv.content = concat(tlv.content, Uint8Array.of(m.value));
      return;
    case 'shrink':
      if (tlv.content && tlv.content.length > 0) tlv.content = tlv.content.slice(0, -1);
      return;
    case 'set-content-byte':
      if (tlv.content && tlv.content.length > 0) tlv.content[m.at % tlv.content.length] = m.value;
      return;
  }
}

function encode(t: Tlv): Uint8Array {
  const body = t.children ? concat(...t.children.map(encode)) : t.content!;
  const n = Math.max(0, body.length + (t.lengthDelta ?? 0));
  switch (t.lengthForm) {
    case 'indefinite':
      return concat(t.identifier, Uint8Array.of(0x80), body, Uint8Array.of(0, 0));
    case 'leading-zero': {
      const minimal = derLength(n);
      const octets = minimal.length === 1 ? minimal : minimal.subarray(1);
      return concat(t.identifier, Uint8Array.of(0x80 | (octets.length + 1), 0), octets, body);
    }
    case 'long-form':
      return n < 0x80 ? concat(t.identifier, Uint8Array.of(0x81, n), body) : concat(t.identifier, Uint8Array.of(0x83, 0, n >> 8, n & 0xff), body);
    default:
      return concat(t.identifier, derLength(n), body);
  }
}

function applyBytes(der: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let bytes = Array.from(der);
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'flip' && at < bytes.length) bytes[at] = m.value;
    else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
    else if (m.kind === 'insert') bytes.splice(at, 0, m.value);
    else if (m.kind === 'delete') bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}
