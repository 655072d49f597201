import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import { validateRequest } from '../../src/validate.js';
import type { ValidationContext } from '../../src/context.js';
import { credentialsRequest } from '../support/parsed.js';
import { USER_ROLES, type UserRole } from '../../src/duis/roles.js';
import { serviceFor } from '../../src/services/index.js';

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
    const { header, body, signature } = credentialsRequest(parseRequest(read('CS02bNOByNO_6.15.1_SUCCESS')));
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
    const { header, body } = credentialsRequest(parseRequest(read('CS02bSupplierBySupplier_6.15.1_FUTURE_DATED_SUCCESS')));
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
    const { body } = credentialsRequest(parseRequest(read('CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_SUCCESS')));
    expect(body.remotePartyRole).toBe('LoadController');
    expect(body.executionDateTime).toBeUndefined();
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

});

// The DCC's own SRV matrix (duis-parser), read in place: the eligible roles below come from it, not from our
// catalogue, so these tests compare the gate with an independent source.
const matrixUrl = new URL('../../../shared/reference/duis/duis-request-matrix.json', import.meta.url);
const matrixAvailable = available && existsSync(matrixUrl);

interface Template {
  readonly file: string;
  readonly xml: string;
  readonly originator: string;
  readonly target: string;
  readonly srv: string;
}

function readTemplates(): Template[] {
  if (!available) return [];
  return readdirSync(fileURLToPath(templates))
    .filter((f) => f.endsWith('.XML'))
    .sort()
    .map((file) => {
      const xml = readFileSync(new URL(file, templates), 'utf8');
      // Read with a pattern on purpose: the header as the file spells it, independent of the parser under test.
      const [, originator, target] = /RequestID>([0-9A-F-]+):([0-9A-F-]+):/.exec(xml) ?? [];
      const srv = /ServiceReferenceVariant>([^<]+)</.exec(xml)?.[1];
      if (!originator || !target || !srv) throw new Error(`${file}: no RequestID or ServiceReferenceVariant`);
      return { file, xml, originator, target, srv };
    });
}

const all = readTemplates();
const eligible: ReadonlyMap<string, readonly UserRole[]> = matrixAvailable
  ? new Map(
      (JSON.parse(readFileSync(matrixUrl, 'utf8')) as { 'Service Reference Variant': string; 'Eligible User Roles': UserRole[] }[]).map(
        (e) => [e['Service Reference Variant'], e['Eligible User Roles']],
      ),
    )
  : new Map();
const nonDevice: ReadonlyMap<string, boolean> = matrixAvailable
  ? new Map(
      (JSON.parse(readFileSync(matrixUrl, 'utf8')) as { 'Service Reference Variant': string; 'Non-Device Request': string }[]).map(
        (e) => [e['Service Reference Variant'], e['Non-Device Request'] === 'Yes'],
      ),
    )
  : new Map();
const generic = all.filter((t) => !serviceFor(t.srv));

/** Every target known, the originator with `role`: only the checks common to all requests can fail. */
function contextFor(t: Template, role: UserRole | undefined): ValidationContext {
  return {
    users: role ? { [t.originator]: { role } } : {},
    devices: { [t.target]: { type: 'ESME', mpan: '1200000000011' } },
    now: '2026-11-25T12:00:00Z',
  };
}

describe.skipIf(!matrixAvailable)('all 297 DCC RTDS request templates through the gate', () => {
  it('there are 297 templates over every one of the 129 SRVs, and each parses', () => {
    expect(all).toHaveLength(297);
    expect(new Set(all.map((t) => t.srv)).size).toBe(129);
    const failures = all.filter((t) => !parseRequest(t.xml).ok).map((t) => t.file);
    expect(failures).toEqual([]);
  });

  it('every SRV the library does not validate in depth passes with coverage generic when the sender is eligible', () => {
    const outcomes = generic.map((t) => {
      const role = eligible.get(t.srv)?.[0];
      if (!role) return { file: t.file, skipped: 'no eligible role' };
      const verdict = validateRequest(t.xml, contextFor(t, role));
      return { file: t.file, code: verdict.responseCode, coverage: verdict.coverage, service: verdict.service, srv: t.srv };
    });
    const sendable = outcomes.filter((o) => !('skipped' in o));
    expect(sendable.length).toBeGreaterThan(270);
    expect(sendable.filter((o) => o.code !== 'I0' || o.coverage !== 'generic' || o.service !== o.srv)).toEqual([]);
  });

  it('E2 for every generic template from every User Role the DCC matrix does not list; near miss: every role it lists', () => {
    const wrong: string[] = [];
    for (const t of generic) {
      const allowed = eligible.get(t.srv) ?? [];
      for (const role of USER_ROLES) {
        const verdict = validateRequest(t.xml, contextFor(t, role));
        const expected = allowed.includes(role) ? 'I0' : 'E2';
        if (verdict.responseCode !== expected) wrong.push(`${t.file} from ${role}: ${verdict.responseCode}, expected ${expected}`);
        else if (expected === 'E2') {
          expect(verdict.findings[0]).toMatchObject({
            code: 'E2',
            path: '/Request/Header/RequestID',
            params: { userRole: role, srv: t.srv },
          });
          const first = verdict.findings[0]!;
          expect(first.code === 'E2' && [...first.params.eligible].sort()).toEqual([...allowed].sort());
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('E1 for every template when the originator is unknown', () => {
    const wrong = all.filter((t) => validateRequest(t.xml, contextFor(t, undefined)).responseCode !== 'E1').map((t) => t.file);
    expect(wrong).toEqual([]);
  });

  it('E19 for every Device request to an unknown device; near miss: Non-Device Requests never get E19', () => {
    const wrong: string[] = [];
    for (const t of generic) {
      const role = eligible.get(t.srv)?.[0];
      if (!role) continue;
      const context = { ...contextFor(t, role), devices: {} };
      const verdict = validateRequest(t.xml, context);
      const expected = nonDevice.get(t.srv) ? 'I0' : 'E19';
      if (verdict.responseCode !== expected) wrong.push(`${t.file}: ${verdict.responseCode}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('unsupported: reject turns every generic template into SERVICE_NOT_VALIDATED naming its SRV and body', () => {
    const t = generic.find((g) => g.srv === '4.17') ?? generic[0]!;
    const verdict = validateRequest(t.xml, contextFor(t, eligible.get(t.srv)![0]), { unsupported: 'reject' });
    expect(verdict.responseCode).toBe('SERVICE_NOT_VALIDATED');
    expect(verdict.findings.at(-1)).toMatchObject({ code: 'SERVICE_NOT_VALIDATED', params: { srv: t.srv } });
  });
});

describe.skipIf(!available)('DCC RTDS 6.21 templates (validated in depth)', () => {
  const GPF = '00-DB-12-34-56-78-90-A3';
  const GAS_TRANSPORTER = '90-B3-D5-1F-30-03-00-00';
  const handoverContext = (type: 'GPF' | 'GSME', transporter = GAS_TRANSPORTER): ValidationContext => ({
    users: { [SUPPLIER]: { role: 'GS' } },
    devices: { [GPF]: { type, networkOperator: [transporter] } },
    now: '2026-11-25T12:00:00Z',
  });

  it('NO by NO handover to the GPF is accepted in full when registration data names the NO that signed the certificates', () => {
    const verdict = validateRequest(read('CS02bNOByNOHandover_6.21_SUCCESS'), handoverContext('GPF', NETWORK_OPERATOR));
    expect(verdict).toMatchObject({ responseCode: 'I0', service: '6.21', coverage: 'full', findings: [] });
  });

  it('E062106 when registration data names another gas transporter', () => {
    const verdict = validateRequest(read('CS02bNOByNOHandover_6.21_SUCCESS'), handoverContext('GPF'));
    expect(verdict.responseCode).toBe('E062106');
    expect(verdict.findings[0]).toMatchObject({
      code: 'E062106',
      path: '/Request/Body/RequestHandoverOfDCCControlledDevice/ReplacementCertificates/DigitalSigningCertificate',
      params: { entityId: NETWORK_OPERATOR, deviceType: 'GPF', allowed: [GAS_TRANSPORTER], source: 'registration-data' },
    });
  });

  it('Supplier by Supplier handover is accepted in full on a GSME; near miss: a GPF has no KeyAgreementTopUp slot', () => {
    expect(validateRequest(read('CS02bSupplierBySupplierHandover_6.21_SUCCESS'), handoverContext('GPF')).responseCode).toBe(
      'CERTIFICATE_TYPE_NOT_FOR_DEVICE',
    );
    const verdict = validateRequest(read('CS02bSupplierBySupplierHandover_6.21_SUCCESS'), handoverContext('GSME'));
    expect(verdict).toMatchObject({ responseCode: 'I0', service: '6.21', coverage: 'full', findings: [] });
  });
});
