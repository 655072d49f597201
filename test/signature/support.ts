/** Shared helpers for the signature tests and the signature attack corpus (test/security/signature/). */
import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { canonicalizeDocument, canonicalizeElement } from '../../src/signature/canonicalize.js';
import {
  XMLDSIG_NAMESPACE,
  createSignerStore,
  signRequest,
  verifySignature,
  type SignerStore,
  type VerifyResult,
} from '../../src/signature/index.js';
import { parseXml } from '../../src/xml/parse-xml.js';
import { elementsNamed, parseTree } from '../support/tree.js';

export const REPO_ROOT = new URL('../../', import.meta.url);
export const fixturePath = (relative: string): string => new URL(`fixtures/${relative}`, REPO_ROOT).pathname;
export const readFixture = (relative: string): string => readFileSync(fixturePath(relative), 'utf8');

export const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
export const NETWORK_OPERATOR_A = '90-B3-D5-1F-30-02-00-00';

export type Party = 'supplier' | 'network-operator-a' | 'network-operator-b' | 'supplier-b' | 'gas-transporter';

export interface PartyKeys {
  readonly certificate: string;
  readonly privateKey: KeyObject;
}

export function party(name: Party): PartyKeys {
  return {
    certificate: readFixture(`pki/xml-sign-${name}.pem`),
    privateKey: createPrivateKey(readFixture(`pki/xml-sign-${name}.key.pem`)),
  };
}

/** Every User XML-signing certificate of the test PKI. */
export function fixtureStore(): SignerStore {
  return createSignerStore(
    (['supplier', 'network-operator-a', 'network-operator-b', 'supplier-b', 'gas-transporter'] as const).map((p) => party(p).certificate),
  );
}

/** `no-by-no.xml` signed by its originator, network-operator-a. */
export function signedNoByNo(options: Parameters<typeof signRequest>[2] = {}): string {
  return signRequest(readFixture('requests/no-by-no.xml'), party('network-operator-a'), options);
}

/** `supplier-by-supplier-immediate.xml` signed by its originator, supplier. */
export function signedSupplierBySupplier(options: Parameters<typeof signRequest>[2] = {}): string {
  return signRequest(readFixture('requests/supplier-by-supplier-immediate.xml'), party('supplier'), options);
}

export interface VerifyXmlOptions {
  readonly originator?: string;
  readonly store?: SignerStore;
  readonly xmlSigningRoles?: readonly string[];
}

/** parseXml then verifySignature, as the validator runs them. A parse failure comes back as the finding. */
export function verifyXml(xml: string, options: VerifyXmlOptions = {}): VerifyResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, finding: parsed.error };
  return verifySignature(parsed, options.store ?? fixtureStore(), {
    originator: options.originator ?? originatorOf(xml),
    ...(options.xmlSigningRoles ? { xmlSigningRoles: options.xmlSigningRoles } : {}),
  });
}

function originatorOf(xml: string): string {
  const match = /<sr:RequestID>\s*([0-9A-Fa-f-]{23})/.exec(xml);
  if (!match) throw new Error('no RequestID in the test document');
  return match[1]!;
}

export function expectCode(result: VerifyResult, code: string): void {
  if (result.ok) expect.fail(`expected ${code}, but the signature verified`);
  expect(result.finding.code, result.finding.message).toBe(code);
}

export function expectVerified(result: VerifyResult): asserts result is Extract<VerifyResult, { ok: true }> {
  if (!result.ok) expect.fail(`expected the signature to verify: ${result.finding.code} ${result.finding.message}`);
}

/** Replaces exactly one occurrence of `search` (fails the test when there are none or several). */
export function replaceOnce(text: string, search: string | RegExp, replacement: string): string {
  const count = typeof search === 'string' ? text.split(search).length - 1 : (text.match(new RegExp(search.source, `${search.flags.replace('g', '')}g`)) ?? []).length;
  if (count !== 1) throw new Error(`expected one occurrence of ${String(search)}, found ${count}`);
  return text.replace(search, replacement);
}

/**
 * Re-signs a (tampered) document so that only what the attack changed can make it fail: the `index`-th
 * SignedInfo is canonicalised (exclusive) and signed with `key`, and the result replaces the `index`-th
 * SignatureValue. With `redigest`, the DigestValue in that SignedInfo is first recomputed over the document minus
 * its first Signature. Works on documents outside the profile, which `signRequest` refuses to produce.
 */
export function resign(
  xml: string,
  key: KeyObject,
  { index = 0, redigest = false, dsaEncoding = 'ieee-p1363' }: { index?: number; redigest?: boolean; dsaEncoding?: 'ieee-p1363' | 'der' } = {},
): string {
  let text = xml;
  if (redigest) {
    const document = parseTree(text);
    const signature = elementsNamed(document.root, XMLDSIG_NAMESPACE, 'Signature')[0]!;
    const digest = createHash('sha256').update(canonicalizeDocument(document, signature, 'exclusive', 1e7)).digest('base64');
    text = replaceNth(text, /(<(?:ds:)?DigestValue>)[^<]*(<\/(?:ds:)?DigestValue>)/g, index, `$1${digest}$2`);
  }
  const signedInfo = elementsNamed(parseTree(text).root, XMLDSIG_NAMESPACE, 'SignedInfo')[index]!;
  const value = cryptoSign('sha256', Buffer.from(canonicalizeElement(signedInfo, 1e7), 'utf8'), { key, dsaEncoding });
  return replaceNth(text, /(<(?:ds:)?SignatureValue>)[^<]*(<\/(?:ds:)?SignatureValue>)/g, index, `$1${value.toString('base64')}$2`);
}

function replaceNth(text: string, pattern: RegExp, index: number, replacement: string): string {
  let seen = -1;
  return text.replace(pattern, (...args: string[]) => {
    seen++;
    if (seen !== index) return args[0]!;
    return replacement.replace('$1', args[1]!).replace('$2', args[2]!);
  });
}

/** The `ds:Signature` element of a document signed by `signRequest` (one line). */
export function signatureOf(xml: string): string {
  const match = /<ds:Signature[\s>][\s\S]*<\/ds:Signature>/.exec(xml);
  if (!match) throw new Error('no ds:Signature');
  return match[0];
}
