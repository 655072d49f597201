// KeyInfo carrying the key itself (an X509Certificate or a KeyValue): a verifier that uses it accepts any
// signature by anyone. DUIS KeyInfo is X509IssuerSerial only, resolved against the caller's signer store.
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/signature/index.js';
import { expectCode, party, readFixture, replaceOnce, signatureOf, verifyXml } from '../../signature/support.js';

const tampered = () => readFixture('requests/no-by-no.xml').replace('<sr:RemotePartyFloorSeqNumber>0<', '<sr:RemotePartyFloorSeqNumber>9<');
const base64Of = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/** A tampered request signed by the attacker (supplier-b), with KeyInfo replaced by `keyInfo`. */
function attackerSigned(keyInfo: string): string {
  const signed = signRequest(tampered(), party('supplier-b'));
  const current = /<ds:KeyInfo>.*<\/ds:KeyInfo>/.exec(signatureOf(signed))![0];
  return replaceOnce(signed, current, keyInfo);
}

describe('attack: KeyInfo with an embedded key -> SIGNATURE_PROFILE', () => {
  const attackerCertificate = base64Of(party('supplier-b').certificate);
  const genuineIssuerSerial = /<ds:X509IssuerSerial>.*<\/ds:X509IssuerSerial>/.exec(signatureOf(signRequest(readFixture('requests/no-by-no.xml'), party('network-operator-a'))))![0];

  it('the attacker certificate in X509Data, next to the genuine signer issuer/serial', () => {
    const forged = attackerSigned(`<ds:KeyInfo><ds:X509Data>${genuineIssuerSerial}<ds:X509Certificate>${attackerCertificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`);
    expectCode(verifyXml(forged), 'SIGNATURE_PROFILE');
  });

  it('the attacker certificate alone', () => {
    const forged = attackerSigned(`<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${attackerCertificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`);
    expectCode(verifyXml(forged), 'SIGNATURE_PROFILE');
  });

  it('a second X509Data with the certificate, or a KeyValue', () => {
    const withCert = attackerSigned(
      `<ds:KeyInfo><ds:X509Data>${genuineIssuerSerial}</ds:X509Data><ds:X509Data><ds:X509Certificate>${attackerCertificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`,
    );
    expectCode(verifyXml(withCert), 'SIGNATURE_PROFILE');
    const withKeyValue = attackerSigned(`<ds:KeyInfo><ds:KeyValue><ECKeyValue xmlns="http://www.w3.org/2009/xmldsig11#"/></ds:KeyValue><ds:X509Data>${genuineIssuerSerial}</ds:X509Data></ds:KeyInfo>`);
    expectCode(verifyXml(withKeyValue), 'SIGNATURE_PROFILE');
  });

  it('X509SubjectName or X509SKI instead of X509IssuerSerial', () => {
    expectCode(verifyXml(attackerSigned('<ds:KeyInfo><ds:X509Data><ds:X509SubjectName>OU=87</ds:X509SubjectName></ds:X509Data></ds:KeyInfo>')), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(attackerSigned('<ds:KeyInfo><ds:X509Data><ds:X509SKI>AAAA</ds:X509SKI></ds:X509Data></ds:KeyInfo>')), 'SIGNATURE_PROFILE');
  });

  it('with only the genuine issuer/serial, the attacker signature is simply invalid', () => {
    const forged = attackerSigned(`<ds:KeyInfo><ds:X509Data>${genuineIssuerSerial}</ds:X509Data></ds:KeyInfo>`);
    expectCode(verifyXml(forged), 'SIGNATURE_INVALID');
    expect(forged).toContain('<sr:RemotePartyFloorSeqNumber>9<');
  });
});
