import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { parseXml, type XmlLimits } from '../xml/parse-xml.js';
import type { XmlDocument, XmlElement } from '../xml/tree.js';
import { ALGORITHMS, P256_SIGNATURE_BYTES, XMLDSIG_NAMESPACE } from './algorithms.js';
import { canonicalizeDocument, canonicalizeElement, escapeText } from './canonicalize.js';
import { checkProfile, containsSignature } from './profile.js';
import { createSigner, type CertificateInput } from './signer-store.js';
import { authenticate, prepare } from './verify.js';

/** The signer: a P-256 private key, or a function that signs (for an HSM, or deterministic RFC 6979 signing). */
export type RequestSigningKey =
  | {
      /** PKCS#8 or SEC1 PEM, or a KeyObject. */
      readonly privateKey: KeyObject | string;
      /** The signer's certificate (PEM or DER): X509IssuerSerial is taken from it. */
      readonly certificate: CertificateInput;
    }
  | {
      /**
       * Signs `data` (the canonical SignedInfo, UTF-8) with ECDSA P-256 over SHA-256 and returns raw r||s
       * (64 bytes). The function hashes: `data` is the message, not its digest.
       */
      readonly sign: (data: Uint8Array) => Uint8Array;
      readonly certificate: CertificateInput;
    };

/** Options of {@link signRequest}. */
export interface SignRequestOptions {
  /**
   * `exclusive` (default): Transforms enveloped-signature then exc-c14n, the profile docs/domain.md describes.
   * `inclusive`: enveloped-signature alone, as the DCC RTDS templates write it; the document is then digested
   * under inclusive Canonical XML 1.0. Verification accepts both.
   */
  readonly documentCanonicalization?: 'exclusive' | 'inclusive';
  readonly limits?: Partial<XmlLimits>;
}

const PLACEHOLDER_DIGEST = Buffer.alloc(32).toString('base64');
const PLACEHOLDER_SIGNATURE = Buffer.alloc(P256_SIGNATURE_BYTES).toString('base64');

/**
 * Signs a DUIS request: appends an enveloped `ds:Signature` as the last child of the document element, in
 * exactly the DUIS profile (exc-c14n, ecdsa-sha256, one `Reference URI=""`, sha256, KeyInfo =
 * X509IssuerSerial of `certificate`). The rest of the text is left byte for byte as it was. Deterministic when
 * the `sign` function is (RFC 6979).
 *
 * A tool for tests and harnesses, so unlike the verifier it throws: for input that is not well-formed (our
 * parser's limits apply), a document that is already signed, a certificate that is not a strict SMKI one, or a
 * key that does not match the certificate (the output is verified before it is returned).
 */
export function signRequest(xml: string, key: RequestSigningKey, options: SignRequestOptions = {}): string {
  if (typeof xml !== 'string') throw new TypeError('signRequest: xml must be a string');
  const parsed = parseXml(xml, options.limits);
  if (!parsed.ok) throw new Error(`signRequest: ${parsed.error.message}`);
  const text = parsed.text; // without a byte order mark
  if (containsSignature(parsed.root)) throw new Error('signRequest: the document already carries a ds:Signature');
  const signer = createSigner(key.certificate);

  const exclusive = (options.documentCanonicalization ?? 'exclusive') === 'exclusive';
  const place = insertionPoint(text, parsed.root);
  const build = (digest: string, signatureValue: string): string =>
    `${place.head}${place.indent}${signatureXml(exclusive, digest, signatureValue, signer.issuer, signer.serialNumber)}${place.after}${place.tail}`;

  const limit = Math.max(4 * text.length, 64 * 1024);
  const maxDepth = options.limits?.maxDepth;
  const placeholder = withSignature(build(PLACEHOLDER_DIGEST, PLACEHOLDER_SIGNATURE), maxDepth);
  const digest = createHash('sha256')
    .update(canonicalizeDocument(placeholder.document, placeholder.signature, exclusive ? 'exclusive' : 'inclusive', limit), 'utf8')
    .digest('base64');
  const { signedInfo } = withSignature(build(digest, PLACEHOLDER_SIGNATURE), maxDepth);
  const material = Buffer.from(canonicalizeElement(signedInfo, limit), 'utf8');

  let value: Uint8Array;
  if ('sign' in key) {
    value = key.sign(new Uint8Array(material));
    if (!(value instanceof Uint8Array) || value.length !== P256_SIGNATURE_BYTES) {
      throw new Error(`signRequest: sign() must return raw r||s (${P256_SIGNATURE_BYTES} bytes)`);
    }
  } else {
    const privateKey = typeof key.privateKey === 'string' ? createPrivateKey(key.privateKey) : key.privateKey;
    value = cryptoSign('sha256', material, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  }
  const signed = build(digest, Buffer.from(value).toString('base64'));

  // The output must verify under the certificate it names, with our own verifier.
  const reparsed = parseXml(signed, unlimited(maxDepth));
  const prepared = reparsed.ok ? prepare(reparsed) : undefined;
  const check = prepared?.ok ? authenticate(prepared, signer) : undefined;
  if (!check?.ok) {
    const reason = !reparsed.ok ? reparsed.error.message : prepared && !prepared.ok ? prepared.finding.message : check && !check.ok ? check.finding.message : '';
    throw new Error(`signRequest: the signature does not verify under the certificate (does the key match it?): ${reason}`);
  }
  return signed;
}

function signatureXml(exclusive: boolean, digest: string, signatureValue: string, issuer: string, serial: string): string {
  const transforms =
    `<ds:Transform Algorithm="${ALGORITHMS.envelopedSignature}"/>` + (exclusive ? `<ds:Transform Algorithm="${ALGORITHMS.exclusiveC14n}"/>` : '');
  return (
    `<ds:Signature xmlns:ds="${XMLDSIG_NAMESPACE}">` +
    '<ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.exclusiveC14n}"/>` +
    `<ds:SignatureMethod Algorithm="${ALGORITHMS.ecdsaSha256}"/>` +
    '<ds:Reference URI="">' +
    `<ds:Transforms>${transforms}</ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/>` +
    `<ds:DigestValue>${digest}</ds:DigestValue>` +
    '</ds:Reference>' +
    '</ds:SignedInfo>' +
    `<ds:SignatureValue>${signatureValue}</ds:SignatureValue>` +
    '<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial>' +
    `<ds:X509IssuerName>${escapeText(issuer)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serial}</ds:X509SerialNumber>` +
    '</ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>' +
    '</ds:Signature>'
  );
}

/** The document we built may outgrow the caller's size limit (the Signature adds about 1 KB); depth still holds. */
function unlimited(maxDepth: number | undefined): Partial<XmlLimits> {
  return { maxBytes: Number.MAX_SAFE_INTEGER, maxNodes: Number.MAX_SAFE_INTEGER, ...(maxDepth ? { maxDepth } : {}) };
}

/** Parses a document we built and returns it with its (checked) Signature and SignedInfo elements. */
function withSignature(xml: string, maxDepth: number | undefined): { document: XmlDocument; signature: XmlElement; signedInfo: XmlElement } {
  const parsed = parseXml(xml, unlimited(maxDepth));
  if (!parsed.ok) throw new Error(`signRequest: internal error, the signed document does not parse (${parsed.error.message})`);
  const checked = checkProfile(parsed.root);
  if (!checked.ok) throw new Error(`signRequest: internal error, ${checked.finding.message}`);
  return { document: parsed, signature: checked.parts.signature, signedInfo: checked.parts.signedInfo };
}

/**
 * Where the Signature goes: just before the document element's end tag, on its own line, indented one step
 * (two spaces) deeper than the end tag when the document is laid out on lines.
 */
function insertionPoint(text: string, root: XmlElement): { head: string; indent: string; after: string; tail: string } {
  const end = text.lastIndexOf('</');
  if (end === -1 || text.slice(end + 2).replace(/\s*>\s*$/, '') !== root.name) {
    throw new Error(`signRequest: the document element ${root.name} has no end tag to sign before`);
  }
  const before = text.slice(0, end);
  const line = /\n([ \t]*)$/.exec(before);
  if (!line) return { head: before, indent: '', after: '', tail: text.slice(end) };
  const endIndent = line[1]!;
  return {
    head: before.slice(0, before.length - endIndent.length),
    indent: `${endIndent}  `,
    after: `\n${endIndent}`,
    tail: text.slice(end),
  };
}
