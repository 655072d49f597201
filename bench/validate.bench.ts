/**
 * `npm run bench`: throughput and latency of validation, as ratios against a bare fast-xml-parser parse of the same
 * document measured in the same run. Numbers vary by machine; ratios are what to compare.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { Bench } from 'tinybench';
import { createCertificateCache, validateRequest, type ValidationContext } from '../src/index.js';
import { printRows, rowsOf } from './report.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const xml = fixture('requests/no-by-supplier-correct.xml');
const context = JSON.parse(fixture('context.example.json')) as ValidationContext;
const bareParser = new XMLParser();
const warmCache = createCertificateCache();

if (!validateRequest(xml, context, { certificateCache: warmCache }).accepted) throw new Error('fixture must be accepted');

const bench = new Bench({ time: 1500, warmupTime: 300 });
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

const rows = rowsOf(bench);
const baseline = rows[0]!;
console.log(`document: fixtures/requests/no-by-supplier-correct.xml (${xml.length} bytes), node ${process.version}`);
printRows(rows, { 'x bare parse': baseline });
console.log(`warm validation / bare parse = ${(rows[2]!.mean / baseline.mean).toFixed(2)} (target <= 1.5)`);
