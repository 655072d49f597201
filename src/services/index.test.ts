import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_PARTY_CODES } from '../codes.js';
import { serviceVariantById } from '../duis/catalogue.js';
import { BODY_ELEMENTS } from '../duis/body-elements.js';
import { SERVICES, serviceFor } from './index.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts file below `dir`, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('the service registry', () => {
  it('lists the SRVs validated in depth: 6.15.1 and 6.21, one folder each', () => {
    expect(SERVICES.map((s) => [s.srv, s.bodyElement])).toEqual([
      ['6.15.1', 'UpdateSecurityCredentialsKRP'],
      ['6.21', 'RequestHandoverOfDCCControlledDevice'],
    ]);
    const folders = readdirSync(path.join(SRC, 'services')).filter((f) => statSync(path.join(SRC, 'services', f)).isDirectory());
    expect(folders.sort()).toEqual(['handover-6.21', 'krp-6.15.1']);
  });

  it('each service is a catalogue SRV with a DUIS body element, its own Certificate Party code and unique rule names', () => {
    for (const service of SERVICES) {
      expect(serviceVariantById(service.srv), service.srv).toBeDefined();
      expect(BODY_ELEMENTS.has(service.bodyElement), service.bodyElement).toBe(true);
      expect(CERTIFICATE_PARTY_CODES).toContain(service.certificatePartyCode);
      const names = service.rules.map((r) => r.name);
      expect(new Set(names).size, service.srv).toBe(names.length);
      expect(serviceFor(service.srv)).toBe(service);
    }
    expect(new Set(SERVICES.map((s) => s.certificatePartyCode)).size).toBe(SERVICES.length);
    expect(serviceFor('6.15.2')).toBeUndefined();
  });

  it('the shared layers name no SRV: only src/services/, the catalogue, the 6.15.1 shorthand options and the audit do', () => {
    const naming = sources(SRC)
      // The audit reads 6.24.1 responses and writes the 6.15.1 and 6.21 requests that fix a meter: a client of
      // the services, not a layer they stand on.
      .filter((file) => !file.startsWith(path.join(SRC, 'services')) && !file.startsWith(path.join(SRC, 'audit')))
      .filter((file) => /'6\.(15\.1|21)'/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    // The catalogue lists all 129 SRVs; options.ts keeps `policy` and `mpanRuleCode` as 6.15.1 shorthands.
    expect(naming.sort()).toEqual(['duis/catalogue.ts', 'options.ts']);
  });
});
