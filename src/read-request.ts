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
 * Once the signature verified, the request is rebuilt from the canonical text that was digested: comments, CDATA,
 * entity or namespace tricks cannot make the validated content differ from the signed content.
 */
function readSigned(parsed: Parsed, verified: VerifyResult, limits: Partial<XmlLimits> | undefined, at: Date | undefined): ReadResult {
  if (!verified.ok) return { ok: false, findings: [verified.finding], request: parsed.request };
  const expired = at && signerNotValidAt(verified.signer, at);
  if (expired) return { ok: false, findings: [expired], request: parsed.request };
  // The canonical text may be longer than the input (exclusive C14N re-declares namespaces where they are used);
  // the verifier already bounded it (4x the input), so the size limit must not refuse it a second time.
  const canonical = parseXml(verified.signedText, { ...limits, maxBytes: Number.MAX_SAFE_INTEGER });
  if (!canonical.ok) return { ok: false, findings: [canonical.error], request: parsed.request };
  const read = readRequest(canonical.root);
  if (!read.ok) return { ok: false, findings: read.findings, request: parsed.request };
  const originator = parsed.request.header.requestId.originator;
  if (read.request.header.requestId.originator !== originator) {
    return { ok: false, findings: [differs(`the signed RequestID names ${read.request.header.requestId.originator}, not ${originator}`)] };
  }
  const { signature } = parsed.request;
  return {
    ok: true,
    request: { ...read.request, ...(signature ? { signature } : {}) },
    signature: { verified: true, signer: describeSigner(verified.signer) },
  };
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

function differs(detail: string): Finding {
  return finding('SIGNATURE_INVALID', { detail, path: '/Request/Signature' });
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
  return readSigned(parsed, verified, options.limits, at);
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
  return readSigned(parsed, verified, options.limits, at);
}
