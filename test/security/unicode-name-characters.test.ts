// Attack: U+FEFF and U+1680 are XML name characters but JavaScript whitespace. fast-xml-parser split names at
// them: `<sr:ApplyTimeBasedCPVChecks\uFEFF>` was read as ApplyTimeBasedCPVChecks, and an attribute named
// `a\uFEFFxmlns:sr` re-declared the DUIS prefix, so a Body in another namespace was validated as a DUIS Body.
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate.js';
import { parseXml } from '../../src/xml/parse-xml.js';
import { fixtureStore } from '../signature/support.js';
import { exampleContext } from '../support/fixtures.js';
import { feffInElementName, feffPrefixRedeclaration } from './attacks.js';

describe('attack: Unicode name characters that JavaScript calls whitespace', () => {
  it.each([
    ['U+FEFF', '\uFEFF'],
    ['U+1680', '\u1680'],
  ])('%s in an element name: a name other readers split -> XML_MALFORMED, whatever is asked', (_label, character) => {
    for (const profile of ['strict', 'dcc'] as const) {
      for (const signers of [undefined, fixtureStore()]) {
        const verdict = validateRequest(feffInElementName(character), exampleContext(), { profile, ...(signers ? { signers } : {}) });
        expect(verdict.responseCode).toBe('XML_MALFORMED');
        expect(verdict.findings[0]!.message).toContain('holds a character other XML readers split or refuse');
      }
    }
  });

  it.each([
    ['a PI target', '<?x\uFEFFml version="1.0"?><a/>'],
    ['an attribute name', '<a b\u1680c="1"/>'],
    ['a supplementary-plane character in a name', '<a\uDB40\uDC00/>'],
  ])('the same for %s; the near miss without it parses', (_label, xml) => {
    const parsed = parseXml(xml);
    expect(parsed.ok ? 'OK' : parsed.error.code).toBe('XML_MALFORMED');
    expect(parseXml(xml.replace(/[\uFEFF\u1680]|\uDB40\uDC00/g, '')).ok).toBe(true);
  });

  it('an attribute named a\\uFEFFxmlns:sr has the unbound prefix a\\uFEFFxmlns -> XML_MALFORMED', () => {
    const parsed = parseXml(feffPrefixRedeclaration());
    expect(parsed.ok ? 'OK' : parsed.error.message).toMatch(/unbound namespace prefix/);
    for (const profile of ['strict', 'dcc'] as const) {
      for (const signers of [undefined, fixtureStore()]) {
        expect(validateRequest(feffPrefixRedeclaration(), exampleContext(), { profile, ...(signers ? { signers } : {}) }).responseCode).toBe('XML_MALFORMED');
      }
    }
  });
});
