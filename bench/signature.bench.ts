/**
 * `npm run bench`: the cost of XML signature verification on one signed DUIS request, against
 *
 * (a) xml-crypto's bare `checkSignature` (xmldom parse, find the Signature, loadSignature, checkSignature), with the
 *     ecdsa-sha256 algorithm registered and a prebuilt public key: what a caller gets from the library alone;
 * (b) the floor of the fixed DUIS profile: one xmldom parse, exclusive C14N (xml-crypto's class) of the document
 *     minus the Signature and of SignedInfo, one SHA-256, one ECDSA verify with a prebuilt key; no checks at all;
 * (c) verifySignature(parseXml(xml)): the one saxes parse that builds the tree, then the profile checks, store
 *     look-up, our canonicaliser over that tree, digest, verify, role and originator;
 * (c') verifySignature on a document parsed beforehand (the verification alone);
 * (d) signed validation: validateRequest with signers (parse, structural checks, signature, rules on what was
 *     signed).
 *
 * It measures the built package (`dist/`, what users import): `npm run bench` builds first. Numbers vary by
 * machine; compare the ratios. Targets: signed validation <= 1.5 x the floor.
 */
import { createHash, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { createSignerStore, EcdsaSha256, parseXml, validateRequest, verifySignature, type ValidationContext } from '../dist/index.js';
import { printRoundRatios, printRows, runRounds, warnIfDistStale, type Ratio } from './report.js';

warnIfDistStale();

// Not exported by the package (src/signature/algorithms.ts, src/duis/namespaces.ts); the values are the standard URIs.
const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const FILE = 'signed/no-by-no.xml';
const xml = fixture(FILE);
const ORIGINATOR = '90-B3-D5-1F-30-02-00-00';
const store = createSignerStore([fixture('pki/xml-sign-network-operator-a.pem')]);
const publicKey = store.signers[0]!.publicKey;
const quiet = { errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} } };

function bareCheckSignature(): boolean {
  const doc = new DOMParser(quiet).parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Signature')[0]!;
  const signed = new SignedXml({ publicCert: publicKey });
  signed.SignatureAlgorithms[ECDSA_SHA256] = EcdsaSha256;
  signed.loadSignature(signature as unknown as Node);
  return signed.checkSignature(xml);
}

const c14n = new ExclusiveCanonicalization();
function childNamed(parent: Node, localName: string): Element {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) return node as Element;
  }
  throw new Error(`no ${localName}`);
}
function floor(): boolean {
  const doc = new DOMParser(quiet).parseFromString(xml, 'text/xml') as unknown as Document;
  const root = doc.documentElement!;
  const signature = childNamed(root, 'Signature');
  const signedInfo = childNamed(signature, 'SignedInfo');
  const signedInfoText = c14n.process(signedInfo, {}) as string;
  root.removeChild(signature);
  const digest = createHash('sha256').update(c14n.process(root, {}) as string).digest('base64');
  const expected = childNamed(childNamed(signedInfo, 'Reference'), 'DigestValue').textContent;
  const value = Buffer.from(childNamed(signature, 'SignatureValue').textContent!, 'base64');
  return digest === expected && cryptoVerify('sha256', Buffer.from(signedInfoText), { key: publicKey, dsaEncoding: 'ieee-p1363' }, value);
}

type Parsed = Extract<ReturnType<typeof parseXml>, { ok: true }>;
function parsed(text: string): Parsed {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}
function verifyWithParse(): boolean {
  return verifySignature(parsed(xml), store, { originator: ORIGINATOR }).ok;
}
const preParsed = parsed(xml);
function verifyPreParsed(): boolean {
  return verifySignature(preParsed, store, { originator: ORIGINATOR }).ok;
}

const context = JSON.parse(fixture('context.example.json')) as ValidationContext;
function signedValidation(): boolean {
  return validateRequest(xml, context, { signers: store }).accepted;
}

const BARE = '(a) xml-crypto checkSignature (bare)';
const FLOOR = '(b) floor: xmldom parse + 2 x exc-C14N + SHA-256 + ECDSA';
const VERIFY = "(c) verifySignature(parseXml(xml)), parse included";
const VERIFY_PARSED = "(c') verifySignature, document parsed beforehand";
const SIGNED = '(d) signed validation: validateRequest with signers';
const tasks = [
  [BARE, bareCheckSignature],
  [FLOOR, floor],
  [VERIFY, verifyWithParse],
  [VERIFY_PARSED, verifyPreParsed],
  [SIGNED, signedValidation],
] as const;
for (const [name, run] of tasks) {
  if (!run()) throw new Error(`${name} does not verify the fixture`);
}
const signedVerdict = validateRequest(xml, context, { signers: store });
if (signedVerdict.signature?.verified !== true) throw new Error(`signed validation did not verify the signature: ${JSON.stringify(signedVerdict.signature)}`);

const SIGNED_FLOOR: Ratio = { label: 'signed validation / floor', numerator: SIGNED, denominator: FLOOR };
const SIGNED_BARE: Ratio = { label: 'signed validation / bare checkSignature', numerator: SIGNED, denominator: BARE };
const VERIFY_FLOOR: Ratio = { label: 'verifySignature (parse included) / floor', numerator: VERIFY, denominator: FLOOR };
const VERIFY_BARE: Ratio = { label: 'verifySignature (parse included) / bare checkSignature', numerator: VERIFY, denominator: BARE };
const PARSED_FLOOR: Ratio = { label: 'verifySignature (pre-parsed) / floor', numerator: VERIFY_PARSED, denominator: FLOOR };
const ROUNDS = 3;

const rounds = await runRounds(ROUNDS, { time: 1000, warmupTime: 200 }, tasks, SIGNED_FLOOR);
const rows = rounds.median;
const find = (name: string) => rows.find((r) => r.name === name)!;
console.log(`document: fixtures/${FILE} (${xml.length} characters), node ${process.version}, measuring dist/index.js`);
console.log(`median of ${ROUNDS} rounds (by signed validation / floor)`);
printRows(rows, { 'x bare': find(BARE), 'x floor': find(FLOOR) });
printRoundRatios(rounds, [SIGNED_FLOOR, SIGNED_BARE, VERIFY_FLOOR, VERIFY_BARE, PARSED_FLOOR]);
const signed = find(SIGNED).mean;
console.log(`verifySignature (parse included) / floor = ${(find(VERIFY).mean / find(FLOOR).mean).toFixed(2)}; pre-parsed / floor = ${(find(VERIFY_PARSED).mean / find(FLOOR).mean).toFixed(2)}`);
console.log(`signed validation / floor = ${(signed / find(FLOOR).mean).toFixed(2)} (target <= 1.5)`);
console.log(`signed validation / bare checkSignature = ${(signed / find(BARE).mean).toFixed(2)}`);
