// E061504: RemotePartyPrepaymentTopUpFloorSeqNumber only where policy `topUpFloorApplicable` allows it.
import { describe, expect, it } from 'vitest';
import { ESME, exampleContext, GSME, SUPPLIER_B } from '../../../../test/support/fixtures.js';
import {
  check,
  exactFinding,
  findingsOf,
  KRP_BODY,
  loadControllerRequest,
  networkOperatorRequest,
  supplierRequest,
  UNKNOWN_DEVICE,
} from '../../../../test/support/requests.js';
import { definePolicy, isTopUpFloorApplicable } from '../policy.js';

const FLOOR_PATH = `${KRP_BODY}/RemotePartyPrepaymentTopUpFloorSeqNumber`;

// Several rows, each matching a different request, and none matching a Supplier on a GPF or a Load Controller
// on an ESME although each row matches one half of that pair: `some` must find the one row that matches both.
const SEVERAL_ROWS = definePolicy({
  topUpFloorApplicable: [
    { role: 'NetworkOperator', deviceTypes: ['GSME'] },
    { role: 'Supplier', deviceTypes: ['ESME'] },
    { role: 'LoadController', deviceTypes: ['GPF'] },
  ],
});

describe('E061504 top-up floor number', () => {
  it('fires when a Network Operator request carries the top-up floor, at the floor element', () => {
    const verdict = check(networkOperatorRequest('network-operator-a', { topUpFloor: '0' }));
    expect(verdict.responseCode).toBe('E061504');
    expect(verdict.findings).toEqual([
      exactFinding({ code: 'E061504', path: FLOOR_PATH, params: { remotePartyRole: 'NetworkOperator', deviceType: 'ESME', floor: '0' } }),
    ]);
  });

  it('near miss: a Supplier request on an ESME may carry it', () => {
    expect(check(supplierRequest({ topUpFloor: '7' }))).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('near miss: a Network Operator request without it', () => {
    expect(findingsOf('E061504', networkOperatorRequest('network-operator-a'))).toEqual([]);
  });

  it('fires for a Supplier on a device type the row does not list (a GPF)', () => {
    const context = exampleContext();
    context.devices[ESME] = { type: 'GPF' };
    context.users[SUPPLIER_B] = { role: 'GS' };
    expect(findingsOf('E061504', supplierRequest({ originator: SUPPLIER_B, topUpFloor: '3' }), context)).toEqual([
      exactFinding({ code: 'E061504', path: FLOOR_PATH, params: { remotePartyRole: 'Supplier', deviceType: 'GPF', floor: '3' } }),
    ]);
  });

  describe('a policy with several rows, only one of which matches', () => {
    it('the one matching row makes the floor applicable: a Supplier on an ESME passes', () => {
      expect(findingsOf('E061504', supplierRequest({ topUpFloor: '7' }), exampleContext(), { policy: SEVERAL_ROWS })).toEqual([]);
      expect(check(supplierRequest({ topUpFloor: '7' }), exampleContext(), { policy: SEVERAL_ROWS }).responseCode).toBe('I0');
    });

    it('the first and the last row match too, each for its own request', () => {
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'NetworkOperator', 'GSME')).toBe(true);
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'Supplier', 'ESME')).toBe(true);
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'LoadController', 'GPF')).toBe(true);
    });

    it('a role of one row with a device type of another matches no row: a Load Controller on an ESME is E061504', () => {
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'LoadController', 'ESME')).toBe(false);
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'Supplier', 'GSME')).toBe(false);
      expect(isTopUpFloorApplicable(SEVERAL_ROWS, 'ACB', 'ESME')).toBe(false);
      const verdict = check(loadControllerRequest({ topUpFloor: '2' }), exampleContext(), { policy: SEVERAL_ROWS });
      expect(verdict.findings).toEqual([
        exactFinding({ code: 'E061504', path: FLOOR_PATH, params: { remotePartyRole: 'LoadController', deviceType: 'ESME', floor: '2' } }),
      ]);
    });

    it('the default policy has one row: a Network Operator on a GSME is E061504 there, not under SEVERAL_ROWS', () => {
      const context = exampleContext();
      const request = networkOperatorRequest('gas-transporter', { originator: SUPPLIER_B, target: GSME, topUpFloor: '1' });
      expect(findingsOf('E061504', request, context)).toHaveLength(1);
      expect(findingsOf('E061504', request, context, { policy: SEVERAL_ROWS })).toEqual([]);
    });

    it('an empty table makes the floor applicable nowhere', () => {
      const policy = definePolicy({ topUpFloorApplicable: [] });
      expect(isTopUpFloorApplicable(policy, 'Supplier', 'ESME')).toBe(false);
      expect(check(supplierRequest({ topUpFloor: '7' }), exampleContext(), { policy }).responseCode).toBe('E061504');
    });
  });

  it('needs the Device: an unknown one is E19, and E061504 does not guess', () => {
    expect(findingsOf('E061504', networkOperatorRequest('network-operator-a', { topUpFloor: '0', target: UNKNOWN_DEVICE }))).toEqual([]);
  });
});
