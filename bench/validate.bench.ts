/**
 * `npm run bench`: throughput and latency of validation, as ratios against two baselines measured in the same run:
 *
 * (a) a bare fast-xml-parser parse (`new XMLParser()`, default options): what a validator built on it starts from;
 * (b) a bare saxes tree build: the smallest saxes consumer that yields a namespace-resolved tree (elements with
 *     uri/local/attributes/children, text nodes), with no limit, check or second look at anything. The library
 *     parses with saxes and builds such a tree, so this is the floor of any design like it;
 * (c) validateRequest with a cold certificate cache (every certificate decoded);
 * (d) validateRequest with a warm certificate cache (the steady state of a long-running service).
 *
 * It measures the built package (`dist/`, what users import): `npm run bench` builds first. Numbers vary by
 * machine; the ratios are what to compare. Documents: fixtures/requests/no-by-supplier-correct.xml, and the DCC RTDS
 * NO-by-NO template when ../shared/reference is present (read in place, never copied).
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { bareSaxesTree, countBare } from './bare-saxes.js';
import { createCertificateCache, parseXml, validateRequest, type ValidationContext, type XmlNode } from '../dist/index.js';
import { printRoundRatios, printRows, runRounds, warnIfDistStale, type Ratio } from './report.js';

warnIfDistStale();

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

// ---- baseline (b): a bare saxes tree, bench/bare-saxes.ts ---------------------------------------------------------

const countOurs = (n: XmlNode): number => (n.type === 'element' ? 1 + n.children.reduce((sum, c) => sum + countOurs(c), 0) : 0);

// ---- documents ------------------------------------------------------------------------------------------------

interface Document {
  readonly label: string;
  readonly xml: string;
  readonly context: ValidationContext;
}

const documents: Document[] = [
  {
    label: 'fixtures/requests/no-by-supplier-correct.xml',
    xml: fixture('requests/no-by-supplier-correct.xml'),
    context: JSON.parse(fixture('context.example.json')) as ValidationContext,
  },
];

// DCC Reference Test Data Set request, read in place from ../shared (GPL/RTDS material: never copied here), with
// the context of `legitimate()` in test/reference/rtds-templates.test.ts.
const RTDS_NAME = 'CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML';
const rtds = new URL(`../../shared/reference/duis/templates/${RTDS_NAME}`, import.meta.url);
if (existsSync(rtds)) {
  const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
  const NETWORK_OPERATOR = '90-B3-D5-1F-30-02-00-00';
  const ESME = '00-DB-12-34-56-78-90-A0';
  documents.push({
    label: `RTDS template ${RTDS_NAME}`,
    xml: readFileSync(rtds, 'utf8'),
    context: {
      users: { [SUPPLIER]: { role: 'IS' }, [NETWORK_OPERATOR]: { role: 'ED' } },
      devices: { [ESME]: { type: 'ESME', mpan: '1200000000011' } },
      networkOperators: { '12': [NETWORK_OPERATOR] },
      now: '2026-11-25T12:00:00Z',
    } as ValidationContext,
  });
} else {
  console.log(`(RTDS template ../shared/reference/duis/templates/${RTDS_NAME} not present: skipped)\n`);
}

// ---- the bench ------------------------------------------------------------------------------------------------

const FXP = '(a) bare fast-xml-parser parse';
const SAXES = '(b) bare saxes tree build (xmlns: true)';
const COLD = '(c) validateRequest, cold certificate cache';
const WARM = '(d) validateRequest, warm certificate cache';
const WARM_FXP: Ratio = { label: 'warm validation / bare fast-xml-parser parse', numerator: WARM, denominator: FXP };
const WARM_SAXES: Ratio = { label: 'warm validation / bare saxes tree', numerator: WARM, denominator: SAXES };
const COLD_FXP: Ratio = { label: 'cold validation / bare fast-xml-parser parse', numerator: COLD, denominator: FXP };
const COLD_SAXES: Ratio = { label: 'cold validation / bare saxes tree', numerator: COLD, denominator: SAXES };
const ROUNDS = 3;
const headlines: string[] = [];

console.log(`node ${process.version}, measuring dist/index.js; ${ROUNDS} rounds per document, the median round (by warm / fast-xml-parser) reported\n`);

for (const { label, xml, context } of documents) {
  const bareParser = new XMLParser();
  const warmCache = createCertificateCache();
  const verdict = validateRequest(xml, context, { certificateCache: warmCache });
  if (!verdict.accepted) throw new Error(`${label} must be accepted: ${JSON.stringify(verdict.findings)}`);
  const ours = parseXml(xml);
  if (!ours.ok) throw new Error(`${label}: ${ours.error.message}`);
  const elements = countOurs(ours.root);
  if (countBare(bareSaxesTree(xml)) !== elements) throw new Error(`${label}: the bare saxes tree does not hold the ${elements} elements parseXml finds`);
  if (typeof bareParser.parse(xml) !== 'object') throw new Error(`${label}: fast-xml-parser returned no object`);

  const rounds = await runRounds(
    ROUNDS,
    { time: 1000, warmupTime: 200 },
    [
      [FXP, () => bareParser.parse(xml)],
      [SAXES, () => bareSaxesTree(xml)],
      [COLD, () => validateRequest(xml, context, { certificateCache: createCertificateCache() })],
      [WARM, () => validateRequest(xml, context, { certificateCache: warmCache })],
    ],
    WARM_FXP,
  );
  const rows = rounds.median;
  const find = (name: string) => rows.find((r) => r.name === name)!;
  console.log(`document: ${label} (${xml.length} characters, ${elements} elements)`);
  printRows(rows, { 'x fast-xml-parser': find(FXP), 'x saxes tree': find(SAXES) });
  printRoundRatios(rounds, [WARM_FXP, WARM_SAXES, COLD_FXP, COLD_SAXES]);
  const warm = find(WARM).mean;
  const lines = [
    `warm validation / bare fast-xml-parser parse = ${(warm / find(FXP).mean).toFixed(2)} (target <= 0.8, moonshot 0.5)`,
    `warm validation / bare saxes tree = ${(warm / find(SAXES).mean).toFixed(2)}`,
  ];
  for (const line of lines) console.log(line);
  console.log('');
  headlines.push(`${label}:`, ...lines.map((line) => `  ${line}`));
}

if (documents.length > 1) {
  console.log('headlines (median rounds):');
  for (const line of headlines) console.log(line);
  console.log('');
}
