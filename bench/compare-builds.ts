/**
 * `npx tsx bench/compare-builds.ts OTHER_DIST [ROUNDS]`: warm `validateRequest` of this checkout's `dist/` against
 * another build (e.g. a worktree of the previous commit: `git worktree add /tmp/before HEAD~1 && (cd /tmp/before
 * && npm ci && npx tsup)`), in one process, in alternating rounds, so that a noisy machine slows both alike. The
 * figure is the median over rounds of (this build's mean time) / (the other build's), per document; below 1.00 this
 * build is faster. Each build validates with its own certificate cache, warmed before timing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

interface Build {
  readonly validateRequest: (xml: string, context: unknown, options?: unknown) => { responseCode: string };
  readonly createCertificateCache: (size?: number) => unknown;
}

const [otherDist, roundsArg] = process.argv.slice(2);
if (!otherDist) {
  console.error('usage: tsx bench/compare-builds.ts OTHER_DIST [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 9);
const load = async (dir: string): Promise<Build> => (await import(pathToFileURL(path.resolve(dir, 'index.js')).href)) as Build;
const here = await load(new URL('../dist/', import.meta.url).pathname);
const other = await load(otherDist);

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const context: unknown = JSON.parse(fixture('context.example.json'));
const documents = ['requests/no-by-supplier-correct.xml', 'requests/supplier-by-supplier-immediate.xml'].map((name) => ({ name, xml: fixture(name) }));

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const { name, xml } of documents) {
  const subjects = [
    { label: 'this build', build: here },
    { label: 'other build', build: other },
  ].map(({ label, build }) => {
    const certificateCache = build.createCertificateCache();
    const code = build.validateRequest(xml, context, { certificateCache }).responseCode;
    return { label, code, run: () => build.validateRequest(xml, context, { certificateCache }) };
  });
  if (subjects[0]!.code !== subjects[1]!.code) console.log(`  note: the builds answer ${subjects[0]!.code} and ${subjects[1]!.code}`);
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which build runs first, so warm-up order favours neither.
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    const bench = new Bench({ time: 500, warmupTime: 100 });
    for (const s of order) bench.add(s.label, s.run);
    await bench.run();
    const mean = (label: string): number => (bench.getTask(label)!.result as { latency: { mean: number } }).latency.mean;
    ratios.push(mean('this build') / mean('other build'));
  }
  console.log(`${name}: this / other = ${median(ratios).toFixed(3)} (median of ${rounds} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
}
