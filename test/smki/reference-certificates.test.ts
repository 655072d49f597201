import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeCertificate } from '../../src/smki/index.js';
import { expectCertificate, expectFailure } from './expectations.js';
import { pemToDer } from './make-certificate.js';

// The DCC's published templates and test PKI are GPL and live outside the repository: read them in place.
// Beside the checkout (`../shared/reference/`), wherever the checkout is.
const TEMPLATES = fileURLToPath(new URL('../../../shared/reference/duis/templates', import.meta.url));
const SMKI = fileURLToPath(new URL('../../../shared/reference/smki', import.meta.url));
const FIXTURES = new URL('../../fixtures/pki/', import.meta.url);

function templateCertificates(name: string): Map<string, Uint8Array[]> {
  const xml = readFileSync(join(TEMPLATES, name), 'utf8');
  const found = new Map<string, Uint8Array[]>();
  for (const [, element, text] of xml.matchAll(/<sr:(\w*Certificate)>([^<]+)</g)) {
    const list = found.get(element!) ?? [];
    list.push(new Uint8Array(Buffer.from(text!.replace(/\s/g, ''), 'base64')));
    found.set(element!, list);
  }
  return found;
}

describe.skipIf(!existsSync(TEMPLATES))('RTDS 6.15.1 template certificates', () => {
  it('NO by NO: DigitalSigning, KeyAgreement and the Z1 issuing CA', () => {
    const certs = templateCertificates('CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML');
    const ds = expectCertificate(certs.get('DigitalSigningCertificate')![0]!);
    expect(ds).toMatchObject({
      remotePartyRole: { code: 3, hex: '03', name: 'NetworkOperator' },
      entityId: '90-B3-D5-1F-30-02-00-00',
      keyUsage: 'digitalSignature',
      policies: ['1.2.826.0.1.8641679.1.2.1.4'],
      subjectKeyIdentifier: '4238d306b6f725a2',
      authorityKeyIdentifier: '4f5688d7ec933be2',
      serialNumber: { hex: '4a08e1d3e2ea0f816082641ce70ed835' },
      issuer: { dn: 'CN=Z1,OU=07', commonName: 'Z1' },
    });
    expect(ds.notBefore.toISOString()).toBe('2025-09-01T00:00:00.000Z');

    const ka = expectCertificate(certs.get('KeyAgreementCertificate')![0]!);
    expect(ka).toMatchObject({ entityId: '90-B3-D5-1F-30-02-00-00', keyUsage: 'keyAgreement', remotePartyRole: { hex: '03' } });

    const ca = expectCertificate(certs.get('Certificate')![0]!);
    expect(ca).toMatchObject({
      remotePartyRole: { hex: '07', name: 'IssuingAuthority' },
      keyUsage: 'keyCertSign',
      entityId: '',
      subject: { commonName: 'Z1', dn: 'CN=Z1,OU=07' },
      issuer: { dn: 'CN=ZA,OU=00' },
      subjectKeyIdentifier: '4f5688d7ec933be2',
    });
    // The replacement certificates chain to the path certificate by key identifier.
    expect(ds.authorityKeyIdentifier).toBe(ca.subjectKeyIdentifier);
  });

  it('Supplier by Supplier: DS with a CN, KA and KA top-up', () => {
    const certs = templateCertificates('CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML');
    const ds = expectCertificate(certs.get('DigitalSigningCertificate')![0]!);
    expect(ds).toMatchObject({ remotePartyRole: { name: 'Supplier' }, entityId: '90-B3-D5-1F-30-01-00-00', keyUsage: 'digitalSignature' });
    expect(ds.subject.commonName).toBe('GITTESTSUPPLIER');
    for (const slot of ['KeyAgreementCertificate', 'KeyAgreementTopUpCertificate']) {
      expect(expectCertificate(certs.get(slot)![0]!)).toMatchObject({ keyUsage: 'keyAgreement', remotePartyRole: { hex: '02' } });
    }
  });

  it('Load Controller by Supplier: OU 08', () => {
    const certs = templateCertificates('CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML');
    expect(expectCertificate(certs.get('DigitalSigningCertificate')![0]!)).toMatchObject({
      remotePartyRole: { code: 8, name: 'LoadController' },
      entityId: '90-B3-D5-1F-30-01-00-08',
    });
  });

  it('every certificate of every 6.15.1 template decodes, and is rejected once a byte is appended', () => {
    const names = readdirSync(TEMPLATES).filter((n) => n.includes('6.15.1'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      for (const list of templateCertificates(name).values()) {
        for (const der of list) {
          expect(decodeCertificate(der).ok, name).toBe(true);
          expectFailure(Uint8Array.from([...der, 0]), 'CERTIFICATE_MALFORMED');
        }
      }
    }
  });
});

describe.skipIf(!existsSync(SMKI))('DCC test PKI XML-signing certificates (OU 87)', () => {
  it.each([
    ['xml-sign-90B3D51F30010000-ds.pem', '90-B3-D5-1F-30-01-00-00', '14be4ad2ea1d0e4ec7f7156bd24624a7'],
    ['xml-sign-90B3D51F30020000-ds.pem', '90-B3-D5-1F-30-02-00-00', '1ecc6ed40f92a82835db58174b4a666d'],
  ])('%s', (file, entityId, serialHex) => {
    const certificate = expectCertificate(pemToDer(readFileSync(join(SMKI, file), 'utf8')));
    expect(certificate).toMatchObject({
      remotePartyRole: { code: 0x87, hex: '87', name: 'XmlSigning' },
      entityId,
      keyUsage: 'digitalSignature',
      serialNumber: { hex: serialHex, decimal: BigInt(`0x${serialHex}`).toString() },
      issuer: { dn: 'CN=Z1,OU=07' },
    });
    expect(certificate.authorityKeyIdentifier).toBeUndefined();
  });
});

interface FixtureEntry {
  file: string;
  kind: string;
  role: string | null;
  entityId: string | null;
  keyUsage: string | null;
  serialHex: string;
  notBefore: string;
  notAfter: string;
}

const FIXTURE_INDEX = new URL('index.json', FIXTURES);
const fixtures: FixtureEntry[] = existsSync(FIXTURE_INDEX) ? JSON.parse(readFileSync(FIXTURE_INDEX, 'utf8')) : [];

describe.skipIf(fixtures.length === 0)('committed fixture PKI (fixtures/pki/index.json)', () => {
  const read = (entry: FixtureEntry) => pemToDer(readFileSync(new URL(`../${entry.file}`, FIXTURES), 'utf8'));

  it.each(fixtures.filter((e) => e.kind === 'organisation' || e.kind === 'xml-signing').map((e) => [e.file, e] as const))(
    '%s reads back its role, entity and key usage',
    (_, entry) => {
      const certificate = expectCertificate(read(entry));
      expect(certificate.remotePartyRole.hex).toBe(entry.role);
      expect(certificate.entityId).toBe(entry.entityId);
      expect(certificate.keyUsage).toBe(entry.keyUsage);
      expect(certificate.serialNumber.hex).toBe(entry.serialHex.toLowerCase());
      expect(certificate.notBefore.getTime()).toBe(Date.parse(entry.notBefore));
      expect(certificate.notAfter.getTime()).toBe(Date.parse(entry.notAfter));
    },
  );

  it.each(fixtures.filter((e) => e.kind === 'root' || e.kind === 'ca').map((e) => [e.file, e] as const))(
    '%s decodes as a CA certificate',
    (_, entry) => {
      const certificate = expectCertificate(read(entry));
      expect(certificate.remotePartyRole.hex).toBe(entry.role);
      expect(certificate.keyUsage).toBe('keyCertSign');
    },
  );

  it('only the self-issued root lacks certificatePolicies and an authorityKeyIdentifier; key identifiers are 8 octets', () => {
    for (const entry of fixtures.filter((e) => e.kind !== 'device')) {
      const certificate = expectCertificate(read(entry));
      const root = entry.kind === 'root';
      expect(certificate.subjectKeyIdentifier, entry.file).toMatch(/^[0-9a-f]{16}$/);
      expect(certificate.policies, entry.file).toEqual(root ? [] : ['1.2.826.0.1.8641679.1.2.1.4']);
      if (root) expect(certificate.authorityKeyIdentifier, entry.file).toBeUndefined();
      else expect(certificate.authorityKeyIdentifier, entry.file).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it.each(fixtures.filter((e) => e.kind === 'device').map((e) => [e.file, e] as const))('%s is refused', (_, entry) => {
    expectFailure(read(entry), 'CERTIFICATE_NOT_ORGANISATION');
  });
});
