import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/services/krp-6.15.1/policy.js';
import { validateRequest, type ValidateOptions } from '../../src/validate.js';
import type { ValidationContext } from '../../src/context.js';
import { buildRequest, type RequestParts } from '../support/build-request.js';
import {
  certificate,
  ESME,
  exampleContext,
  GAS_TRANSPORTER,
  GSME,
  ISSUING_CA,
  NO_A,
  NO_B,
  SUPPLIER,
  SUPPLIER_B,
} from '../support/fixtures.js';

// Requests built from the fixture PKI: a Supplier-by-Supplier request unless a test says otherwise.
function supplierRequest(parts: RequestParts = {}): string {
  return buildRequest({
    digitalSigning: certificate('supplier-ds'),
    keyAgreement: certificate('supplier-ka'),
    keyAgreementTopUp: certificate('supplier-ka-topup'),
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

function networkOperatorRequest(operator: 'network-operator-a' | 'network-operator-b' | 'gas-transporter', parts: RequestParts = {}): string {
  return buildRequest({
    remotePartyRole: 'NetworkOperator',
    topUpFloor: undefined,
    digitalSigning: certificate(`${operator}-ds`),
    keyAgreement: certificate(`${operator}-ka`),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

function loadControllerRequest(parts: RequestParts = {}): string {
  return buildRequest({
    remotePartyRole: 'LoadController',
    topUpFloor: undefined,
    digitalSigning: certificate('load-controller-ds'),
    keyAgreement: certificate('load-controller-ka'),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

function check(xml: string, context: ValidationContext = exampleContext(), options: ValidateOptions = {}) {
  return validateRequest(xml, context, options);
}

function codes(xml: string, context: ValidationContext = exampleContext(), options: ValidateOptions = {}) {
  return check(xml, context, { ...options, mode: 'all' }).findings.map((f) => `${f.severity}:${f.code}`);
}

describe('accepted requests', () => {
  it.each([
    ['Supplier by Supplier', () => supplierRequest()],
    ['Supplier by Supplier, future dated', () => supplierRequest({ executionDateTime: '2030-01-15T00:00:00Z' })],
    ['Load Controller by Supplier, future dated', () => loadControllerRequest({ executionDateTime: '3000-12-31T00:00:00Z' })],
    ['right Network Operator by Supplier', () => networkOperatorRequest('network-operator-a')],
    ['Network Operator by itself (ED)', () => networkOperatorRequest('network-operator-a', { originator: NO_A })],
  ])('%s -> I0', (_, build) => {
    const verdict = check(build());
    expect(verdict.findings).toEqual([]);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
  });
});

describe('E1 unknown User', () => {
  it('fires for an originator the context does not know', () => {
    const verdict = check(supplierRequest({ originator: '90-B3-D5-1F-30-0A-00-00' }));
    expect(verdict.responseCode).toBe('E1');
    expect(verdict.findings[0]!.params).toEqual({ userId: '90-B3-D5-1F-30-0A-00-00' });
  });
  it('near miss: the same User written in lower case is known', () => {
    expect(check(supplierRequest({ originator: SUPPLIER.toLowerCase() })).responseCode).toBe('I0');
  });
});

describe('E2 User Role not eligible', () => {
  it('fires for an Export Supplier', () => {
    const context = exampleContext();
    context.users[SUPPLIER] = { role: 'ES' };
    expect(check(supplierRequest(), context).responseCode).toBe('E2');
  });
  it('near miss: an Import Supplier', () => {
    expect(check(supplierRequest()).responseCode).toBe('I0');
  });
});

describe('E12 Command Variant', () => {
  it('fires for CV 5 with a KRP body, and for CV 9', () => {
    expect(check(supplierRequest({ commandVariant: '5' })).responseCode).toBe('E12');
    expect(check(supplierRequest({ commandVariant: '9' })).responseCode).toBe('E12');
  });
  it('near miss: CV 4 written with a leading zero', () => {
    expect(check(supplierRequest({ commandVariant: '04' })).responseCode).toBe('I0');
  });
});

describe('E19 unknown Device', () => {
  it('fires for a target the context does not know', () => {
    expect(check(supplierRequest({ target: '00-DB-12-34-56-78-90-FF' })).responseCode).toBe('E19');
  });
  it('near miss: a context keyed without hyphens still knows the device', () => {
    const context = exampleContext();
    context.devices = { '00db1234567890a0': context.devices[ESME] };
    expect(check(supplierRequest(), context).responseCode).toBe('I0');
  });
});

describe('E11 Device Type', () => {
  it('fires for an IHD', () => {
    const context = exampleContext();
    context.devices[ESME].type = 'IHD';
    expect(check(supplierRequest(), context).responseCode).toBe('E11');
  });
  it('near miss: a GPF is eligible (and then fails only on the combination for an IS User)', () => {
    const context = exampleContext();
    context.devices[ESME].type = 'GPF';
    expect(check(supplierRequest(), context).responseCode).toBe('E061501');
  });
});

describe('E061501 User Role / Remote Party Role / Device Type', () => {
  it('fires for an ED User replacing Supplier certificates', () => {
    expect(check(supplierRequest({ originator: NO_A })).responseCode).toBe('E061501');
  });
  it('fires for Root, Recovery, ACB and TransCoS whoever sends them', () => {
    for (const [role, cert] of [['Recovery', 'recovery-ds'], ['TransCoS', 'transcos-ds'], ['Root', 'recovery-ds']] as const) {
      const xml = buildRequest({ remotePartyRole: role, topUpFloor: undefined, digitalSigning: certificate(cert), keyAgreement: undefined, keyAgreementTopUp: undefined, pathCertificates: [ISSUING_CA] });
      expect(check(xml).responseCode).toBe('E061501');
    }
  });
  it('near miss: an ED User replacing Network Operator certificates on an ESME', () => {
    expect(check(networkOperatorRequest('network-operator-a', { originator: NO_A })).responseCode).toBe('I0');
  });
});

describe('E061504 top-up floor number', () => {
  it('fires when a Network Operator request carries the top-up floor', () => {
    expect(check(networkOperatorRequest('network-operator-a', { topUpFloor: '0' })).responseCode).toBe('E061504');
  });
  it('near miss: a Supplier request on an ESME may carry it', () => {
    expect(check(supplierRequest({ topUpFloor: '7' })).responseCode).toBe('I0');
  });
});

describe('E061505 Certificate Type / Device Type', () => {
  it('fires for a KeyAgreementTopUp certificate on a GPF', () => {
    const context = exampleContext();
    context.users[SUPPLIER_B] = { role: 'GS' };
    context.devices[ESME] = { type: 'GPF' };
    const xml = supplierRequest({ originator: SUPPLIER_B, topUpFloor: undefined });
    const verdict = check(xml, context);
    expect(verdict.responseCode).toBe('E061505');
    expect(verdict.findings[0]!.params).toMatchObject({ certificateType: 'KeyAgreementTopUp', deviceType: 'GPF' });
  });
  it('near miss: DS and KA only on a GPF', () => {
    const context = exampleContext();
    context.devices[ESME] = { type: 'GPF' };
    const xml = buildRequest({
      originator: SUPPLIER_B,
      topUpFloor: undefined,
      digitalSigning: certificate('supplier-b-ds'),
      keyAgreement: certificate('supplier-b-ka'),
      keyAgreementTopUp: undefined,
      pathCertificates: [ISSUING_CA],
    });
    expect(check(xml, context).responseCode).toBe('I0');
  });
});

describe('E061506 future dating', () => {
  it('fires for a future-dated Network Operator replacement', () => {
    expect(check(networkOperatorRequest('network-operator-a', { executionDateTime: '2030-01-15T00:00:00Z' })).responseCode).toBe('E061506');
  });
  it('near miss: the same without ExecutionDateTime, and a future-dated Supplier replacement', () => {
    expect(check(networkOperatorRequest('network-operator-a')).responseCode).toBe('I0');
    expect(check(supplierRequest({ executionDateTime: '2030-01-15T00:00:00+01:00' })).responseCode).toBe('I0');
  });
  it('a policy can restrict future dating to Supplier as the seed-era text says', () => {
    const policy = definePolicy({ futureDatingRoles: ['Supplier'] });
    expect(check(loadControllerRequest({ executionDateTime: '2030-01-15T00:00:00Z' }), exampleContext(), { policy }).responseCode).toBe('E061506');
  });
});

describe('E061507 Certificate Type / Remote Party Role', () => {
  it('fires for a KeyAgreementTopUp certificate for a Network Operator', () => {
    const xml = networkOperatorRequest('network-operator-a', { keyAgreementTopUp: certificate('network-operator-a-ka') });
    const verdict = check(xml);
    expect(verdict.responseCode).toBe('E061507');
    expect(verdict.findings[0]!.params).toMatchObject({ certificateType: 'KeyAgreementTopUp', remotePartyRole: 'NetworkOperator' });
  });
  it('near miss: DS and KA for a Network Operator', () => {
    expect(check(networkOperatorRequest('network-operator-a')).responseCode).toBe('I0');
  });
});

describe('Certificate Party / MPAN rule', () => {
  it('right NO -> accepted', () => {
    expect(check(networkOperatorRequest('network-operator-a')).responseCode).toBe('I0');
  });

  it('wrong NO -> E061510 naming the Entity ID, MPAN, distributor and allowed IDs', () => {
    const verdict = check(networkOperatorRequest('network-operator-b'));
    expect(verdict.responseCode).toBe('E061510');
    const [first] = verdict.findings;
    expect(first!.params).toMatchObject({ entityId: NO_B, mpan: '1200000000011', distributorId: '12', distributorName: 'London', allowed: [NO_A] });
    expect(first!.message).toContain(NO_B);
    expect(first!.message).toContain('1200000000011');
    expect(first!.message).toContain('London');
    expect(first!.message).toContain(NO_A);
  });

  it('every NO certificate is checked: mode all reports DS and KA', () => {
    const verdict = check(networkOperatorRequest('network-operator-b'), exampleContext(), { mode: 'all' });
    expect(verdict.findings.filter((f) => f.code === 'E061510').map((f) => f.path?.split('/').at(-1))).toEqual([
      'DigitalSigningCertificate',
      'KeyAgreementCertificate',
    ]);
  });

  it('an MPAN from another distributor -> E061510 against that distributor', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '1312345678907';
    context.networkOperators['13'] = [NO_B];
    const verdict = check(networkOperatorRequest('network-operator-a'), context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]!.params).toMatchObject({ distributorId: '13', allowed: [NO_B] });
    expect(check(networkOperatorRequest('network-operator-b'), context).responseCode).toBe('I0');
  });

  it('registration data naming the NO overrides the distributor table', () => {
    const context = exampleContext();
    context.devices[ESME].networkOperator = [NO_B.toLowerCase().replaceAll('-', '')];
    expect(check(networkOperatorRequest('network-operator-b'), context).responseCode).toBe('I0');
    const verdict = check(networkOperatorRequest('network-operator-a'), context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]!.params).toMatchObject({ source: 'registration-data', allowed: [NO_B], entityId: NO_A, distributorId: null });
  });

  it('unknown MPAN -> the rule does not fire, a warning says why', () => {
    const context = exampleContext();
    delete context.devices[ESME].mpan;
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict.responseCode).toBe('I0');
    expect(verdict.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:MPAN_UNKNOWN']);
  });

  it('invalid MPAN (check digit) -> warning MPAN_INVALID, not a rejection', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '1200000000012';
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict.accepted).toBe(true);
    expect(verdict.findings[0]).toMatchObject({ code: 'MPAN_INVALID', severity: 'warning' });
    expect(verdict.findings[0]!.message).toContain('check digit');
  });

  it('unknown distributor -> warning NETWORK_OPERATOR_UNKNOWN', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '2499999999991';
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict.accepted).toBe(true);
    expect(verdict.findings[0]).toMatchObject({ code: 'NETWORK_OPERATOR_UNKNOWN', severity: 'warning', params: { distributorId: '24' } });
  });

  it('gas with a named transporter: right one accepted, another NO rejected', () => {
    const context = exampleContext();
    context.users[SUPPLIER_B] = { role: 'GS' };
    const right = networkOperatorRequest('gas-transporter', { originator: SUPPLIER_B, target: GSME });
    const wrong = networkOperatorRequest('network-operator-a', { originator: SUPPLIER_B, target: GSME });
    expect(check(right, context).responseCode).toBe('I0');
    const verdict = check(wrong, context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]!.params).toMatchObject({ allowed: [GAS_TRANSPORTER], mpan: null });
  });

  it('gas without registration data: the rule cannot decide (an MPRN does not encode the transporter), a warning says why', () => {
    const context = exampleContext();
    delete context.devices[GSME].networkOperator;
    const verdict = check(networkOperatorRequest('network-operator-a', { originator: SUPPLIER_B, target: GSME }), context);
    expect(verdict.responseCode).toBe('I0');
    expect(verdict.findings).toEqual([
      expect.objectContaining({
        code: 'GAS_TRANSPORTER_UNKNOWN',
        severity: 'warning',
        path: '/Request/Body/UpdateSecurityCredentialsKRP/RemotePartyRole',
        params: { srv: '6.15.1', deviceId: GSME, deviceType: 'GSME' },
      }),
    ]);
  });

  it('does not apply to Supplier certificates', () => {
    const context = exampleContext();
    context.networkOperators['12'] = [NO_B];
    expect(check(supplierRequest(), context).findings).toEqual([]);
  });

  it('the code is configurable', () => {
    const verdict = check(networkOperatorRequest('network-operator-b'), exampleContext(), { mpanRuleCode: 'E061599' });
    expect(verdict.responseCode).toBe('E061599');
    expect(verdict.findings[0]!.message).toMatch(/^Certificate Party \/ MPAN mismatch/);
  });
});

describe('library certificate checks', () => {
  it('NO_REPLACEMENT_CERTIFICATES for an empty set; near miss with one certificate', () => {
    const empty = supplierRequest({ digitalSigning: undefined, keyAgreement: undefined, keyAgreementTopUp: undefined, topUpFloor: undefined });
    expect(check(empty).responseCode).toBe('NO_REPLACEMENT_CERTIFICATES');
    expect(check(supplierRequest({ keyAgreement: undefined, keyAgreementTopUp: undefined })).responseCode).toBe('I0');
  });

  it('EXECUTION_DATETIME_NO_TIMEZONE; near miss with Z', () => {
    expect(check(supplierRequest({ executionDateTime: '2030-01-15T00:00:00' })).responseCode).toBe('EXECUTION_DATETIME_NO_TIMEZONE');
    expect(check(supplierRequest({ executionDateTime: '2030-01-15T00:00:00Z' })).responseCode).toBe('I0');
  });

  it('CERTIFICATE_MALFORMED for bytes that are not DER; path names the slot', () => {
    const verdict = check(supplierRequest({ keyAgreement: 'AAAA' }));
    expect(verdict.responseCode).toBe('CERTIFICATE_MALFORMED');
    expect(verdict.findings[0]!.path).toMatch(/KeyAgreementCertificate$/);
  });

  it('CERTIFICATE_NOT_ORGANISATION for a device certificate', () => {
    expect(check(supplierRequest({ digitalSigning: certificate('device-esme') })).responseCode).toBe('CERTIFICATE_NOT_ORGANISATION');
  });

  it('CERTIFICATE_ROLE_MISMATCH: Supplier slot holding a Network Operator certificate; near miss with the Supplier one', () => {
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds') })).responseCode).toBe('I0');
    const wrong = check(supplierRequest({ digitalSigning: certificate('network-operator-a-ds') }));
    expect(wrong.responseCode).toBe('CERTIFICATE_ROLE_MISMATCH');
    expect(wrong.findings[0]!.params).toMatchObject({ expected: 'Supplier', received: 'NetworkOperator', ou: '03' });
  });

  it('CERTIFICATE_KEY_USAGE_MISMATCH: keyAgreement certificate in the DS slot; near miss the right way round', () => {
    const verdict = check(supplierRequest({ digitalSigning: certificate('supplier-ka') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_KEY_USAGE_MISMATCH');
    expect(verdict.findings[0]!.params).toMatchObject({ expected: 'digitalSignature', received: 'keyAgreement' });
    expect(check(supplierRequest({ keyAgreementTopUp: certificate('supplier-ka') })).responseCode).toBe('I0');
  });

  it('CERTIFICATE_ENTITY_INCONSISTENT: two suppliers in one request; near miss with one supplier', () => {
    const verdict = check(supplierRequest({ keyAgreement: certificate('supplier-b-ka') }));
    expect(verdict.responseCode).toBe('CERTIFICATE_ENTITY_INCONSISTENT');
    expect(verdict.findings[0]).toMatchObject({
      path: '/Request/Body/UpdateSecurityCredentialsKRP/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/KeyAgreementCertificate',
      params: { certificateType: 'KeyAgreement', expected: SUPPLIER, received: SUPPLIER_B, firstCertificateType: 'DigitalSigning' },
    });
  });

  it('CERTIFICATE_PATH_MISMATCH: the root as the only path certificate; near miss with root and issuing CA', () => {
    expect(check(supplierRequest({ pathCertificates: [certificate('root')] })).responseCode).toBe('CERTIFICATE_PATH_MISMATCH');
    expect(check(supplierRequest({ pathCertificates: [certificate('root'), ISSUING_CA] })).responseCode).toBe('I0');
  });

  it('CERTIFICATE_NOT_VALID_NOW: expired and not-yet-valid certificates when a time is given', () => {
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds-expired') })).responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds-not-yet-valid') })).responseCode).toBe('CERTIFICATE_NOT_VALID_NOW');
  });

  it('validity near misses: no time given, or the request turns time-based checks off', () => {
    const context = exampleContext();
    delete context.now;
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds-expired') }), context).responseCode).toBe('I0');
    expect(
      check(supplierRequest({ digitalSigning: certificate('supplier-ds-expired'), applyTimeBasedCpvChecks: 'false' })).responseCode,
    ).toBe('I0');
    expect(check(supplierRequest({ digitalSigning: certificate('supplier-ds-expired') }), context, { checkValidity: true }).responseCode).toBe(
      'CERTIFICATE_NOT_VALID_NOW',
    );
  });
});

describe('modes and profiles', () => {
  it("mode 'all' lists every failing check in order", () => {
    const context = exampleContext();
    context.users[SUPPLIER] = { role: 'ES' };
    const xml = networkOperatorRequest('network-operator-b', { commandVariant: '5', topUpFloor: '1', executionDateTime: '2030-01-01T00:00:00', keyAgreementTopUp: certificate('supplier-ka') });
    expect(codes(xml, context)).toEqual([
      'error:E2',
      'error:E12',
      'error:E061501',
      'error:E061504',
      'error:E061506',
      'error:E061507',
      'error:E061510',
      'error:E061510',
      'error:E061510',
      'error:EXECUTION_DATETIME_NO_TIMEZONE',
      'error:CERTIFICATE_ROLE_MISMATCH',
      'error:CERTIFICATE_ENTITY_INCONSISTENT',
    ]);
    expect(check(xml, context).responseCode).toBe('E2');
  });

  it("mode 'first' stops at the first failing check", () => {
    const verdict = check(supplierRequest({ commandVariant: '5', keyAgreement: 'AAAA' }));
    expect(verdict.findings.map((f) => f.code)).toEqual(['E12']);
  });

  it("profile 'dcc' turns library checks into warnings", () => {
    const xml = supplierRequest({ digitalSigning: certificate('supplier-ka') });
    expect(check(xml).accepted).toBe(false);
    const verdict = check(xml, exampleContext(), { profile: 'dcc' });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([expect.objectContaining({ code: 'CERTIFICATE_KEY_USAGE_MISMATCH', severity: 'warning' })]);
  });

  it("profile 'dcc' keeps DUIS codes as errors", () => {
    expect(check(networkOperatorRequest('network-operator-b'), exampleContext(), { profile: 'dcc' }).responseCode).toBe('E061510');
  });

  it('an invalid context is CONTEXT_INVALID, never a DUIS code', () => {
    const context = exampleContext() as any;
    context.users[SUPPLIER].role = 'Supplier';
    const verdict = check(supplierRequest(), context);
    expect(verdict.responseCode).toBe('CONTEXT_INVALID');
    expect(verdict.findings[0]!.path).toBe(`$.users["${SUPPLIER}"].role`);
  });
});

describe('the registry', () => {
  it('lists the services validated in depth, each a folder of src/services/', async () => {
    const { SERVICES } = await import('../../src/services/index.js');
    expect(SERVICES.map((s) => [s.srv, s.bodyElement, s.certificatePartyCode])).toEqual([
      ['6.15.1', 'UpdateSecurityCredentialsKRP', 'E061510'],
      ['6.21', 'RequestHandoverOfDCCControlledDevice', 'E062106'],
    ]);
  });

  it('6.15.1 runs in the decided order: generic codes, the 6.15.1 codes, the Certificate Party rule, the library checks', async () => {
    const { SERVICES } = await import('../../src/services/index.js');
    expect(SERVICES[0].rules.map((rule) => rule.name)).toEqual([
      'E1', 'E2', 'E12', 'E19', 'E11', 'E061501', 'E061504', 'E061505', 'E061506', 'E061507',
      'certificate-party (E061510)', 'no-replacement-certificates', 'execution-date-time-timezone', 'certificate-decodes',
      'certificate-role', 'certificate-key-usage', 'certificate-entity', 'certificate-path', 'certificate-validity',
    ]);
  });

  it('6.21 runs the same shape with library codes where the 6.21 codes are not public', async () => {
    const { SERVICES } = await import('../../src/services/index.js');
    expect(SERVICES[1].rules.map((rule) => rule.name)).toEqual([
      'E1', 'E2', 'E19', 'E11', 'remote-party-role', 'CERTIFICATE_TYPE_NOT_FOR_DEVICE', 'CERTIFICATE_TYPE_NOT_FOR_ROLE',
      'certificate-party (E062106)', 'execution-date-time-timezone', 'certificate-decodes',
      'certificate-role', 'certificate-key-usage', 'certificate-entity', 'certificate-path', 'certificate-validity',
    ]);
  });
});
