import { createHash, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import type { Code } from '../codes.js';
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
  return fail('LOOKUP_FAILED', `the signer look-up failed (${error instanceof Error ? error.message : String(error)})`, {
    params: { lookup: 'signer', issuer: parts.issuerName.trim(), serialNumber: parts.serialNumber.trim() },
  });
}

export interface Prepared {
  readonly ok: true;
  readonly document: SignedDocument;
  readonly parts: SignatureParts;
}

export function prepare(document: SignedDocument): Prepared | { ok: false; finding: Finding } {
  if (typeof document?.text !== 'string' || document.root?.type !== 'element' || !Array.isArray(document.prolog) || !Array.isArray(document.epilog)) {
    return fail('INPUT_INVALID', 'expected the document that parseXml returns');
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
    return fail('SIGNER_ROLE', `the signer certificate has OU ${signer.role}; request signers have ${roles.join(' or ')}`, {
      path: `${signaturePath}/KeyInfo`,
      params: { expected: roles, received: signer.role, entityId: signer.entityId },
    });
  }
  if (signer.certificate.keyUsage !== 'digitalSignature') {
    return fail('SIGNER_ROLE', `the signer certificate's keyUsage is ${signer.certificate.keyUsage}, not digitalSignature`, {
      path: `${signaturePath}/KeyInfo`,
      params: { expected: 'digitalSignature', received: signer.certificate.keyUsage },
    });
  }
  const originator = typeof options.originator === 'string' ? normaliseEui(options.originator) : undefined;
  if (originator === undefined || signer.entityId !== originator) {
    return fail(
      'SIGNER_NOT_ORIGINATOR',
      `the request was signed by ${signer.entityId || '(no Entity ID)'}, its RequestID originator is ${options.originator}`,
      { path: `${signaturePath}/KeyInfo`, params: { expected: options.originator, received: signer.entityId } },
    );
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
      'SIGNATURE_INVALID',
      `SignatureValue holds ${parts.signatureValue.length} bytes; an ecdsa-sha256 value is r||s, ${P256_SIGNATURE_BYTES} bytes` +
        (parts.signatureValue[0] === 0x30 ? ' (this looks DER-encoded)' : ''),
      { path: `${signaturePath}/SignatureValue`, params: { expected: P256_SIGNATURE_BYTES, received: parts.signatureValue.length } },
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
      return fail('XML_TOO_LARGE', `the canonical form of the document exceeds ${error.limit} characters`, { params: { limit: error.limit } });
    }
    throw error;
  }

  const digest = createHash('sha256').update(signedText, 'utf8').digest();
  if (!timingSafeEqual(digest, parts.digestValue)) {
    return fail('SIGNATURE_INVALID', 'the digest of the document does not match DigestValue: the signed content was changed', {
      path: `${signaturePath}/SignedInfo/Reference/DigestValue`,
      params: { expected: parts.digestValue.toString('base64'), received: digest.toString('base64') },
    });
  }
  let valid: boolean;
  try {
    valid = cryptoVerify('sha256', Buffer.from(signedInfoText, 'utf8'), { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, parts.signatureValue);
  } catch {
    valid = false;
  }
  if (!valid) {
    return fail('SIGNATURE_INVALID', `SignatureValue does not verify under the key of certificate ${signer.serialNumber} (${signer.issuer})`, {
      path: `${signaturePath}/SignatureValue`,
      params: { issuer: signer.issuer, serialNumber: signer.serialNumber },
    });
  }
  return { ok: true, signedText };
}

function unknownSigner({ parts, document }: Prepared): VerifyResult {
  const issuer = parts.issuerName.trim();
  const serialNumber = parts.serialNumber.trim();
  return fail('SIGNER_UNKNOWN', `no signer certificate has issuer '${issuer}' and serial number ${serialNumber}`, {
    path: `/${document.root.localName}/Signature/KeyInfo/X509Data/X509IssuerSerial`,
    params: { issuer, serialNumber },
  });
}

function fail(
  code: Code,
  detail: string,
  init: { path?: string; params?: Finding['params'] } = {},
): { ok: false; finding: Finding } {
  return { ok: false, finding: finding(code, { detail, ...init }) };
}
