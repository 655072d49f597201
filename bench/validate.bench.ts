/**
 * `npm run bench`: throughput and latency of validation, as ratios against a bare fast-xml-parser parse of the same
 * document measured in the same run. Numbers vary by machine; ratios are what to compare.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { Bench } from 'tinybench';
import { createCertificateCache, validateRequest, type ValidationContext } from '../src/index.js';
import { printRows, rowsOf, type Row } from './report.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const xml = fixture('requests/no-by-supplier-correct.xml');
const context = JSON.parse(fixture('context.example.json')) as ValidationContext;
const bareParser = new XMLParser();
const warmCache = createCertificateCache();

if (!validateRequest(xml, context, { certificateCache: warmCache }).accepted) throw new Error('fixture must be accepted');

// Three rounds, each timing the baseline right before the validations: the ratio of the median round is reported,
// so one garbage-collection pause or a busy neighbour does not decide the figure.
const ROUNDS = 3;
const rounds: Row[][] = [];
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: 1000, warmupTime: 200 });
  bench
    .add('(a) bare fast-xml-parser parse', () => {
      bareParser.parse(xml);
    })
    .add('(b) validateRequest, cold certificate cache', () => {
      validateRequest(xml, context, { certificateCache: createCertificateCache() });
    })
    .add('(c) validateRequest, warm certificate cache', () => {
      validateRequest(xml, context, { certificateCache: warmCache });
    });
  await bench.run();
  rounds.push(rowsOf(bench));
}

const ratio = (rows: Row[]) => rows[2]!.mean / rows[0]!.mean;
const rows = [...rounds].sort((a, b) => ratio(a) - ratio(b))[Math.floor(ROUNDS / 2)]!;
const baseline = rows[0]!;
console.log(`document: fixtures/requests/no-by-supplier-correct.xml (${xml.length} bytes), node ${process.version}`);
console.log(`median of ${ROUNDS} rounds (warm / bare per round: ${rounds.map((r) => ratio(r).toFixed(2)).join(', ')})`);
printRows(rows, { 'x bare parse': baseline });
console.log(`warm validation / bare parse = ${ratio(rows).toFixed(2)} (target <= 1.5)`);
