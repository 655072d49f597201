import { describe, expect, it } from 'vitest';
import { createSigner, verifySignature, verifySignatureAsync, type SignerLookup } from '../../src/signature/index.js';
import { parseXml } from '../../src/xml/parse-xml.js';
import { NETWORK_OPERATOR_A, expectCode, expectVerified, fixtureStore, party, readFixture, signedNoByNo } from './support.js';

function parsedSigned() {
  const parsed = parseXml(signedNoByNo());
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed;
}

describe('verifySignatureAsync', () => {
  const options = { originator: NETWORK_OPERATOR_A };

  it('takes a look-up that returns a prepared Signer, a PEM or DER certificate, or a store', async () => {
    const signer = createSigner(party('network-operator-a').certificate);
    const calls: [string, string][] = [];
    const lookup: SignerLookup = async (issuer, serial) => {
      calls.push([issuer, serial]);
      return signer;
    };
    expectVerified(await verifySignatureAsync(parsedSigned(), lookup, options));
    expect(calls).toEqual([['CN=Z1-TEST,OU=07', signer.serialNumber]]);
    expectVerified(await verifySignatureAsync(parsedSigned(), async () => party('network-operator-a').certificate, options));
    expectVerified(await verifySignatureAsync(parsedSigned(), () => signer.certificate.der, options));
    expectVerified(await verifySignatureAsync(parsedSigned(), fixtureStore(), options));
  });

  it('SIGNER_UNKNOWN when the look-up finds nothing', async () => {
    expectCode(await verifySignatureAsync(parsedSigned(), async () => undefined, options), 'SIGNER_UNKNOWN');
  });

  it('LOOKUP_FAILED when it throws or rejects', async () => {
    expectCode(await verifySignatureAsync(parsedSigned(), () => { throw new Error('db down'); }, options), 'LOOKUP_FAILED');
    expectCode(await verifySignatureAsync(parsedSigned(), () => Promise.reject(new Error('db down')), options), 'LOOKUP_FAILED');
  });

  it('LOOKUP_FAILED when a synchronous store throws (verifySignature too)', async () => {
    const broken = { signers: [], find: () => { throw new Error('broken store'); } };
    expectCode(await verifySignatureAsync(parsedSigned(), broken, options), 'LOOKUP_FAILED');
    expectCode(verifySignature(parsedSigned(), broken, options), 'LOOKUP_FAILED');
  });

  it('INPUT_INVALID for something that is not a parsed document', async () => {
    expectCode(verifySignature({} as never, fixtureStore(), options), 'INPUT_INVALID');
    expectCode(await verifySignatureAsync(null as never, fixtureStore(), options), 'INPUT_INVALID');
  });

  it('the certificate finding when it returns something that is not a usable certificate', async () => {
    expectCode(await verifySignatureAsync(parsedSigned(), async () => 'garbage', options), 'CERTIFICATE_MALFORMED');
    expectCode(await verifySignatureAsync(parsedSigned(), async () => readFixture('pki/device-esme.pem'), options), 'CERTIFICATE_NOT_ORGANISATION');
  });

  it('answers an unsigned or malformed signature without calling the look-up', async () => {
    let called = false;
    const lookup: SignerLookup = async () => {
      called = true;
      return undefined;
    };
    const unsigned = parseXml(readFixture('requests/no-by-no.xml'));
    if (!unsigned.ok) throw new Error();
    expectCode(await verifySignatureAsync(unsigned, lookup, options), 'SIGNATURE_MISSING');
    expect(called).toBe(false);
  });
});
