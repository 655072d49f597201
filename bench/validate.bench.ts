/**
 * `npm run bench`: throughput and latency of validation, as ratios against a bare fast-xml-parser parse of the same
 * document measured in the same run. Numbers vary by machine; ratios are what to compare.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { Bench } from 'tinybench';
import { createCertificateCache, validateRequest, type ValidationContext } from '../src/index.js';

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

const rows = bench.tasks.map((task) => {
  const result = task.result as { latency: { mean: number; p99: number }; throughput: { mean: number } };
  return { name: task.name, mean: result.latency.mean, p99: result.latency.p99, rps: result.throughput.mean };
});
const baseline = rows[0]!.mean;
console.log(`document: fixtures/requests/no-by-supplier-correct.xml (${xml.length} bytes), node ${process.version}`);
console.table(
  rows.map((r) => ({
    task: r.name,
    'requests/s': Math.round(r.rps),
    'mean (ms)': r.mean.toFixed(4),
    'p99 (ms)': r.p99.toFixed(4),
    'x bare parse': (r.mean / baseline).toFixed(2),
  })),
);
console.log(`warm validation / bare parse = ${(rows[2]!.mean / baseline).toFixed(2)} (target <= 1.5)`);
