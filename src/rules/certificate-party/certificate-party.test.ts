// The Certificate Party rule: Network Operator certificates placed on a device must belong to a Network Operator
// allowed for it. E061510 on 6.15.1 here; the 6.21 cases (E062106) live beside the handover, but the policy
// switch is tested on both services here. Who is allowed is decided in allowed-parties.ts (its own test file).
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../services/krp-6.15.1/policy.js';
import { defineHandoverPolicy } from '../../services/handover-6.21/policy.js';
import { certificate, ESME, exampleContext, GAS_TRANSPORTER, GSME, NO_A, NO_B, SUPPLIER_B } from '../../../test/support/fixtures.js';
import {
  check,
  codes,
  exactFinding,
  findingsOf,
  HANDOVER_DS,
  HANDOVER_KA,
  KRP_BODY,
  KRP_DS,
  KRP_KA,
  networkOperatorHandover,
  networkOperatorRequest,
  supplierRequest,
} from '../../../test/support/requests.js';
import { certificatePartyRule } from './certificate-party.js';

const ROLE_PATH = `${KRP_BODY}/RemotePartyRole`;

/** E061510's params for the example ESME (MPAN 1200000000011, London, registry [NO_A]) unless overridden. */
const e061510 = (params: Record<string, unknown> = {}) => ({
  srv: '6.15.1',
  certificateType: 'DigitalSigning',
  deviceId: ESME,
  deviceType: 'ESME',
  entityId: NO_B,
  allowed: [NO_A],
  source: 'registry',
  mpan: '1200000000011',
  distributorId: '12',
  distributorName: 'London',
  ...params,
});

describe('Certificate Party / MPAN rule (E061510)', () => {
  it('right NO -> accepted', () => {
    expect(check(networkOperatorRequest('network-operator-a'))).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('wrong NO -> E061510 naming the Entity ID, MPAN, distributor and allowed IDs', () => {
    const verdict = check(networkOperatorRequest('network-operator-b'));
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]).toEqual(exactFinding({ code: 'E061510', path: KRP_DS, params: e061510() }));
    const { message } = verdict.findings[0]!;
    for (const text of [NO_B, '1200000000011', 'London', NO_A]) expect(message).toContain(text);
  });

  it('every NO certificate is checked: mode all reports DS and KA', () => {
    expect(findingsOf('E061510', networkOperatorRequest('network-operator-b'))).toEqual([
      exactFinding({ code: 'E061510', path: KRP_DS, params: e061510() }),
      exactFinding({ code: 'E061510', path: KRP_KA, params: e061510({ certificateType: 'KeyAgreement' }) }),
    ]);
  });

  it('only the wrong certificate is reported when the other is right', () => {
    const xml = networkOperatorRequest('network-operator-a', { keyAgreement: certificate('network-operator-b-ka') });
    expect(findingsOf('E061510', xml).map((f) => f.path)).toEqual([KRP_KA]);
  });

  it('an MPAN from another distributor -> E061510 against that distributor', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '1312345678907';
    context.networkOperators['13'] = [NO_B];
    const verdict = check(networkOperatorRequest('network-operator-a'), context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]!.params).toMatchObject({ distributorId: '13', allowed: [NO_B], entityId: NO_A, mpan: '1312345678907' });
    expect(check(networkOperatorRequest('network-operator-b'), context).responseCode).toBe('I0');
  });

  it('registration data naming the NO overrides the distributor table', () => {
    const context = exampleContext();
    context.devices[ESME].networkOperator = [NO_B.toLowerCase().replaceAll('-', '')];
    expect(check(networkOperatorRequest('network-operator-b'), context).responseCode).toBe('I0');
    const verdict = check(networkOperatorRequest('network-operator-a'), context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]).toEqual(
      exactFinding({
        code: 'E061510',
        path: KRP_DS,
        params: e061510({ source: 'registration-data', allowed: [NO_B], entityId: NO_A, distributorId: null, distributorName: null }),
      }),
    );
  });

  it('a certificate no Entity ID can be read from fails closed: E061510 with entityId null and why', () => {
    const verdict = check(networkOperatorRequest('network-operator-a', { keyAgreement: 'AAAA' }), exampleContext(), { mode: 'all' });
    expect(verdict.findings[0]).toEqual(
      exactFinding({
        code: 'E061510',
        path: KRP_KA,
        params: e061510({ certificateType: 'KeyAgreement', entityId: null, unreadable: 'not-a-certificate', candidates: [] }),
      }),
    );
  });

  it('unknown MPAN -> the rule does not fire, a warning says why', () => {
    const context = exampleContext();
    delete context.devices[ESME].mpan;
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'MPAN_UNKNOWN', severity: 'warning', path: ROLE_PATH, params: { srv: '6.15.1', deviceId: ESME } }),
    ]);
  });

  it('invalid MPAN (check digit) -> warning MPAN_INVALID, not a rejection', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '1200000000012';
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'MPAN_INVALID',
        severity: 'warning',
        path: ROLE_PATH,
        params: { srv: '6.15.1', deviceId: ESME, mpan: '1200000000012', reason: 'MPAN core 1200000000012: check digit is 2, expected 1' },
      }),
    ]);
    expect(verdict.findings[0]!.message).toContain('check digit');
  });

  it('unknown distributor -> warning NETWORK_OPERATOR_UNKNOWN', () => {
    const context = exampleContext();
    context.devices[ESME].mpan = '2499999999991';
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'NETWORK_OPERATOR_UNKNOWN',
        severity: 'warning',
        path: ROLE_PATH,
        params: { srv: '6.15.1', deviceId: ESME, mpan: '2499999999991', distributorId: '24', distributorName: 'IPNL' },
      }),
    ]);
  });

  it('an empty registry entry for the distributor -> the documented warning NETWORK_OPERATOR_UNKNOWN, request accepted', () => {
    const context = exampleContext();
    context.networkOperators = { '12': [] };
    const verdict = check(networkOperatorRequest('network-operator-b'), context);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'NETWORK_OPERATOR_UNKNOWN',
        severity: 'warning',
        path: ROLE_PATH,
        params: { srv: '6.15.1', deviceId: ESME, mpan: '1200000000011', distributorId: '12', distributorName: 'London' },
      }),
    ]);
    // Also in mode all, and whichever Network Operator's certificates are placed: nothing to compare against.
    expect(codes(networkOperatorRequest('network-operator-a'), context)).toEqual(['warning:NETWORK_OPERATOR_UNKNOWN']);
  });

  it('near miss of the empty entry: the same entry naming NO_A rejects NO_B', () => {
    const context = exampleContext();
    context.networkOperators = { '12': [NO_A] };
    expect(check(networkOperatorRequest('network-operator-b'), context).responseCode).toBe('E061510');
  });

  it('gas with a named transporter: right one accepted, another NO rejected', () => {
    const right = networkOperatorRequest('gas-transporter', { originator: SUPPLIER_B, target: GSME });
    const wrong = networkOperatorRequest('network-operator-a', { originator: SUPPLIER_B, target: GSME });
    expect(check(right)).toMatchObject({ responseCode: 'I0', findings: [] });
    const verdict = check(wrong);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]).toEqual(
      exactFinding({
        code: 'E061510',
        path: KRP_DS,
        params: e061510({
          deviceId: GSME,
          deviceType: 'GSME',
          entityId: NO_A,
          allowed: [GAS_TRANSPORTER],
          source: 'registration-data',
          mpan: null,
          distributorId: null,
          distributorName: null,
        }),
      }),
    );
  });

  it('gas without registration data: the rule cannot decide (an MPRN does not encode the transporter), a warning says why', () => {
    const context = exampleContext();
    delete context.devices[GSME].networkOperator;
    const verdict = check(networkOperatorRequest('network-operator-a', { originator: SUPPLIER_B, target: GSME }), context);
    expect(verdict.responseCode).toBe('I0');
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'GAS_TRANSPORTER_UNKNOWN', severity: 'warning', path: ROLE_PATH, params: { srv: '6.15.1', deviceId: GSME, deviceType: 'GSME' } }),
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

  it('is named after its code and reads the registry only for a Network Operator request on a known device', () => {
    const rule = certificatePartyRule('E061510');
    expect(rule).toMatchObject({ name: 'certificate-party (E061510)', code: 'E061510' });
    const types = { electricity: ['ESME'], gas: ['GSME', 'GPF'] };
    const registry = rule.needs!.registry!;
    const facts = (remotePartyRole: string, device?: object) => ({ body: { remotePartyRole }, device, policy: { certificatePartyDeviceTypes: types } }) as never;
    expect(registry(facts('NetworkOperator', { type: 'ESME', mpan: '1200000000011' }))).toBe('12');
    expect(registry(facts('Supplier', { type: 'ESME', mpan: '1200000000011' }))).toBeUndefined();
    expect(registry(facts('NetworkOperator'))).toBeUndefined();
  });

  it('asks for the target Device on every request (the async validator looks it up only when a rule needs it)', () => {
    expect(certificatePartyRule('E062106').needs!.device).toBe(true);
  });
});

describe('switching the rule off through the policy device-type list', () => {
  const OFF = { electricity: [], gas: [] };

  it('6.15.1: definePolicy({ certificatePartyDeviceTypes: { electricity: [], gas: [] } }) lets a wrong-NO request pass, with no finding at all', () => {
    const policy = definePolicy({ certificatePartyDeviceTypes: OFF });
    const verdict = check(networkOperatorRequest('network-operator-b'), exampleContext(), { policy, mode: 'all' });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('6.15.1 near miss: the default policy rejects the same request with E061510', () => {
    expect(check(networkOperatorRequest('network-operator-b'), exampleContext(), { mode: 'all' }).findings.map((f) => f.code)).toEqual([
      'E061510',
      'E061510',
    ]);
  });

  it('6.15.1: off for a gas device as well (the GSME with registration data naming the transporter)', () => {
    const policy = definePolicy({ certificatePartyDeviceTypes: OFF });
    const wrong = networkOperatorRequest('network-operator-a', { originator: SUPPLIER_B, target: GSME });
    expect(check(wrong).responseCode).toBe('E061510');
    expect(check(wrong, exampleContext(), { policy, mode: 'all' })).toMatchObject({ accepted: true, findings: [] });
  });

  it('6.15.1: off for electricity only, an ESME without an MPAN gets no MPAN_UNKNOWN warning either', () => {
    const context = exampleContext();
    delete context.devices[ESME].mpan;
    const policy = definePolicy({ certificatePartyDeviceTypes: { electricity: [], gas: ['GSME', 'GPF'] } });
    expect(codes(networkOperatorRequest('network-operator-b'), context)).toEqual(['warning:MPAN_UNKNOWN']);
    expect(codes(networkOperatorRequest('network-operator-b'), context, { policy })).toEqual([]);
  });

  it('6.21: defineHandoverPolicy({ certificatePartyDeviceTypes: { electricity: [], gas: [] } }) lets a wrong-NO handover pass, with no finding at all', () => {
    const policy = defineHandoverPolicy({ certificatePartyDeviceTypes: OFF });
    const verdict = check(networkOperatorHandover('network-operator-b'), exampleContext(), { services: { '6.21': { policy } }, mode: 'all' });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0', service: '6.21', findings: [] });
  });

  it('6.21 near miss: the default policy rejects the same handover with E062106 for DS and KA', () => {
    const verdict = check(networkOperatorHandover('network-operator-b'), exampleContext(), { mode: 'all' });
    expect(verdict.findings.map((f) => [f.code, f.path])).toEqual([
      ['E062106', HANDOVER_DS],
      ['E062106', HANDOVER_KA],
    ]);
  });
});
