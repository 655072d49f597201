export { ALGORITHMS, P256_SIGNATURE_BYTES, XMLDSIG_NAMESPACE } from './algorithms.js';
export { EcdsaSha256 } from './xml-crypto-algorithm.js';
export {
  DEFAULT_XML_SIGNING_ROLES,
  verifySignature,
  verifySignatureAsync,
  type SignedDocument,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';
export {
  createSigner,
  createSignerStore,
  SignerCertificateError,
  type CertificateInput,
  type Signer,
  type SignerLookup,
  type SignerStore,
} from './signer-store.js';
export { signRequest, type RequestSigningKey, type SignRequestOptions } from './sign.js';
