export { decodeCertificate, MAX_CERTIFICATE_BYTES } from './decode-certificate.js';
export {
  createCertificateCache,
  decodeCertificateCached,
  DEFAULT_CACHE_ENTRIES,
  type CertificateCache,
} from './certificate-cache.js';
export { ROLE_CODES, roleFromOu, type RemotePartyRoleCode } from './role-codes.js';
export type { NameAttribute } from './distinguished-name.js';
export type { CertificateKeyUsage, DecodeResult, KeyUsage, OrganisationCertificate } from './types.js';
export { readEntityIdLeniently, type LenientEntityId } from './lenient-entity-id.js';
