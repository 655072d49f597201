// E061501: the (User Role, Remote Party Role, Device Type) triple must be allowed by policy `allowedCombinations`.
// Its guard for an unknown User or Device is tested here on both services, since every rule that reads the User or
// the Device (E2, E11, E061501, E061504, the slot tables, the Certificate Party rule) must carry on past E1 / E19.
import { describe, expect, it } from 'vitest';
import type { Mode, Profile } from '../../../options.js';
import { certificate, ESME, exampleContext, ISSUING_CA, NO_A, SUPPLIER } from '../../../../test/support/fixtures.js';
import { buildRequest } from '../../../../test/support/build-request.js';
import {
  check,
  exactFinding,
  findingsOf,
  KRP_BODY,
  networkOperatorHandover,
  networkOperatorRequest,
  supplierRequest,
  UNKNOWN_DEVICE,
  UNKNOWN_USER,
} from '../../../../test/support/requests.js';
import { definePolicy, DEFAULT_POLICY } from '../policy.js';
import { roleCombination } from './e061501-role-combination.js';

const ROLE_PATH = `${KRP_BODY}/RemotePartyRole`;

describe('E061501 User Role / Remote Party Role / Device Type', () => {
  it('fires for an ED User replacing Supplier certificates, at RemotePartyRole', () => {
    const verdict = check(supplierRequest({ originator: NO_A }));
    expect(verdict.responseCode).toBe('E061501');
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'E061501', path: ROLE_PATH, params: { userRole: 'ED', remotePartyRole: 'Supplier', deviceType: 'ESME' } }),
    ]);
  });

  it.each([
    ['Root', 'DigitalSigning', 'recovery-ds'],
    ['Recovery', 'DigitalSigning', 'recovery-ds'],
    ['TransCoS', 'DigitalSigning', 'transcos-ds'],
    ['ACB', 'KeyAgreement', 'acb-ka'],
  ] as const)('fires for %s whoever sends it (no User may replace it with 6.15.1)', (role, slot, cert) => {
    for (const [originator, userRole] of [[SUPPLIER, 'IS'], [NO_A, 'ED']] as const) {
      const xml = buildRequest({
        originator,
        remotePartyRole: role,
        topUpFloor: undefined,
        digitalSigning: slot === 'DigitalSigning' ? certificate(cert) : undefined,
        keyAgreement: slot === 'KeyAgreement' ? certificate(cert) : undefined,
        keyAgreementTopUp: undefined,
        pathCertificates: [ISSUING_CA],
      });
      expect(check(xml).findings[0]).toEqual(
        exactFinding({ code: 'E061501', path: ROLE_PATH, params: { userRole, remotePartyRole: role, deviceType: 'ESME' } }),
      );
    }
  });

  it('near miss: an ED User replacing Network Operator certificates on an ESME', () => {
    expect(check(networkOperatorRequest('network-operator-a', { originator: NO_A }))).toMatchObject({ responseCode: 'I0', findings: [] });
  });

  it('near miss: the same ED User on a GSME is not allowed (the device type is part of the triple)', () => {
    const context = exampleContext();
    context.devices[ESME] = { type: 'GSME', networkOperator: [NO_A] };
    expect(findingsOf('E061501', networkOperatorRequest('network-operator-a', { originator: NO_A }), context)).toEqual([
      exactFinding({ code: 'E061501', path: ROLE_PATH, params: { userRole: 'ED', remotePartyRole: 'NetworkOperator', deviceType: 'GSME' } }),
    ]);
  });

  it('follows the policy: a table allowing ED to replace Supplier certificates passes the first case', () => {
    const policy = definePolicy({
      allowedCombinations: { ...DEFAULT_POLICY.allowedCombinations, ED: { NetworkOperator: ['ESME'], Supplier: ['ESME'] } },
    });
    expect(findingsOf('E061501', supplierRequest({ originator: NO_A }), exampleContext(), { policy })).toEqual([]);
  });

  it('needs the User and the Device', () => {
    expect(roleCombination.needs).toEqual({ user: true, device: true });
  });
});

describe('E061501 guard: an unknown User or Device is E1 / E19, never a throw, and the checks carry on', () => {
  // A Network Operator request with a future, timezone-less ExecutionDateTime: after E1 / E19, 6.15.1 still
  // reports E061506 (no User or Device needed) and both services report EXECUTION_DATETIME_NO_TIMEZONE.
  const EXECUTION = '2030-01-15T00:00:00';
  const requests = {
    '6.15.1': (parts: { originator?: string; target?: string }) => networkOperatorRequest('network-operator-a', { executionDateTime: EXECUTION, ...parts }),
    '6.21': (parts: { originator?: string; target?: string }) => networkOperatorHandover('network-operator-a', { executionDateTime: EXECUTION, ...parts }),
  };
  const unknown = {
    'unknown User': { parts: { originator: UNKNOWN_USER }, generic: ['E1'] },
    'unknown Device': { parts: { target: UNKNOWN_DEVICE }, generic: ['E19'] },
    'unknown User and Device': { parts: { originator: UNKNOWN_USER, target: UNKNOWN_DEVICE }, generic: ['E1', 'E19'] },
  };
  const after = { '6.15.1': ['E061506', 'EXECUTION_DATETIME_NO_TIMEZONE'], '6.21': ['EXECUTION_DATETIME_NO_TIMEZONE'] };

  const cases = (['6.15.1', '6.21'] as const).flatMap((srv) =>
    (Object.keys(unknown) as (keyof typeof unknown)[]).flatMap((what) =>
      (['first', 'all'] as Mode[]).flatMap((mode) => (['strict', 'dcc'] as Profile[]).map((profile) => [srv, what, mode, profile] as const)),
    ),
  );

  it.each(cases)('%s, %s, mode %s, profile %s', (srv, what, mode, profile) => {
    const { parts, generic } = unknown[what];
    const xml = requests[srv](parts);
    let verdict: ReturnType<typeof check> | undefined;
    expect(() => {
      verdict = check(xml, exampleContext(), { mode, profile });
    }).not.toThrow();
    expect(verdict).toMatchObject({ accepted: false, responseCode: generic[0], service: srv });
    const expected = mode === 'first' ? generic.slice(0, 1) : [...generic, ...after[srv]];
    expect(verdict!.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(expected.map((code) => `error:${code}`));
    expect(verdict!.findings[0]).toMatchObject(
      generic[0] === 'E1' ? { code: 'E1', params: { userId: UNKNOWN_USER } } : { code: 'E19', params: { deviceId: UNKNOWN_DEVICE } },
    );
  });

  it('the rule itself passes when the User or the Device is unknown', () => {
    const facts = { body: { remotePartyRole: 'Supplier', path: KRP_BODY }, policy: DEFAULT_POLICY } as never;
    expect(roleCombination.check({ ...(facts as object), device: { type: 'ESME' } } as never)).toEqual([]);
    expect(roleCombination.check({ ...(facts as object), user: { role: 'ED' } } as never)).toEqual([]);
    expect(roleCombination.check({ ...(facts as object), user: { role: 'ED' }, device: { type: 'ESME' } } as never)).toEqual([
      exactFinding({ code: 'E061501', path: ROLE_PATH, params: { userRole: 'ED', remotePartyRole: 'Supplier', deviceType: 'ESME' } }),
    ]);
  });

  it('near miss: with both known, mode all reports E061501 where the combination is wrong', () => {
    const context = exampleContext();
    context.devices[ESME] = { type: 'GPF', networkOperator: [NO_A] };
    expect(findingsOf('E061501', requests['6.15.1']({}), context).map((f) => f.params)).toEqual([
      { userRole: 'IS', remotePartyRole: 'NetworkOperator', deviceType: 'GPF' },
    ]);
  });
});
