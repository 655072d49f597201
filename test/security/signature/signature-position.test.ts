// Where the Signature sits: DUIS puts it last in the Request. Anywhere else it is not the enveloped signature
// of the request (and a Signature inside the Body "signs" the whole document from a place the schema forbids).
import { describe, it } from 'vitest';
import { expectCode, replaceOnce, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';

function moved(place: (unsigned: string, signature: string) => string): string {
  const signed = signedNoByNo();
  const signature = signatureOf(signed);
  return place(replaceOnce(signed, `  ${signature}\n`, ''), signature);
}

describe('attack: Signature not the last child of the root -> SIGNATURE_PROFILE', () => {
  it('first child of the root', () => {
    expectCode(verifyXml(moved((xml, sig) => replaceOnce(xml, '<sr:Header>', `${sig}<sr:Header>`))), 'SIGNATURE_PROFILE');
  });

  it('between Header and Body', () => {
    expectCode(verifyXml(moved((xml, sig) => replaceOnce(xml, '<sr:Body>', `${sig}<sr:Body>`))), 'SIGNATURE_PROFILE');
  });

  it('inside the Body or the Header', () => {
    expectCode(verifyXml(moved((xml, sig) => replaceOnce(xml, '</sr:Body>', `${sig}</sr:Body>`))), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(moved((xml, sig) => replaceOnce(xml, '</sr:Header>', `${sig}</sr:Header>`))), 'SIGNATURE_PROFILE');
  });

  it('followed by an element, text, a comment or a processing instruction', () => {
    const signed = signedNoByNo();
    const signature = signatureOf(signed);
    for (const after of ['<sr:Body/>', 'text', '<!-- c -->', '<?pi x?>']) {
      expectCode(verifyXml(replaceOnce(signed, signature, `${signature}${after}`)), 'SIGNATURE_PROFILE');
    }
  });
});
