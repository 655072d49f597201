import { credentials } from './support/parsed.js';
import { describe, expect, it } from 'vitest';
import { createSignerStore, signRequest } from '../src/signature/index.js';
import { createValidator } from '../src/validator.js';
import { validateRequest } from '../src/validate.js';
import { exampleContext, fixtureRequest, fixtureText, NO_A, SUPPLIER } from './support/fixtures.js';

const key = (party: string) => ({
  privateKey: fixtureText(`pki/xml-sign-${party}.key.pem`),
  certificate: fixtureText(`pki/xml-sign-${party}.pem`),
});
const signers = createSignerStore(
  ['supplier', 'network-operator-a', 'network-operator-b'].map((party) => fixtureText(`pki/xml-sign-${party}.pem`)),
);
const context = exampleContext();

describe('validateRequest with signers', () => {
  it('accepts a request signed by its originator and says who signed', () => {
    const verdict = validateRequest(fixtureText('signed/supplier-by-supplier-immediate.xml'), context, { signers });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.signature).toEqual({
      verified: true,
      signer: expect.objectContaining({ entityId: SUPPLIER, role: '87' }),
    });
  });

  it('rejects the tampered fixture with SIGNATURE_INVALID before any rule runs', () => {
    const verdict = validateRequest(fixtureText('signed/tampered-supplier-by-supplier.xml'), context, { signers, mode: 'all' });
    expect(verdict.responseCode).toBe('SIGNATURE_INVALID');
    expect(verdict.findings).toHaveLength(1);
  });

  it('rejects an unsigned request with SIGNATURE_MISSING; without signers it is not checked', () => {
    const xml = fixtureRequest('supplier-by-supplier-immediate');
    expect(validateRequest(xml, context, { signers }).responseCode).toBe('SIGNATURE_MISSING');
    const unchecked = validateRequest(xml, context);
    expect(unchecked.responseCode).toBe('I0');
    expect(unchecked.signature).toEqual({ verified: false, reason: 'no signer certificates configured' });
  });

  it('rejects a request signed by another User: SIGNER_NOT_ORIGINATOR', () => {
    const xml = signRequest(fixtureRequest('supplier-by-supplier-immediate'), key('network-operator-a'));
    expect(validateRequest(xml, context, { signers }).responseCode).toBe('SIGNER_NOT_ORIGINATOR');
  });

  it('rejects a signer the store does not know: SIGNER_UNKNOWN', () => {
    const xml = signRequest(fixtureRequest('no-by-supplier-correct'), key('supplier'));
    const only = createSignerStore([fixtureText('pki/xml-sign-network-operator-a.pem')]);
    expect(validateRequest(xml, context, { signers: only }).responseCode).toBe('SIGNER_UNKNOWN');
  });

  it('runs the rules on the signed content: a comment inside a value is gone from the canonical form', () => {
    const unsigned = fixtureRequest('supplier-by-supplier-immediate').replace(
      '<sr:RemotePartyRole>Supplier</sr:RemotePartyRole>',
      '<sr:RemotePartyRole>Sup<!-- hidden -->plier</sr:RemotePartyRole>',
    );
    const verdict = validateRequest(signRequest(unsigned, key('supplier')), context, { signers });
    expect(verdict.responseCode).toBe('I0');
    expect(credentials(verdict.request).body.remotePartyRole).toBe('Supplier');
    expect(verdict.request?.signature?.localName).toBe('Signature');
  });

  it('the signer certificate must be valid at the time of the check (context now); without a time it is not checked', () => {
    const xml = fixtureText('signed/supplier-by-supplier-immediate.xml');
    const later = { ...exampleContext(), now: '2040-01-01T00:00:00Z' };
    const verdict = validateRequest(xml, later, { signers });
    expect(verdict.responseCode).toBe('SIGNER_NOT_VALID_NOW');
    expect(verdict.findings[0]!.params).toMatchObject({ notAfter: '2035-12-31T23:59:59.000Z', at: '2040-01-01T00:00:00.000Z' });
    const { now: _now, ...timeless } = exampleContext();
    expect(validateRequest(xml, timeless, { signers }).responseCode).toBe('I0');
    expect(validateRequest(xml, context, { signers }).responseCode).toBe('I0');
  });

  it('the DUIS rules still apply to signed requests', () => {
    const xml = signRequest(fixtureRequest('no-by-supplier-wrong-operator'), key('supplier'));
    expect(validateRequest(xml, context, { signers }).responseCode).toBe('E061510');
  });

  it('signature problems come before context problems in the order, structure before the signature', () => {
    expect(validateRequest('<sr:Request', context, { signers }).responseCode).toBe('XML_MALFORMED');
  });
});

describe('createValidator with a signer lookup', () => {
  it('verifies through an async lookup by issuer and serial', async () => {
    const asked: string[] = [];
    const validator = createValidator({
      context,
      signers: async (issuer, serial) => {
        asked.push(`${issuer}#${serial}`);
        return signers.find(issuer, serial);
      },
    });
    const verdict = await validator.validate(fixtureText('signed/no-by-no.xml'));
    expect(verdict).toMatchObject({ accepted: true, signature: { verified: true, signer: { entityId: NO_A } } });
    expect(asked).toHaveLength(1);
  });

  it('a failing signer lookup is LOOKUP_FAILED', async () => {
    const validator = createValidator({
      context,
      signers: async () => {
        throw new Error('HSM offline');
      },
    });
    const verdict = await validator.validate(fixtureText('signed/no-by-no.xml'));
    expect(verdict.responseCode).toBe('LOOKUP_FAILED');
  });
});
