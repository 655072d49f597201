import type { ServiceVariant } from './duis/catalogue.js';
import { violation } from './duis/content.js';
import { readEnvelope } from './duis/envelope.js';
import type { DuisRequest, UnvalidatedBody } from './duis/model.js';
import { finding, type Finding } from './findings.js';
import { serviceFor, type Service, type ServiceBody } from './services/index.js';
import {
  DEFAULT_XML_SIGNING_ROLES,
  verifySignature,
  verifySignatureAsync,
  type Signer,
  type SignerLookup,
  type SignerStore,
  type VerifyResult,
} from './signature/index.js';
import type { Coverage, SignatureCheck, ValidatedRequest } from './verdict.js';
import { parseXml, type XmlInput, type XmlLimits, type XmlParseResult } from './xml/parse-xml.js';
import type { XmlElement } from './xml/tree.js';

/** Options for reading a request: input limits and signature verification. */
export interface ReadOptions {
  readonly limits?: Partial<XmlLimits>;
  /**
   * Certificates that may sign requests (build the store once with `createSignerStore`). When given, every request
   * must carry a valid DUIS-profile signature by its originator.
   */
  readonly signers?: SignerStore;
  /** Subject OU values accepted for a request signer; default `['87']` (User XML signing). */
  readonly xmlSigningRoles?: readonly string[];
}

/** A request read from its tree: validated in depth by its service, or generically. */
export type ReadRequest =
  | {
      readonly coverage: 'full';
      readonly service: ServiceVariant;
      readonly implementation: Service<ServiceBody, any>;
      readonly request: DuisRequest<ServiceBody>;
    }
  | { readonly coverage: 'generic'; readonly service: ServiceVariant; readonly request: DuisRequest<UnvalidatedBody> };

/** How far a failing request got: the Header read means its SRV (and maybe its body) are known. */
export interface PartialRead {
  readonly service?: string;
  readonly coverage?: Coverage;
  readonly request?: ValidatedRequest;
}

export type ReadResult =
  | { readonly ok: true; readonly read: ReadRequest; readonly signature: SignatureCheck }
  | ({ readonly ok: false; readonly findings: readonly Finding[] } & PartialRead);

type Document = Extract<XmlParseResult, { ok: true }>;

/**
 * Reads a request from its tree: the envelope (root, Header, one body element, signature shape), then the body by
 * its service when one validates the SRV in depth and the body is that service's; anything else is generic.
 */
export function readTree(root: XmlElement): { ok: true; read: ReadRequest } | ({ ok: false; findings: readonly Finding[] } & PartialRead) {
  const findings: Finding[] = [];
  const envelope = readEnvelope(root, findings);
  if (!envelope) return { ok: false, findings };
  const { schemaVersion, header, service, signature } = envelope;
  // Literals, not spreads: this runs for every request, and spreading copies through a slow path.
  const request = (body: ServiceBody | UnvalidatedBody) => ({ schemaVersion, header, body, signature });
  const implementation = serviceFor(service.srv);
  if (implementation && envelope.body.localName === implementation.bodyElement) {
    const body = implementation.readBody(envelope.body, envelope.bodyPath, findings);
    if (!body) return { ok: false, findings, service: service.srv, coverage: 'full' };
    return { ok: true, read: { coverage: 'full', service, implementation, request: request(body) as DuisRequest<ServiceBody> } };
  }
  // A validated SRV carries its own body, or, when critical, the SignedPreCommand of the second step (6.15.1 with
  // CV 5-7), which passes as generic. Anything else under its header would be judged by rules that never saw it.
  if (implementation && !(service.critical && envelope.body.localName === SIGNED_PRE_COMMAND)) {
    const expected = service.critical ? `${implementation.bodyElement} or ${SIGNED_PRE_COMMAND}` : implementation.bodyElement;
    findings.push(violation(envelope.bodyPath, 'missing-element', expected, envelope.body.localName));
    return { ok: false, findings, service: service.srv, coverage: 'full' };
  }
  const body: UnvalidatedBody = { kind: 'unvalidated', element: envelope.body.localName, path: envelope.bodyPath };
  return { ok: true, read: { coverage: 'generic', service, request: request(body) as DuisRequest<UnvalidatedBody> } };
}

const SIGNED_PRE_COMMAND = 'SignedPreCommand';

const NOT_CHECKED: SignatureCheck = Object.freeze({ verified: false, reason: 'no signer certificates configured' });

function partial(read: ReadRequest): PartialRead {
  return { service: read.service.srv, coverage: read.coverage, request: read.request };
}

/** The signer certificate must be valid at the time of the check, when there is one (context `now`, `checkValidity`). */
function signerNotValidAt(signer: Signer, at: Date): Finding | undefined {
  const { notBefore, notAfter } = signer.certificate;
  if (at >= notBefore && at <= notAfter) return undefined;
  return finding(
    'SIGNER_NOT_VALID_NOW',
    {
      entityId: signer.entityId,
      serialNumber: signer.serialNumber,
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      at: at.toISOString(),
    },
    { path: '/Request/Signature/KeyInfo' },
  );
}

/**
 * The rules read the very tree whose canonical form was digested: there is no second parse of the signed
 * content, so nothing can make the verified and the validated content differ.
 */
function withSignature(read: ReadRequest, verified: VerifyResult, at: Date | undefined): ReadResult {
  if (!verified.ok) return { ok: false, findings: [verified.finding], ...partial(read) };
  const expired = at && signerNotValidAt(verified.signer, at);
  if (expired) return { ok: false, findings: [expired], ...partial(read) };
  const { entityId, role, issuer, serialNumber } = verified.signer;
  return { ok: true, read, signature: { verified: true, signer: { entityId, role, issuer, serialNumber } } };
}

function parseAndRead(xml: XmlInput, limits: Partial<XmlLimits> | undefined): { ok: true; document: Document; read: ReadRequest } | ReadResult {
  const document = parseXml(xml, limits);
  if (!document.ok) return { ok: false, findings: [document.error] };
  const read = readTree(document.root);
  if (!read.ok) return read;
  return { ok: true, document, read: read.read };
}

/** Parse, structural checks, then (when signers are configured) signature verification. Never throws for input. */
export function readAndVerify(xml: XmlInput, options: ReadOptions, at?: Date): ReadResult {
  const parsed = parseAndRead(xml, options.limits);
  if (!parsed.ok || !('document' in parsed)) return parsed as ReadResult;
  if (!options.signers) return { ok: true, read: parsed.read, signature: NOT_CHECKED };
  const verified = verifySignature(parsed.document, options.signers, {
    originator: parsed.read.request.header.requestId.originator,
    xmlSigningRoles: options.xmlSigningRoles ?? DEFAULT_XML_SIGNING_ROLES,
  });
  return withSignature(parsed.read, verified, at);
}

/** {@link readAndVerify} with an asynchronous signer look-up. */
export async function readAndVerifyAsync(
  xml: XmlInput,
  options: Omit<ReadOptions, 'signers'> & { readonly signers?: SignerStore | SignerLookup },
  at?: Date,
): Promise<ReadResult> {
  const parsed = parseAndRead(xml, options.limits);
  if (!parsed.ok || !('document' in parsed)) return parsed as ReadResult;
  if (!options.signers) return { ok: true, read: parsed.read, signature: NOT_CHECKED };
  const verified = await verifySignatureAsync(parsed.document, options.signers, {
    originator: parsed.read.request.header.requestId.originator,
    xmlSigningRoles: options.xmlSigningRoles ?? DEFAULT_XML_SIGNING_ROLES,
  });
  return withSignature(parsed.read, verified, at);
}
