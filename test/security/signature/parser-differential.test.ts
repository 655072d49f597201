// The verifier canonicalises an @xmldom/xmldom DOM; the validator reads our own parser's tree. Where xmldom reads
// the text differently (it only warns about a mismatched end tag, accepts an undeclared prefix or a DOCTYPE, and
// reports undefined entities without failing), the document is refused instead of being read two ways.
// These inputs bypass parseXml on purpose: verifySignature must hold even when called with text it did not see.
import { describe, it } from 'vitest';
import { verifySignature } from '../../../src/signature/index.js';
import { parseXml } from '../../../src/xml/parse-xml.js';
import { expectCode, fixtureStore, signedNoByNo } from '../../signature/support.js';

function verifyText(text: string) {
  const parsed = parseXml(signedNoByNo());
  if (!parsed.ok) throw new Error(parsed.error.message);
  return verifySignature({ root: parsed.root, text }, fixtureStore(), { originator: '90-B3-D5-1F-30-02-00-00' });
}

describe('attack: parser differentials', () => {
  it('a mismatched end tag (an xmldom warning) -> XML_MALFORMED', () => {
    expectCode(verifyText(signedNoByNo().replace('</sr:CommandVariant>', '</sr:CommandVariantX>')), 'XML_MALFORMED');
  });

  it('an undefined entity -> XML_MALFORMED', () => {
    expectCode(verifyText(signedNoByNo().replace('>4</sr:CommandVariant>', '>&four;</sr:CommandVariant>')), 'XML_MALFORMED');
  });

  it('an undeclared prefix -> XML_MALFORMED', () => {
    expectCode(verifyText(signedNoByNo().replace('<sr:CommandVariant>', '<zz:x/><sr:CommandVariant>')), 'XML_MALFORMED');
  });

  it('a repeated attribute -> XML_MALFORMED', () => {
    expectCode(verifyText(signedNoByNo().replace('schemaVersion="5.4"', 'schemaVersion="5.4" schemaVersion="9"')), 'XML_MALFORMED');
  });

  it('a DOCTYPE -> XML_DTD_FORBIDDEN', () => {
    const signed = signedNoByNo();
    expectCode(verifyText(signed.replace('<sr:Request', '<!DOCTYPE sr:Request [<!ENTITY e "x">]>\n<sr:Request')), 'XML_DTD_FORBIDDEN');
  });

  it('character data after the root -> XML_MALFORMED', () => {
    expectCode(verifyText(`${signedNoByNo()}trailing`), 'XML_MALFORMED');
  });
});
