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
import { ALGORITHMS } from './algorithms.js';

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
