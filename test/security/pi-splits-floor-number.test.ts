// Attack: a floor number whose digits are split by two PIs holding a quote. A schema processor reads the value of
// a simple-typed element as all its character data, PIs dropped: 123. fast-xml-parser read part of it.
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import { credentialsRequest } from '../support/parsed.js';
import { validateWithOfficialSchema, OFFICIAL_SCHEMA_AVAILABLE } from '../support/xmllint.js';
import { piSplitFloorNumber, signedBySupplier } from './attacks.js';
import { everyVerdict } from './verdicts.js';

describe('attack: PIs holding a quote split a floor number', () => {
  it('the model reads every digit, as a schema processor does', () => {
    for (const xml of [piSplitFloorNumber(), signedBySupplier(piSplitFloorNumber())]) {
      expect(credentialsRequest(parseRequest(xml)).body.remotePartyFloorSeqNumber).toBe(123n);
    }
  });

  it('the request itself is legitimate: I0 in both profiles, unsigned and signed', () => {
    for (const { label, verdict } of everyVerdict(piSplitFloorNumber())) expect(verdict.responseCode, label).toBe('I0');
  });

  it.skipIf(!OFFICIAL_SCHEMA_AVAILABLE)('and the official DUIS XSD V5.4 accepts it (libxml2)', async () => {
    const [result] = await validateWithOfficialSchema([{ name: 'split-floor.xml', xml: piSplitFloorNumber() }]);
    expect(result).toMatchObject({ valid: true });
  });
});
