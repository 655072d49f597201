import { describe, expect, it } from 'vitest';
import { ACB, buildResponse, GAS_TRANSPORTER, meterRows, NO_A, NO_B, SUPPLIER } from '../../test/support/build-response.js';
import { device, MPAN_12, smallEstate, smallEstateContext } from '../../test/support/small-estate.js';
import type { ValidationContext } from '../context.js';
import { auditCredentials, type AuditInput } from './audit.js';
import type { DeviceAudit } from './model.js';

const context = smallEstateContext;
const estate = smallEstate;

const byId = (devices: readonly DeviceAudit[]) => new Map(devices.map((d) => [d.deviceId, d]));

describe('auditCredentials over a small estate', () => {
  // Audited inside each test, not at collection: the mutation runner activates a mutant per test.
  const audited = () => {
    const report = auditCredentials(estate(), context());
    return { report, devices: byId(report.devices) };
  };

  it('judges every device once, in the order first seen', () => {
    const { report } = audited();
    expect(report.devices.map((d) => d.deviceId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(device));
    expect(report.problems).toEqual([]);
  });

  it('right NO: correct, holder and expected NO A from the registry', () => {
    const { devices } = audited();
    expect(devices.get(device(1))).toMatchObject({
      status: 'correct',
      holder: { DigitalSigning: NO_A, KeyAgreement: NO_A },
      expected: [NO_A],
      expectedSource: 'registry',
      mpan: MPAN_12,
      distributorId: '12',
      distributorName: 'London',
      actions: [],
      source: 'right.xml',
    });
  });

  it('wrong NO: the holder (NO B) must send the 6.15.1 replacing its certificates with NO A\'s; the latest response wins', () => {
    const { devices } = audited();
    expect(devices.get(device(2))).toMatchObject({
      status: 'wrong-network-operator',
      holder: { DigitalSigning: NO_B, KeyAgreement: NO_B },
      expected: [NO_A],
      counter: '200',
      source: 'wrong.xml',
      slots: [
        { slot: 'DigitalSigning', holder: NO_B, holderIs: 'other' },
        { slot: 'KeyAgreement', holder: NO_B, holderIs: 'other' },
      ],
      actions: [{ kind: 'replace-by-holder', srv: '6.15.1', by: NO_B, slots: ['DigitalSigning', 'KeyAgreement'], replaceWith: [NO_A] }],
    });
  });

  it("another distributor's NO: NO A on a distributor-14 meter is wrong, NO B expected", () => {
    const { devices } = audited();
    expect(devices.get(device(3))).toMatchObject({ status: 'wrong-network-operator', expected: [NO_B], distributorId: '14', actions: [{ by: NO_A }] });
  });

  it('a wrong KeyAgreement slot only: wrong, one slot, the action names that slot', () => {
    const { devices } = audited();
    expect(devices.get(device(4))).toMatchObject({
      status: 'wrong-network-operator',
      slots: [{ slot: 'DigitalSigning', holderIs: 'expected' }, { slot: 'KeyAgreement', holder: NO_B, holderIs: 'other' }],
      actions: [{ kind: 'replace-by-holder', by: NO_B, slots: ['KeyAgreement'] }],
    });
  });

  it("slots still holding the DCC's ACB: the Supplier (from the response's Supplier slots) requests the 6.21 handover", () => {
    const { devices } = audited();
    expect(devices.get(device(5))).toMatchObject({
      status: 'wrong-network-operator',
      slots: [{ holderIs: 'acb' }, { holderIs: 'acb' }],
      actions: [{ kind: 'handover-by-supplier', srv: '6.21', by: SUPPLIER, slots: ['DigitalSigning', 'KeyAgreement'], replaceWith: [NO_A] }],
    });
  });

  it('a GPF with registration data naming the gas transporter: correct; near miss: a GSME without it is not checked', () => {
    const { devices } = audited();
    expect(devices.get(device(6))).toMatchObject({ status: 'correct', expected: [GAS_TRANSPORTER], expectedSource: 'registration-data' });
    expect(devices.get(device(12))).toMatchObject({ status: 'not-checked', reason: 'no-registration-data' });
  });

  it.each([
    [7, 'no-mpan'],
    [8, 'unknown-device'],
    [9, 'no-network-operator-rows'],
    [10, 'unknown-distributor'],
    [11, 'invalid-mpan'],
    [13, 'device-type-not-covered'],
  ] as const)('device %i is not checked: %s', (n, reason) => {
    const { devices } = audited();
    expect(devices.get(device(n))).toMatchObject({ status: 'not-checked', reason, actions: [], expected: [] });
  });

  it('an unknown distributor still names it; the holder is reported even when the device is not checked', () => {
    const { devices } = audited();
    expect(devices.get(device(10))).toMatchObject({ distributorId: '20', holder: { DigitalSigning: NO_A } });
    expect(devices.get(device(8))).toMatchObject({ deviceType: null, holder: { DigitalSigning: NO_A } });
  });

  it('the summary counts by status, reason, holder of a wrong slot and distributor', () => {
    const { report } = audited();
    expect(report.summary).toEqual({
      responses: 14,
      devices: 13,
      byStatus: { correct: 2, 'wrong-network-operator': 4, 'not-checked': 7 },
      byReason: {
        'no-mpan': 1,
        'unknown-device': 1,
        'no-network-operator-rows': 1,
        'unknown-distributor': 1,
        'invalid-mpan': 1,
        'no-registration-data': 1,
        'device-type-not-covered': 1,
      },
      wrongByHolder: [
        { holder: NO_B, devices: 2 },
        { holder: NO_A, devices: 1 },
        { holder: ACB, devices: 1 },
      ],
      byDistributor: [
        { distributor: '12', correct: 1, wrong: 3 },
        { distributor: '14', correct: 0, wrong: 1 },
        { distributor: 'registration-data', correct: 1, wrong: 0 },
      ],
      problems: 0,
    });
  });
});

describe('auditCredentials: the edges', () => {
  it('a row the device could not read (status other than success) does not count as a holder', () => {
    const rows = meterRows(NO_B).map((r) =>
      r.role === 'NetworkOperator' ? { ...r, status: '<ra:StatusCode ResponseCode="1"><ra:ASN1Status>trustAnchorNotFound</ra:ASN1Status></ra:StatusCode>' } : r,
    );
    const [audit] = auditCredentials([buildResponse({ device: device(1), rows })], context()).devices;
    expect(audit).toMatchObject({ status: 'not-checked', reason: 'no-network-operator-rows', holder: {} });
  });

  it('MessageSuccess="false": not checked; near miss: absent MessageSuccess is read as a reading', () => {
    expect(auditCredentials([buildResponse({ device: device(2), messageSuccess: 'false', rows: meterRows(NO_B) })], context()).devices[0]).toMatchObject({
      status: 'not-checked',
      reason: 'response-unsuccessful',
    });
    expect(auditCredentials([buildResponse({ device: device(2), messageSuccess: null, rows: meterRows(NO_B) })], context()).devices[0]!.status).toBe(
      'wrong-network-operator',
    );
  });

  it('an ACB given in options is recognised even when the response lists no ACB slot', () => {
    const rows = meterRows(ACB).filter((r) => r.role !== 'ACB');
    const withoutOption = auditCredentials([buildResponse({ device: device(5), rows })], context()).devices[0]!;
    expect(withoutOption.actions).toMatchObject([{ kind: 'replace-by-holder', by: ACB }]);
    const withOption = auditCredentials([buildResponse({ device: device(5), rows })], context(), { acb: ['90b3d51f30070000'] }).devices[0]!;
    expect(withOption.actions).toMatchObject([{ kind: 'handover-by-supplier' }]);
  });

  it('registration data wins over the registry, as in the Certificate Party rule', () => {
    const c = context();
    c.devices[device(1)] = { type: 'ESME', mpan: MPAN_12, networkOperator: [NO_B] };
    expect(auditCredentials([buildResponse({ device: device(1) })], c).devices[0]).toMatchObject({
      status: 'wrong-network-operator',
      expected: [NO_B],
      expectedSource: 'registration-data',
    });
  });

  it('unreadable inputs are problems with their findings and the audit goes on; sources default to #n', () => {
    const report = auditCredentials(['<broken', buildResponse({ device: device(1) }), buildResponse({ rows: [] })], context());
    expect(report.devices.map((d) => d.deviceId)).toEqual([device(1)]);
    expect(report.problems.map((p) => [p.source, p.findings[0]!.code])).toEqual([
      ['#1', 'XML_MALFORMED'],
      ['#3', 'RESPONSE_NO_REMOTE_PARTY_DETAILS'],
    ]);
    expect(report.summary).toMatchObject({ responses: 3, devices: 1, problems: 2 });
  });

  it('an invalid context is one problem and no devices', () => {
    const report = auditCredentials([buildResponse()], { devices: { nope: { type: 'ESME' } } } as ValidationContext);
    expect(report.devices).toEqual([]);
    expect(report.problems[0]).toMatchObject({ source: 'context', findings: [{ code: 'CONTEXT_INVALID' }] });
  });

  it('bad options throw a TypeError naming them', () => {
    expect(() => auditCredentials([], {}, { acbs: [] } as never)).toThrow(/did you mean "acb"/);
    expect(() => auditCredentials([], {}, { acb: ['nope'] })).toThrow(TypeError);
    expect(() => auditCredentials([], {}, { deviceTypes: { electricity: ['ESMEE'], gas: [] } as never })).toThrow(/ESMEE/);
    expect(() => auditCredentials(42 as never, {})).toThrow(/iterable/);
  });
});

describe('auditCredentials: bad options and inputs, exactly', () => {
  it.each([
    ['null options', () => auditCredentials([], {}, null as never), 'auditCredentials: options must be an object'],
    ['non-object options', () => auditCredentials([], {}, 42 as never), 'auditCredentials: options must be an object'],
    ['an unknown option', () => auditCredentials([], {}, { acbs: [] } as never), 'auditCredentials: unknown option "acbs" (did you mean "acb"?); expected deviceTypes, acb, limits'],
    // Checked up front, even when no response is read.
    ['a bad limit', () => auditCredentials([], {}, { limits: { maxBytes: 0 } }), 'limits.maxBytes must be a positive integer, got 0'],
    ['an acb entry that is not a string', () => auditCredentials([], {}, { acb: [42] as never }), 'auditCredentials: acb must list EUI-64 Entity IDs, got 42'],
    ['an acb entry that is not an EUI-64', () => auditCredentials([], {}, { acb: ['nope'] }), 'auditCredentials: acb must list EUI-64 Entity IDs, got "nope"'],
    [
      'an unknown device type',
      () => auditCredentials([], {}, { deviceTypes: { electricity: ['ESMEE'], gas: [] } as never }),
      'auditCredentials: options.deviceTypes.electricity[0]: unknown device type "ESMEE" (expected one of ESME, GSME, GPF, CHF, HCALCS, PPMID, IHD, CAD)',
    ],
    ['null responses', () => auditCredentials(null as never, {}), 'auditCredentials: responses must be an iterable or an async iterable'],
    ['non-iterable responses', () => auditCredentials(42 as never, {}), 'auditCredentials: responses must be an iterable or an async iterable'],
  ] as const)('%s: a TypeError with its message', (_, run, message) => {
    expect(run).toThrow(new TypeError(message));
  });

  it('a null context is an invalid context, not look-ups', () => {
    expect(auditCredentials([buildResponse()], null as never)).toMatchObject({
      devices: [],
      problems: [{ source: 'context', findings: [{ code: 'CONTEXT_INVALID', params: { jsonPath: '$', reason: 'the context must be an object' } }] }],
    });
  });

  it('a null input is a problem of its own (#n), not a { source, xml } pair', () => {
    expect(auditCredentials([null as never, buildResponse({ device: device(1) })], context())).toMatchObject({
      devices: [{ deviceId: device(1), source: '#2' }],
      problems: [{ source: '#1', findings: [{ code: 'INPUT_INVALID', params: { reason: 'expected a string or Uint8Array, received null' } }] }],
    });
  });

  it('limits apply to each response; near miss: the same response within the default limits is read', () => {
    const xml = buildResponse({ device: device(1) });
    expect(auditCredentials([xml], context(), { limits: { maxBytes: 100 } }).problems).toEqual([
      { source: '#1', findings: [expect.objectContaining({ code: 'XML_TOO_LARGE', params: { limit: 100, received: null } })] },
    ]);
    expect(auditCredentials([xml], context(), { limits: { maxBytes: xml.length } }).problems).toEqual([]);
  });

  it('an equal counter is the same response seen again: the first one read stays', () => {
    const report = auditCredentials(
      [
        { source: 'first.xml', xml: buildResponse({ device: device(2), rows: meterRows(NO_B), counter: '100' }) },
        { source: 'again.xml', xml: buildResponse({ device: device(2), rows: meterRows(NO_A), counter: '100' }) },
        { source: 'newer.xml', xml: buildResponse({ device: device(1), counter: '100' }) },
        { source: 'newest.xml', xml: buildResponse({ device: device(1), rows: meterRows(NO_B), counter: '101' }) },
      ],
      context(),
    );
    expect(report.devices.map((d) => [d.source, d.status])).toEqual([
      ['first.xml', 'wrong-network-operator'],
      ['newest.xml', 'wrong-network-operator'],
    ]);
  });
});

describe('auditCredentials over an async iterable', () => {
  async function* stream(inputs: readonly AuditInput[]) {
    for (const input of inputs) yield input;
  }

  it('with a context: the same report as the sync audit', async () => {
    expect(await auditCredentials(stream(estate()), context())).toEqual(auditCredentials(estate(), context()));
  });

  it('with look-ups: the same report, asking only for the devices seen and the distributors they need', async () => {
    const c = context();
    const asked: string[] = [];
    const report = await auditCredentials(stream(estate()), {
      lookupDevice: async (id) => {
        asked.push(`device ${id}`);
        return c.devices[id];
      },
      lookupNetworkOperators: async (distributorId) => {
        asked.push(`distributor ${distributorId}`);
        return c.networkOperators[distributorId];
      },
    });
    expect(report).toEqual(auditCredentials(estate(), c));
    // One device look-up per response; a registry look-up only for an ESME with a valid MPAN and no registration data.
    expect(asked.filter((a) => a.startsWith('device'))).toHaveLength(14);
    expect([...new Set(asked.filter((a) => a.startsWith('distributor')))].sort()).toEqual(['distributor 12', 'distributor 14', 'distributor 20']);
  });

  it('a failing look-up is a LOOKUP_FAILED problem for that response; a malformed record CONTEXT_INVALID', async () => {
    const report = await auditCredentials(stream([{ source: 'a', xml: buildResponse({ device: device(1) }) }, { source: 'b', xml: buildResponse({ device: device(2) }) }]), {
      lookupDevice: async (id) => {
        if (id === device(1)) throw new Error('database down');
        return { type: 'ESMEE' } as never;
      },
    });
    expect(report.devices).toEqual([]);
    expect(report.problems).toMatchObject([
      { source: 'a', findings: [{ code: 'LOOKUP_FAILED', params: { lookup: 'device', error: 'database down' } }] },
      { source: 'b', findings: [{ code: 'CONTEXT_INVALID' }] },
    ]);
  });

  it('with an invalid context: one problem and no devices', async () => {
    const report = await auditCredentials(stream([buildResponse()]), { devices: { nope: { type: 'ESME' } } } as ValidationContext);
    expect(report.devices).toEqual([]);
    expect(report.problems).toMatchObject([{ source: 'context', findings: [{ code: 'CONTEXT_INVALID', path: '$.devices["nope"]' }] }]);
  });

  it('with look-ups: an unreadable input is a problem and the audit goes on', async () => {
    const c = context();
    const report = await auditCredentials(stream(['<broken', buildResponse({ device: device(1) })]), { lookupDevice: (id) => c.devices[id] });
    expect(report.problems.map((p) => [p.source, p.findings[0]!.code])).toEqual([['#1', 'XML_MALFORMED']]);
    expect(report.devices).toMatchObject([{ deviceId: device(1), source: '#2', status: 'not-checked', reason: 'unknown-distributor' }]);
  });

  it('a failing registry look-up names the look-up and the Distributor ID', async () => {
    const report = await auditCredentials(stream([{ source: 'a', xml: buildResponse({ device: device(1) }) }]), {
      lookupDevice: () => ({ type: 'ESME', mpan: MPAN_12 }),
      lookupNetworkOperators: () => {
        throw new Error('registry down');
      },
    });
    expect(report.devices).toEqual([]);
    expect(report.problems).toEqual([
      { source: 'a', findings: [expect.objectContaining({ code: 'LOOKUP_FAILED', params: { lookup: 'networkOperators', key: '12', error: 'registry down' } })] },
    ]);
  });

  it('a registry look-up answering a bad list is CONTEXT_INVALID at its registry path', async () => {
    const report = await auditCredentials(stream([{ source: 'a', xml: buildResponse({ device: device(1) }) }]), {
      lookupDevice: () => ({ type: 'ESME', mpan: MPAN_12 }),
      lookupNetworkOperators: () => ['nope'],
    });
    expect(report.devices).toEqual([]);
    expect(report.problems).toEqual([
      {
        source: 'a',
        findings: [
          expect.objectContaining({
            code: 'CONTEXT_INVALID',
            path: '$.networkOperators["12"][0]',
            params: { jsonPath: '$.networkOperators["12"][0]', reason: "'nope' is not an EUI-64 Entity ID" },
          }),
        ],
      },
    ]);
  });

  it('only a failing look-up is LOOKUP_FAILED: an error thrown while reading its answer propagates', async () => {
    const record = {
      get type(): string {
        throw new Error('boom');
      },
    };
    await expect(auditCredentials(stream([buildResponse({ device: device(1) })]), { lookupDevice: () => record as never })).rejects.toThrow(new Error('boom'));
  });

  it('look-ups with a sync iterable are a TypeError', () => {
    expect(() => auditCredentials([], { lookupDevice: () => undefined } as never)).toThrow(/async iterable/);
  });
});

describe('mergeAuditReports', () => {
  it('shards audited apart and merged equal the whole estate audited at once', async () => {
    const { mergeAuditReports } = await import('./merge.js');
    const inputs = estate();
    const whole = auditCredentials(inputs, context());
    for (const cut of [1, 5, 13]) {
      const merged = mergeAuditReports([auditCredentials(inputs.slice(0, cut), context()), auditCredentials(inputs.slice(cut), context())]);
      expect(merged, `cut at ${cut}`).toEqual(whole);
    }
  });
});
