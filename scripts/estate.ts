/**
 * The "estate audit" fixtures: parsed SRV 6.24.1 Retrieve Device Security Credentials (KRP) responses, as DCC's
 * Parse and Correlate writes them (MMC schema V5.4, `ra:GBCSResponse`), for a small estate of meters whose
 * Network Operator certificate slots are right, wrong, or cannot be judged.
 *
 * No public sample of a parsed 6.24.1 response exists: these documents follow the MMC XSD, not captured traffic.
 * The Entity IDs are the test PKI's (see fixtures/README.md) plus a fictional Root; none of it is DCC data.
 *
 * Deterministic like the rest of the fixtures: no randomness, no clock. `buildFixtures()` in
 * scripts/generate-fixtures.ts merges `buildEstate()` into what `npm run fixtures` writes.
 *
 * `generateResponses` / `generateEstateContext` build a synthetic estate of any size for the benchmark.
 */
import { createHash } from 'node:crypto';
// Not from generate-fixtures.ts: that module imports this one.
import { DISTRIBUTORS, mpanCheckDigit } from '../src/mpan/index.js';

// ---------------------------------------------------------------------------------------------------------------
// Parties
// ---------------------------------------------------------------------------------------------------------------

const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
const NO_A = '90-B3-D5-1F-30-02-00-00';
const NO_B = '90-B3-D5-1F-30-03-00-00';
const GAS_TRANSPORTER = '90-B3-D5-1F-30-04-00-00';
const ACB = '90-B3-D5-1F-30-07-00-00';
const RECOVERY = '90-B3-D5-1F-30-09-00-00';
// The test PKI's root has no Entity ID; a device's Root slot still names one, so this one is made up.
const ROOT = '90-B3-D5-1F-30-00-00-01';

const NOW = '2026-11-25T12:00:00Z';
const RESPONSE_TIME = '2026-11-20T09:00:00Z';
const OLDER_RESPONSE_TIME = '2026-11-02T09:00:00Z';

const RA_NS = 'http://www.dccinterface.co.uk/ResponseAndAlert';

export type CertificateUsage = 'DigitalSigning' | 'KeyAgreement' | 'KeyAgreementTopUp' | 'KeyCertSign';
type RemotePartyRole = 'Root' | 'Recovery' | 'Supplier' | 'NetworkOperator' | 'ACB';

interface Row {
  role: RemotePartyRole;
  usage: CertificateUsage;
  holder: string;
  floor?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------------------------

const hashCache = new Map<string, string>();

/**
 * SHA-1 (base64) of a seed naming the holder and the key usage: the same organisation certificate gets the same
 * hash on every meter, as a real one would, which lets the audit group meters by certificate.
 */
function certificateHash(holder: string, usage: CertificateUsage): string {
  const seed = `duis-validator estate certificate/${holder}/${usage}`;
  let hash = hashCache.get(seed);
  if (hash === undefined) {
    hash = createHash('sha1').update(seed).digest('base64');
    hashCache.set(seed, hash);
  }
  return hash;
}

const SUCCESS = '<ra:StatusCode ResponseCode="0"><ra:ASN1Status>success</ra:ASN1Status></ra:StatusCode>';

function rowXml(row: Row): string {
  return (
    '          <ra:RemotePartyDetails>\n' +
    `            <ra:RemotePartyRole>${row.role}</ra:RemotePartyRole>\n` +
    `            ${SUCCESS}\n` +
    (row.floor === undefined ? '' : `            <ra:RemotePartyFloorSeqNumber>${row.floor}</ra:RemotePartyFloorSeqNumber>\n`) +
    `            <ra:CertificateUsage>${row.usage}</ra:CertificateUsage>\n` +
    `            <ra:ExistingRemotePartyID>${row.holder}</ra:ExistingRemotePartyID>\n` +
    `            <ra:ExistingCertificateHash>${certificateHash(row.holder, row.usage)}</ra:ExistingCertificateHash>\n` +
    '          </ra:RemotePartyDetails>\n'
  );
}

interface HeaderSpec {
  /** Absent only to build the schema-invalid fixture. */
  originator?: string;
  target: string;
  counter: number | bigint;
  serviceReference?: string;
  serviceReferenceVariant?: string;
  timestamp: string;
}

function headerXml(h: HeaderSpec): string {
  return (
    '  <ra:Header>\n' +
    (h.originator === undefined ? '' : `    <ra:BusinessOriginatorID>${h.originator}</ra:BusinessOriginatorID>\n`) +
    `    <ra:BusinessTargetID>${h.target}</ra:BusinessTargetID>\n` +
    `    <ra:OriginatorCounter>${h.counter}</ra:OriginatorCounter>\n` +
    (h.serviceReference === undefined ? '' : `    <ra:ServiceReference>${h.serviceReference}</ra:ServiceReference>\n`) +
    (h.serviceReferenceVariant === undefined
      ? ''
      : `    <ra:ServiceReferenceVariant>${h.serviceReferenceVariant}</ra:ServiceReferenceVariant>\n`) +
    `    <ra:Timestamp>${h.timestamp}</ra:Timestamp>\n` +
    '  </ra:Header>\n'
  );
}

function documentXml(header: HeaderSpec, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ra:GBCSResponse xmlns:ra="${RA_NS}" schemaVersion="5.4">\n` +
    headerXml(header) +
    '  <ra:Body>\n' +
    body +
    '  </ra:Body>\n' +
    '</ra:GBCSResponse>\n'
  );
}

function smetsResponse(inner: string): string {
  return '    <ra:ResponseMessage>\n      <ra:SMETSData>\n' + inner + '      </ra:SMETSData>\n    </ra:ResponseMessage>\n';
}

interface ResponseSpec {
  device: string;
  counter: number | bigint;
  timestamp: string;
  rows: readonly Row[];
  omitOriginator?: boolean;
}

function krpResponseXml(spec: ResponseSpec): string {
  const rows = spec.rows.map(rowXml).join('');
  const inner =
    rows === ''
      ? '        <ra:RetrieveDeviceSecurityCredentialsKRPRsp MessageSuccess="true"/>\n'
      : '        <ra:RetrieveDeviceSecurityCredentialsKRPRsp MessageSuccess="true">\n' +
        rows +
        '        </ra:RetrieveDeviceSecurityCredentialsKRPRsp>\n';
  return documentXml(
    {
      ...(spec.omitOriginator ? {} : { originator: spec.device }),
      target: SUPPLIER,
      counter: spec.counter,
      serviceReference: '6.24',
      serviceReferenceVariant: '6.24.1',
      timestamp: spec.timestamp,
    },
    smetsResponse(inner),
  );
}

/** What a meter's slots hold: every Remote Party the device trusts, in the order GBCS lists the roles. */
function slotRows(networkOperator: { DigitalSigning?: string; KeyAgreement?: string } | undefined): Row[] {
  return [
    { role: 'Root', usage: 'KeyCertSign', holder: ROOT },
    { role: 'Recovery', usage: 'DigitalSigning', holder: RECOVERY },
    { role: 'Supplier', usage: 'DigitalSigning', holder: SUPPLIER, floor: 0 },
    { role: 'Supplier', usage: 'KeyAgreement', holder: SUPPLIER, floor: 0 },
    { role: 'Supplier', usage: 'KeyAgreementTopUp', holder: SUPPLIER, floor: 0 },
    ...(networkOperator === undefined
      ? []
      : (['DigitalSigning', 'KeyAgreement'] as const).flatMap((usage): Row[] => {
          const holder = networkOperator[usage];
          return holder === undefined ? [] : [{ role: 'NetworkOperator', usage, holder, floor: 0 }];
        })),
    { role: 'ACB', usage: 'DigitalSigning', holder: ACB },
    { role: 'ACB', usage: 'KeyAgreement', holder: ACB },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// The estate
// ---------------------------------------------------------------------------------------------------------------

export type EstateExpectation = 'correct' | 'wrong-network-operator' | 'not-checked';

export interface EstateCase {
  /** File name under `fixtures/estate/responses/`. */
  readonly file: string;
  readonly deviceId: string;
  readonly expected: EstateExpectation;
  /** Who holds the device's NetworkOperator slots, as the response reports it (empty: no such rows). */
  readonly holder: { readonly DigitalSigning?: string; readonly KeyAgreement?: string };
  /** The Entity IDs the context allows in those slots; empty when the device cannot be checked. */
  readonly expectedParties: readonly string[];
}

type DeviceContext = { type: 'ESME' | 'GPF'; mpan?: string; networkOperator?: string[] };

interface CaseSpec extends EstateCase {
  /** The device's context entry; absent: the device is not in the context at all. */
  readonly context?: DeviceContext;
  readonly counter: number;
}

const deviceId = (n: number): string => `00-DB-12-34-56-78-91-${n.toString(16).toUpperCase().padStart(2, '0')}`;

function mpan(distributor: string, serial: number): string {
  const first12 = distributor + String(serial).padStart(10, '0');
  return first12 + String(mpanCheckDigit(first12));
}

function withWrongCheckDigit(valid: string): string {
  return valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10);
}

const held = (ds: string, ka: string = ds) => ({ DigitalSigning: ds, KeyAgreement: ka });

const CASES: readonly CaseSpec[] = [
  {
    file: 'esme-right-no.xml',
    deviceId: deviceId(1),
    context: { type: 'ESME', mpan: mpan('12', 1001) },
    holder: held(NO_A),
    expected: 'correct',
    expectedParties: [NO_A],
    counter: 3001,
  },
  {
    file: 'esme-wrong-no.xml',
    deviceId: deviceId(2),
    context: { type: 'ESME', mpan: mpan('12', 1002) },
    holder: held(NO_B),
    expected: 'wrong-network-operator',
    expectedParties: [NO_A],
    counter: 3102,
  },
  {
    file: 'esme-other-distributor-no.xml',
    deviceId: deviceId(3),
    context: { type: 'ESME', mpan: mpan('14', 1003) },
    holder: held(NO_A),
    expected: 'wrong-network-operator',
    expectedParties: [NO_B],
    counter: 3003,
  },
  {
    file: 'esme-wrong-key-agreement-only.xml',
    deviceId: deviceId(4),
    context: { type: 'ESME', mpan: mpan('12', 1004) },
    holder: held(NO_A, NO_B),
    expected: 'wrong-network-operator',
    expectedParties: [NO_A],
    counter: 3004,
  },
  {
    // Never handed over: the DCC's ACB still holds the NO slots, and the fix is the Supplier's 6.21, not a 6.15.1.
    file: 'esme-acb-still-in-no-slots.xml',
    deviceId: deviceId(5),
    context: { type: 'ESME', mpan: mpan('12', 1005) },
    holder: held(ACB),
    expected: 'wrong-network-operator',
    expectedParties: [NO_A],
    counter: 3005,
  },
  {
    // Registration data wins over the registry: a GPF has no MPAN, its "Network Operator" is the gas transporter.
    file: 'gpf-registration-data.xml',
    deviceId: deviceId(6),
    context: { type: 'GPF', networkOperator: [GAS_TRANSPORTER] },
    holder: held(GAS_TRANSPORTER),
    expected: 'correct',
    expectedParties: [GAS_TRANSPORTER],
    counter: 3006,
  },
  {
    file: 'esme-no-mpan.xml',
    deviceId: deviceId(7),
    context: { type: 'ESME' },
    holder: held(NO_A),
    expected: 'not-checked',
    expectedParties: [],
    counter: 3007,
  },
  {
    file: 'esme-unknown-device.xml',
    deviceId: deviceId(8),
    holder: held(NO_A),
    expected: 'not-checked',
    expectedParties: [],
    counter: 3008,
  },
  {
    file: 'esme-no-network-operator-rows.xml',
    deviceId: deviceId(9),
    context: { type: 'ESME', mpan: mpan('12', 1009) },
    holder: {},
    expected: 'not-checked',
    expectedParties: [],
    counter: 3009,
  },
  {
    // 20 is a real distributor (Southern) that this estate's registry does not list.
    file: 'esme-unknown-distributor.xml',
    deviceId: deviceId(10),
    context: { type: 'ESME', mpan: mpan('20', 1010) },
    holder: held(NO_A),
    expected: 'not-checked',
    expectedParties: [],
    counter: 3010,
  },
  {
    // Its distributor digits say 12, but an MPAN that fails its check digit names no distributor reliably.
    file: 'esme-invalid-mpan.xml',
    deviceId: deviceId(11),
    context: { type: 'ESME', mpan: withWrongCheckDigit(mpan('12', 1011)) },
    holder: held(NO_A),
    expected: 'not-checked',
    expectedParties: [],
    counter: 3011,
  },
];

/** The expected audit outcome of every file in `fixtures/estate/responses/` except the superseded one. */
export const ESTATE_CASES: readonly EstateCase[] = Object.freeze(
  CASES.map(({ file, deviceId, expected, holder, expectedParties }) =>
    Object.freeze({ file, deviceId, expected, holder: Object.freeze({ ...holder }), expectedParties: Object.freeze([...expectedParties]) }),
  ),
);

const WRONG_NO = CASES.find((c) => c.file === 'esme-wrong-no.xml')!;

/**
 * Responses that a later response for the same device supersedes (lower OriginatorCounter): the audit must report
 * the later one's slots. Here the meter still showed the right NO before someone replaced it with the wrong one.
 */
export const ESTATE_SUPERSEDED: readonly { readonly file: string; readonly deviceId: string; readonly supersededBy: string }[] =
  Object.freeze([Object.freeze({ file: 'esme-wrong-no-older.xml', deviceId: WRONG_NO.deviceId, supersededBy: WRONG_NO.file })]);

function estateContext(): unknown {
  return {
    users: {
      [SUPPLIER]: { role: 'IS' },
      [NO_A]: { role: 'ED' },
      [NO_B]: { role: 'ED' },
      [GAS_TRANSPORTER]: { role: 'GT' },
    },
    devices: Object.fromEntries(CASES.flatMap((c) => (c.context ? [[c.deviceId, c.context]] : []))),
    networkOperators: { '12': [NO_A], '14': [NO_B] },
    now: NOW,
  };
}

function brokenFixtures(): Map<string, string> {
  const base = CASES[0]!;
  const right = krpResponseXml({ device: base.deviceId, counter: base.counter, timestamp: RESPONSE_TIME, rows: slotRows(base.holder) });
  const out = new Map<string, string>();
  // A transfer cut short: the document ends after its first row.
  const cut = right.indexOf('</ra:RemotePartyDetails>') + '</ra:RemotePartyDetails>'.length;
  out.set('malformed.xml', right.slice(0, cut) + '\n');
  out.set(
    'wrong-service.xml',
    documentXml(
      { originator: base.deviceId, target: SUPPLIER, counter: 3201, serviceReference: '3.4', serviceReferenceVariant: '3.4', timestamp: RESPONSE_TIME },
      smetsResponse('        <ra:UpdateSupplierNameRsp MessageSuccess="true"/>\n'),
    ),
  );
  // 0x8F35 (supply outage restored) is one of the few alerts with a payload in the MMC schema.
  out.set(
    'device-alert.xml',
    documentXml(
      { originator: base.deviceId, target: SUPPLIER, counter: 3202, timestamp: RESPONSE_TIME },
      '    <ra:DeviceAlertMessage>\n' +
        '      <ra:DeviceAlertContent>\n' +
        '        <ra:GBCSHexAlertCode>8F35</ra:GBCSHexAlertCode>\n' +
        '        <ra:AlertDescription>Supply Outage Restored</ra:AlertDescription>\n' +
        `        <ra:Timestamp>${RESPONSE_TIME}</ra:Timestamp>\n` +
        '        <ra:Payload>\n' +
        '          <ra:SupplyOutageRestoreAlert>\n' +
        '            <ra:interruptionValue>2026-11-20T08:12:00Z</ra:interruptionValue>\n' +
        '            <ra:restorationValue>2026-11-20T08:58:00Z</ra:restorationValue>\n' +
        '          </ra:SupplyOutageRestoreAlert>\n' +
        '        </ra:Payload>\n' +
        '      </ra:DeviceAlertContent>\n' +
        '    </ra:DeviceAlertMessage>\n',
    ),
  );
  out.set('no-remote-party-details.xml', krpResponseXml({ device: base.deviceId, counter: 3203, timestamp: RESPONSE_TIME, rows: [] }));
  out.set(
    'missing-originator.xml',
    krpResponseXml({ device: base.deviceId, counter: 3204, timestamp: RESPONSE_TIME, rows: slotRows(base.holder), omitOriginator: true }),
  );
  return out;
}

/** Every estate fixture: path relative to `fixtures/` (POSIX separators) -> content. */
export function buildEstate(): Map<string, string> {
  const out = new Map<string, string>();
  out.set('estate/context.json', JSON.stringify(estateContext(), null, 2) + '\n');
  for (const c of CASES) {
    const rows = slotRows(Object.keys(c.holder).length === 0 ? undefined : c.holder);
    out.set(`estate/responses/${c.file}`, krpResponseXml({ device: c.deviceId, counter: c.counter, timestamp: RESPONSE_TIME, rows }));
  }
  for (const s of ESTATE_SUPERSEDED) {
    out.set(
      `estate/responses/${s.file}`,
      krpResponseXml({ device: s.deviceId, counter: 3002, timestamp: OLDER_RESPONSE_TIME, rows: slotRows(held(NO_A)) }),
    );
  }
  for (const [name, xml] of brokenFixtures()) out.set(`estate/broken/${name}`, xml);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic estate for the benchmark
// ---------------------------------------------------------------------------------------------------------------

// One Network Operator per DNO group, as in GB: UKPN runs three areas, NGED four, and so on.
const OPERATORS = [...new Set(DISTRIBUTORS.filter((d) => d.kind === 'DNO').map((d) => d.operator))];
const GENERATED_DISTRIBUTORS = DISTRIBUTORS.filter((d) => d.kind === 'DNO').map((d) => ({
  id: d.id,
  operator: `90-B3-D5-1F-3A-${String(OPERATORS.indexOf(d.operator) + 1).padStart(2, '0')}-00-00`,
}));

/** A 32-bit mix of (seed, index) (murmur3's finaliser): each device is computed on its own, in any order. */
function mix(seed: number, index: number, salt: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface GeneratedDevice {
  readonly index: number;
  readonly deviceId: string;
  readonly mpan: string;
  /** The Network Operator the registry names for the MPAN's distributor. */
  readonly expectedParty: string;
  /** Who the response shows in both NetworkOperator slots. */
  readonly holder: string;
  readonly wrong: boolean;
}

/** The index-th device of the synthetic estate for `seed`: what `generateResponses` writes and the audit should find. */
export function generatedDevice(index: number, seed = 1): GeneratedDevice {
  if (!Number.isSafeInteger(index) || index < 0 || index > 0xffffffff) throw new RangeError(`index ${index} out of range`);
  const distributor = GENERATED_DISTRIBUTORS[mix(seed, index, 1) % GENERATED_DISTRIBUTORS.length]!;
  const wrong = mix(seed, index, 2) % 10 === 0;
  let holder = distributor.operator;
  if (wrong) {
    const others = GENERATED_DISTRIBUTORS.filter((d) => d.operator !== distributor.operator);
    holder = others[mix(seed, index, 3) % others.length]!.operator;
  }
  const hex = index.toString(16).toUpperCase().padStart(8, '0');
  return {
    index,
    deviceId: `00-DB-BE-00-${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}-${hex.slice(6, 8)}`,
    mpan: mpan(distributor.id, index),
    expectedParty: distributor.operator,
    holder,
    wrong,
  };
}

/** `count` schema-valid 6.24.1 responses for distinct ESMEs, about 10% with another operator's NO certificates. */
export function* generateResponses(count: number, seed = 1): Generator<{ name: string; xml: string }> {
  for (let i = 0; i < count; i++) {
    const device = generatedDevice(i, seed);
    yield {
      name: `esme-${String(i).padStart(7, '0')}.xml`,
      xml: krpResponseXml({ device: device.deviceId, counter: 10_000 + i, timestamp: RESPONSE_TIME, rows: slotRows(held(device.holder)) }),
    };
  }
}

/** The validation context matching `generateResponses(count, seed)`: the supplier, every NO, every device, the registry. */
export function generateEstateContext(count: number, seed = 1): {
  users: Record<string, { role: 'IS' | 'ED' }>;
  devices: Record<string, { type: 'ESME'; mpan: string }>;
  networkOperators: Record<string, string[]>;
  now: string;
} {
  const users: Record<string, { role: 'IS' | 'ED' }> = { [SUPPLIER]: { role: 'IS' } };
  for (const d of GENERATED_DISTRIBUTORS) users[d.operator] = { role: 'ED' };
  const devices: Record<string, { type: 'ESME'; mpan: string }> = {};
  for (let i = 0; i < count; i++) {
    const device = generatedDevice(i, seed);
    devices[device.deviceId] = { type: 'ESME', mpan: device.mpan };
  }
  const networkOperators = Object.fromEntries(GENERATED_DISTRIBUTORS.map((d) => [d.id, [d.operator]]));
  return { users, devices, networkOperators, now: NOW };
}
