import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BODY_ELEMENTS } from '../../src/duis/body-elements.js';

const XSD = new URL('../../../shared/reference/duis/duis-v5.4.xsd', import.meta.url);

describe('BODY_ELEMENTS', () => {
  it('holds the bodies of the services validated in depth, and SignedPreCommand', () => {
    for (const name of ['UpdateSecurityCredentialsKRP', 'RequestHandoverOfDCCControlledDevice', 'SignedPreCommand', 'ReadInventory']) {
      expect(BODY_ELEMENTS.has(name), name).toBe(true);
    }
    expect(BODY_ELEMENTS.size).toBe(130);
  });

  it.skipIf(!existsSync(XSD))('is the choice of Request/Body in DUIS XSD V5.4, name for name', () => {
    const xsd = readFileSync(XSD, 'utf8');
    const start = xsd.indexOf('<xs:element name="Body"');
    const block = xsd.slice(start + 1, xsd.indexOf('</xs:complexType>', start));
    const names = [...block.matchAll(/<xs:element\s+name="([^"]+)"/g)].map((m) => m[1]);
    expect([...BODY_ELEMENTS].sort()).toEqual(names.sort());
  });
});
