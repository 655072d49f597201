import { X509Certificate, type KeyObject } from 'node:crypto';
import { compactBase64 } from '../duis/lexical.js';
import { finding, type Finding } from '../findings.js';
import { decodeCertificate, type OrganisationCertificate } from '../smki/index.js';
import { nameKeyOfAttributes, nameKeyOfText, type NameKey } from './issuer-name.js';

/** A certificate that may sign requests, decoded once, with its public key ready for verification. */
export interface Signer {
  /** The signer's Entity Identifier (subject x500UniqueIdentifier), e.g. `90-B3-D5-1F-30-02-00-00`. */
  readonly entityId: string;
  /** Subject OU as two upper-case hex digits (`87` = User XML signing). */
  readonly role: string;
  /** The issuer DN, RFC 4514 (`CN=Z1,OU=07`), as `signRequest` writes it in X509IssuerName. */
  readonly issuer: string;
  /** Decimal, as X509SerialNumber writes it. */
  readonly serialNumber: string;
  /** The strict SMKI decoding of the certificate. */
  readonly certificate: OrganisationCertificate;
  /** Built once per certificate: importing a key costs more than an ECDSA verification. */
  readonly publicKey: KeyObject;
}

/** A certificate as callers hold them: PEM text (one or more CERTIFICATE blocks), DER bytes, or PEM bytes. */
export type CertificateInput = string | Uint8Array;

/** Finds the certificate an `X509IssuerSerial` names. Synchronous: the store is in memory. */
export interface SignerStore {
  find(issuerName: string, serialNumber: string): Signer | undefined;
  readonly signers: readonly Signer[];
}

/**
 * A caller's own look-up, for the asynchronous path (a database, an HSM inventory...). Return a {@link Signer}
 * (from {@link createSigner}, prepared once) or a certificate, which is then decoded on every call.
 */
export type SignerLookup = (
  issuerName: string,
  serialNumber: string,
) => Signer | CertificateInput | undefined | Promise<Signer | CertificateInput | undefined>;

/** Thrown by {@link createSignerStore} and {@link createSigner} for a certificate that cannot be used. */
export class SignerCertificateError extends Error {
  constructor(
    readonly finding: Finding,
    /** Position of the offending certificate in the input list (after splitting PEM bundles). */
    readonly index: number,
  ) {
    super(`signer certificate ${index}: ${finding.message}`);
    this.name = 'SignerCertificateError';
  }
}

/** Decodes one certificate (DER, or PEM with exactly one certificate) into a {@link Signer}. */
export function createSigner(certificate: CertificateInput): Signer {
  const ders = certificateDers(certificate, 0);
  if (ders.length !== 1) {
    throw new SignerCertificateError(
      finding('CERTIFICATE_MALFORMED', { reason: `expected one certificate, found ${ders.length}` }),
      0,
    );
  }
  return signerOf(ders[0]!, 0);
}

/** Like {@link createSigner}, as a result instead of a throw (the verifier's path for looked-up certificates). */
export function trySigner(certificate: Signer | CertificateInput): { ok: true; signer: Signer } | { ok: false; finding: Finding } {
  try {
    return { ok: true, signer: isSigner(certificate) ? certificate : createSigner(certificate) };
  } catch (error) {
    if (error instanceof SignerCertificateError) return { ok: false, finding: error.finding };
    throw error;
  }
}

/**
 * An in-memory signer store. Each certificate is decoded (strict SMKI profile) and its public key imported once,
 * here. Throws {@link SignerCertificateError} for input that is not a usable certificate: a store is
 * configuration, and a misconfigured one should fail where it is built, not on every request. A certificate
 * whose role or key usage does not suit XML signing is kept: the verifier reports it (`SIGNER_ROLE`) for the
 * request that uses it, under the roles configured there.
 *
 * `find` matches the serial number as an integer and the issuer semantically (see `issuer-name.ts`).
 */
export function createSignerStore(certificates: Iterable<CertificateInput>): SignerStore {
  const signers: Signer[] = [];
  const byKey = new Map<string, Signer>();
  let index = 0;
  for (const input of certificates) {
    for (const der of certificateDers(input, index)) {
      const signer = signerOf(der, index);
      const key = lookupKey(signer.serialNumber, nameKeyOfAttributes(signer.certificate.issuer.attributes));
      const existing = byKey.get(key);
      if (existing) {
        if (Buffer.compare(existing.certificate.der, signer.certificate.der) !== 0) {
          throw new SignerCertificateError(
            finding('CERTIFICATE_PROFILE', {
              reason: `two different certificates have issuer ${signer.issuer} and serial number ${signer.serialNumber}`,
              issuer: signer.issuer,
              serialNumber: signer.serialNumber,
            }),
            index,
          );
        }
      } else {
        byKey.set(key, signer);
        signers.push(signer);
      }
      index++;
    }
  }
  Object.freeze(signers);
  return Object.freeze({
    signers,
    find(issuerName: string, serialNumber: string): Signer | undefined {
      const serial = normaliseSerial(serialNumber);
      const issuer = nameKeyOfText(issuerName);
      if (serial === undefined || issuer === undefined) return undefined;
      return byKey.get(lookupKey(serial, issuer));
    },
  });
}

function lookupKey(serial: string, issuer: NameKey): string {
  return `${serial} ${issuer}`;
}

/** A decimal serial number as a canonical decimal string (leading zeros and `+` dropped), or `undefined`. */
export function normaliseSerial(text: string): string | undefined {
  const trimmed = text.trim();
  // Serial numbers are at most 20 octets (RFC 5280 4.1.2.2): 49 decimal digits. Leave room for leading zeros.
  if (!/^\+?[0-9]{1,64}$/.test(trimmed)) return undefined;
  return BigInt(trimmed).toString();
}

function isSigner(value: unknown): value is Signer {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && 'publicKey' in value && 'certificate' in value;
}

function signerOf(der: Uint8Array, index: number): Signer {
  const decoded = decodeCertificate(der);
  if (!decoded.ok) throw new SignerCertificateError(decoded.error, index);
  const certificate = decoded.certificate;
  let publicKey: KeyObject;
  try {
    publicKey = new X509Certificate(der).publicKey;
  } catch (error) {
    throw new SignerCertificateError(
      finding('CERTIFICATE_MALFORMED', { reason: `node:crypto cannot import the public key (${error instanceof Error ? error.message : String(error)})` }),
      index,
    );
  }
  return Object.freeze({
    entityId: certificate.entityId,
    role: certificate.remotePartyRole.hex,
    issuer: certificate.issuer.dn,
    serialNumber: normaliseSerial(certificate.serialNumber.decimal) ?? certificate.serialNumber.decimal,
    certificate,
    publicKey,
  });
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The DER of every certificate in one input: PEM text or bytes (CERTIFICATE blocks only), or DER bytes. */
function certificateDers(input: CertificateInput, index: number): Uint8Array[] {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (input instanceof Uint8Array) {
    const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 64)).toString('latin1');
    if (head.trimStart().startsWith('-----BEGIN')) text = Buffer.from(input).toString('latin1');
    else return [Uint8Array.from(input)];
  } else {
    throw new SignerCertificateError(
      finding('CERTIFICATE_MALFORMED', { reason: `expected PEM text or DER bytes, received ${input === null ? 'null' : typeof input}` }),
      index,
    );
  }
  const ders: Uint8Array[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (match[1] !== 'CERTIFICATE') continue;
    const body = compactBase64(match[2]!);
    if (!body) {
      throw new SignerCertificateError(finding('CERTIFICATE_MALFORMED', { reason: 'a PEM CERTIFICATE block is not base64' }), index + ders.length);
    }
    ders.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  if (ders.length === 0) {
    throw new SignerCertificateError(finding('CERTIFICATE_MALFORMED', { reason: 'no PEM CERTIFICATE block found' }), index);
  }
  return ders;
}
