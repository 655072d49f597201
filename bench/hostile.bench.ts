/**
 * Bounded cost on hostile input, and flat memory over many validations.
 *
 *   tsx --expose-gc bench/hostile.bench.ts [--validations 1000000] [--seconds 45] [--quick]
 *
 * 1. Growing hostile inputs, at 1x, 2x, 4x, 8x a base size within the 64 KiB input limit, then 16x..128x beyond it:
 *    long text, many attributes, many namespace declarations, many comments, huge base64, many certificates, and
 *    deep nesting up to the depth limit and past it. Within the limits, time per KiB must stay about constant
 *    (linear growth); past the size limit, time must stay flat (the size is checked before the input is read).
 * 2. Memory: N validations of a fixture (default 1,000,000, stopped after --seconds, default 45; --seconds 0 runs
 *    them all), then N/10 validations each carrying a certificate never seen before (the certificate cache churns,
 *    at most a third of that time), with the heap measured after a forced GC at checkpoints.
 * 3. Certificates carrying a long OID (many arcs, or one huge arc) up to the 64-byte OID limit and past it, on to
 *    past the 8 KiB certificate limit, after filling the process-wide OID memo the way a hostile sender could (and
 *    reporting the memory that pins); then the worst request those limits allow.
 *
 * It measures the built package (`dist/`, what users import): `npm run bench` builds first.
 *
 * `--expose-gc` lets the heap be measured after a full collection; without it the script re-runs itself with it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { createCertificateCache, decodeCertificate, DEFAULT_XML_LIMITS, validateRequest, type ValidationContext } from '../dist/index.js';
import { extension, makeCertificate, octets, oid } from '../test/smki/make-certificate.js';
import { warnIfDistStale } from './report.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { values } = parseArgs({
  options: {
    validations: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '45' },
    quick: { type: 'boolean', default: false },
  },
});
const VALIDATIONS = Number(values.validations);
const MEMORY_MS = Number(values.seconds) * 1000 || Infinity;
const QUICK = values.quick!;
warnIfDistStale();

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const base = fixture('requests/supplier-by-supplier-immediate.xml');
const context = JSON.parse(fixture('context.example.json')) as ValidationContext;
const KiB = 1024;
const LIMIT = DEFAULT_XML_LIMITS.maxBytes;
// The certificate size limit is not exported (src/smki/decode-certificate.ts): read it from the finding the package
// gives for an oversized certificate, so that nothing here imports src/ (the benches measure dist/ alone).
const MAX_CERTIFICATE_BYTES = ((): number => {
  const refused = decodeCertificate(new Uint8Array(LIMIT));
  const limit = refused.ok ? undefined : (refused.error.params as Readonly<Record<string, unknown>> | undefined)?.limit;
  if (typeof limit !== 'number') throw new Error('decodeCertificate no longer reports its size limit in params.limit');
  return limit;
})();

// ---- hostile input families -----------------------------------------------------------------------------------

/** Fills `base` up to about `bytes` with `unit` repeated at `marker` (the unit count is what grows). */
function grow(marker: string | RegExp, unit: (i: number) => string, bytes: number, wrap: (body: string) => string = (b) => b): string {
  const overhead = base.length - (typeof marker === 'string' ? marker.length : 0);
  const parts: string[] = [];
  let length = overhead;
  for (let i = 0; length < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length;
  }
  return base.replace(marker, wrap(parts.join('')));
}

const certificateBase64 = /(<sr:DigitalSigningCertificate>)[^<]*(<\/sr:DigitalSigningCertificate>)/;
const PATH_CERTIFICATE = /<sr:Certificate>[^<]*<\/sr:Certificate>/.exec(base)![0];

function withDigitalSigningCertificate(der: Uint8Array): string {
  return base.replace(certificateBase64, `$1${Buffer.from(der).toString('base64')}$2`);
}

/** An SMKI-shaped certificate with one extra non-critical extension whose OID content is `oidBytes` long. */
function certificateWithLongOid(oidBytes: number, shape: 'arcs' | 'huge-arc'): Uint8Array {
  return makeCertificate({ ous: ['02'], commonName: 'SUPPLIER', extraExtensions: [extension(longOid(oidBytes, shape), false, octets(Uint8Array.of(0)))] });
}

/** The OID decoder refuses a longer OID before decoding it (src/smki/oid.ts, not exported; checked below). */
const MAX_OID_BYTES = 64;

/**
 * A dotted OID whose DER content is exactly `bytes` (>= 2) long: '1.2' (one byte) then one-byte arcs, or one arc
 * of exactly `bytes - 1` base-128 digits. `variant` (< 128 for 'arcs') makes distinct OIDs of the same length.
 */
function longOid(bytes: number, shape: 'arcs' | 'huge-arc', variant = 0): string {
  if (shape === 'arcs') return `1.2.${Array.from({ length: bytes - 1 }, (_, i) => String(i === 0 ? variant : i % 100)).join('.')}`;
  return `1.2.${(1n << BigInt(7 * (bytes - 1) - 1)) + BigInt(variant)}`;
}
const oidContentBytes = (dotted: string): number => {
  const der = oid(dotted);
  return der.length - (der[1]! < 0x80 ? 2 : 2 + (der[1]! & 0x7f));
};
for (const shape of ['arcs', 'huge-arc'] as const) {
  for (const bytes of [8, MAX_OID_BYTES, MAX_OID_BYTES + 1]) {
    if (oidContentBytes(longOid(bytes, shape, 7)) !== bytes) throw new Error(`longOid(${bytes}, ${shape}) is not ${bytes} bytes`);
  }
  const at = decodeCertificate(certificateWithLongOid(MAX_OID_BYTES, shape));
  const over = decodeCertificate(certificateWithLongOid(MAX_OID_BYTES + 1, shape));
  if (!at.ok || over.ok || !over.error.message.includes('OBJECT IDENTIFIER')) {
    throw new Error(`the OID limit is no longer ${MAX_OID_BYTES} bytes (${shape}): update MAX_OID_BYTES in bench/hostile.bench.ts`);
  }
}

interface Family {
  readonly name: string;
  /** What grows, for the table. */
  readonly unit: string;
  readonly scales: readonly number[];
  /** The scale at and below which the input is within every limit. */
  readonly withinUpTo: number;
  /**
   * Past the limit: `flat` when the limit is checked before the input is read (size), `linear` when it is found
   * while reading (depth, certificate size): then the cost is bounded by the input size limit.
   */
  readonly beyond: 'flat' | 'linear';
  readonly build: (scale: number) => string;
}

const SIZE_SCALES = QUICK ? [1, 2, 4, 8, 16, 64] : [1, 2, 4, 8, 16, 32, 64, 128];
const BASE_SIZE = 7.5 * KiB; // 8x = 60 KiB, within the 64 KiB limit
const bytesAt = (scale: number): number => Math.round(BASE_SIZE * scale);

const families: Family[] = [
  {
    name: 'long text (RemotePartyRole)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow('>Supplier<', () => 'A'.repeat(64), bytesAt(s), (b) => `>${b}<`),
  },
  {
    name: 'many attributes (on Header)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow('<sr:Header>', (i) => ` a${i}="v"`, bytesAt(s), (b) => `<sr:Header${b}>`),
  },
  {
    name: 'many namespace declarations (valid request)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow('<sr:Header>', (i) => ` xmlns:p${i}="urn:p:${i}"`, bytesAt(s), (b) => `<sr:Header${b}>`),
  },
  {
    name: 'many comments (valid request)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow('<sr:Header>', (i) => `<!--c${i}-->`, bytesAt(s), (b) => `<sr:Header>${b}`),
  },
  {
    name: 'huge base64 (wrapped with &#13;)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow(certificateBase64, (i) => `${'QUJD'.repeat(19)}${i % 2 ? '&#13;\n' : '\n'}`, bytesAt(s), (b) => `<sr:DigitalSigningCertificate>${b}</sr:DigitalSigningCertificate>`),
  },
  {
    name: 'many certificates (CertificationPath)',
    unit: 'KiB',
    scales: SIZE_SCALES,
    withinUpTo: 8,
    beyond: 'flat',
    build: (s) => grow(PATH_CERTIFICATE, () => PATH_CERTIFICATE, bytesAt(s)),
  },
  {
    name: 'deep nesting (in Header)',
    unit: 'levels',
    // The request itself nests 2 deep at Header: 30 more reach the 32 limit.
    scales: QUICK ? [4, 8, 16, 30, 60, 1000] : [4, 8, 16, 30, 60, 120, 1000, 4000],
    withinUpTo: 30,
    beyond: 'linear',
    build: (depth) => base.replace('<sr:Header>', `<sr:Header>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`),
  },
];

/**
 * Run last: they fill the process-wide OID memo (512 entries) on purpose, as a hostile sender could. Up to 64 OID
 * bytes the OID is decoded; past it, refused before decoding; past about 8 KiB, the whole certificate is refused
 * for its size before it is read.
 */
const OID_SCALES = QUICK ? [8, 32, 64, 65, 4096, 16384] : [8, 16, 32, 64, 65, 256, 1024, 4096, 8192, 16384];
const oidFamilies: Family[] = [
  {
    name: 'long OID in a certificate (many arcs)',
    unit: 'OID bytes',
    scales: OID_SCALES,
    withinUpTo: MAX_OID_BYTES,
    beyond: 'linear',
    build: (n) => withDigitalSigningCertificate(certificateWithLongOid(n, 'arcs')),
  },
  {
    name: 'long OID in a certificate (one huge arc)',
    unit: 'OID bytes',
    scales: OID_SCALES,
    withinUpTo: MAX_OID_BYTES,
    beyond: 'linear',
    build: (n) => withDigitalSigningCertificate(certificateWithLongOid(n, 'huge-arc')),
  },
];

// ---- part 1: time against size --------------------------------------------------------------------------------

interface Row {
  family: string;
  scale: string;
  kib: number;
  code: string;
  meanUs: number;
  p99Us: number;
}

console.log(`node ${process.version}; input limit ${LIMIT / KiB} KiB, depth limit ${DEFAULT_XML_LIMITS.maxDepth}, certificate limit ${MAX_CERTIFICATE_BYTES / KiB} KiB`);
console.log('Each input is validated with an empty certificate cache, so certificates are decoded every time.\n');

const rows: Row[] = [];
async function measure(family: Family): Promise<void> {
  const bench = new Bench({ time: QUICK ? 100 : 250, warmupTime: 50 });
  const inputs = family.scales.map((scale) => ({ scale, xml: family.build(scale) }));
  const codes = new Map<number, string>();
  // Warm every input first, so that the smallest one does not pay for the JIT.
  for (let k = 0; k < 10; k++) for (const { xml } of inputs) validateRequest(xml, context, { certificateCache: createCertificateCache() });
  for (const { scale, xml } of inputs) {
    codes.set(scale, validateRequest(xml, context, { certificateCache: createCertificateCache() }).responseCode);
    bench.add(String(scale), () => {
      validateRequest(xml, context, { certificateCache: createCertificateCache() });
    });
  }
  await bench.run();
  for (const [i, task] of bench.tasks.entries()) {
    const { scale, xml } = inputs[i]!;
    const result = task.result as { latency: { mean: number; p99: number } };
    rows.push({
      family: family.name,
      scale: `${scale}${family.unit === 'KiB' ? 'x' : ` ${family.unit}`}${scale > family.withinUpTo ? ' (over limit)' : ''}`,
      kib: Buffer.byteLength(xml) / KiB,
      code: codes.get(scale)!,
      meanUs: result.latency.mean * 1000,
      p99Us: result.latency.p99 * 1000,
    });
  }
  // Linear within the limit: time per KiB at the largest within-limit size vs the smallest one.
  const mine = rows.slice(-inputs.length);
  const within = mine.filter((_, i) => inputs[i]!.scale <= family.withinUpTo);
  const beyond = mine.filter((_, i) => inputs[i]!.scale > family.withinUpTo);
  const perKib = (r: Row): number => r.meanUs / r.kib;
  const growth = perKib(within[within.length - 1]!) / perKib(within[0]!);
  const spread = (list: Row[], f: (r: Row) => number): number => (list.length > 1 ? Math.max(...list.map(f)) / Math.min(...list.map(f)) : 1);
  // Linear past the limit: time per KiB must not grow from the smallest to the largest input (falling is fine: the
  // work stops at the limit while the input keeps growing).
  const past = family.beyond === 'flat' ? spread(beyond, (r) => r.meanUs) : beyond.length > 1 ? perKib(beyond[beyond.length - 1]!) / perKib(beyond[0]!) : 1;
  console.log(`${family.name}`);
  console.table(
    mine.map((r) => ({
      scale: r.scale,
      'input KiB': r.kib.toFixed(1),
      verdict: r.code,
      'mean µs': r.meanUs.toFixed(1),
      'p99 µs': r.p99Us.toFixed(1),
      'µs per KiB': perKib(r).toFixed(2),
    })),
  );
  const linear = growth < 2 ? 'linear' : growth < 3 ? 'about linear (noisy)' : 'SUPER-LINEAR';
  const pastText =
    family.beyond === 'flat'
      ? `time x${past.toFixed(2)} from smallest to largest (${past < 3 ? 'flat' : 'NOT FLAT'}: the limit is checked before the input is read)`
      : `time per KiB x${past.toFixed(2)} (${past < 3 ? 'linear' : 'SUPER-LINEAR'}: found while reading, bounded by the ${LIMIT / KiB} KiB input limit)`;
  console.log(`  within the limits: time per KiB x${growth.toFixed(2)} from smallest to largest (${linear})`);
  if (beyond.length > 0) console.log(`  past the limit: ${pastText}`);
  console.log('');
}

for (const family of families) await measure(family);

// ---- part 2: memory over many validations ---------------------------------------------------------------------

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const request = fixture('requests/no-by-supplier-correct.xml');
if (!validateRequest(request, context).accepted) throw new Error('the memory fixture must be accepted');

console.log(`memory: up to ${VALIDATIONS.toLocaleString('en')} validations of fixtures/requests/no-by-supplier-correct.xml (process-wide certificate cache)`);
for (let i = 0; i < 10_000; i++) validateRequest(request, context);
const before = heapAfterGc();
const checkpoints: { after: number; heap: number }[] = [{ after: 0, heap: before }];
const every = Math.min(100_000, Math.max(1000, Math.floor(VALIDATIONS / 10 / 1000) * 1000));
let done = 0;
let accepted = 0;
const started = performance.now();
// The clock is read every 1,000 validations, the heap measured every `every`, and once more at the end.
while (done < VALIDATIONS && performance.now() - started < MEMORY_MS) {
  for (let k = 0; k < 1000 && done < VALIDATIONS; k++, done++) {
    if (validateRequest(request, context).accepted) accepted++;
  }
  if (done % every === 0) checkpoints.push({ after: done, heap: heapAfterGc() });
}
if (checkpoints[checkpoints.length - 1]!.after !== done) checkpoints.push({ after: done, heap: heapAfterGc() });
const seconds = (performance.now() - started) / 1000;
const after = heapAfterGc();
if (accepted !== done) throw new Error(`only ${accepted} of ${done} validations accepted`);
if (done < VALIDATIONS) console.log(`  stopped after ${seconds.toFixed(0)} s (--seconds); --seconds 0 runs all ${VALIDATIONS.toLocaleString('en')}`);
console.log(`  ${done.toLocaleString('en')} validations in ${seconds.toFixed(1)} s (${((seconds * 1e6) / done).toFixed(1)} µs each, including the forced GCs)`);
console.log(`  heap used after GC: ${checkpoints.map((c) => `${mib(c.heap)} @${c.after.toLocaleString('en')}`).join(' -> ')}`);
console.log(`  before ${mib(before)}, after ${mib(after)}: ${after - before >= 0 ? '+' : ''}${((after - before) / 1024).toFixed(0)} KiB over ${done.toLocaleString('en')} validations`);

// Every request carries a certificate never seen before: the LRU cache (1024 entries) must bound memory.
const churn = Math.max(1, Math.floor(done / 10));
const der = Buffer.from(/<sr:DigitalSigningCertificate>([^<]*)</.exec(request)![1]!, 'base64');
const unique = (i: number): string => {
  const copy = Buffer.from(der);
  copy.writeUInt32BE(i >>> 0, copy.length - 4); // inside the signature value: still decodes, a new cache key
  return request.replace(/(<sr:DigitalSigningCertificate>)[^<]*/, `$1${copy.toString('base64')}`);
};
const churnBefore = heapAfterGc();
const churnPoints: number[] = [churnBefore];
const churnStarted = performance.now();
const churnEvery = Math.max(1, Math.floor(churn / 5));
let churned = 0;
while (churned < churn && performance.now() - churnStarted < MEMORY_MS / 3) {
  for (let k = 0; k < churnEvery && churned < churn; k++) {
    churned++;
    if (!validateRequest(unique(churned), context).accepted) throw new Error('a churn request was rejected');
  }
  churnPoints.push(heapAfterGc());
}
const churnAfter = heapAfterGc();
console.log(`\nmemory: ${churned.toLocaleString('en')} validations, each with a certificate never seen before (certificate cache churn)`);
console.log(`  ${((performance.now() - churnStarted) / 1000).toFixed(1)} s; heap used after GC: ${churnPoints.map(mib).join(' -> ')}`);
console.log(`  before ${mib(churnBefore)}, after ${mib(churnAfter)} (the cache holds at most 1024 decoded certificates)`);

// ---- part 3: long OIDs, with the OID memo full ------------------------------------------------------------------

// src/smki/oid.ts memoises decoded OIDs by their content bytes, up to 512 entries, never evicted. A hostile sender
// can fill it with the largest OIDs a certificate can carry (64 bytes): measure what that pins, then measure OID
// decoding with the memo full (every OID decoded from its bytes, as for any OID once the memo is full). The memo
// is filled through the package's decodeCertificate, so it is dist/'s memo that fills.
const memoBefore = heapAfterGc();
for (let i = 0; i < 512; i++) {
  const filled = decodeCertificate(
    makeCertificate({ ous: ['02'], commonName: 'SUPPLIER', extraExtensions: [extension(longOid(MAX_OID_BYTES, 'huge-arc', 1000 + i), false, octets(Uint8Array.of(0)))] }),
  );
  if (!filled.ok) throw new Error(`memo filler ${i} refused: ${filled.error.message}`);
}
const memoAfter = heapAfterGc();
console.log(`\nOID memo filled with 512 distinct ${MAX_OID_BYTES}-byte OIDs (one huge arc each): heap ${mib(memoBefore)} -> ${mib(memoAfter)} (+${mib(memoAfter - memoBefore)}, held for the life of the process)\n`);
for (const family of oidFamilies) await measure(family);

// The worst request this allows: as many distinct certificates as fit in 64 KiB, each just under the 8 KiB
// certificate limit, filled with distinct longest (64-byte, one huge arc) OIDs, one extension each, none in the
// (full) memo: all decoded (mode 'all'), none seen before (cold cache).
function largestManyOidCertificate(variant: number): { der: Uint8Array; oids: number } {
  const build = (count: number): Uint8Array =>
    makeCertificate({
      ous: ['02'],
      commonName: 'SUPPLIER',
      serial: Uint8Array.of(0x4a, variant + 1, 2, 3, 4, 5, 6, 7),
      extraExtensions: Array.from({ length: count }, (_, i) => extension(longOid(MAX_OID_BYTES, 'huge-arc', 100_000 * (variant + 1) + i), false, octets(Uint8Array.of(0)))),
    });
  const perExtension = build(1).length - build(0).length;
  for (let count = Math.floor((MAX_CERTIFICATE_BYTES - build(0).length) / perExtension) + 2; count > 0; count--) {
    const der = build(count);
    if (der.length > MAX_CERTIFICATE_BYTES) continue;
    const decoded = decodeCertificate(der);
    if (!decoded.ok) throw new Error(`the worst-case certificate is refused: ${decoded.error.message}`);
    return { der, oids: count };
  }
  throw new Error('no certificate fits');
}
const worstCertificates = [0, 1, 2, 3, 4].map(largestManyOidCertificate);
const worst = worstCertificates.map(({ der }) => Buffer.from(der).toString('base64'));
const worstXml = base
  .replace(/(<sr:DigitalSigningCertificate>)[^<]*/, `$1${worst[0]}`)
  .replace(/(<sr:KeyAgreementCertificate>)[^<]*/, `$1${worst[1]}`)
  .replace(/(<sr:KeyAgreementTopUpCertificate>)[^<]*/, `$1${worst[2]}`)
  .replace(PATH_CERTIFICATE, `<sr:Certificate>${worst[3]}</sr:Certificate><sr:Certificate>${worst[4]}</sr:Certificate>`);
const worstBench = new Bench({ time: QUICK ? 300 : 1000, warmupTime: 100 });
worstBench.add('worst', () => {
  validateRequest(worstXml, context, { mode: 'all', certificateCache: createCertificateCache() });
});
await worstBench.run();
const worstResult = worstBench.tasks[0]!.result as { latency: { mean: number; p99: number } };
console.log(
  `worst case found: ${(Buffer.byteLength(worstXml) / KiB).toFixed(1)} KiB request, 5 distinct certificates of ` +
    `${(worstCertificates[0]!.der.length / KiB).toFixed(1)} KiB each with ${worstCertificates[0]!.oids} extra distinct ${MAX_OID_BYTES}-byte one-arc OIDs, mode 'all', cold cache: ` +
    `${worstResult.latency.mean.toFixed(1)} ms mean, ${worstResult.latency.p99.toFixed(1)} ms p99 per validation ` +
    `(verdict ${validateRequest(worstXml, context, { mode: 'all', certificateCache: createCertificateCache() }).responseCode})`,
);
