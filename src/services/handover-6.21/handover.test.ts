// SRV 6.21 Request Handover of DCC Controlled Device: every check, each with the case that produces it and its
// nearest miss, asserting code, path and params.
import { describe, expect, it } from 'vitest';
import { validateRequest, type ValidateOptions } from '../../validate.js';
import type { ValidationContext } from '../../context.js';
import { buildHandover, type RequestParts } from '../../../test/support/build-request.js';
import {
  certificate,
  ESME,
  exampleContext,
  GAS_TRANSPORTER,
  GPF,
  GSME,
  ISSUING_CA,
  NO_A,
  NO_B,
  SUPPLIER,
  SUPPLIER_B,
} from '../../../test/support/fixtures.js';
import { defineHandoverPolicy } from './policy.js';

const BODY = '/Request/Body/RequestHandoverOfDCCControlledDevice';
const DS = `${BODY}/ReplacementCertificates/DigitalSigningCertificate`;
const KA_TOP_UP = `${BODY}/ReplacementCertificates/KeyAgreementTopUpCertificate`;

function noHandover(operator: 'network-operator-a' | 'network-operator-b' | 'gas-transporter', parts: RequestParts = {}): string {
  return buildHandover({
    remotePartyRole: 'NetworkOperator',
    topUpFloor: undefined,
    digitalSigning: certificate(`${operator}-ds`),
    keyAgreement: certificate(`${operator}-ka`),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

function supplierHandover(parts: RequestParts = {}): string {
  return buildHandover({
    digitalSigning: certificate('supplier-ds'),
    keyAgreement: certificate('supplier-ka'),
    keyAgreementTopUp: certificate('supplier-ka-topup'),
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

/** The example context, plus the gas proxy function of the gas site (registration data names its transporter). */
function context(): ReturnType<typeof exampleContext> {
  const c = exampleContext();
  c.devices[GPF] = { type: 'GPF', networkOperator: [GAS_TRANSPORTER] };
  return c;
}

const check = (xml: string, c: ValidationContext = context(), options: ValidateOptions = {}) => validateRequest(xml, c, options);

describe('6.21 accepted handovers', () => {
  it.each([
    ['the right NO on an ESME (registry for the MPAN)', () => noHandover('network-operator-a')],
    ['the gas transporter on a GPF (registration data)', () => noHandover('gas-transporter', { originator: SUPPLIER_B, target: GPF })],
    ['Supplier certificates on an ESME', () => supplierHandover()],
    ['future dated', () => supplierHandover({ executionDateTime: '2030-01-15T00:00:00Z' })],
  ])('%s -> I0, coverage full', (_label, build) => {
    const verdict = check(build());
    expect(verdict.findings).toEqual([]);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0', service: '6.21', coverage: 'full' });
  });
});

describe('6.21 generic codes', () => {
  it('E1: an unknown originator; near miss: a known one', () => {
    const verdict = check(noHandover('network-operator-a', { originator: '90-B3-D5-1F-30-0A-00-00' }));
    expect(verdict.findings[0]).toMatchObject({ code: 'E1', path: '/Request/Header/RequestID', params: { userId: '90-B3-D5-1F-30-0A-00-00' } });
    expect(check(noHandover('network-operator-a')).responseCode).toBe('I0');
  });

  it('E2: a Network Operator (ED) may not request a handover, only IS and GS; near miss: IS', () => {
    const verdict = check(noHandover('network-operator-a', { originator: NO_A }));
    expect(verdict.findings[0]).toMatchObject({
      code: 'E2',
      path: '/Request/Header/RequestID',
      params: { userId: NO_A, userRole: 'ED', srv: '6.21', eligible: ['IS', 'GS'] },
    });
  });

  it('E19: an unknown device; near miss: the ESME', () => {
    const verdict = check(noHandover('network-operator-a', { target: '00-DB-12-34-56-78-90-FF' }));
    expect(verdict.findings[0]).toMatchObject({ code: 'E19', path: '/Request/Header/RequestID', params: { deviceId: '00-DB-12-34-56-78-90-FF' } });
  });

  it('E11: a handover targets an ESME, a GSME or a GPF; a CHF gets E11', () => {
    const c = context();
    c.devices[ESME] = { type: 'CHF' };
    const verdict = check(noHandover('network-operator-a'), c);
    expect(verdict.findings[0]).toMatchObject({
      code: 'E11',
      path: '/Request/Header/RequestID',
      params: { deviceId: ESME, deviceType: 'CHF', srv: '6.21', eligible: ['ESME', 'GSME', 'GPF'] },
    });
  });
});

describe('6.21 library checks where the 6.21 codes are not public', () => {
  it('REMOTE_PARTY_ROLE_NOT_ALLOWED: a handover places Network Operator or Supplier certificates, not LoadController', () => {
    const verdict = check(
      supplierHandover({ remotePartyRole: 'LoadController', digitalSigning: certificate('load-controller-ds'), keyAgreement: certificate('load-controller-ka'), keyAgreementTopUp: undefined, topUpFloor: undefined }),
    );
    expect(verdict.findings[0]).toMatchObject({
      code: 'REMOTE_PARTY_ROLE_NOT_ALLOWED',
      path: `${BODY}/RemotePartyRole`,
      params: { srv: '6.21', remotePartyRole: 'LoadController', allowed: ['NetworkOperator', 'Supplier'] },
    });
  });

  it('CERTIFICATE_TYPE_NOT_FOR_DEVICE: a GPF has no KeyAgreementTopUp slot; near miss: the same on a GSME', () => {
    const verdict = check(supplierHandover({ originator: SUPPLIER_B, target: GPF }));
    expect(verdict.findings[0]).toMatchObject({
      code: 'CERTIFICATE_TYPE_NOT_FOR_DEVICE',
      path: KA_TOP_UP,
      params: { srv: '6.21', certificateType: 'KeyAgreementTopUp', deviceType: 'GPF', allowed: ['DigitalSigning', 'KeyAgreement'] },
    });
    const c = context();
    c.users[SUPPLIER_B] = { role: 'GS' };
    expect(check(supplierHandover({ originator: SUPPLIER_B, target: GSME }), c).findings.map((f) => f.code)).not.toContain('CERTIFICATE_TYPE_NOT_FOR_DEVICE');
  });

  it('CERTIFICATE_TYPE_NOT_FOR_ROLE: a Network Operator has no KeyAgreementTopUp slot; near miss: a Supplier has', () => {
    const verdict = check(noHandover('network-operator-a', { keyAgreementTopUp: certificate('network-operator-a-ka') }));
    expect(verdict.findings[0]).toMatchObject({
      code: 'CERTIFICATE_TYPE_NOT_FOR_ROLE',
      path: KA_TOP_UP,
      params: { srv: '6.21', certificateType: 'KeyAgreementTopUp', remotePartyRole: 'NetworkOperator', allowed: ['DigitalSigning', 'KeyAgreement'] },
    });
    expect(check(supplierHandover()).responseCode).toBe('I0');
  });

  it('the shared certificate checks run: a Supplier certificate in a Network Operator handover is CERTIFICATE_ROLE_MISMATCH', () => {
    const c = context();
    c.devices[ESME] = { type: 'ESME' }; // no MPAN: the Certificate Party rule cannot decide, the role check still runs
    const verdict = check(noHandover('network-operator-a', { digitalSigning: certificate('supplier-ds'), keyAgreement: certificate('supplier-ka') }), c);
    expect(verdict.findings.map((f) => f.code)).toEqual(['MPAN_UNKNOWN', 'CERTIFICATE_ROLE_MISMATCH', 'CERTIFICATE_ROLE_MISMATCH']);
    expect(verdict.findings[1]).toMatchObject({ path: DS, params: { certificateType: 'DigitalSigning', expected: 'NetworkOperator', received: 'Supplier' } });
    expect(verdict.findings[2]).toMatchObject({ params: { certificateType: 'KeyAgreement', expected: 'NetworkOperator', received: 'Supplier' } });
  });

  it('the DigitalSigning certificate is required (ReplacementCertificatesDCCHandover): SCHEMA_VIOLATION without it', () => {
    const verdict = check(noHandover('network-operator-a', { digitalSigning: undefined }));
    expect(verdict.findings[0]).toMatchObject({
      code: 'SCHEMA_VIOLATION',
      path: `${BODY}/ReplacementCertificates`,
      params: { problem: 'missing-element', expected: 'DigitalSigningCertificate' },
    });
  });
});

describe('6.21 Certificate Party rule (E062106, provisional)', () => {
  it('the wrong NO on an ESME: E062106 for each certificate, naming the MPAN and the registry entry', () => {
    const verdict = check(noHandover('network-operator-b'));
    expect(verdict.responseCode).toBe('E062106');
    expect(verdict.findings.map((f) => [f.code, f.path])).toEqual([
      ['E062106', DS],
      ['E062106', `${BODY}/ReplacementCertificates/KeyAgreementCertificate`],
    ]);
    expect(verdict.findings[0]!.params).toEqual({
      srv: '6.21',
      certificateType: 'DigitalSigning',
      deviceId: ESME,
      deviceType: 'ESME',
      entityId: NO_B,
      allowed: [NO_A],
      source: 'registry',
      mpan: '1200000000011',
      distributorId: '12',
      distributorName: 'London',
    });
  });

  it('registration data for an ESME wins over the registry', () => {
    const c = context();
    c.devices[ESME]!.networkOperator = [NO_B];
    expect(check(noHandover('network-operator-b'), c).responseCode).toBe('I0');
    expect(check(noHandover('network-operator-a'), c).findings[0]).toMatchObject({ code: 'E062106', params: { source: 'registration-data', allowed: [NO_B], entityId: NO_A } });
  });

  it('a GPF: the registration data naming the gas transporter decides; another party is E062106', () => {
    const verdict = check(noHandover('network-operator-a', { originator: SUPPLIER_B, target: GPF }));
    expect(verdict.findings[0]).toMatchObject({
      code: 'E062106',
      path: DS,
      params: { deviceId: GPF, deviceType: 'GPF', entityId: NO_A, allowed: [GAS_TRANSPORTER], source: 'registration-data', mpan: null },
    });
  });

  it('a GPF without registration data: the rule does not fire and GAS_TRANSPORTER_UNKNOWN says why', () => {
    const c = context();
    c.devices[GPF] = { type: 'GPF' };
    const verdict = check(noHandover('network-operator-a', { originator: SUPPLIER_B, target: GPF }), c);
    expect(verdict.responseCode).toBe('I0');
    expect(verdict.findings).toEqual([
      expect.objectContaining({ code: 'GAS_TRANSPORTER_UNKNOWN', severity: 'warning', path: `${BODY}/RemotePartyRole`, params: { srv: '6.21', deviceId: GPF, deviceType: 'GPF' } }),
    ]);
  });

  it('does not apply to Supplier certificates, whoever the registry names', () => {
    const c = context();
    c.networkOperators['12'] = [NO_B];
    expect(check(supplierHandover(), c).findings).toEqual([]);
  });

  it('its code is configurable per SRV; mpanRuleCode configures 6.15.1 only', () => {
    const wrong = noHandover('network-operator-b');
    expect(check(wrong, context(), { services: { '6.21': { certificatePartyCode: 'E062199' } } }).responseCode).toBe('E062199');
    expect(check(wrong, context(), { mpanRuleCode: 'E061599' }).responseCode).toBe('E062106');
    expect(() => check(wrong, context(), { services: { '6.21': { certificatePartyCode: 'X1' as never } } })).toThrow(TypeError);
  });

  it('the policy decides which device types it checks: without GPF in it, a GPF handover is not checked', () => {
    const policy = defineHandoverPolicy({ certificatePartyDeviceTypes: { electricity: ['ESME'], gas: [] } });
    const verdict = check(noHandover('network-operator-a', { originator: SUPPLIER_B, target: GPF }), context(), { services: { '6.21': { policy } } });
    expect(verdict).toMatchObject({ responseCode: 'I0', findings: [] });
  });
});

describe('defineHandoverPolicy', () => {
  it('validates what it is given and names the path', () => {
    expect(() => defineHandoverPolicy({ remotePartyRoles: ['Landlord' as never] })).toThrow(/policy.remotePartyRoles\[0\]: unknown remote party role "Landlord"/);
    expect(() => defineHandoverPolicy({ colour: 'red' } as never)).toThrow(/unknown policy key "colour"/);
    expect(defineHandoverPolicy({ eligibleUserRoles: ['IS'] }).eligibleUserRoles).toEqual(['IS']);
  });

  it('E2 follows the policy: a GS-only policy refuses an IS sender', () => {
    const policy = defineHandoverPolicy({ eligibleUserRoles: ['GS'] });
    const verdict = check(noHandover('network-operator-a'), context(), { services: { '6.21': { policy } } });
    expect(verdict.findings[0]).toMatchObject({ code: 'E2', params: { userId: SUPPLIER, eligible: ['GS'] } });
  });
});
