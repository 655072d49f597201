import {
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign as cryptoSign,
  verify as cryptoVerify,
  type BinaryLike,
  type KeyLike,
} from 'node:crypto';
import { ALGORITHMS } from './algorithms.js';

type Callback<T> = (error: Error | null, result?: T) => void;

/**
 * `ecdsa-sha256` for xml-crypto, which ships none: a `SignatureAlgorithm` for its `SignedXml` registry
 * (`signedXml.SignatureAlgorithms[ALGORITHMS.ecdsaSha256] = EcdsaSha256`). XML-DSig carries ECDSA signatures as
 * raw r||s (`ieee-p1363`), not DER. The library's own verifier does not use xml-crypto (it canonicalises the one
 * tree it validates); this is for callers who drive xml-crypto themselves. It matches xml-crypto's interface
 * structurally, so the library does not depend on xml-crypto at run time.
 */
export class EcdsaSha256 {
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike): string;
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback: Callback<string>): void;
  getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: Callback<string>): string | void {
    return settle(callback, () =>
      cryptoSign('sha256', toBytes(signedInfo), {
        key: privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey),
        dsaEncoding: 'ieee-p1363',
      }).toString('base64'),
    );
  }

  /** False, never a throw, for a value that is not base64 of r||s or does not verify. */
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean;
  verifySignature(material: string, key: KeyLike, signatureValue: string, callback: Callback<boolean>): void;
  verifySignature(material: string, key: KeyLike, signatureValue: string, callback?: Callback<boolean>): boolean | void {
    return settle(callback, () => {
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
  }

  getAlgorithmName(): string {
    return ALGORITHMS.ecdsaSha256;
  }
}

/** xml-crypto calls its algorithms either way: with an error-first callback, or synchronously. */
function settle<T>(callback: Callback<T> | undefined, run: () => T): T | void {
  if (typeof callback !== 'function') return run();
  let result: T;
  try {
    result = run();
  } catch (error) {
    callback(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  callback(null, result);
}

function toBytes(data: BinaryLike): NodeJS.ArrayBufferView {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}
