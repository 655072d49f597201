// Attack: `<?x "?><sr:DigitalSigningCertificate>...NO B...</sr:DigitalSigningCertificate><?y "?>`. fast-xml-parser
// ended the first PI at the second `?>`, so the rules never saw the wrong NO's certificate and answered I0; libxml2
// with the official XSD, xmldom and now the library see it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import { cli, ensureBuilt } from '../support/cli.js';
import { credentialsRequest } from '../support/parsed.js';
import { NO_A, NO_B } from '../support/fixtures.js';
import { piHiddenCertificate } from './attacks.js';
import { expectEveryVerdict } from './verdicts.js';

const DS = '/Request/Body/UpdateSecurityCredentialsKRP/ReplacementCertificates/SupplierOrNetworkOperatorCertificates/DigitalSigningCertificate';

describe('attack: PIs holding a quote hide the wrong NO certificate', () => {
  it('the model holds both certificates', () => {
    const { body } = credentialsRequest(parseRequest(piHiddenCertificate()));
    expect(body.replacementCertificates.map((c) => c.slot)).toEqual(['DigitalSigning', 'KeyAgreement']);
  });

  it('E061510 in both profiles, unsigned and signed', () => {
    expectEveryVerdict(piHiddenCertificate(), { code: 'E061510', path: DS, params: { entityId: NO_B, allowed: [NO_A] } });
  });

  it('the CLI rejects it too (exit 1, E061510)', () => {
    ensureBuilt();
    const dir = mkdtempSync(path.join(tmpdir(), 'duis-attack-'));
    try {
      const file = path.join(dir, 'attack.xml');
      writeFileSync(file, piHiddenCertificate());
      for (const profile of ['strict', 'dcc']) {
        const run = cli(['--context', 'fixtures/context.example.json', '--profile', profile, file]);
        expect(run.status, run.stderr).toBe(1);
        expect(run.stdout).toContain('REJECTED E061510');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
