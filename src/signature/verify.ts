import { createHash, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { normaliseEui } from '../duis/eui.js';
import { finding, type Finding } from '../findings.js';
import type { XmlDocument } from '../xml/tree.js';
import { P256_SIGNATURE_BYTES } from './algorithms.js';
import { CanonicalFormTooLarge, canonicalizeDocument, canonicalizeElement } from './canonicalize.js';
import { checkProfile, type SignatureParts } from './profile.js';
import { trySigner, type Signer, type SignerLookup, type SignerStore } from './signer-store.js';

/** A document as `parseXml` returns it: the one tree, and the text it was built from. */
export interface SignedDocument extends XmlDocument {
  readonly text: string;
}

/** Options of {@link verifySignature}. */
export interface VerifyOptions {
  /** The RequestID originator (EUI-64, any case, hyphens optional): the signer's Entity ID must equal it. */
  readonly originator: string;
  /** Subject OU values (two hex digits) accepted for a request signer. Default `['87']` (User XML signing). */
  readonly xmlSigningRoles?: readonly string[];
  /**
   * Largest canonical form produced, in UTF-16 code units. Exclusive canonicalisation re-declares a namespace
   * on every element that uses it, so a crafted document can grow quadratically. Default: 4 x the input
   * length, at least 64 KiB.
   */
  readonly maxCanonicalLength?: number;
}

/** The signer and the exact canonical text that was digested, or the finding that says why not. */
export type VerifyResult =
  | {
      readonly ok: true;
      readonly signer: Signer;
      /**
       * Exactly the bytes that were digested (UTF-8 of this string): the document after the enveloped-signature
       * transform and canonicalisation, written from the same tree the request model is read from.
       */
      readonly signedText: string;
    }
  | { readonly ok: false; readonly finding: Finding };

/** Subject OU of the certificates allowed to sign requests: `87`, User XML signing (SMKI test PKI). */
export const DEFAULT_XML_SIGNING_ROLES: readonly string[] = Object.freeze(['87']);

/**
 * Verifies the enveloped XML signature of a DUIS request, strictly under the DUIS profile. Synchronous, never
 * throws for bad input. Checks run in this order, and the first failure is the result:
 *
 * 1. `SIGNATURE_MISSING` (no ds:Signature), `SIGNATURE_PROFILE` (anything outside the profile, see
 *    `profile.ts`);
 * 2. `SIGNER_UNKNOWN`: no certificate in `signers` matches X509IssuerSerial (KeyInfo never supplies a key);
 * 3. `SIGNATURE_INVALID`: the digest of the canonical document or the ECDSA signature over the canonical
 *    SignedInfo does not verify (a DER-encoded SignatureValue is one: DUIS uses raw r||s);
 * 4. `SIGNER_ROLE`: the signer certificate's OU is not an XML-signing role, or its key is not for signing;
 * 5. `SIGNER_NOT_ORIGINATOR`: the signer's Entity ID is not the RequestID originator.
 *
 * It reads the tree `parseXml` built, the same tree the request model is read from, so what is verified is what
 * is validated; run it after the structural checks.
 */
export function verifySignature(document: SignedDocument, signers: SignerStore, options: VerifyOptions): VerifyResult {
  const prepared = prepare(document);
  if (!prepared.ok) return prepared;
  const { issuerName, serialNumber } = prepared.parts;
  let found: Signer | undefined;
  try {
    found = signers.find(issuerName, serialNumber);
  } catch (error) {
    return lookupFailed(error, prepared.parts);
  }
  return found ? finish(prepared, found, options) : unknownSigner(prepared);
}

/**
 * {@link verifySignature} with an asynchronous signer look-up (or a store). A look-up that throws or rejects
 * gives `LOOKUP_FAILED`; one that returns a certificate that cannot be used gives that certificate's finding
 * (`CERTIFICATE_*`).
 */
export async function verifySignatureAsync(
  document: SignedDocument,
  signers: SignerStore | SignerLookup,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const prepared = prepare(document);
  if (!prepared.ok) return prepared;
  const { issuerName, serialNumber } = prepared.parts;
  let found: Awaited<ReturnType<SignerLookup>>;
  try {
    found = typeof signers === 'function' ? await signers(issuerName, serialNumber) : signers.find(issuerName, serialNumber);
  } catch (error) {
    return lookupFailed(error, prepared.parts);
  }
  if (found === undefined || found === null) return unknownSigner(prepared);
  const signer = trySigner(found);
  if (!signer.ok) return { ok: false, finding: signer.finding };
  return finish(prepared, signer.signer, options);
}

function lookupFailed(error: unknown, parts: SignatureParts): VerifyResult {
  const key = `${parts.issuerName.trim()} / ${parts.serialNumber.trim()}`;
  return fail(finding('LOOKUP_FAILED', { lookup: 'signer', key, error: error instanceof Error ? error.message : String(error) }));
}

export interface Prepared {
  readonly ok: true;
  readonly document: SignedDocument;
  readonly parts: SignatureParts;
}

export function prepare(document: SignedDocument): Prepared | { ok: false; finding: Finding } {
  if (typeof document?.text !== 'string' || document.root?.type !== 'element' || !Array.isArray(document.prolog) || !Array.isArray(document.epilog)) {
    return fail(finding('INPUT_INVALID', { reason: 'expected the document that parseXml returns' }));
  }
  const checked = checkProfile(document.root);
  if (!checked.ok) return checked;
  return { ok: true, document, parts: checked.parts };
}

function finish(prepared: Prepared, signer: Signer, options: VerifyOptions): VerifyResult {
  // Authenticate first: nothing about who signed is reported before the signature is known to be theirs.
  const authenticated = authenticate(prepared, signer, options.maxCanonicalLength);
  if (!authenticated.ok) return authenticated;
  const signaturePath = `/${prepared.document.root.localName}/Signature`;

  const roles = (options.xmlSigningRoles ?? DEFAULT_XML_SIGNING_ROLES).map((role) => role.toUpperCase());
  if (!roles.includes(signer.role)) {
    return fail(finding('SIGNER_ROLE', { reason: 'role', expected: roles, received: signer.role, entityId: signer.entityId }, { path: `${signaturePath}/KeyInfo` }));
  }
  if (signer.certificate.keyUsage !== 'digitalSignature') {
    return fail(
      finding(
        'SIGNER_ROLE',
        { reason: 'key-usage', expected: 'digitalSignature', received: signer.certificate.keyUsage, entityId: signer.entityId },
        { path: `${signaturePath}/KeyInfo` },
      ),
    );
  }
  const originator = typeof options.originator === 'string' ? normaliseEui(options.originator) : undefined;
  if (originator === undefined || signer.entityId !== originator) {
    return fail(finding('SIGNER_NOT_ORIGINATOR', { expected: String(options.originator), received: signer.entityId }, { path: `${signaturePath}/KeyInfo` }));
  }
  return { ok: true, signer, signedText: authenticated.signedText };
}

/** Digest and signature only: no role or originator (`signRequest` checks its own output with this). */
export function authenticate(
  prepared: Prepared,
  signer: Signer,
  maxCanonicalLength?: number,
): { ok: true; signedText: string } | { ok: false; finding: Finding } {
  const { parts } = prepared;
  const signaturePath = `/${prepared.document.root.localName}/Signature`;
  if (parts.signatureValue.length !== P256_SIGNATURE_BYTES) {
    return fail(
      finding(
        'SIGNATURE_INVALID',
        { reason: 'signature-length', expected: P256_SIGNATURE_BYTES, received: parts.signatureValue.length, derEncoded: parts.signatureValue[0] === 0x30 },
        { path: `${signaturePath}/SignatureValue` },
      ),
    );
  }
  const limit = maxCanonicalLength ?? Math.max(4 * prepared.document.text.length, 64 * 1024);
  let signedText: string;
  let signedInfoText: string;
  try {
    signedInfoText = canonicalizeElement(parts.signedInfo, limit);
    signedText = canonicalizeDocument(prepared.document, parts.signature, parts.documentMode, limit);
  } catch (error) {
    if (error instanceof CanonicalFormTooLarge) {
      return fail(finding('XML_TOO_LARGE', { limit: error.limit, received: null }));
    }
    throw error;
  }

  const digest = createHash('sha256').update(signedText, 'utf8').digest();
  if (!timingSafeEqual(digest, parts.digestValue)) {
    return fail(
      finding(
        'SIGNATURE_INVALID',
        { reason: 'digest', expected: parts.digestValue.toString('base64'), received: digest.toString('base64') },
        { path: `${signaturePath}/SignedInfo/Reference/DigestValue` },
      ),
    );
  }
  let valid: boolean;
  try {
    valid = cryptoVerify('sha256', Buffer.from(signedInfoText, 'utf8'), { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, parts.signatureValue);
  } catch {
    valid = false;
  }
  if (!valid) {
    return fail(
      finding('SIGNATURE_INVALID', { reason: 'signature', issuer: signer.issuer, serialNumber: signer.serialNumber }, { path: `${signaturePath}/SignatureValue` }),
    );
  }
  return { ok: true, signedText };
}

function unknownSigner({ parts, document }: Prepared): VerifyResult {
  const issuer = parts.issuerName.trim();
  const serialNumber = parts.serialNumber.trim();
  return fail(finding('SIGNER_UNKNOWN', { issuer, serialNumber }, { path: `/${document.root.localName}/Signature/KeyInfo/X509Data/X509IssuerSerial` }));
}

function fail(error: Finding): { ok: false; finding: Finding } {
  return { ok: false, finding: error };
}
