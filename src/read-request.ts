import type { UpdateSecurityCredentialsKRPRequest } from './duis/model.js';
import { readRequest } from './duis/parse-request.js';
import { finding, type Finding } from './findings.js';
import {
  DEFAULT_XML_SIGNING_ROLES,
  verifySignature,
  verifySignatureAsync,
  type Signer,
  type SignerLookup,
  type SignerStore,
  type VerifyResult,
} from './signature/index.js';
import type { SignatureCheck } from './verdict.js';
import { parseXml, type XmlInput, type XmlLimits } from './xml/parse-xml.js';

/** Options for reading a request: input limits and signature verification. */
export interface ReadOptions {
  readonly limits?: Partial<XmlLimits>;
  /**
   * Certificates that may sign requests (build the store once with `createSignerStore`). When given, every request
   * must carry a valid DUIS-profile signature by its originator, and the rules run on the signed content.
   */
  readonly signers?: SignerStore;
  /** Subject OU values accepted for a request signer; default `['87']` (User XML signing). */
  readonly xmlSigningRoles?: readonly string[];
}

export type ReadResult =
  | { readonly ok: true; readonly request: UpdateSecurityCredentialsKRPRequest; readonly signature: SignatureCheck }
  | { readonly ok: false; readonly findings: readonly Finding[]; readonly request?: UpdateSecurityCredentialsKRPRequest };

const NOT_CHECKED: SignatureCheck = Object.freeze({ verified: false, reason: 'no signer certificates configured' });

type Parsed = Extract<ReturnType<typeof parseAndCheck>, { ok: true }>;

/** Bytes -> tree -> structurally checked request, before any signature work. */
function parseAndCheck(xml: XmlInput, limits: Partial<XmlLimits> | undefined) {
  const document = parseXml(xml, limits);
  if (!document.ok) return { ok: false as const, findings: [document.error] };
  const read = readRequest(document.root);
  if (!read.ok) return { ok: false as const, findings: read.findings };
  return { ok: true as const, document, request: read.request };
}

/**
 * The rules read the very tree whose canonical form was digested: there is no second parse of the signed
 * content, so nothing can make the verified and the validated content differ.
 */
function withSignature(parsed: Parsed, verified: VerifyResult, at: Date | undefined): ReadResult {
  if (!verified.ok) return { ok: false, findings: [verified.finding], request: parsed.request };
  const expired = at && signerNotValidAt(verified.signer, at);
  if (expired) return { ok: false, findings: [expired], request: parsed.request };
  return { ok: true, request: parsed.request, signature: { verified: true, signer: describeSigner(verified.signer) } };
}

/** The signer certificate must be valid at the time of the check, when there is one (context `now`, `checkValidity`). */
function signerNotValidAt(signer: Signer, at: Date): Finding | undefined {
  const { notBefore, notAfter } = signer.certificate;
  if (at >= notBefore && at <= notAfter) return undefined;
  return finding('SIGNER_NOT_VALID_NOW', {
    detail: `the certificate of ${signer.entityId} (serial ${signer.serialNumber}) is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not at ${at.toISOString()}`,
    path: '/Request/Signature/KeyInfo',
    params: { notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString(), at: at.toISOString() },
  });
}

function describeSigner(signer: Signer): Extract<SignatureCheck, { verified: true }>['signer'] {
  return { entityId: signer.entityId, role: signer.role, issuer: signer.issuer, serialNumber: signer.serialNumber };
}

/** Parse, structural checks, then (when signers are configured) signature verification. Never throws for input. */
export function readAndVerify(xml: XmlInput, options: ReadOptions, at?: Date): ReadResult {
  const parsed = parseAndCheck(xml, options.limits);
  if (!parsed.ok) return parsed;
  if (!options.signers) return { ok: true, request: parsed.request, signature: NOT_CHECKED };
  const verified = verifySignature(parsed.document, options.signers, {
    originator: parsed.request.header.requestId.originator,
    xmlSigningRoles: options.xmlSigningRoles ?? DEFAULT_XML_SIGNING_ROLES,
  });
  return withSignature(parsed, verified, at);
}

/** {@link readAndVerify} with an asynchronous signer look-up. */
export async function readAndVerifyAsync(
  xml: XmlInput,
  options: Omit<ReadOptions, 'signers'> & { readonly signers?: SignerStore | SignerLookup },
  at?: Date,
): Promise<ReadResult> {
  const parsed = parseAndCheck(xml, options.limits);
  if (!parsed.ok) return parsed;
  if (!options.signers) return { ok: true, request: parsed.request, signature: NOT_CHECKED };
  const verified = await verifySignatureAsync(parsed.document, options.signers, {
    originator: parsed.request.header.requestId.originator,
    xmlSigningRoles: options.xmlSigningRoles ?? DEFAULT_XML_SIGNING_ROLES,
  });
  return withSignature(parsed, verified, at);
}
