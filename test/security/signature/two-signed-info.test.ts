// Two SignedInfo elements (xml-crypto CVE-2024-32962 class): one is verified, the other's References are used.
import { describe, it } from 'vitest';
import { expectCode, party, readFixture, replaceOnce, resign, signatureOf, signedNoByNo, verifyXml } from '../../signature/support.js';
import { signRequest } from '../../../src/signature/index.js';

describe('attack: two SignedInfo -> SIGNATURE_PROFILE', () => {
  it('a second SignedInfo after the genuine one', () => {
    const signed = signedNoByNo();
    const signedInfo = /<ds:SignedInfo>.*<\/ds:SignedInfo>/.exec(signatureOf(signed))![0];
    expectCode(verifyXml(replaceOnce(signed, signedInfo, `${signedInfo}${signedInfo}`)), 'SIGNATURE_PROFILE');
  });

  it('an attacker SignedInfo (over a tampered body, validly signed by its own key) before the genuine one', () => {
    const signed = signedNoByNo();
    const tampered = readFixture('requests/no-by-no.xml').replace('<sr:RemotePartyFloorSeqNumber>0<', '<sr:RemotePartyFloorSeqNumber>9<');
    const attackerInfo = /<ds:SignedInfo>.*<\/ds:SignedInfo>/.exec(signatureOf(signRequest(tampered, party('supplier-b'))))![0];
    const genuine = /<ds:SignedInfo>.*<\/ds:SignedInfo>/.exec(signatureOf(signed))![0];
    const forged = replaceOnce(signed, genuine, `${attackerInfo}${genuine}`).replace('<sr:RemotePartyFloorSeqNumber>0<', '<sr:RemotePartyFloorSeqNumber>9<');
    expectCode(verifyXml(forged), 'SIGNATURE_PROFILE');
    expectCode(verifyXml(resign(forged, party('network-operator-a').privateKey, { index: 1 })), 'SIGNATURE_PROFILE');
  });
});
