// The slot tables: E061505 (slot / Device Type) and E061507 (slot / Remote Party Role) on 6.15.1. The 6.21
// library codes from the same tables are tested beside the handover (src/services/handover-6.21/handover.test.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, definePolicy } from '../services/krp-6.15.1/policy.js';
import { buildRequest } from '../../test/support/build-request.js';
import { certificate, ESME, exampleContext, ISSUING_CA, SUPPLIER_B } from '../../test/support/fixtures.js';
import {
  check,
  exactFinding,
  findingsOf,
  KRP_KA,
  KRP_KA_TOP_UP,
  networkOperatorRequest,
  supplierRequest,
} from '../../test/support/requests.js';
import { slotForDevice, slotForRole } from './slot-tables.js';

/** The GS Supplier B on a GPF (the example ESME retyped). */
function gpfContext() {
  const context = exampleContext();
  context.devices[ESME] = { type: 'GPF' };
  return context;
}

describe('E061505 Certificate Type / Device Type', () => {
  it('fires for a KeyAgreementTopUp certificate on a GPF, at that certificate', () => {
    const verdict = check(supplierRequest({ originator: SUPPLIER_B, topUpFloor: undefined }), gpfContext());
    expect(verdict.responseCode).toBe('E061505');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'E061505',
        path: KRP_KA_TOP_UP,
        params: { certificateType: 'KeyAgreementTopUp', deviceType: 'GPF', allowed: ['DigitalSigning', 'KeyAgreement'] },
      }),
    ]);
  });

  it('near miss: DS and KA only on a GPF', () => {
    const xml = buildRequest({
      originator: SUPPLIER_B,
      topUpFloor: undefined,
      digitalSigning: certificate('supplier-b-ds'),
      keyAgreement: certificate('supplier-b-ka'),
      keyAgreementTopUp: undefined,
      pathCertificates: [ISSUING_CA],
    });
    expect(check(xml, gpfContext())).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('a device type absent from the table holds no slot: the first certificate is reported', () => {
    const policy = definePolicy({ certificateSlotsByDeviceType: { GSME: DEFAULT_POLICY.certificateSlotsByDeviceType.GSME! } });
    expect(findingsOf('E061505', supplierRequest(), exampleContext(), { policy })).toEqual([
      exactFinding({
        code: 'E061505',
        path: KRP_KA_TOP_UP.replace('KeyAgreementTopUpCertificate', 'DigitalSigningCertificate'),
        params: { certificateType: 'DigitalSigning', deviceType: 'ESME', allowed: [] },
      }),
    ]);
  });
});

describe('E061507 Certificate Type / Remote Party Role', () => {
  it('fires for a KeyAgreementTopUp certificate for a Network Operator, at that certificate', () => {
    const verdict = check(networkOperatorRequest('network-operator-a', { keyAgreementTopUp: certificate('network-operator-a-ka') }));
    expect(verdict.responseCode).toBe('E061507');
    expect(verdict.findings).toEqual([
      exactFinding({
        code: 'E061507',
        path: KRP_KA_TOP_UP,
        params: { certificateType: 'KeyAgreementTopUp', remotePartyRole: 'NetworkOperator', allowed: ['DigitalSigning', 'KeyAgreement'] },
      }),
    ]);
  });

  it('near miss: DS and KA for a Network Operator', () => {
    expect(check(networkOperatorRequest('network-operator-a'))).toMatchObject({ responseCode: 'I0', findings: [] });
  });

  it('follows the policy: a Network Operator without a KA slot gets E061507 for its KA certificate', () => {
    const policy = definePolicy({ certificateSlotsByRole: { ...DEFAULT_POLICY.certificateSlotsByRole, NetworkOperator: ['DigitalSigning'] } });
    expect(findingsOf('E061507', networkOperatorRequest('network-operator-a'), exampleContext(), { policy })).toEqual([
      exactFinding({
        code: 'E061507',
        path: KRP_KA,
        params: { certificateType: 'KeyAgreement', remotePartyRole: 'NetworkOperator', allowed: ['DigitalSigning'] },
      }),
    ]);
  });
});

describe('the rule factories', () => {
  it('name each rule after its code; the device table needs the Device, the role table does not', () => {
    expect(slotForDevice('E061505')).toMatchObject({ name: 'E061505', code: 'E061505', needs: { device: true } });
    expect(slotForDevice('CERTIFICATE_TYPE_NOT_FOR_DEVICE')).toMatchObject({ name: 'CERTIFICATE_TYPE_NOT_FOR_DEVICE', code: 'CERTIFICATE_TYPE_NOT_FOR_DEVICE' });
    expect(slotForRole('E061507')).toMatchObject({ name: 'E061507', code: 'E061507' });
    expect(slotForRole('E061507').needs).toBeUndefined();
  });
});
