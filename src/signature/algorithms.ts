/** XML-DSig namespace (`ds`). */
export { XMLDSIG_NAMESPACE } from '../duis/namespaces.js';

/** The algorithm identifiers of the DUIS signature profile (docs/domain.md). */
export const ALGORITHMS = {
  /** CanonicalizationMethod of SignedInfo, and the optional second Reference transform. */
  exclusiveC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  /** The first (or only) Reference transform. */
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  /** SignatureMethod: ECDSA P-256 over SHA-256, SignatureValue = raw r||s (RFC 4050 / RFC 6931 2.3.6). */
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  /** DigestMethod. */
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

/** Length of a raw r||s P-256 signature value. */
export const P256_SIGNATURE_BYTES = 64;

