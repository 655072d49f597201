import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameKeyOfAttributes, nameKeyOfText, parseDistinguishedName } from '../../src/signature/issuer-name.js';
import { SignerCertificateError, createSigner, createSignerStore } from '../../src/signature/index.js';
import { NETWORK_OPERATOR_A, SUPPLIER, party, readFixture } from './support.js';

const Z1_TEST = [
  { type: '2.5.4.11', value: '07' },
  { type: '2.5.4.3', value: 'Z1-TEST' },
];

describe('X509IssuerName matching (multiset of type/value pairs)', () => {
  const certificateKey = nameKeyOfAttributes(Z1_TEST);

  it.each([
    'CN=Z1-TEST,OU=07', // RFC 4514, as xmlsec1 and signRequest write it
    'CN=Z1-TEST, OU=07', // as the DCC RTDS templates write it
    'OU=07,CN=Z1-TEST', // DER order
    ' cn = Z1-TEST ;  ou=07 ', // spaces, lower-case types, RFC 1779 separator
    'CN=z1-test,OU=07', // caseIgnoreMatch
    'CN="Z1-TEST",OU=07', // RFC 1779 quoting
    'CN=Z1\\2DTEST,OU=07', // hex escape
    '2.5.4.3=Z1-TEST,OID.2.5.4.11=07', // dotted OIDs
    'CN=Z1-TEST,OU=#13023037', // BER of PrintableString "07"
    'CN=Z1-TEST+OU=07', // one multi-valued RDN
  ])('%s matches the certificate issuer OU=07, CN=Z1-TEST', (text) => {
    expect(nameKeyOfText(text)).toBe(certificateKey);
  });

  it.each([
    'CN=Z1,OU=07', // another CA
    'CN=Z1-TEST', // an attribute missing
    'CN=Z1-TEST,OU=07,OU=07', // an attribute repeated (multiset, not set)
    'CN=Z1-TEST,OU=08',
    'CN=Z1-TEST,O=07', // same value, another type
  ])('%s does not match', (text) => {
    expect(nameKeyOfText(text)).not.toBe(certificateKey);
  });

  it.each(['CN', 'CN=a,', '=x', 'XX=1', 'CN=a"b', 'CN=#123', 'CN="open', 'CN=a\\', 'CN=a\\q', 'x'.repeat(2000)])(
    'does not parse %s',
    (text) => {
      expect(nameKeyOfText(text)).toBeUndefined();
    },
  );

  it('decodes RFC 4514 escapes, UTF-8 byte pairs included', () => {
    expect(parseDistinguishedName('CN=a\\,b\\+c,O=caf\\C3\\A9')).toEqual([
      ['2.5.4.3', 'a,b+c'],
      ['2.5.4.10', 'café'],
    ]);
  });

  it('keeps distinct names distinct whatever characters the values hold', () => {
    expect(nameKeyOfText('CN=a\\,OU\\=b')).not.toBe(nameKeyOfText('CN=a,OU=b'));
  });
});

describe('createSignerStore', () => {
  const supplier = party('supplier').certificate;
  const networkOperator = party('network-operator-a').certificate;

  it('decodes each certificate once and finds it by issuer and serial number', () => {
    const store = createSignerStore([supplier, networkOperator]);
    expect(store.signers).toHaveLength(2);
    const no = store.signers.find((s) => s.entityId === NETWORK_OPERATOR_A)!;
    expect(no.role).toBe('87');
    expect(no.publicKey.asymmetricKeyType).toBe('ec');
    expect(store.find('CN=Z1-TEST, OU=07', no.serialNumber)).toBe(no);
    expect(store.find('OU=07,CN=Z1-TEST', ` 000${no.serialNumber}\n`)).toBe(no);
    expect(store.find('CN=Z1-TEST,OU=07', (BigInt(no.serialNumber) + 1n).toString())).toBeUndefined();
    expect(store.find('CN=Z1,OU=07', no.serialNumber)).toBeUndefined();
    expect(store.find('CN=Z1-TEST,OU=07', '-1')).toBeUndefined();
    expect(store.find('CN=Z1-TEST,OU=07', '0x10')).toBeUndefined();
    expect(store.find('not a name', no.serialNumber)).toBeUndefined();
  });

  it('accepts PEM bundles, PEM bytes and DER, and ignores other PEM blocks', () => {
    const der = Buffer.from(supplier.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const bundle = `${readFixture('pki/xml-sign-supplier.key.pem')}\n${supplier}\n${networkOperator}`;
    expect(createSignerStore([bundle]).signers.map((s) => s.entityId)).toEqual([SUPPLIER, NETWORK_OPERATOR_A]);
    expect(createSignerStore([der]).signers[0]!.entityId).toBe(SUPPLIER);
    expect(createSignerStore([readFileSync(new URL('../../fixtures/pki/xml-sign-supplier.pem', import.meta.url))]).signers[0]!.entityId).toBe(
      SUPPLIER,
    );
    expect(createSignerStore([supplier, supplier]).signers).toHaveLength(1);
  });

  it('throws SignerCertificateError, with the finding, for what is not a usable certificate', () => {
    const attempt = (input: string | Uint8Array) => {
      try {
        createSignerStore([supplier, input]);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const garbage = attempt(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(garbage).toBeInstanceOf(SignerCertificateError);
    expect((garbage as SignerCertificateError).finding.code).toBe('CERTIFICATE_MALFORMED');
    expect((garbage as SignerCertificateError).index).toBe(1);
    expect(attempt('no pem here')).toBeInstanceOf(SignerCertificateError);
    expect(attempt(readFixture('pki/device-esme.pem'))).toMatchObject({ finding: { code: 'CERTIFICATE_NOT_ORGANISATION' } });
  });

  it('keeps organisation certificates that are not XML-signing ones (the verifier reports SIGNER_ROLE)', () => {
    expect(createSigner(readFixture('pki/supplier-ds.pem')).role).toBe('02');
  });
});
