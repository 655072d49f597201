/**
 * Variants of a valid DUIS 6.21 Request Handover of DCC Controlled Device, each changing one thing, with the verdict
 * DCC's DUIS XML Schema V5.4 gives them (checked against the real schema by handover-schema.test.ts when it is
 * present), and the documents that test validates: DCC's two 6.21 reference requests and the bases.
 *
 * Same approach as variants.ts (6.15.1): textual edits on the element names as the base writes them, so a variant
 * differs from the base only where it says, and the `Variant` shape is shared so both lists read alike. The editor
 * is separate because 6.21 puts the certificate slots directly under ReplacementCertificates, where 6.15.1 has a
 * SupplierOrNetworkOperatorCertificates wrapper, and the 6.15.1 editor inserts by the 6.15.1 layout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OFFICIAL_TEMPLATES_DIR } from '../support/xmllint.js';
import { fixtureRequests, type NamedDocument } from './documents.js';
import { escapeRegExp, RequestText, type ChildOrders } from './request-text.js';
import { DS_NAMESPACE, SR_NAMESPACE, syntheticSignature, type Variant } from './variants.js';

export type { Variant } from './variants.js';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XS_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** DCC Reference Test Data Set 6.21 requests (`*6.21*.XML`); empty when the reference files are absent. */
export function handoverReferenceRequests(): NamedDocument[] {
  const dir = fileURLToPath(OFFICIAL_TEMPLATES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.includes('_6.21_') && f.endsWith('.XML'))
    .sort()
    .map((file) => ({ name: file, xml: readFileSync(new URL(file, OFFICIAL_TEMPLATES_DIR), 'utf8') }));
}

const REFERENCE_BASE = 'CS02bSupplierBySupplierHandover_6.21_SUCCESS_REQUEST_DUIS.XML';
const FIXTURE_BASE = 'handover-no-correct.xml';

/**
 * Valid 6.21 requests to build variants from: DCC's Supplier-by-Supplier handover (signed, all three slots, both
 * floor numbers) when present, and our Network Operator fixture (unsigned, no top-up slot or top-up floor), so
 * that both the "add an optional element" and the "remove it" edits meet a base that has it.
 */
export function handoverVariantBases(): NamedDocument[] {
  return [
    ...handoverReferenceRequests().filter((d) => d.name === REFERENCE_BASE).map((d) => ({ name: 'rtds', xml: d.xml })),
    ...fixtureRequests().filter((d) => d.name === FIXTURE_BASE).map((d) => ({ name: 'fixture', xml: d.xml })),
  ];
}

/** DUIS document order of each parent's children, for inserting optional elements where they belong. */
const ORDERS: ChildOrders = [
  ['Header', ['RequestID', 'FirstInSequence', 'PrecedingServiceRequestID', 'CommandVariant', 'ServiceReference', 'ServiceReferenceVariant']],
  [
    'RequestHandoverOfDCCControlledDevice',
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
  ['ReplacementCertificates', ['DigitalSigningCertificate', 'KeyAgreementCertificate', 'KeyAgreementTopUpCertificate']],
];


// Why the variants below differ between our schema and DCC's: these restate the two deliberate differences at the
// top of schemas/duis-6.21.xsd.
const DIFFERENCE_SERVICE =
  'our schema is for 6.21 / 6.21 with a RequestHandoverOfDCCControlledDevice body only; DUIS XSD V5.4 has no ' +
  'co-occurrence constraint between ServiceReference, ServiceReferenceVariant and the body';
const DIFFERENCE_SIGNATURE =
  'our schema has a lax xs:any for the XML-Signature namespace instead of the W3C ds:Signature declaration ' +
  '(one schema document, one target namespace; we do not ship the W3C schema)';
const LIBXML2_BASE64 =
  'libxml2 ignores characters outside the base64 alphabet in xs:base64Binary (XSD 1.0 allows only the alphabet, ' +
  "'=' padding and spaces)";

const LIBXML2_DATETIME =
  'libxml2 rejects whitespace before an xs:dateTime value (it accepts it after); XSD 1.0 gives xs:dateTime ' +
  'whiteSpace="collapse", which removes both';

const SLOTS = ['DigitalSigningCertificate', 'KeyAgreementCertificate', 'KeyAgreementTopUpCertificate'] as const;
const ROLES = ['ACB', 'NetworkOperator', 'Recovery', 'Root', 'Supplier', 'TransCoS', 'LoadController'] as const;

/** `DigitalSigningCertificate` -> `digital-signing`, for variant names. */
const slotName = (slot: string): string =>
  slot
    .replace(/Certificate$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();

/**
 * Builds the variants of `baseXml`. The base must be a 6.21 request that DUIS XSD V5.4 accepts, with a
 * DigitalSigningCertificate and KeyAgreementCertificate, a RemotePartyFloorSeqNumber, and at least one
 * CertificationPathCertificates/Certificate.
 */
export function buildHandoverVariants(baseXml: string): Variant[] {
  const base = new RequestText(baseXml, ORDERS, 'buildHandoverVariants');
  const p = base.p;
  const t = (xml: string): RequestText => new RequestText(xml, ORDERS, 'buildHandoverVariants');
  const pathCertificate = base.text('Certificate');
  const slotCertificate = base.text('DigitalSigningCertificate');
  const pathWith = (n: number): string => Array.from({ length: n }, () => base.tag('Certificate', pathCertificate)).join('');
  /** The base with all three slots filled, so that every slot edit meets a present slot. */
  const full = t(base.has('KeyAgreementTopUpCertificate') ? base.xml : base.set('KeyAgreementTopUpCertificate', slotCertificate));
  const requestId = (value: string): string => base.set('RequestID', value);
  const eui = '90-B3-D5-1F-30-01-00-00';
  const device = '00-DB-12-34-56-78-90-A3';
  const xsi = (local: string, type: string, prefixes = `xmlns:t="${SR_NAMESPACE}"`): string =>
    base.addAttributes(local, `xmlns:xsi="${XSI_NAMESPACE}" ${prefixes} xsi:type="${type}"`);
  const schemaVersion = (value: string): string => base.rootAttributes((a) => a.replace(/schemaVersion="[^"]*"/, value));
  /** The body as a 6.15.1 KRP body: slots wrapped in SupplierOrNetworkOperatorCertificates. */
  const krpWrapped = (): string => {
    const slots = base.text('ReplacementCertificates');
    return base.replaceContent('ReplacementCertificates', base.tag('SupplierOrNetworkOperatorCertificates', slots));
  };

  const variants: Variant[] = [];
  const valid = (name: string, xml: string): void => void variants.push({ name, xml, expectOfficialValid: true });
  const invalid = (name: string, xml: string): void => void variants.push({ name, xml, expectOfficialValid: false });
  const differs = (name: string, xml: string, official: boolean, difference: string): void =>
    void variants.push({ name, xml, expectOfficialValid: official, expectOwnValid: !official, difference });
  const libxml2Lenient = (name: string, xml: string): void =>
    void variants.push({ name, xml, expectOfficialValid: true, xsdSpecValid: false, note: LIBXML2_BASE64 });
  const libxml2Strict = (name: string, xml: string, note: string): void =>
    void variants.push({ name, xml, expectOfficialValid: false, xsdSpecValid: true, note });

  // ---- valid: envelope ------------------------------------------------------------------------------------
  valid('base', base.xml);
  if (base.signature() !== undefined) valid('no-signature', base.withoutSignature());
  valid('synthetic-signature', base.withTrailing(syntheticSignature()));
  valid('signature-with-id-attribute', base.withTrailing(syntheticSignature().replace('<ds:Signature ', '<ds:Signature Id="sig-1" ')));
  valid(
    'default-namespace',
    // A base written with the default namespace is its own default-namespace variant.
    p === '' ? base.xml : base.withDuisPrefix(''),
  );
  valid('other-prefix', base.withDuisPrefix(p === 'dcc:' ? 'x' : 'dcc'));
  valid(
    'xsi-schema-location',
    base.rootAttributes((a) =>
      a.replace(/\s+xmlns:xsi="[^"]*"/, '').concat(` xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${SR_NAMESPACE} duis.xsd"`),
    ),
  );
  valid('comments-and-pis-between-elements', base.before('RemotePartyRole', '<!-- a comment --><?pi data?>'));
  valid('comment-between-slots', base.after('DigitalSigningCertificate', '<!-- between slots -->'));
  valid('comment-inside-value', base.set('RemotePartyRole', 'Sup<!-- split -->plier'));
  valid('cdata-value', base.set('RemotePartyRole', '<![CDATA[Supplier]]>'));
  valid('schema-version-integer', schemaVersion('schemaVersion="5"'));
  valid('schema-version-signed-padded', schemaVersion('schemaVersion=" +005.40 "'));
  valid('schema-version-trailing-dot', schemaVersion('schemaVersion="5."'));

  // ---- valid: header ----------------------------------------------------------------------------------------
  for (const cv of ['1', '2', '3', '4', '9']) {
    if (cv !== base.text('CommandVariant')) valid(`command-variant-${cv}`, base.set('CommandVariant', cv));
  }
  valid('command-variant-leading-zero', base.set('CommandVariant', '01'));
  valid('command-variant-plus-sign', base.set('CommandVariant', '+1'));
  valid('command-variant-whitespace', base.set('CommandVariant', ' 1\n'));
  valid('first-in-sequence-true', base.set('FirstInSequence', 'true'));
  valid('first-in-sequence-0', base.set('FirstInSequence', '0'));
  valid('preceding-service-request-id', base.set('PrecedingServiceRequestID', `${eui}:${device}:999`));
  valid(
    'first-in-sequence-and-preceding',
    t(base.set('FirstInSequence', 'false')).set('PrecedingServiceRequestID', `${eui}:${device}:999`),
  );
  valid('request-id-lowercase-hex', requestId('90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a3:1'));
  valid('request-id-counter-0', requestId(`${eui}:${device}:0`));
  valid('request-id-counter-19-digits', requestId(`${eui}:${device}:9999999999999999999`));
  valid('request-id-counter-max', requestId(`${eui}:${device}:18446744073709551615`));
  valid('request-id-surrounding-whitespace', requestId(`\n   ${eui}:${device}:5\n   `));

  // ---- valid: body ------------------------------------------------------------------------------------------
  for (const role of ROLES) {
    // Schema-valid, every one: which roles 6.21 may name is for the rules.
    if (role !== base.text('RemotePartyRole')) valid(`role-${role.toLowerCase()}`, base.set('RemotePartyRole', role));
  }
  valid('role-surrounding-whitespace', base.set('RemotePartyRole', '\n\t Supplier \n'));
  valid('no-floor-numbers', t(base.remove('RemotePartyFloorSeqNumber')).remove('RemotePartyPrepaymentTopUpFloorSeqNumber'));
  valid('only-top-up-floor', t(base.remove('RemotePartyFloorSeqNumber')).set('RemotePartyPrepaymentTopUpFloorSeqNumber', '3'));
  valid('floor-max-9223372036854775807', base.set('RemotePartyFloorSeqNumber', '9223372036854775807'));
  valid('top-up-floor-max-9223372036854775807', base.set('RemotePartyPrepaymentTopUpFloorSeqNumber', '9223372036854775807'));
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
  valid('execution-datetime-cancellation', base.set('ExecutionDateTime', '3000-12-31T00:00:00Z'));
  valid('execution-datetime-trailing-whitespace', base.set('ExecutionDateTime', '2030-01-15T00:00:00Z \n'));
  // xs:dateTime has whiteSpace="collapse", so the XSD 1.0 Recommendation accepts leading whitespace too; libxml2
  // (2.13) does not strip it before parsing the date, so both schemas run through xmllint reject these.
  libxml2Strict('execution-datetime-leading-whitespace', base.set('ExecutionDateTime', '\n 2030-01-15T00:00:00Z'), LIBXML2_DATETIME);
  libxml2Strict('execution-datetime-surrounding-whitespace', base.set('ExecutionDateTime', '  2030-01-15T00:00:00Z  '), LIBXML2_DATETIME);
  if (!base.has('KeyAgreementTopUpCertificate')) valid('all-three-slots', full.xml);
  valid('only-digital-signing', t(base.remove('KeyAgreementCertificate')).remove('KeyAgreementTopUpCertificate'));
  valid('digital-signing-and-top-up', t(full.remove('KeyAgreementCertificate')).xml);
  if (base.has('KeyAgreementTopUpCertificate')) valid('digital-signing-and-key-agreement', base.remove('KeyAgreementTopUpCertificate'));
  for (const slot of SLOTS) {
    valid(`slot-${slotName(slot)}-empty`, full.set(slot, ''));
    valid(`slot-${slotName(slot)}-self-closing`, full.replace(slot, `<${p}${slot}/>`));
    valid(`slot-${slotName(slot)}-wrapped-lines`, full.set(slot, (slotCertificate.match(/.{1,64}/g) ?? []).join('\n')));
  }
  valid('two-path-certificates', base.replaceContent('CertificationPathCertificates', pathWith(2)));
  valid('three-path-certificates', base.replaceContent('CertificationPathCertificates', pathWith(3)));
  valid('apply-cpv-checks-false', base.set('ApplyTimeBasedCPVChecks', 'false'));
  valid('apply-cpv-checks-1', base.set('ApplyTimeBasedCPVChecks', '1'));
  valid('apply-cpv-checks-whitespace', base.set('ApplyTimeBasedCPVChecks', ' false\n'));
  valid('base64-wrapped-lines', base.set('Certificate', (pathCertificate.match(/.{1,64}/g) ?? []).join('\n')));
  valid('base64-wrapped-cr-reference', base.set('Certificate', (pathCertificate.match(/.{1,76}/g) ?? []).join('&#13;\n')));
  valid('base64-empty-certificate', base.set('Certificate', ''));
  valid('base64-short-padded', base.set('Certificate', 'QUI='));

  // ---- valid: xsi:type naming the declared type (same type names as DUIS XSD V5.4) ----------------------
  valid('xsi-type-builtin', xsi('ApplyTimeBasedCPVChecks', 'xs:boolean', `xmlns:xs="${XS_NAMESPACE}"`));
  valid('xsi-type-duis-type', xsi('Certificate', 't:Certificate'));
  valid('xsi-type-body', xsi('RequestHandoverOfDCCControlledDevice', 't:RequestHandoverOfDCCControlledDevice'));
  valid('xsi-type-replacement-certificates', xsi('ReplacementCertificates', 't:ReplacementCertificatesDCCHandover'));

  // ---- invalid: header structure ---------------------------------------------------------------------------
  for (const name of ['RequestID', 'CommandVariant', 'ServiceReference', 'ServiceReferenceVariant']) {
    invalid(`missing-${kebab(name)}`, base.remove(name));
    invalid(`duplicate-${kebab(name)}`, base.after(name, base.element(name)));
  }
  invalid('duplicate-first-in-sequence', base.set('FirstInSequence', `true</${p}FirstInSequence><${p}FirstInSequence>true`));
  invalid(
    'duplicate-preceding-service-request-id',
    base.set('PrecedingServiceRequestID', `${eui}:${device}:9</${p}PrecedingServiceRequestID><${p}PrecedingServiceRequestID>${eui}:${device}:8`),
  );
  invalid('reorder-request-id-command-variant', base.swap('RequestID', 'CommandVariant'));
  invalid('reorder-command-variant-service-reference', base.swap('CommandVariant', 'ServiceReference'));
  invalid('reorder-service-reference-and-variant', base.swap('ServiceReference', 'ServiceReferenceVariant'));
  invalid(
    'reorder-first-in-sequence-after-preceding',
    t(t(base.set('PrecedingServiceRequestID', `${eui}:${device}:9`)).set('FirstInSequence', 'true')).swap('FirstInSequence', 'PrecedingServiceRequestID'),
  );
  invalid('first-in-sequence-after-command-variant', base.after('CommandVariant', base.tag('FirstInSequence', 'true')));
  invalid('extra-element-in-header', base.after('ServiceReferenceVariant', base.tag('Priority', '1')));
  invalid('header-empty', base.replaceContent('Header', ''));

  // ---- invalid: request structure --------------------------------------------------------------------------
  invalid('missing-header', base.remove('Header'));
  invalid('missing-body', base.remove('Body'));
  invalid('duplicate-header', base.after('Header', base.element('Header')));
  invalid('duplicate-body', base.after('Body', base.element('Body')));
  invalid('reorder-header-and-body', base.swap('Header', 'Body'));
  invalid('empty-body', base.replaceContent('Body', ''));
  invalid('duplicate-body-element', base.after('RequestHandoverOfDCCControlledDevice', base.element('RequestHandoverOfDCCControlledDevice')));
  invalid('extra-element-after-body', base.after('Body', base.tag('Trailer', 'x')));
  invalid('extra-element-in-body', base.after('RequestHandoverOfDCCControlledDevice', base.tag('Colour', 'blue')));
  invalid('body-unknown-element', base.rename('RequestHandoverOfDCCControlledDevice', 'RequestHandover'));
  invalid(
    'body-element-wrong-namespace',
    base.addAttributes('RequestHandoverOfDCCControlledDevice', `xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://www.dccinterface.co.uk/Other"`),
  );
  invalid('text-in-body', base.before('RequestHandoverOfDCCControlledDevice', 'stray text'));
  invalid('root-wrong-namespace', base.xml.replace(SR_NAMESPACE, 'http://www.dccinterface.co.uk/Other'));
  invalid('root-wrong-name', base.rename('Request', 'Requests'));
  invalid('malformed-xml', base.xml.replace(`</${p}Body>`, ''));
  // The root stays in the DUIS namespace; everything under it is in no namespace.
  invalid('children-unqualified', t(t(base.withDuisPrefix('')).addAttributes('Header', 'xmlns=""')).addAttributes('Body', 'xmlns=""'));

  // ---- invalid: body structure -----------------------------------------------------------------------------
  for (const name of ['RemotePartyRole', 'ReplacementCertificates', 'CertificationPathCertificates', 'ApplyTimeBasedCPVChecks']) {
    invalid(`missing-${kebab(name)}`, base.remove(name));
    invalid(`duplicate-${kebab(name)}`, base.after(name, base.element(name)));
  }
  invalid('duplicate-floor', base.after('RemotePartyFloorSeqNumber', base.element('RemotePartyFloorSeqNumber')));
  invalid(
    'duplicate-execution-datetime',
    t(base.set('ExecutionDateTime', '2030-01-15T00:00:00Z')).before('ExecutionDateTime', base.tag('ExecutionDateTime', '2030-01-15T00:00:00Z')),
  );
  invalid('execution-datetime-after-role', base.after('RemotePartyRole', base.tag('ExecutionDateTime', '2030-01-15T00:00:00Z')));
  invalid('execution-datetime-last', base.after('ApplyTimeBasedCPVChecks', base.tag('ExecutionDateTime', '2030-01-15T00:00:00Z')));
  invalid('reorder-role-and-floor', base.swap('RemotePartyRole', 'RemotePartyFloorSeqNumber'));
  invalid(
    'reorder-floor-and-top-up-floor',
    t(base.set('RemotePartyPrepaymentTopUpFloorSeqNumber', '0')).swap('RemotePartyFloorSeqNumber', 'RemotePartyPrepaymentTopUpFloorSeqNumber'),
  );
  invalid('reorder-replacement-and-path', base.swap('ReplacementCertificates', 'CertificationPathCertificates'));
  invalid('reorder-path-and-apply-cpv-checks', base.swap('CertificationPathCertificates', 'ApplyTimeBasedCPVChecks'));
  invalid('body-element-empty', base.replaceContent('RequestHandoverOfDCCControlledDevice', ''));
  invalid('extra-unknown-element', base.after('RemotePartyRole', base.tag('Colour', 'blue')));
  invalid('extra-foreign-namespace-element', base.after('ApplyTimeBasedCPVChecks', '<x:Note xmlns:x="urn:example">hi</x:Note>'));
  invalid('extra-unqualified-element', base.after('ApplyTimeBasedCPVChecks', '<Note xmlns="">hi</Note>'));
  invalid('extra-ds-element-in-body', base.after('ApplyTimeBasedCPVChecks', syntheticSignature()));
  invalid('text-in-element-only-content', base.before('RemotePartyRole', 'stray text'));
  invalid('child-element-in-simple-value', base.set('RemotePartyRole', `<${p}Supplier/>`));
  invalid('four-path-certificates', base.replaceContent('CertificationPathCertificates', pathWith(4)));
  invalid('zero-path-certificates', base.replaceContent('CertificationPathCertificates', ''));
  invalid('path-certificate-misnamed', base.rename('Certificate', 'CACertificate'));
  invalid('path-certificate-child-element', base.set('Certificate', `<${p}Certificate>${pathCertificate}</${p}Certificate>`));

  // ---- invalid: the certificate slots -----------------------------------------------------------------------
  invalid('replacement-certificates-empty', base.replaceContent('ReplacementCertificates', ''));
  invalid('replacement-certificates-self-closing', base.replace('ReplacementCertificates', `<${p}ReplacementCertificates/>`));
  // 6.15.1's layout: the slots inside a SupplierOrNetworkOperatorCertificates wrapper.
  invalid('krp-wrapper', krpWrapped());
  invalid(
    'krp-wrapper-inside-slots',
    base.before('DigitalSigningCertificate', base.tag('SupplierOrNetworkOperatorCertificates', base.tag('DigitalSigningCertificate', slotCertificate))),
  );
  invalid('slots-outside-replacement-certificates', base.replace('ReplacementCertificates', base.text('ReplacementCertificates')));
  invalid('slot-text-in-replacement-certificates', base.before('DigitalSigningCertificate', 'stray text'));
  invalid('missing-digital-signing', full.remove('DigitalSigningCertificate'));
  invalid('only-key-agreement', t(full.remove('DigitalSigningCertificate')).remove('KeyAgreementTopUpCertificate'));
  invalid('only-key-agreement-top-up', t(full.remove('DigitalSigningCertificate')).remove('KeyAgreementCertificate'));
  for (const slot of SLOTS) {
    const name = slotName(slot);
    invalid(`slot-${name}-duplicated`, full.after(slot, full.element(slot)));
    invalid(`slot-${name}-bad-length`, full.set(slot, 'QUJ'));
    invalid(`slot-${name}-padding-in-middle`, full.set(slot, 'QQ==QUJD'));
    // XSD 1.0 base64Binary: the last character before '=' / '==' must leave the unused bits zero.
    invalid(`slot-${name}-nonzero-pad-bits`, full.set(slot, 'QR=='));
    // libxml2 (2.13) skips characters outside the base64 alphabet instead of rejecting them, so DCC's schema run
    // through xmllint accepts these, although the XSD 1.0 Recommendation's base64Binary grammar does not.
    libxml2Lenient(`slot-${name}-at-signs`, full.set(slot, '@@@'));
    invalid(`slot-${name}-child-element`, full.set(slot, `<${p}Certificate>${slotCertificate}</${p}Certificate>`));
    invalid(`slot-${name}-attribute`, full.addAttributes(slot, 'id="1"'));
    invalid(`slot-${name}-unqualified`, full.replace(slot, `<${slot} xmlns="">${slotCertificate}</${slot}>`));
  }
  invalid('reorder-digital-signing-and-key-agreement', full.swap('DigitalSigningCertificate', 'KeyAgreementCertificate'));
  invalid('reorder-key-agreement-and-top-up', full.swap('KeyAgreementCertificate', 'KeyAgreementTopUpCertificate'));
  invalid('reorder-digital-signing-and-top-up', full.swap('DigitalSigningCertificate', 'KeyAgreementTopUpCertificate'));
  invalid('slot-misspelled', full.rename('KeyAgreementTopUpCertificate', 'KeyAgreementTopupCertificate'));
  invalid('slot-device-certificate', full.after('KeyAgreementTopUpCertificate', base.tag('DeviceCertificate', slotCertificate)));
  invalid('slot-path-certificate-element', full.after('KeyAgreementTopUpCertificate', base.tag('Certificate', slotCertificate)));

  // ---- invalid: attributes and xsi ---------------------------------------------------------------------------
  invalid('extra-attribute-on-root', base.rootAttributes((a) => `${a} version="1"`));
  invalid('extra-attribute-on-header', base.addAttributes('Header', 'id="h"'));
  invalid('extra-attribute-on-body', base.addAttributes('Body', 'id="b"'));
  invalid('extra-attribute-on-body-element', base.addAttributes('RequestHandoverOfDCCControlledDevice', 'id="b"'));
  invalid('extra-attribute-on-child', base.addAttributes('RemotePartyRole', 'kind="x"'));
  invalid('extra-attribute-on-replacement-certificates', base.addAttributes('ReplacementCertificates', 'kind="x"'));
  invalid('extra-namespaced-attribute', base.addAttributes('RemotePartyRole', 'xmlns:o="urn:other" o:kind="x"'));
  invalid('xsi-nil-on-non-nillable', base.addAttributes('RemotePartyRole', `xmlns:xsi="${XSI_NAMESPACE}" xsi:nil="false"`));
  invalid('xsi-type-abstract-body', xsi('RequestHandoverOfDCCControlledDevice', 't:FutureDatedAbstractType'));
  invalid('xsi-type-krp-body', xsi('RequestHandoverOfDCCControlledDevice', 't:UpdateSecurityCredentialsKRP'));
  // Same content model, unrelated type: DUIS XSD V5.4's ReplacementCertificatesCoS is not derived from it.
  invalid('xsi-type-cos-replacement-certificates', xsi('ReplacementCertificates', 't:ReplacementCertificatesCoS'));
  invalid('xsi-type-krp-replacement-certificates', xsi('ReplacementCertificates', 't:ReplacementCertificatesKRP'));
  invalid('xsi-type-string-on-role', xsi('RemotePartyRole', 'xs:string', `xmlns:xs="${XS_NAMESPACE}"`));
  invalid('xsi-type-unknown', xsi('RemotePartyRole', 't:NoSuchType'));

  // ---- invalid: values ---------------------------------------------------------------------------------------
  invalid('role-landlord', base.set('RemotePartyRole', 'Landlord'));
  invalid('role-lowercase', base.set('RemotePartyRole', 'supplier'));
  invalid('role-empty', base.set('RemotePartyRole', ''));
  invalid('role-inner-space', base.set('RemotePartyRole', 'Network Operator'));
  invalid('floor-9223372036854775808', base.set('RemotePartyFloorSeqNumber', '9223372036854775808'));
  invalid('top-up-floor-9223372036854775808', base.set('RemotePartyPrepaymentTopUpFloorSeqNumber', '9223372036854775808'));
  invalid('floor-huge', base.set('RemotePartyFloorSeqNumber', '1'.padEnd(40, '0')));
  invalid('floor-negative', base.set('RemotePartyFloorSeqNumber', '-1'));
  invalid('top-up-floor-negative', base.set('RemotePartyPrepaymentTopUpFloorSeqNumber', '-5'));
  invalid('floor-decimal', base.set('RemotePartyFloorSeqNumber', '5.0'));
  invalid('floor-empty', base.set('RemotePartyFloorSeqNumber', ''));
  invalid('floor-inner-space', base.set('RemotePartyFloorSeqNumber', '1 000'));
  invalid('floor-hex', base.set('RemotePartyFloorSeqNumber', '0x10'));
  invalid('request-id-seven-pair-eui', requestId(`90-B3-D5-1F-30-01-00:${device}:1`));
  invalid('request-id-counter-18446744073709551616', requestId(`${eui}:${device}:18446744073709551616`));
  invalid('request-id-counter-leading-zero', requestId(`${eui}:${device}:01`));
  invalid('request-id-counter-negative', requestId(`${eui}:${device}:-1`));
  invalid('request-id-no-counter', requestId(`${eui}:${device}`));
  invalid('request-id-non-hex', requestId(`90-B3-D5-1F-30-01-00-0G:${device}:1`));
  invalid('request-id-inner-space', requestId(`${eui}: ${device}:1`));
  invalid('request-id-colon-separated-eui', requestId(`90:B3:D5:1F:30:01:00:00:${device}:1`));
  invalid('request-id-empty', requestId(''));
  invalid('preceding-request-id-bad', base.set('PrecedingServiceRequestID', `${eui}:${device}`));
  invalid('first-in-sequence-yes', base.set('FirstInSequence', 'yes'));
  invalid('first-in-sequence-empty', base.set('FirstInSequence', ''));
  invalid('apply-cpv-checks-yes', base.set('ApplyTimeBasedCPVChecks', 'yes'));
  invalid('apply-cpv-checks-uppercase', base.set('ApplyTimeBasedCPVChecks', 'TRUE'));
  invalid('apply-cpv-checks-empty', base.set('ApplyTimeBasedCPVChecks', ''));
  invalid('execution-datetime-bad-month', base.set('ExecutionDateTime', '2030-13-01T00:00:00Z'));
  invalid('execution-datetime-date-only', base.set('ExecutionDateTime', '2030-01-15'));
  invalid('execution-datetime-not-a-date', base.set('ExecutionDateTime', 'tomorrow'));
  invalid('execution-datetime-empty', base.set('ExecutionDateTime', ''));
  invalid('execution-datetime-year-0000', base.set('ExecutionDateTime', '0000-01-01T00:00:00Z'));
  invalid('execution-datetime-feb-29-non-leap', base.set('ExecutionDateTime', '2031-02-29T00:00:00Z'));
  invalid('execution-datetime-24-00-01', base.set('ExecutionDateTime', '2030-01-15T24:00:01Z'));
  invalid('execution-datetime-offset-14-01', base.set('ExecutionDateTime', '2030-01-15T00:00:00+14:01'));
  invalid('execution-datetime-space-before-zone', base.set('ExecutionDateTime', '2030-01-15T00:00:00 Z'));
  invalid('execution-datetime-no-seconds', base.set('ExecutionDateTime', '2030-01-15T00:00Z'));
  invalid('execution-datetime-lowercase-t', base.set('ExecutionDateTime', '2030-01-15t00:00:00Z'));
  invalid('base64-bad-length', base.set('Certificate', 'QUJ'));
  invalid('base64-padding-in-middle', base.set('Certificate', 'QQ==QUJD'));
  invalid('base64-nonzero-pad-bits-single', base.set('Certificate', 'QUJ='));
  invalid('base64-nonzero-pad-bits-double', base.set('Certificate', 'QR=='));
  invalid('base64-triple-padding', base.set('Certificate', 'Q==='));
  libxml2Lenient('base64-at-signs', base.set('Certificate', '@@@'));
  libxml2Lenient('base64-stray-character', base.set('Certificate', `${pathCertificate.slice(0, 8)}!${pathCertificate.slice(8)}`));
  invalid('missing-schema-version', base.rootAttributes((a) => a.replace(/\s*schemaVersion="[^"]*"/, '')));
  invalid('schema-version-abc', schemaVersion('schemaVersion="abc"'));
  invalid('schema-version-empty', schemaVersion('schemaVersion=""'));
  invalid('schema-version-comma', schemaVersion('schemaVersion="5,4"'));
  invalid('schema-version-namespaced', schemaVersion(`xmlns:o="urn:other" o:schemaVersion="5.4"`));
  invalid('command-variant-0', base.set('CommandVariant', '0'));
  invalid('command-variant-10', base.set('CommandVariant', '10'));
  invalid('command-variant-negative', base.set('CommandVariant', '-1'));
  invalid('command-variant-decimal', base.set('CommandVariant', '1.0'));
  invalid('command-variant-word', base.set('CommandVariant', 'one'));
  invalid('command-variant-empty', base.set('CommandVariant', ''));

  // ---- invalid: Service Reference / Variant values (DUIS XSD V5.4 has no such value either) ---------------
  invalid('service-reference-leading-space', base.set('ServiceReference', ' 6.21'));
  invalid('service-reference-empty', base.set('ServiceReference', ''));
  invalid('service-reference-unknown', base.set('ServiceReference', '6.99'));
  invalid('service-reference-variant-unknown', base.set('ServiceReferenceVariant', '6.21.1'));
  invalid('service-reference-variant-empty', base.set('ServiceReferenceVariant', ''));
  invalid('service-reference-variant-trailing-newline', base.set('ServiceReferenceVariant', '6.21\n'));

  // ---- where our schema deliberately differs ---------------------------------------------------------------
  differs('service-reference-6.15', base.set('ServiceReference', '6.15'), true, DIFFERENCE_SERVICE);
  differs('service-reference-variant-6.15.1', base.set('ServiceReferenceVariant', '6.15.1'), true, DIFFERENCE_SERVICE);
  differs('service-6.15.1', t(base.set('ServiceReference', '6.15')).set('ServiceReferenceVariant', '6.15.1'), true, DIFFERENCE_SERVICE);
  differs('service-6.23', t(base.set('ServiceReference', '6.23')).set('ServiceReferenceVariant', '6.23'), true, DIFFERENCE_SERVICE);
  // 6.15.1's body, complete with its wrapper, under 6.21.
  differs('body-update-security-credentials-krp', t(krpWrapped()).rename('RequestHandoverOfDCCControlledDevice', 'UpdateSecurityCredentialsKRP'), true, DIFFERENCE_SERVICE);
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

  // ---- invalid under both: a foreign body whose content is wrong for it --------------------------------------
  // 6.21's content under 6.15.1's body element: the slots lack the SupplierOrNetworkOperatorCertificates wrapper.
  invalid('body-krp-with-handover-content', base.rename('RequestHandoverOfDCCControlledDevice', 'UpdateSecurityCredentialsKRP'));

  // ---- signature placement (both schemas reject) ------------------------------------------------------------
  invalid('two-signatures', base.withTrailing(syntheticSignature() + syntheticSignature()));
  invalid('signature-before-body', t(base.withoutSignature()).before('Body', syntheticSignature()));
  invalid('signature-in-header', t(base.withoutSignature()).appendTo('Header', syntheticSignature()));
  invalid(
    'signature-wrong-namespace',
    base.withTrailing(syntheticSignature().replace(`xmlns:ds="${DS_NAMESPACE}"`, 'xmlns:ds="http://www.w3.org/2000/09/xmldsig"')),
  );

  return variants;
}

/** `ServiceReferenceVariant` -> `service-reference-variant`, for variant names. */
function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}
