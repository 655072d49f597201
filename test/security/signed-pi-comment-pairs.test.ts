// Attack, signed: `<?a "?><!--"--><?b?>` ... `<?z "?><!--"--><?y?>` around the wrong NO's certificate. On the input
// fast-xml-parser and xmldom agreed (each comment closes the quote), but canonicalisation drops the comments, and
// the library re-parsed the canonical text with fast-xml-parser: the certificate vanished, xmlsec1 verified the
// signature over it, and the verdict was I0 with `signature.verified: true`. The rules now read the tree that was
// digested, with no re-parse at all.
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/validate.js';
import { fixturePath, fixtureStore } from '../signature/support.js';
import { exampleContext, NO_B } from '../support/fixtures.js';
import { ensureXmlsec1, xmlsec1Verifies } from '../support/xmlsec1.js';
import { signedPiCommentPairs } from './attacks.js';

describe('attack: PIs paired by comments around the wrong NO certificate, signed', () => {
  it.each(['strict', 'dcc'] as const)('E061510 with the signature verified (profile %s)', (profile) => {
    const verdict = validateRequest(signedPiCommentPairs(), exampleContext(), { profile, signers: fixtureStore() });
    expect(verdict.signature).toMatchObject({ verified: true, signer: { entityId: '90-B3-D5-1F-30-01-00-00' } });
    expect(verdict.responseCode).toBe('E061510');
    expect(verdict.findings[0]).toMatchObject({ code: 'E061510', params: { entityId: NO_B } });
  });

  it('E061510 without signers too', () => {
    expect(validateRequest(signedPiCommentPairs(), exampleContext()).responseCode).toBe('E061510');
  });

  it('xmlsec1 verifies the signature over the certificate the rules now see', ({ skip }) => {
    if (!ensureXmlsec1()) skip();
    expect(xmlsec1Verifies(signedPiCommentPairs(), fixturePath('pki/xml-sign-supplier.pem'))).toBe(true);
  }, 600_000);
});
