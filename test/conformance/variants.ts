/**
 * Variants of a valid DUIS 6.15.1 request, each changing one thing, with the verdict DCC's DUIS XML Schema V5.4
 * gives them (checked against the real schema by test/conformance/schema.test.ts when it is present).
 *
 * The base is any valid 6.15.1 request with an UpdateSecurityCredentialsKRP body: a DCC reference request or one
 * of our fixtures. Edits are textual, on the element names as the base writes them (any prefix, or none), so a
 * variant differs from the base only where it says. The base's own ds:Signature, if any, is kept except where a
 * variant is about the signature; signature variants use a synthetic, schema-valid (not cryptographically valid)
 * signature so they work from unsigned bases too.
 */
import { escapeRegExp, RequestText, type ChildOrders } from './request-text.js';

export interface Variant {
  /** Stable kebab-case name, used in test titles and in lists of deliberate differences. */
  readonly name: string;
  readonly xml: string;
  /** The verdict of DCC's DUIS XML Schema V5.4 (libxml2). */
  readonly expectOfficialValid: boolean;
  /**
   * The verdict of our `schemas/duis-6.15.1.xsd` where it deliberately differs from the official one (see the
   * comment at the top of that schema); absent = same as `expectOfficialValid`.
   */
  readonly expectOwnValid?: boolean;
  /** Why the two schemas differ on this variant. */
  readonly difference?: string;
  /**
   * The verdict of the XML Schema 1.0 Recommendation where libxml2 (xmllint, which gives `expectOfficialValid`)
   * departs from it; absent = libxml2 follows the Recommendation here. Both schemas, run through libxml2, agree.
   */
  readonly xsdSpecValid?: boolean;
  /** Why libxml2 departs from the Recommendation on this variant. */
  readonly note?: string;
}

export const SR_NAMESPACE = 'http://www.dccinterface.co.uk/ServiceUserGateway';
export const DS_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** DUIS document order of each parent's children, for inserting optional elements where they belong. */
const ORDERS: ChildOrders = [
  ['Header', ['RequestID', 'FirstInSequence', 'PrecedingServiceRequestID', 'CommandVariant', 'ServiceReference', 'ServiceReferenceVariant']],
  [
    'UpdateSecurityCredentialsKRP',
    [
      'ExecutionDateTime',
      'RemotePartyRole',
      'RemotePartyFloorSeqNumber',
      'RemotePartyPrepaymentTopUpFloorSeqNumber',
      'ReplacementCertificates',
      'CertificationPathCertificates',
      'ApplyTimeBasedCPVChecks',
    ],
  ],
  ['SupplierOrNetworkOperatorCertificates', ['DigitalSigningCertificate', 'KeyAgreementCertificate', 'KeyAgreementTopUpCertificate']],
];


/** A synthetic enveloped signature with the DUIS profile's shape; its values are placeholders. */
export function syntheticSignature(options: { omitSignedInfo?: boolean; localName?: string } = {}): string {
  const name = options.localName ?? 'Signature';
  const signedInfo = options.omitSignedInfo
    ? ''
    : '<ds:SignedInfo>' +
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' +
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>' +
      '<ds:Reference URI=""><ds:Transforms>' +
      '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>' +
      '</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>' +
      '<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>';
  return (
    `<ds:${name} xmlns:ds="${DS_NAMESPACE}">${signedInfo}` +
    '<ds:SignatureValue>AAAA</ds:SignatureValue>' +
    '<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=Z1, OU=07</ds:X509IssuerName>' +
    '<ds:X509SerialNumber>1</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>' +
    `</ds:${name}>`
  );
}

const DIFFERENCE_SERVICE =
  'our schema is for 6.15 / 6.15.1 with an UpdateSecurityCredentialsKRP body only; DUIS XSD V5.4 has no ' +
  'co-occurrence constraint between ServiceReference, ServiceReferenceVariant and the body';
const LIBXML2_BASE64 =
  'libxml2 ignores characters outside the base64 alphabet in xs:base64Binary (XSD 1.0 allows only the alphabet, ' +
  "'=' padding and spaces)";
const DIFFERENCE_SIGNATURE =
  'our schema has a lax xs:any for the XML-Signature namespace instead of the W3C ds:Signature declaration ' +
  '(one schema document, one target namespace; we do not ship the W3C schema)';

/**
 * Builds the variants of `baseXml`. The base must be a 6.15.1 request that DUIS XSD V5.4 accepts, with a
 * DigitalSigningCertificate or KeyAgreementCertificate and at least one CertificationPathCertificates/Certificate.
 */
export function buildVariants(baseXml: string): Variant[] {
  const base = new RequestText(baseXml, ORDERS, 'buildVariants');
  const p = base.p;
  const t = (xml: string): RequestText => new RequestText(xml, ORDERS, 'buildVariants');
  const pathCertificate = base.text('Certificate');
  const slotCertificate = base.has('DigitalSigningCertificate')
    ? base.text('DigitalSigningCertificate')
    : base.text('KeyAgreementCertificate');
  const pathWith = (n: number): string =>
    Array.from({ length: n }, () => base.tag('Certificate', pathCertificate)).join('');
  const requestId = (value: string): string => base.set('RequestID', value);
  const eui = '90-B3-D5-1F-30-01-00-00';
  const device = '00-DB-12-34-56-78-90-A0';

  const variants: Variant[] = [];
  const valid = (name: string, xml: string): void => void variants.push({ name, xml, expectOfficialValid: true });
  const invalid = (name: string, xml: string): void => void variants.push({ name, xml, expectOfficialValid: false });
  const differs = (name: string, xml: string, official: boolean, difference: string): void =>
    void variants.push({ name, xml, expectOfficialValid: official, expectOwnValid: !official, difference });
  const libxml2Lenient = (name: string, xml: string, note: string): void =>
    void variants.push({ name, xml, expectOfficialValid: true, xsdSpecValid: false, note });

  // ---- valid ----------------------------------------------------------------------------------------------
  valid('base', base.xml);
  if (base.signature() !== undefined) valid('no-signature', base.withoutSignature());
  valid('synthetic-signature', base.withTrailing(syntheticSignature()));
  valid('signature-with-id-attribute', base.withTrailing(syntheticSignature().replace('<ds:Signature ', '<ds:Signature Id="sig-1" ')));
  valid('no-floor-numbers', t(base.remove('RemotePartyFloorSeqNumber')).remove('RemotePartyPrepaymentTopUpFloorSeqNumber'));
  valid('floor-max-9223372036854775807', base.set('RemotePartyFloorSeqNumber', '9223372036854775807'));
  valid('floor-leading-zeros', base.set('RemotePartyFloorSeqNumber', '0007'));
  valid('floor-plus-sign', base.set('RemotePartyFloorSeqNumber', '+7'));
  valid('floor-minus-zero', base.set('RemotePartyFloorSeqNumber', '-0'));
  valid('floor-surrounding-whitespace', base.set('RemotePartyFloorSeqNumber', '\n  7  \n'));
  valid('execution-datetime-utc', base.set('ExecutionDateTime', '2030-01-15T00:00:00Z'));
  valid('execution-datetime-no-timezone', base.set('ExecutionDateTime', '2030-01-15T00:00:00'));
  valid('execution-datetime-offset', base.set('ExecutionDateTime', '2030-01-15T01:00:00.123456+01:00'));
  valid('execution-datetime-24-00-00', base.set('ExecutionDateTime', '2030-01-15T24:00:00Z'));
  valid('execution-datetime-leap-day', base.set('ExecutionDateTime', '2032-02-29T00:00:00Z'));
  valid('execution-datetime-offset-14-00', base.set('ExecutionDateTime', '2030-01-15T00:00:00-14:00'));
  valid('execution-datetime-five-digit-year', base.set('ExecutionDateTime', '12030-01-15T00:00:00Z'));
  valid('execution-datetime-negative-year', base.set('ExecutionDateTime', '-2030-01-15T00:00:00Z'));
  valid(
    'empty-certificate-set',
    base.replaceContent('SupplierOrNetworkOperatorCertificates', ''),
  );
  valid(
    'empty-certificate-set-self-closing',
    base.xml.replace(base.element('SupplierOrNetworkOperatorCertificates'), `<${p}SupplierOrNetworkOperatorCertificates/>`),
  );
  valid('only-key-agreement-top-up', base.replaceContent('SupplierOrNetworkOperatorCertificates', base.tag('KeyAgreementTopUpCertificate', slotCertificate)));
  valid('three-path-certificates', base.replaceContent('CertificationPathCertificates', pathWith(3)));
  valid('command-variant-9', base.set('CommandVariant', '9'));
  valid('command-variant-5', base.set('CommandVariant', '5'));
  valid('command-variant-leading-zero', base.set('CommandVariant', '04'));
  valid('command-variant-plus-sign', base.set('CommandVariant', '+4'));
  valid('first-in-sequence-true', base.set('FirstInSequence', 'true'));
  valid('first-in-sequence-0', base.set('FirstInSequence', '0'));
  valid('preceding-service-request-id', base.set('PrecedingServiceRequestID', `${eui}:${device}:999`));
  valid('apply-cpv-checks-1', base.set('ApplyTimeBasedCPVChecks', '1'));
  valid('apply-cpv-checks-whitespace', base.set('ApplyTimeBasedCPVChecks', ' false\n'));
  valid('role-surrounding-whitespace', base.set('RemotePartyRole', '\n\t Supplier \n'));
  valid('request-id-lowercase-hex', requestId(`90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a0:1`));
  valid('request-id-counter-0', requestId(`${eui}:${device}:0`));
  valid('request-id-counter-max', requestId(`${eui}:${device}:18446744073709551615`));
  valid('request-id-surrounding-whitespace', requestId(`\n   ${eui}:${device}:5\n   `));
  valid('schema-version-integer', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion="5"')));
  valid('schema-version-signed-padded', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion=" +005.40 "')));
  valid('schema-version-trailing-dot', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion="5."')));
  valid('base64-wrapped-lines', base.set('Certificate', (pathCertificate.match(/.{1,64}/g) ?? []).join('\n')));
  valid('base64-wrapped-cr-reference', base.set('Certificate', (pathCertificate.match(/.{1,76}/g) ?? []).join('&#13;\n')));
  valid('base64-empty-certificate', base.set('Certificate', ''));
  valid('base64-short-padded', base.set('Certificate', 'QUI='));
  valid('comments-and-pis-between-elements', base.before('RemotePartyRole', '<!-- a comment --><?pi data?>'));
  valid('comment-inside-value', base.set('RemotePartyRole', 'Sup<!-- split -->plier'));
  valid('cdata-value', base.set('RemotePartyRole', '<![CDATA[Supplier]]>'));
  valid(
    'default-namespace',
    p === ''
      ? base.xml
      : base.xml
          .replace(new RegExp(`<${escapeRegExp(p)}`, 'g'), '<')
          .replace(new RegExp(`</${escapeRegExp(p)}`, 'g'), '</')
          .replace(/<Request(?=[\s>])/, `<Request xmlns="${SR_NAMESPACE}"`),
  );
  valid(
    'xsi-schema-location',
    base.rootAttributes((a) =>
      a
        .replace(/\s+xmlns:xsi="[^"]*"/, '')
        .concat(` xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${SR_NAMESPACE} duis.xsd"`),
    ),
  );
  valid(
    'xsi-type-builtin',
    base.set('ApplyTimeBasedCPVChecks', 'true').replace(
      new RegExp(`<${escapeRegExp(p)}ApplyTimeBasedCPVChecks>`),
      `<${p}ApplyTimeBasedCPVChecks xmlns:xsi="${XSI_NAMESPACE}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:boolean">`,
    ),
  );
  valid(
    'xsi-type-duis-type',
    base.set('Certificate', pathCertificate).replace(
      new RegExp(`<${escapeRegExp(p)}Certificate>`),
      `<${p}Certificate xmlns:xsi="${XSI_NAMESPACE}" xmlns:t="${SR_NAMESPACE}" xsi:type="t:Certificate">`,
    ),
  );

  // ---- invalid: structure -------------------------------------------------------------------------------
  invalid('reorder-replacement-and-path', base.swap('ReplacementCertificates', 'CertificationPathCertificates'));
  invalid('reorder-header-service-reference', base.swap('CommandVariant', 'ServiceReference'));
  invalid('reorder-slots', t(base.set('DigitalSigningCertificate', slotCertificate)).swap('DigitalSigningCertificate', 'KeyAgreementCertificate'));
  invalid('missing-remote-party-role', base.remove('RemotePartyRole'));
  invalid('missing-apply-time-based-cpv-checks', base.remove('ApplyTimeBasedCPVChecks'));
  invalid('missing-certification-path-certificates', base.remove('CertificationPathCertificates'));
  invalid('missing-replacement-certificates', base.remove('ReplacementCertificates'));
  invalid('missing-supplier-or-network-operator-certificates', base.replaceContent('ReplacementCertificates', ''));
  invalid('missing-request-id', base.remove('RequestID'));
  invalid('missing-command-variant', base.remove('CommandVariant'));
  invalid('missing-service-reference', base.remove('ServiceReference'));
  invalid('missing-service-reference-variant', base.remove('ServiceReferenceVariant'));
  invalid('missing-header', base.remove('Header'));
  invalid('missing-body', base.remove('Body'));
  invalid('empty-body', base.replaceContent('Body', ''));
  invalid('extra-unknown-element', base.after('RemotePartyRole', base.tag('Colour', 'blue')));
  invalid('extra-element-in-header', base.after('ServiceReferenceVariant', base.tag('Priority', '1')));
  invalid('extra-foreign-namespace-element', base.after('ApplyTimeBasedCPVChecks', '<x:Note xmlns:x="urn:example">hi</x:Note>'));
  invalid('extra-unqualified-element', base.after('ApplyTimeBasedCPVChecks', '<Note xmlns="">hi</Note>'));
  invalid('extra-attribute-on-root', base.rootAttributes((a) => `${a} version="1"`));
  invalid('extra-attribute-on-child', base.addAttributes('RemotePartyRole', 'kind="x"'));
  invalid('xsi-nil-on-non-nillable', base.addAttributes('RemotePartyRole', `xmlns:xsi="${XSI_NAMESPACE}" xsi:nil="false"`));
  invalid('duplicate-body-child', base.after('UpdateSecurityCredentialsKRP', base.element('UpdateSecurityCredentialsKRP')));
  invalid('duplicate-body', base.after('Body', base.element('Body')));
  invalid('duplicate-remote-party-role', base.after('RemotePartyRole', base.element('RemotePartyRole')));
  invalid('duplicate-execution-datetime', t(base.set('ExecutionDateTime', '2030-01-15T00:00:00Z')).before('ExecutionDateTime', base.tag('ExecutionDateTime', '2030-01-15T00:00:00Z')));
  invalid('duplicate-slot', t(base.set('DigitalSigningCertificate', slotCertificate)).after('DigitalSigningCertificate', base.tag('DigitalSigningCertificate', slotCertificate)));
  invalid('duplicate-first-in-sequence', base.set('FirstInSequence', `true</${p}FirstInSequence><${p}FirstInSequence>true`));
  invalid('text-in-element-only-content', base.before('RemotePartyRole', 'stray text'));
  invalid('child-element-in-simple-value', base.set('RemotePartyRole', `<${p}Supplier/>`));
  invalid('root-wrong-namespace', base.xml.replace(SR_NAMESPACE, 'http://www.dccinterface.co.uk/Other'));
  invalid('root-wrong-name', base.xml.replace(new RegExp(`<${escapeRegExp(p)}Request(?=[\\s>])`), `<${p}Requests`).replace(new RegExp(`</${escapeRegExp(p)}Request>`), `</${p}Requests>`));
  invalid('malformed-xml', base.xml.replace(`</${p}Body>`, ''));
  invalid('four-path-certificates', base.replaceContent('CertificationPathCertificates', pathWith(4)));
  invalid('zero-path-certificates', base.replaceContent('CertificationPathCertificates', ''));

  // ---- invalid: values ----------------------------------------------------------------------------------
  invalid('role-landlord', base.set('RemotePartyRole', 'Landlord'));
  invalid('role-lowercase', base.set('RemotePartyRole', 'supplier'));
  invalid('role-empty', base.set('RemotePartyRole', ''));
  invalid('role-inner-space', base.set('RemotePartyRole', 'Network Operator'));
  invalid('floor-9223372036854775808', base.set('RemotePartyFloorSeqNumber', '9223372036854775808'));
  invalid('floor-huge', base.set('RemotePartyFloorSeqNumber', '1'.padEnd(40, '0')));
  invalid('floor-negative', base.set('RemotePartyFloorSeqNumber', '-1'));
  invalid('top-up-floor-negative', base.set('RemotePartyPrepaymentTopUpFloorSeqNumber', '-5'));
  invalid('floor-decimal', base.set('RemotePartyFloorSeqNumber', '5.0'));
  invalid('floor-empty', base.set('RemotePartyFloorSeqNumber', ''));
  invalid('floor-inner-space', base.set('RemotePartyFloorSeqNumber', '1 000'));
  invalid('request-id-seven-pair-eui', requestId(`90-B3-D5-1F-30-01-00:${device}:1`));
  invalid('request-id-counter-18446744073709551616', requestId(`${eui}:${device}:18446744073709551616`));
  invalid('request-id-counter-leading-zero', requestId(`${eui}:${device}:01`));
  invalid('request-id-counter-negative', requestId(`${eui}:${device}:-1`));
  invalid('request-id-no-counter', requestId(`${eui}:${device}`));
  invalid('request-id-non-hex', requestId(`90-B3-D5-1F-30-01-00-0G:${device}:1`));
  invalid('request-id-inner-space', requestId(`${eui}: ${device}:1`));
  invalid('preceding-request-id-bad', base.set('PrecedingServiceRequestID', `${eui}:${device}`));
  invalid('first-in-sequence-yes', base.set('FirstInSequence', 'yes'));
  invalid('apply-cpv-checks-yes', base.set('ApplyTimeBasedCPVChecks', 'yes'));
  invalid('apply-cpv-checks-uppercase', base.set('ApplyTimeBasedCPVChecks', 'TRUE'));
  invalid('execution-datetime-bad-month', base.set('ExecutionDateTime', '2030-13-01T00:00:00Z'));
  invalid('execution-datetime-date-only', base.set('ExecutionDateTime', '2030-01-15'));
  invalid('execution-datetime-not-a-date', base.set('ExecutionDateTime', 'tomorrow'));
  invalid('execution-datetime-year-0000', base.set('ExecutionDateTime', '0000-01-01T00:00:00Z'));
  invalid('execution-datetime-feb-29-non-leap', base.set('ExecutionDateTime', '2031-02-29T00:00:00Z'));
  invalid('execution-datetime-24-00-01', base.set('ExecutionDateTime', '2030-01-15T24:00:01Z'));
  invalid('execution-datetime-offset-14-01', base.set('ExecutionDateTime', '2030-01-15T00:00:00+14:01'));
  invalid('execution-datetime-space-before-zone', base.set('ExecutionDateTime', '2030-01-15T00:00:00 Z'));
  invalid('base64-bad-length', base.set('Certificate', 'QUJ'));
  invalid('base64-padding-in-middle', base.set('Certificate', 'QQ==QUJD'));
  // XSD 1.0 base64Binary: the last character before '=' / '==' must leave the unused bits zero.
  invalid('base64-nonzero-pad-bits-single', base.set('Certificate', 'QUJ='));
  invalid('base64-nonzero-pad-bits-double', base.set('Certificate', 'QR=='));
  // libxml2 (2.13) skips characters outside the base64 alphabet instead of rejecting them, so DCC's schema run
  // through xmllint accepts these, although the XSD 1.0 Recommendation's base64Binary grammar does not.
  libxml2Lenient('base64-at-signs', base.set('Certificate', '@@@'), LIBXML2_BASE64);
  libxml2Lenient('base64-slot-at-signs', t(base.set('DigitalSigningCertificate', slotCertificate)).set('DigitalSigningCertificate', '@@@'), LIBXML2_BASE64);
  libxml2Lenient('base64-stray-character', base.set('Certificate', `${pathCertificate.slice(0, 8)}!${pathCertificate.slice(8)}`), LIBXML2_BASE64);
  invalid('missing-schema-version', base.rootAttributes((a) => a.replace(/\s*schemaVersion="[^"]*"/, '')));
  invalid('schema-version-abc', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion="abc"')));
  invalid('schema-version-empty', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion=""')));
  invalid('schema-version-comma', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, 'schemaVersion="5,4"')));
  invalid('schema-version-namespaced', base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, `xmlns:o="urn:other" o:schemaVersion="5.4"`)));
  invalid('command-variant-0', base.set('CommandVariant', '0'));
  invalid('command-variant-10', base.set('CommandVariant', '10'));
  invalid('command-variant-decimal', base.set('CommandVariant', '4.0'));
  invalid('command-variant-empty', base.set('CommandVariant', ''));
  invalid('service-reference-leading-space', base.set('ServiceReference', ' 6.15'));
  invalid('service-reference-empty', base.set('ServiceReference', ''));
  invalid('service-reference-variant-unknown', base.set('ServiceReferenceVariant', '6.15.9'));
  invalid('service-reference-variant-trailing-newline', base.set('ServiceReferenceVariant', '6.15.1\n'));

  // ---- where our schema deliberately differs ------------------------------------------------------------
  differs('service-reference-variant-6.15.2', base.set('ServiceReferenceVariant', '6.15.2'), true, DIFFERENCE_SERVICE);
  differs('service-reference-6.14', t(base.set('ServiceReference', '6.14')).set('ServiceReferenceVariant', '6.14.1'), true, DIFFERENCE_SERVICE);
  differs(
    'body-update-security-credentials-device',
    base.replaceContent('Body', base.tag('UpdateSecurityCredentialsDevice', base.tag('DeviceCertificate', pathCertificate))),
    true,
    DIFFERENCE_SERVICE,
  );
  differs('signature-missing-signed-info', base.withTrailing(syntheticSignature({ omitSignedInfo: true })), false, DIFFERENCE_SIGNATURE);
  differs(
    'signature-inner-structure-invalid',
    base.withTrailing(syntheticSignature().replace(/<ds:CanonicalizationMethod [^>]*\/>/, '')),
    false,
    DIFFERENCE_SIGNATURE,
  );
  differs('signature-replaced-by-ds-object', base.withTrailing(`<ds:Object xmlns:ds="${DS_NAMESPACE}">x</ds:Object>`), false, DIFFERENCE_SIGNATURE);
  differs('signature-unknown-ds-element', base.withTrailing(syntheticSignature({ localName: 'Signatur' })), false, DIFFERENCE_SIGNATURE);

  // ---- signature placement (both schemas reject) --------------------------------------------------------
  invalid('two-signatures', base.withTrailing(syntheticSignature() + syntheticSignature()));
  invalid('signature-before-body', t(base.withoutSignature()).before('Body', syntheticSignature()));
  invalid('signature-wrong-namespace', base.withTrailing(syntheticSignature().replace(`xmlns:ds="${DS_NAMESPACE}"`, 'xmlns:ds="http://www.w3.org/2000/09/xmldsig"')));

  return variants;
}
