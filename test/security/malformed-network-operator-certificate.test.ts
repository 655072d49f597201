// Attack: place the wrong Network Operator's certificate in a form the strict decoder refuses but OpenSSL (and so,
// possibly, the DCC or a meter) still reads. Under profile 'dcc' the decoder's findings are warnings, so before the
// fix the Certificate Party rule skipped the certificate and the request was accepted. Now the rule reads the
// Entity ID as a lenient reader would, and fails closed where no single Entity ID can be read.
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate.js';
import { bits, concat, eui64, makeCertificate, withLongFormOuterLength, type CertificateOptions } from '../smki/make-certificate.js';
import { buildRequest } from '../support/build-request.js';
import { exampleContext, ISSUING_CA, NO_A, NO_B } from '../support/fixtures.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const DS = '/Request/Body/UpdateSecurityCredentialsKRP/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/DigitalSigningCertificate';

function networkOperatorRequest(digitalSigning: Uint8Array, keyAgreement: Uint8Array): string {
  return buildRequest({
    remotePartyRole: 'NetworkOperator',
    topUpFloor: undefined,
    digitalSigning: base64(digitalSigning),
    keyAgreement: base64(keyAgreement),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
  });
}

const noCertificate = (entityId: string, usage: number, options: CertificateOptions = {}) =>
  makeCertificate({ ous: ['03'], entityId, keyUsage: [usage], ...options });

const readable: [string, (entityId: string) => Uint8Array][] = [
  ['two trailing bytes', (id) => concat(noCertificate(id, 0), Uint8Array.of(0, 0))],
  ['a non-minimal outer length', (id) => withLongFormOuterLength(noCertificate(id, 0))],
  ['two OU attributes', (id) => noCertificate(id, 0, { ous: ['03', '03'] })],
  ['the Entity ID twice', (id) => noCertificate(id, 0, { duplicateEntityId: true })],
  ['a CA flag', (id) => noCertificate(id, 0, { basicConstraintsCa: true })],
  ['a non-critical keyUsage', (id) => noCertificate(id, 0, { keyUsageCritical: false })],
];

describe('attack: the wrong NO certificate in a form the strict decoder refuses', () => {
  describe.each(['strict', 'dcc'] as const)('profile %s', (profile) => {
    it.each(readable)('%s, wrong NO -> E061510 naming the Entity ID a lenient reader sees', (_label, make) => {
      const verdict = validateRequest(networkOperatorRequest(make(NO_B), noCertificate(NO_B, 4)), exampleContext(), { profile });
      expect(verdict.responseCode).toBe('E061510');
      expect(verdict.findings[0]).toMatchObject({ code: 'E061510', path: DS, params: { entityId: NO_B, allowed: [NO_A], mpan: '1200000000011' } });
    });

    it.each(readable)('%s, right NO -> not E061510 (near miss)', (_label, make) => {
      const verdict = validateRequest(networkOperatorRequest(make(NO_A), noCertificate(NO_A, 4)), exampleContext(), { profile, mode: 'all' });
      expect(verdict.findings.map((f) => f.code)).not.toContain('E061510');
      // Strict refuses the certificate itself; dcc lets the DCC decide and only warns.
      if (profile === 'dcc') expect(verdict.responseCode).toBe('I0');
      else expect(verdict.responseCode).toMatch(/^CERTIFICATE_/);
    });

    it.each<[string, Uint8Array, string]>([
      ['a 72-bit Entity ID', noCertificate(NO_A, 0, { entityIdValue: bits(concat(eui64(NO_A), Uint8Array.of(0))) }), 'entity-id-not-64-bits'],
      ['no Entity ID', noCertificate(NO_A, 0, { entityId: null }), 'no-entity-id'],
      ['unused bits in the Entity ID (63 bits: OpenSSL clears the bit and reads another party)', noCertificate(NO_A, 0, { entityIdValue: bits(eui64(NO_A), 1) }), 'entity-id-not-64-bits'],
      ['bytes that are not a certificate', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00), 'not-a-certificate'],
    ])('%s -> E061510: no single Entity ID can be read, the rule fails closed', (_label, digitalSigning, reason) => {
      const verdict = validateRequest(networkOperatorRequest(digitalSigning, noCertificate(NO_A, 4)), exampleContext(), { profile });
      expect(verdict.responseCode).toBe('E061510');
      expect(verdict.findings[0]).toMatchObject({ code: 'E061510', path: DS, params: { entityId: null, unreadable: reason, allowed: [NO_A] } });
    });
  });
});
