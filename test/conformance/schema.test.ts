/**
 * Our schemas/duis-6.15.1.xsd against DCC's DUIS XML Schema V5.4 (when `../shared/reference/duis/` is present):
 * fixtures, DCC's reference requests, and valid and broken variants must get the same verdict from both, except
 * where a variant documents a deliberate difference (see the top of the schema and `variants.ts`).
 *
 * All documents go to xmllint in one batch per schema (two xmllint runs for the whole file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  OFFICIAL_SCHEMA_AVAILABLE,
  validateWithOfficialSchema,
  validateWithOwnSchema,
  type SchemaVerdict,
} from '../support/xmllint.js';
import { declaredVariant, fixtureRequests, referenceRequests, variantBases, type NamedDocument } from './documents.js';
import { buildVariants, type Variant } from './variants.js';

const fixtures = fixtureRequests();
const references = referenceRequests();
const bases = variantBases();
const variantSets = bases.map((base) => ({ base, variants: buildVariants(base.xml) }));

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
    validateWithOwnSchema(documents),
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

describe('fixtures/requests', () => {
  if (fixtures.length === 0) it.skip('fixtures/requests has no requests yet (npm run fixtures)', () => {});
  for (const fixture of fixtures) {
    // schemas/duis-6.15.1.xsd covers one request; the other fixtures are checked against DCC's schema only.
    if (declaredVariant(fixture) === '6.15.1') {
      it(`${fixture.name} is valid under our schema`, () => {
        expect(verdict(own, key('fixture', fixture.name))).toEqual(accepted);
      });
    }
    it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)(`${fixture.name} is valid under DUIS XSD V5.4`, () => {
      expect(verdict(official, key('fixture', fixture.name))).toEqual(accepted);
    });
  }
});

describe.skipIf(references.length === 0)('DCC reference requests for 6.15.1', () => {
  for (const reference of references) {
    it(`${reference.name} is valid under our schema and DUIS XSD V5.4`, () => {
      expect(verdict(own, key('rtds', reference.name))).toEqual(accepted);
      expect(verdict(official, key('rtds', reference.name))).toEqual(accepted);
    });
  }
});

describe.skipIf(bases.length === 0)('variants', () => {
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
        it(`${variant.name}: ours ${expectOwn ? 'accepts' : 'rejects'}`, () => {
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
});

describe('schema verdicts for malformed input', () => {
  it('a document that is not well-formed is reported invalid with its parser error', () => {
    const malformed = variantSets.flatMap(({ base }) => [key(`variant-${base.name}`, 'malformed-xml')]);
    for (const name of malformed) {
      const result = verdict(own, name);
      expect(result.valid).toBe(false);
      expect(result.errors.join('\n')).toMatch(/parser error/);
    }
  });
});
