/**
 * The estate-audit fixtures (`fixtures/estate/`, written by scripts/estate.ts) against DCC's MMC XML Schema V5.4,
 * the schema of Parse and Correlate's output. No public sample of a parsed 6.24.1 response exists, so the schema is
 * the only outside check that these documents are shaped like the real thing.
 *
 * Every document goes to xmllint in one batch. The schema parts skip when `../shared/reference/duis/` is absent;
 * the rest (well-formedness, the case table against the files) always runs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ESTATE_CASES,
  ESTATE_SUPERSEDED,
  generateEstateContext,
  generateResponses,
  generatedDevice,
} from '../../scripts/estate.js';
import { resolveContext } from '../../src/context.js';
import { parseMpanCore } from '../../src/mpan/index.js';
import { MMC_SCHEMA_AVAILABLE, validateWithMmcSchema, type SchemaDocument, type SchemaVerdict } from '../support/xmllint.js';

const ESTATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'estate');

const read = (relative: string): string => readFileSync(path.join(ESTATE, relative), 'utf8');
const responseFiles = readdirSync(path.join(ESTATE, 'responses')).filter((f) => f.endsWith('.xml')).sort();
const VALID_BROKEN = ['wrong-service.xml', 'no-remote-party-details.xml', 'device-alert.xml'];

const documents: SchemaDocument[] = [
  ...responseFiles.map((f) => ({ name: `responses/${f}`, xml: read(`responses/${f}`) })),
  ...[...VALID_BROKEN, 'missing-originator.xml', 'malformed.xml'].map((f) => ({ name: `broken/${f}`, xml: read(`broken/${f}`) })),
  ...[...generateResponses(50)].map((r) => ({ name: `generated/${r.name}`, xml: r.xml })),
];

const verdicts = new Map<string, SchemaVerdict>();
const verdict = (name: string): SchemaVerdict => {
  const found = verdicts.get(name);
  if (!found) throw new Error(`no verdict for ${name}`);
  return found;
};

function wellFormedError(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

/** The NetworkOperator rows of a response, by certificate usage (the audit proper lives in src/audit/). */
function networkOperatorSlots(xml: string): Record<string, string> {
  const slots: Record<string, string> = {};
  for (const [, row] of xml.matchAll(/<ra:RemotePartyDetails>([\s\S]*?)<\/ra:RemotePartyDetails>/g)) {
    if (!row!.includes('<ra:RemotePartyRole>NetworkOperator</ra:RemotePartyRole>')) continue;
    const usage = /<ra:CertificateUsage>([^<]+)</.exec(row!)?.[1];
    const holder = /<ra:ExistingRemotePartyID>([^<]+)</.exec(row!)?.[1];
    if (usage && holder) slots[usage] = holder;
  }
  return slots;
}

const originator = (xml: string) => /<ra:BusinessOriginatorID>([^<]+)</.exec(xml)?.[1];
const counter = (xml: string) => Number(/<ra:OriginatorCounter>([^<]+)</.exec(xml)?.[1]);

describe('estate fixtures', () => {
  it('ESTATE_CASES lists every response file except the superseded ones, once each', () => {
    const superseded = ESTATE_SUPERSEDED.map((s) => s.file);
    expect(superseded).toEqual(['esme-wrong-no-older.xml']);
    expect(ESTATE_CASES.map((c) => c.file).sort()).toEqual(responseFiles.filter((f) => !superseded.includes(f)));
    expect(new Set(ESTATE_CASES.map((c) => c.deviceId)).size).toBe(ESTATE_CASES.length);
  });

  it('each response is from its case device and shows the holders the table names', () => {
    for (const c of ESTATE_CASES) {
      const xml = read(`responses/${c.file}`);
      expect(originator(xml), c.file).toBe(c.deviceId);
      expect(networkOperatorSlots(xml), c.file).toEqual(c.holder);
      if (c.expected === 'not-checked') expect(c.expectedParties, c.file).toEqual([]);
      else expect(c.expectedParties.length, c.file).toBeGreaterThan(0);
      const wrongSlot = Object.values(c.holder).some((h) => !c.expectedParties.includes(h));
      if (c.expected !== 'not-checked') expect(wrongSlot, c.file).toBe(c.expected === 'wrong-network-operator');
    }
  });

  it('the superseded response is older, for the same device, and still showed the right NO', () => {
    for (const s of ESTATE_SUPERSEDED) {
      const later = ESTATE_CASES.find((c) => c.file === s.supersededBy)!;
      const older = read(`responses/${s.file}`);
      const newer = read(`responses/${later.file}`);
      expect(originator(older)).toBe(later.deviceId);
      expect(counter(older)).toBeLessThan(counter(newer));
      expect(Object.values(networkOperatorSlots(older)).every((h) => later.expectedParties.includes(h))).toBe(true);
    }
  });

  it('context.json is a valid context whose MPANs are what the cases say', () => {
    const context = JSON.parse(read('context.json'));
    expect(resolveContext(context).ok).toBe(true);
    const devices = context.devices as Record<string, { mpan?: string }>;
    const byFile = new Map(ESTATE_CASES.map((c) => [c.file, c.deviceId]));
    expect(devices[byFile.get('esme-unknown-device.xml')!]).toBeUndefined();
    expect(devices[byFile.get('esme-no-mpan.xml')!]?.mpan).toBeUndefined();
    const invalid = devices[byFile.get('esme-invalid-mpan.xml')!]!.mpan!;
    expect(parseMpanCore(invalid)).toMatchObject({ ok: false, reason: 'check-digit' });
    for (const [id, device] of Object.entries(devices)) {
      if (device.mpan !== undefined && device.mpan !== invalid) expect(parseMpanCore(device.mpan).ok, id).toBe(true);
    }
  });

  it('every document is well-formed except malformed.xml', () => {
    for (const doc of documents) {
      const error = wellFormedError(doc.xml);
      if (doc.name === 'broken/malformed.xml') expect(error, doc.name).toBeDefined();
      else expect(error, doc.name).toBeUndefined();
    }
  });
});

describe.skipIf(!MMC_SCHEMA_AVAILABLE)('estate fixtures against MMC XML Schema V5.4', () => {
  beforeAll(async () => {
    for (const v of await validateWithMmcSchema(documents)) verdicts.set(v.name, v);
  }, 120_000);

  it('every response and the schema-valid broken inputs validate', () => {
    const names = [...responseFiles.map((f) => `responses/${f}`), ...VALID_BROKEN.map((f) => `broken/${f}`)];
    for (const name of names) expect(verdict(name), name).toMatchObject({ valid: true, errors: [] });
  });

  it('a Header without BusinessOriginatorID is invalid', () => {
    const result = verdict('broken/missing-originator.xml');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/BusinessTargetID.*Expected is \( .*BusinessOriginatorID \)/);
  });

  it('malformed.xml is rejected by the parser, not the schema', () => {
    const result = verdict('broken/malformed.xml');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/parser error/);
  });

  it('generateResponses(50) output validates', () => {
    const generated = documents.filter((d) => d.name.startsWith('generated/'));
    expect(generated).toHaveLength(50);
    for (const doc of generated) expect(verdict(doc.name), doc.name).toMatchObject({ valid: true, errors: [] });
  });
});

describe('generateResponses', () => {
  it('is deterministic from the seed and gives distinct ESMEs', () => {
    const first = [...generateResponses(50)];
    expect([...generateResponses(50, 1)]).toEqual(first);
    expect([...generateResponses(50, 2)]).not.toEqual(first);
    expect(new Set(first.map((r) => r.name)).size).toBe(50);
    expect(new Set(first.map((r) => originator(r.xml))).size).toBe(50);
  });

  it('matches generateEstateContext and generatedDevice: every device known, about 10% holding another NO', () => {
    const count = 2000;
    const context = generateEstateContext(count, 7);
    expect(resolveContext(context).ok).toBe(true);
    let wrong = 0;
    let i = 0;
    for (const { xml } of generateResponses(count, 7)) {
      const device = generatedDevice(i++, 7);
      expect(originator(xml)).toBe(device.deviceId);
      const mpan = context.devices[device.deviceId]!.mpan;
      expect(mpan).toBe(device.mpan);
      const parsed = parseMpanCore(mpan);
      if (!parsed.ok) throw new Error(parsed.message);
      const allowed = context.networkOperators[parsed.mpan.distributorId]!;
      const slots = Object.values(networkOperatorSlots(xml));
      expect(slots).toHaveLength(2);
      const isWrong = slots.some((h) => !allowed.includes(h));
      expect(isWrong).toBe(device.wrong);
      if (isWrong) wrong++;
    }
    expect(Object.keys(context.devices)).toHaveLength(count);
    expect(wrong / count).toBeGreaterThan(0.07);
    expect(wrong / count).toBeLessThan(0.13);
  });
});
