/**
 * schemas/duis-6.21.xsd and the project's parser against DCC's DUIS XML Schema V5.4 (when
 * `../shared/reference/duis/` is present), for SRV 6.21 Request Handover of DCC Controlled Device:
 * - our 6.21 fixtures and DCC's two 6.21 reference requests are valid under both schemas;
 * - for every variant in handover-variants.ts, our schema's verdict equals DCC's, except for the deliberate
 *   differences listed at the top of the schema (each variant names its reason);
 * - for every variant, `parseRequest(xml).ok` equals DCC's verdict, except for PARSE_DIFFERENCES below.
 *
 * All documents go to xmllint in one batch per schema (two xmllint runs for the whole file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import {
  OFFICIAL_SCHEMA_AVAILABLE,
  validateWithHandoverSchema,
  validateWithOfficialSchema,
  type SchemaVerdict,
} from '../support/xmllint.js';
import { declaredVariant, fixtureRequests, type NamedDocument } from './documents.js';
import { buildHandoverVariants, handoverReferenceRequests, handoverVariantBases, type Variant } from './handover-variants.js';

interface ParseDifference {
  /** What `parseRequest` returns: ok, or the finding code it fails with; `either` when both are acceptable. */
  readonly parse: { readonly ok: true } | { readonly ok: false; readonly code: string } | 'either';
  readonly reason: string;
}

// The first three reasons are the ones test/conformance/xsd-agreement.test.ts gives for the 6.15.1 variants of the
// same names. Restated rather than imported: importing a *.test.ts module would register its suite in this file.
const BASE64_BY_THE_RECOMMENDATION: ParseDifference = {
  parse: { ok: false, code: 'SCHEMA_VIOLATION' },
  reason:
    'libxml2 skips characters outside the base64 alphabet; parseRequest follows the XML Schema 1.0 ' +
    'base64Binary grammar (as other schema processors do) and rejects them',
};
const XSI_TYPE: ParseDifference = {
  parse: 'either',
  reason:
    'xsi:type naming the declared type is schema-valid; resolving xsi:type in general is out of scope, so ' +
    'parseRequest may reject every xsi:type (no DUIS producer sends one)',
};
const SIGNATURE_INNER_STRUCTURE: ParseDifference = {
  parse: { ok: true },
  reason:
    'parseRequest checks the shape of ds:Signature itself (SignedInfo, SignatureValue, KeyInfo?, Object*); ' +
    "what is inside SignedInfo is the signature verifier's business, which rejects a SignedInfo without " +
    'CanonicalizationMethod',
};
const DATETIME_BY_THE_RECOMMENDATION: ParseDifference = {
  parse: { ok: true },
  reason:
    'libxml2 rejects whitespace before an xs:dateTime; parseRequest applies the whiteSpace="collapse" facet of ' +
    'XML Schema 1.0 (as other schema processors do) and accepts it',
};
const SERVICE_PAIR: ParseDifference = {
  parse: { ok: false, code: 'SERVICE_NOT_SUPPORTED' },
  reason:
    'DUIS XSD V5.4 accepts any ServiceReference with any ServiceReferenceVariant; parseRequest takes the pair ' +
    "from DUIS's catalogue of 129 Service Reference Variants, where 6.21 belongs to Service Reference 6.21 and " +
    '6.15.1 to 6.15, and reports any other pair as not supported',
};
export const ONLY_ITS_OWN_BODY: ParseDifference = {
  parse: { ok: false, code: 'SCHEMA_VIOLATION' },
  reason:
    'DUIS XSD V5.4 accepts any body element under any header; a request of an SRV validated in depth must carry ' +
    "that SRV's body (or, for a critical SRV, the SignedPreCommand of its second step), else the rules would " +
    'judge a request whose content they never read',
};

/** Variant name -> why parseRequest deliberately disagrees with DUIS XSD V5.4 as run by xmllint. */
export const PARSE_DIFFERENCES: Readonly<Record<string, ParseDifference>> = {
  'base64-at-signs': BASE64_BY_THE_RECOMMENDATION,
  'base64-stray-character': BASE64_BY_THE_RECOMMENDATION,
  'slot-digital-signing-at-signs': BASE64_BY_THE_RECOMMENDATION,
  'slot-key-agreement-at-signs': BASE64_BY_THE_RECOMMENDATION,
  'slot-key-agreement-top-up-at-signs': BASE64_BY_THE_RECOMMENDATION,
  'execution-datetime-leading-whitespace': DATETIME_BY_THE_RECOMMENDATION,
  'execution-datetime-surrounding-whitespace': DATETIME_BY_THE_RECOMMENDATION,
  'signature-inner-structure-invalid': SIGNATURE_INNER_STRUCTURE,
  'xsi-type-builtin': XSI_TYPE,
  'xsi-type-duis-type': XSI_TYPE,
  'xsi-type-body': XSI_TYPE,
  'xsi-type-replacement-certificates': XSI_TYPE,
  'service-reference-6.15': SERVICE_PAIR,
  'service-reference-variant-6.15.1': SERVICE_PAIR,
  'service-6.15.1': ONLY_ITS_OWN_BODY,
  'body-update-security-credentials-krp': ONLY_ITS_OWN_BODY,
  'body-update-security-credentials-device': ONLY_ITS_OWN_BODY,
};

const fixtures = fixtureRequests().filter((d) => declaredVariant(d) === '6.21');
const references = handoverReferenceRequests();
const bases = handoverVariantBases();
const variantSets = bases.map((base) => ({ base, variants: buildHandoverVariants(base.xml) }));

const key = (group: string, name: string): string => `${group}/${name}`;
const documents: NamedDocument[] = [
  ...fixtures.map((d) => ({ name: key('fixture', d.name), xml: d.xml })),
  ...references.map((d) => ({ name: key('rtds', d.name), xml: d.xml })),
  ...variantSets.flatMap(({ base, variants }) => variants.map((v) => ({ name: key(`variant-${base.name}`, v.name), xml: v.xml }))),
];

const own = new Map<string, SchemaVerdict>();
const official = new Map<string, SchemaVerdict>();

beforeAll(async () => {
  const [ownVerdicts, officialVerdicts] = await Promise.all([
    validateWithHandoverSchema(documents),
    OFFICIAL_SCHEMA_AVAILABLE ? validateWithOfficialSchema(documents) : Promise.resolve([]),
  ]);
  for (const v of ownVerdicts) own.set(v.name, v);
  for (const v of officialVerdicts) official.set(v.name, v);
}, 120_000);

/** The verdict with its messages, so a failing assertion shows why. */
const verdict = (results: Map<string, SchemaVerdict>, name: string): { valid: boolean; errors: string[] } => {
  const result = results.get(name);
  if (!result) throw new Error(`no xmllint verdict for ${name}`);
  return { valid: result.valid, errors: result.errors };
};
const accepted = { valid: true, errors: [] };

describe('fixtures/requests for 6.21', () => {
  if (fixtures.length === 0) it.skip('fixtures/requests has no 6.21 requests yet (npm run fixtures)', () => {});
  else {
    // The generator names its 6.21 requests handover-*; a mismatch means the SRV filter above missed one.
    it('the 6.21 fixtures are the handover-*.xml ones', () => {
      const handover = fixtureRequests().filter((d) => d.name.startsWith('handover-')).map((d) => d.name);
      expect(fixtures.map((d) => d.name)).toEqual(handover);
    });
  }
  for (const fixture of fixtures) {
    it(`${fixture.name} is valid under duis-6.21.xsd`, () => {
      expect(verdict(own, key('fixture', fixture.name))).toEqual(accepted);
    });
    it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)(`${fixture.name} is valid under DUIS XSD V5.4`, () => {
      expect(verdict(official, key('fixture', fixture.name))).toEqual(accepted);
    });
  }
});

describe.skipIf(references.length === 0 || !OFFICIAL_SCHEMA_AVAILABLE)('DCC reference requests for 6.21', () => {
  it('there are the two of them (No by NO, Supplier by Supplier)', () => {
    expect(references).toHaveLength(2);
  });
  for (const reference of references) {
    it(`${reference.name} is valid under duis-6.21.xsd and DUIS XSD V5.4`, () => {
      expect(verdict(own, key('rtds', reference.name))).toEqual(accepted);
      expect(verdict(official, key('rtds', reference.name))).toEqual(accepted);
    });
  }
});

describe.skipIf(bases.length === 0)('6.21 variants', () => {
  for (const { base, variants } of variantSets) {
    describe(`of the ${base.name} base`, () => {
      it('each variant changes the base and has a unique name', () => {
        const names = new Set(variants.map((v) => v.name));
        expect(names.size).toBe(variants.length);
        const unchanged = variants.filter((v) => v.name !== 'base' && v.xml === base.xml).map((v) => v.name);
        // A base written with the default namespace is its own default-namespace variant.
        expect(unchanged.filter((n) => n !== 'default-namespace')).toEqual([]);
      });

      for (const variant of variants) {
        const name = key(`variant-${base.name}`, variant.name);
        const expectOwn = variant.expectOwnValid ?? variant.expectOfficialValid;
        it(`${variant.name}: duis-6.21.xsd ${expectOwn ? 'accepts' : 'rejects'}`, () => {
          const result = verdict(own, name);
          expect(result.valid, result.errors.join('\n')).toBe(expectOwn);
        });
        it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)(
          `${variant.name}: DUIS XSD V5.4 ${variant.expectOfficialValid ? 'accepts' : 'rejects'}${
            variant.difference ? ' (deliberate difference)' : ''
          }`,
          () => {
            const result = verdict(official, name);
            expect(result.valid, result.errors.join('\n')).toBe(variant.expectOfficialValid);
            if (variant.difference) expect(verdict(own, name).valid).not.toBe(result.valid);
            else expect(verdict(own, name).valid).toBe(result.valid);
          },
        );
      }
    });
  }

  it('covers both outcomes and documents every difference', () => {
    const all: Variant[] = variantSets.flatMap((s) => s.variants);
    expect(all.some((v) => v.expectOfficialValid)).toBe(true);
    expect(all.some((v) => !v.expectOfficialValid)).toBe(true);
    for (const v of all) {
      expect(v.expectOwnValid === undefined || v.expectOwnValid !== v.expectOfficialValid, v.name).toBe(true);
      expect(v.expectOwnValid === undefined, v.name).toBe(v.difference === undefined);
      expect(v.xsdSpecValid === undefined, v.name).toBe(v.note === undefined);
    }
  });

  it('a document that is not well-formed is reported invalid with its parser error', () => {
    for (const { base } of variantSets) {
      const result = verdict(own, key(`variant-${base.name}`, 'malformed-xml'));
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toMatch(/parser error/);
    }
  });
});

describe.skipIf(!OFFICIAL_SCHEMA_AVAILABLE || bases.length === 0)('parseRequest agrees with DUIS XSD V5.4 on 6.21 variants', () => {
  it('every deliberate difference names an existing variant', () => {
    const names = new Set(variantSets.flatMap((s) => s.variants.map((v) => v.name)));
    expect(Object.keys(PARSE_DIFFERENCES).filter((n) => !names.has(n))).toEqual([]);
  });

  for (const { base, variants } of variantSets) {
    describe(`variants of the ${base.name} base`, () => {
      for (const variant of variants) {
        const difference = PARSE_DIFFERENCES[variant.name];
        it(difference ? `${variant.name} (deliberate difference)` : variant.name, () => {
          const schema = verdict(official, key(`variant-${base.name}`, variant.name));
          const parsed = parseRequest(variant.xml);
          const detail = [
            `DUIS XSD V5.4: ${schema.valid ? 'valid' : `invalid\n  ${schema.errors.join('\n  ')}`}`,
            `parseRequest: ${parsed.ok ? `ok (${parsed.coverage})` : `not ok\n  ${parsed.findings.map((f) => `${f.code} ${f.message}`).join('\n  ')}`}`,
          ].join('\n');

          if (!difference) {
            expect(parsed.ok, detail).toBe(schema.valid);
            return;
          }
          // The difference must still be one: if the schema verdict changes, revisit the list.
          expect(schema.valid, `${detail}\n(${difference.reason})`).toBe(variant.expectOfficialValid);
          if (difference.parse === 'either') return;
          expect(parsed.ok, detail).toBe(difference.parse.ok);
          if (!parsed.ok && !difference.parse.ok) {
            expect(parsed.findings.map((f) => f.code), detail).toContain(difference.parse.code);
          }
        });
      }
    });
  }

  it('the handover body is read in depth, not passed as generic', () => {
    for (const { base } of variantSets) {
      const parsed = parseRequest(base.xml);
      expect(parsed.ok && parsed.coverage, base.name).toBe('full');
    }
  });
});
