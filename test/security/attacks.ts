/**
 * The parser-differential attacks of the one-tree issue, as documents built from our fixtures. Each has its own
 * test file in this folder, named for what it tries; the infoset differential reads them all as well.
 *
 * They were found against the library when three parsers read a request: fast-xml-parser ended a processing
 * instruction at the first `?>` outside quotes (so a PI holding a `"` swallowed the markup up to the next `"?>`)
 * and split names at JavaScript whitespace (U+FEFF, U+1680), which XML counts as name characters.
 */
import { party, readFixture } from '../signature/support.js';
import { signRequest } from '../../src/signature/index.js';
import { certificate } from '../support/fixtures.js';
import type { Subject } from '../infoset/differential.js';

/** Wraps the first `<sr:NAME>...</sr:NAME>` between `before` and `after`. */
export function wrapElement(xml: string, name: string, before: string, after: string): string {
  const start = xml.indexOf(`<sr:${name}>`);
  const endTag = `</sr:${name}>`;
  const end = xml.indexOf(endTag, start);
  if (start === -1 || end === -1) throw new Error(`no sr:${name} in the document`);
  return `${xml.slice(0, start)}${before}${xml.slice(start, end + endTag.length)}${after}${xml.slice(end + endTag.length)}`;
}

const QUOTED_PIS = ['<?x "?>', '<?y "?>'] as const;
const PAIRED = ['<?a "?><!--"--><?b?>', '<?z "?><!--"--><?y?>'] as const;

/** The wrong NO's DigitalSigning certificate between two PIs holding a quote (unsigned). */
export const piHiddenCertificate = () =>
  wrapElement(readFixture('requests/no-by-supplier-wrong-operator.xml'), 'DigitalSigningCertificate', ...QUOTED_PIS);

/** A future-dated Network Operator replacement whose ExecutionDateTime sits between two such PIs. */
export const piHiddenExecutionDateTime = () =>
  wrapElement(readFixture('requests/future-dated-network-operator.xml'), 'ExecutionDateTime', ...QUOTED_PIS);

/** A KeyAgreementTopUp certificate (no such slot for a Network Operator) between two such PIs. */
export const piHiddenTopUpCertificate = () =>
  readFixture('requests/no-by-supplier-correct.xml').replace(
    /(<\/sr:KeyAgreementCertificate>)/,
    `$1${QUOTED_PIS[0]}<sr:KeyAgreementTopUpCertificate>${certificate('network-operator-a-ka')}</sr:KeyAgreementTopUpCertificate>${QUOTED_PIS[1]}`,
  );

/** A floor number split by two such PIs: its value is every digit (123). */
export const piSplitFloorNumber = () =>
  readFixture('requests/supplier-by-supplier-immediate.xml').replace(
    '<sr:RemotePartyFloorSeqNumber>0</sr:RemotePartyFloorSeqNumber>',
    `<sr:RemotePartyFloorSeqNumber>1${QUOTED_PIS[0]}2${QUOTED_PIS[1]}3</sr:RemotePartyFloorSeqNumber>`,
  );

/**
 * Signed: PIs paired by comments around the wrong NO's certificate. Both old parsers read the input alike, but
 * canonicalisation drops the comments, so re-parsing the canonical text lost the certificate.
 */
export const signedPiCommentPairs = () =>
  signRequest(wrapElement(readFixture('requests/no-by-supplier-wrong-operator.xml'), 'DigitalSigningCertificate', ...PAIRED), party('supplier'));

/** An element name ending in U+FEFF (an XML name character): not ApplyTimeBasedCPVChecks. */
export const feffInElementName = (character = '\uFEFF') =>
  readFixture('requests/supplier-by-supplier-immediate.xml')
    .replace('<sr:ApplyTimeBasedCPVChecks>', `<sr:ApplyTimeBasedCPVChecks${character}>`)
    .replace('</sr:ApplyTimeBasedCPVChecks>', `</sr:ApplyTimeBasedCPVChecks${character}>`);

/** A Body in another namespace, with an attribute named `a\uFEFFxmlns:sr` that a splitting parser reads as xmlns:sr. */
export const feffPrefixRedeclaration = () =>
  readFixture('requests/no-by-supplier-wrong-operator.xml')
    .replace('<sr:Body>', '<sr:Body a\uFEFFxmlns:sr="urn:not-duis">');

export function attackDocuments(): Subject[] {
  return [
    { label: 'attack/pi-hidden-certificate', xml: piHiddenCertificate() },
    { label: 'attack/pi-hidden-execution-date-time', xml: piHiddenExecutionDateTime() },
    { label: 'attack/pi-hidden-top-up-certificate', xml: piHiddenTopUpCertificate() },
    { label: 'attack/pi-split-floor-number', xml: piSplitFloorNumber() },
    { label: 'attack/signed-pi-comment-pairs', xml: signedPiCommentPairs() },
    { label: 'attack/feff-in-element-name', xml: feffInElementName() },
    { label: 'attack/u1680-in-element-name', xml: feffInElementName('\u1680') },
    { label: 'attack/feff-prefix-redeclaration', xml: feffPrefixRedeclaration() },
  ];
}

/** The same document signed by its originator (every fixture used here is sent by the supplier). */
export const signedBySupplier = (xml: string) => signRequest(xml, party('supplier'));
