import { describe, expect, it } from 'vitest';
import { describeAction, describeExpectation, describeReason } from './describe.js';
import type { DeviceAudit, NotCheckedReason } from './model.js';

// The prose every report format prints (text, CSV, HTML): pinned word for word, since operations teams filter and
// paste it.
const HOLDER = '90-B3-D5-1F-30-03-00-00';
const NO_A = '90-B3-D5-1F-30-02-00-00';
const NO_A2 = '90-B3-D5-1F-30-02-00-01';
const SUPPLIER = '90-B3-D5-1F-30-01-00-00';

describe('describeReason', () => {
  it.each<[NotCheckedReason, string]>([
    ['unknown-device', 'the device is not in the context'],
    ['device-type-not-covered', 'its Device Type has no Network Operator check'],
    ['no-mpan', 'no MPAN is known for it'],
    ['invalid-mpan', 'its MPAN is not a valid MPAN core'],
    ['unknown-distributor', 'no Network Operator is known for its distributor'],
    ['no-registration-data', 'no registration data names its gas transporter'],
    ['no-network-operator-rows', 'the response shows no Network Operator slot'],
    ['response-unsuccessful', 'the device reported the read as unsuccessful'],
  ])('%s: %s', (reason, text) => {
    expect(describeReason(reason)).toBe(text);
  });
});

describe('describeAction', () => {
  it('the holder replaces its certificates, every slot and every allowed party named', () => {
    expect(
      describeAction({ kind: 'replace-by-holder', srv: '6.15.1', by: HOLDER, slots: ['DigitalSigning', 'KeyAgreement'], replaceWith: [NO_A, NO_A2] }),
    ).toBe(`${HOLDER} sends 6.15.1 replacing its DigitalSigning, KeyAgreement certificates with ${NO_A} or ${NO_A2}'s`);
  });

  it('the Supplier hands the ACB slots over', () => {
    expect(describeAction({ kind: 'handover-by-supplier', srv: '6.21', by: SUPPLIER, slots: ['KeyAgreement'], replaceWith: [NO_A] })).toBe(
      `${SUPPLIER} sends 6.21 handing the KeyAgreement slots over from the ACB to ${NO_A}`,
    );
  });

  it('says so when the response names no Supplier', () => {
    expect(describeAction({ kind: 'handover-by-supplier', srv: '6.21', by: null, slots: ['DigitalSigning'], replaceWith: [NO_A] })).toBe(
      `the Supplier of the device (none shown in the response) sends 6.21 handing the DigitalSigning slots over from the ACB to ${NO_A}`,
    );
  });
});

describe('describeExpectation', () => {
  const common = { deviceId: HOLDER, source: 'r.xml', counter: '1', deviceType: 'ESME', holder: {}, slots: [], actions: [] } as const;
  const checked = (over: Partial<DeviceAudit>): DeviceAudit =>
    ({ ...common, status: 'correct', expected: [NO_A], expectedSource: 'registry', mpan: null, distributorId: null, distributorName: null, ...over }) as DeviceAudit;

  it('names MPAN and distributor with its name', () => {
    expect(describeExpectation(checked({ mpan: '1200000000011', distributorId: '12', distributorName: 'London' }))).toBe(
      'MPAN 1200000000011, distributor 12 London',
    );
  });

  it('a distributor without a name, an MPAN without a distributor, nothing at all', () => {
    expect(describeExpectation(checked({ distributorId: '12' }))).toBe('distributor 12');
    expect(describeExpectation(checked({ mpan: '1200000000011' }))).toBe('MPAN 1200000000011');
    expect(describeExpectation(checked({}))).toBe('');
  });

  it('registration data, for a judged device whose list came from it', () => {
    expect(describeExpectation(checked({ expectedSource: 'registration-data', mpan: '1200000000011' }))).toBe('registration data');
    expect(describeExpectation(checked({ status: 'wrong-network-operator', expectedSource: 'registration-data' }))).toBe('registration data');
  });

  it('a device not checked is described by what is known of it, whatever else it carries', () => {
    const unchecked = { ...common, status: 'not-checked', reason: 'no-mpan', expected: [], mpan: '1200000000011', distributorId: null, distributorName: null, expectedSource: 'registration-data' };
    expect(describeExpectation(unchecked as unknown as DeviceAudit)).toBe('MPAN 1200000000011');
  });
});
