import { expect } from 'vitest';
import type { CertificateCode } from '../../src/smki/certificate-fault.js';
import { decodeCertificate, type OrganisationCertificate } from '../../src/smki/index.js';

export function expectCertificate(der: Uint8Array): OrganisationCertificate {
  const result = decodeCertificate(der);
  if (!result.ok) throw new Error(`expected a certificate, got ${result.error.code}: ${result.error.message}`);
  return result.certificate;
}

export function expectFailure(der: Uint8Array, code: CertificateCode, message?: RegExp) {
  const result = decodeCertificate(der);
  if (result.ok) throw new Error(`expected ${code}, the certificate decoded`);
  expect(result.error.code).toBe(code);
  expect(result.error.severity).toBe('error');
  if (message) expect(result.error.message).toMatch(message);
  return result.error;
}
