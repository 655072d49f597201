import {
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign as cryptoSign,
  verify as cryptoVerify,
  type BinaryLike,
  type KeyLike,
} from 'node:crypto';
import { createOptionalCallbackFunction, type SignatureAlgorithm } from 'xml-crypto';

/** XML-DSig namespace (`ds`). */
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

/** The algorithm identifiers of the DUIS signature profile (DOMAIN.md section 6). */
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

/**
 * `ecdsa-sha256` for xml-crypto, which ships none: a `SignatureAlgorithm` for its `SignedXml` registry
 * (`signedXml.SignatureAlgorithms[ALGORITHMS.ecdsaSha256] = EcdsaSha256`). XML-DSig carries ECDSA signatures as
 * raw r||s (`ieee-p1363`), not DER. Our verifier does not go through `SignedXml` (see `verify.ts`); this is for
 * callers who drive xml-crypto themselves, and for the interoperability tests and the benchmark.
 */
export class EcdsaSha256 implements SignatureAlgorithm {
  getSignature = createOptionalCallbackFunction((signedInfo: BinaryLike, privateKey: KeyLike): string =>
    cryptoSign('sha256', toBytes(signedInfo), {
      key: privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey),
      dsaEncoding: 'ieee-p1363',
    }).toString('base64'),
  );

  /** False, never a throw, for a value that is not base64 of r||s or does not verify. */
  verifySignature = createOptionalCallbackFunction((material: string, key: KeyLike, signatureValue: string): boolean => {
    try {
      return cryptoVerify(
        'sha256',
        Buffer.from(material, 'utf8'),
        { key: key instanceof KeyObject ? key : createPublicKey(key), dsaEncoding: 'ieee-p1363' },
        Buffer.from(signatureValue.replace(/\s+/g, ''), 'base64'),
      );
    } catch {
      return false;
    }
  });

  getAlgorithmName = (): string => ALGORITHMS.ecdsaSha256;
}

function toBytes(data: BinaryLike): NodeJS.ArrayBufferView {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}
