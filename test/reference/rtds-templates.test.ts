import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/duis/parse-request.js';
import { validateRequest } from '../../src/validate.js';
import type { ValidationContext } from '../../src/context.js';

// DCC Reference Test Data Set requests, read in place from ../shared (GPL/RTDS material: never copied here).
const templates = new URL('../../../shared/reference/duis/templates/', import.meta.url);
const available = existsSync(templates);
const read = (name: string) => readFileSync(new URL(`${name}_REQUEST_DUIS.XML`, templates), 'utf8');

const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
const NETWORK_OPERATOR = '90-B3-D5-1F-30-02-00-00';
const ESME = '00-DB-12-34-56-78-90-A0';

function legitimate(): ValidationContext & { networkOperators: Record<string, string[]>; devices: Record<string, any> } {
  return {
    users: { [SUPPLIER]: { role: 'IS' }, [NETWORK_OPERATOR]: { role: 'ED' } },
    devices: { [ESME]: { type: 'ESME', mpan: '1200000000011' } },
    networkOperators: { '12': [NETWORK_OPERATOR] },
    now: '2026-11-25T12:00:00Z',
  };
}

describe.skipIf(!available)('DCC RTDS 6.15.1 templates', () => {
  it('NO by NO parses into the model with the file values', () => {
    const result = parseRequest(read('CS02bNOByNO_6.15.1_SUCCESS'));
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const { header, body, signature } = result.request;
    expect(header.requestId).toMatchObject({ originator: NETWORK_OPERATOR, target: ESME, counter: 1200n });
    expect(header).toMatchObject({ commandVariant: 4, serviceReference: '6.15', serviceReferenceVariant: '6.15.1' });
    expect(body.remotePartyRole).toBe('NetworkOperator');
    expect(body.remotePartyFloorSeqNumber).toBe(0n);
    expect(body.remotePartyPrepaymentTopUpFloorSeqNumber).toBeUndefined();
    expect(body.executionDateTime).toBeUndefined();
    expect(body.replacementCertificates.map((c) => [c.slot, c.der.length])).toEqual([
      ['DigitalSigning', 407],
      ['KeyAgreement', 406],
    ]);
    expect(body.certificationPathCertificates).toHaveLength(1);
    expect(body.applyTimeBasedCpvChecks).toBe(true);
    expect(signature?.localName).toBe('Signature');
  });

  it('Supplier by Supplier (future dated) parses with both floor numbers, three slots and the execution time', () => {
    const result = parseRequest(read('CS02bSupplierBySupplier_6.15.1_FUTURE_DATED_SUCCESS'));
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const { header, body } = result.request;
    expect(header.requestId).toMatchObject({ originator: SUPPLIER, target: ESME, counter: 1001n });
    expect(body).toMatchObject({
      remotePartyRole: 'Supplier',
      remotePartyFloorSeqNumber: 0n,
      remotePartyPrepaymentTopUpFloorSeqNumber: 0n,
      executionDateTime: { text: '2030-01-15T00:00:00.00Z', hasTimezone: true, instant: new Date('2030-01-15T00:00:00Z') },
    });
    expect(body.replacementCertificates.map((c) => c.slot)).toEqual(['DigitalSigning', 'KeyAgreement', 'KeyAgreementTopUp']);
  });

  it('Load Controller by Supplier (immediate) parses', () => {
    const result = parseRequest(read('CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_SUCCESS'));
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    expect(result.request.body.remotePartyRole).toBe('LoadController');
    expect(result.request.body.executionDateTime).toBeUndefined();
  });

  it.each([
    'CS02bNOByNO_6.15.1_SUCCESS',
    'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS',
    'CS02bSupplierBySupplier_6.15.1_FUTURE_DATED_SUCCESS',
    'CS02bSupplierBySupplier_6.15.1_CANCELLATION_SUCCESS',
    'CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_SUCCESS',
    'CS02gLoadControllerBySupplier_6.15.1_FUTURE_DATED_SUCCESS',
    'CS02gLoadControllerBySupplier_6.15.1_CANCELLATION_SUCCESS',
  ])('%s is accepted with a context that makes it legitimate', (name) => {
    const verdict = validateRequest(read(name), legitimate());
    expect(verdict.findings).toEqual([]);
    expect(verdict.responseCode).toBe('I0');
  });

  it('NO by NO is rejected when the registry names another NO for distributor 12', () => {
    const context = legitimate();
    context.networkOperators['12'] = ['90-B3-D5-1F-30-03-00-00'];
    const verdict = validateRequest(read('CS02bNOByNO_6.15.1_SUCCESS'), context);
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]!.params).toMatchObject({ entityId: NETWORK_OPERATOR, distributorId: '12' });
  });

  it('NO by NO is rejected when registration data names another NO', () => {
    const context = legitimate();
    context.devices[ESME].networkOperator = ['90-B3-D5-1F-30-03-00-00'];
    expect(validateRequest(read('CS02bNOByNO_6.15.1_SUCCESS'), context).responseCode).toBe('E061510');
  });

  it('Supplier by Supplier from a Gas Supplier on an ESME is E061501', () => {
    const context = legitimate();
    (context as { users: unknown }).users = { [SUPPLIER]: { role: 'GS' } };
    expect(validateRequest(read('CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS'), context).responseCode).toBe('E061501');
  });

  it('the 6.15.2 and 6.21 templates are outside this library: SERVICE_NOT_SUPPORTED', () => {
    expect(validateRequest(read('CS02d_6.15.2_SUCCESS'), legitimate()).responseCode).toBe('SERVICE_NOT_SUPPORTED');
    expect(validateRequest(read('CS02bNOByNOHandover_6.21_SUCCESS'), legitimate()).responseCode).toBe('SERVICE_NOT_SUPPORTED');
  });
});
