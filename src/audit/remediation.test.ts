import { describe, expect, it } from 'vitest';
import { ACB, buildResponse, meterRows, NO_A, NO_B, SUPPLIER } from '../../test/support/build-response.js';
import { certificate } from '../../test/support/fixtures.js';
import { OFFICIAL_SCHEMA_AVAILABLE, validateWithOfficialSchema } from '../../test/support/xmllint.js';
import type { ValidationContext } from '../context.js';
import { validateRequest } from '../validate.js';
import { auditCredentials } from './audit.js';
import { buildRemediationRequests } from './remediation.js';

const ESME = '00-DB-12-34-56-78-91-02';
const der = (name: string) => new Uint8Array(Buffer.from(certificate(name), 'base64'));
const CERTIFICATES = ['network-operator-a-ds', 'network-operator-a-ka', 'network-operator-b-ds', 'network-operator-b-ka', 'issuing-ca', 'supplier-ds'].map(der);

const context: ValidationContext = {
  users: { [SUPPLIER]: { role: 'IS' }, [NO_A]: { role: 'ED' }, [NO_B]: { role: 'ED' } },
  devices: { [ESME]: { type: 'ESME', mpan: '1200000000011' } },
  networkOperators: { '12': [NO_A] },
  now: '2026-11-25T12:00:00Z',
};

const auditOf = (rows: ReturnType<typeof meterRows>) => auditCredentials([buildResponse({ device: ESME, rows })], context).devices[0]!;

describe('buildRemediationRequests', () => {
  const wrong = buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: CERTIFICATES, counter: 7n });
  const acb = buildRemediationRequests(auditOf(meterRows(ACB)), { certificates: CERTIFICATES });

  it('a wrong NO: the holder sends a 6.15.1 placing the expected NO\'s DS and KA certificates, accepted by validateRequest', () => {
    expect(wrong).toHaveLength(1);
    const [request] = wrong;
    if (!request?.ok) throw new Error(JSON.stringify(request));
    expect(request.sender).toBe(NO_B);
    expect(request.xml).toContain(`<sr:RequestID>${NO_B}:${ESME}:7</sr:RequestID>`);
    const verdict = validateRequest(request.xml, context);
    expect(verdict).toMatchObject({ responseCode: 'I0', service: '6.15.1', coverage: 'full' });
    expect(verdict.accepted && verdict.request.body).toMatchObject({ remotePartyRole: 'NetworkOperator' });
    // Near miss: the same request carrying the wrong NO's own certificates is what the rule exists to stop.
    const backwards = request.xml.replace(certificate('network-operator-a-ds'), certificate('network-operator-b-ds'));
    expect(validateRequest(backwards, context).responseCode).toBe('E061510');
  });

  it('slots still holding the ACB: the Supplier sends the 6.21 handover to the expected NO, accepted by validateRequest', () => {
    const [request] = acb;
    if (!request?.ok) throw new Error(JSON.stringify(request));
    expect(request.sender).toBe(SUPPLIER);
    expect(validateRequest(request.xml, context)).toMatchObject({ responseCode: 'I0', service: '6.21' });
  });

  it('a correct device needs no request', () => {
    expect(buildRemediationRequests(auditOf(meterRows(NO_A)), { certificates: CERTIFICATES })).toEqual([]);
  });

  it("without the expected NO's certificates and their issuer: no request, and the reason", () => {
    const missingIssuer = CERTIFICATES.slice(0, 4);
    expect(buildRemediationRequests(auditOf(meterRows(NO_B)), { certificates: missingIssuer })).toEqual([
      { ok: false, action: expect.objectContaining({ kind: 'replace-by-holder' }), reason: expect.stringMatching(/with their issuer, for 90-B3-D5-1F-30-02-00-00/) },
    ]);
  });

  it('a handover when the response shows no Supplier: no request, and the reason', () => {
    const rows = meterRows(ACB).filter((r) => r.role !== 'Supplier');
    expect(buildRemediationRequests(auditOf(rows), { certificates: CERTIFICATES })[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/no Supplier/) });
  });

  it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)('both requests are valid under DUIS XSD V5.4', async () => {
    const docs = [...wrong, ...acb].map((r, i) => ({ name: `r${i}`, xml: r.ok ? r.xml : '' }));
    const verdicts = await validateWithOfficialSchema(docs);
    expect(verdicts.map((v) => [v.name, v.valid, v.errors])).toEqual(docs.map((d) => [d.name, true, []]));
  }, 60_000);
});
