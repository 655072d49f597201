/**
 * Audits files: on this thread, or split into consecutive shards over worker threads (`--jobs N`) whose reports
 * are merged as if one thread had read every file in order. Each worker reads its own files, so the main thread
 * only merges.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditCredentials, type AuditOptions } from '../../audit/audit.js';
import { mergeAuditReports } from '../../audit/merge.js';
import type { AuditProblem, AuditReport } from '../../audit/model.js';
import { finding } from '../../findings.js';
import type { ValidationContext } from '../../context.js';
import { describeError, readFileBoundedSync, readInputs, type Input } from '../inputs.js';
import { effectiveLimits } from '../../xml/parse-xml.js';

/** An input of a shard: a file the worker reads, or bytes already read (standard input). */
export type ShardItem = { readonly name: string; readonly file: string } | { readonly name: string; readonly bytes: Uint8Array };

/** What a worker is given, and what it answers. */
export interface ShardJob {
  readonly context: ValidationContext;
  readonly options: AuditOptions;
  readonly items: readonly ShardItem[];
}
export interface ShardAnswer {
  readonly report: AuditReport;
  /** Inputs that could not be read at all, as `name: reason` messages. */
  readonly unreadable: readonly string[];
}

export interface AuditedFiles {
  readonly report: AuditReport;
  readonly unreadable: readonly string[];
}

/** The worker script beside the built CLI (`dist/audit-worker.js`). */
const WORKER = new URL('./audit-worker.js', import.meta.url);

/** Reads and audits one shard's inputs in order: the work of `--jobs 1` and of each worker thread. */
export function auditShard(job: ShardJob): ShardAnswer {
  const unreadable: string[] = [];
  const limit = effectiveLimits(job.options.limits ?? {}).maxBytes;
  // A file over the limit is not read at all; it is reported as the reader reports an oversized document.
  const oversized: AuditProblem[] = [];
  const refused = (item: { name: string }, error: unknown) => unreadable.push(`${item.name}: cannot read: ${describeError(error)}`);
  // Nothing else runs while a shard is audited (on a worker, or on the main thread with --jobs 1), so files are read
  // synchronously: reads kept in flight through libuv's pool cost more than they overlap (measured: --jobs 1 took
  // 2.5x as long as --jobs 2 with 16 reads in flight, and workers sat idle 40% of the time).
  function* sync() {
    for (const item of job.items) {
      if ('bytes' in item) {
        yield { source: item.name, xml: item.bytes };
        continue;
      }
      try {
        const read = readFileBoundedSync(item.file, limit);
        if ('bytes' in read) yield { source: item.name, xml: read.bytes };
        else oversized.push(tooLarge(item.name, limit, read.size));
      } catch (error) {
        refused(item, error);
      }
    }
  }
  const report = auditCredentials(sync(), job.context, job.options);
  if (oversized.length === 0) return { report, unreadable };
  const problems = [...report.problems, ...oversized];
  const summary = { ...report.summary, responses: report.summary.responses + oversized.length, problems: problems.length };
  return { report: { ...report, problems, summary }, unreadable };
}

export function tooLarge(source: string, limit: number, size: number | null): AuditProblem {
  return { source, findings: [finding('XML_TOO_LARGE', { limit, received: size })] };
}

/** Audits `inputs` with `jobs` threads (1: this one). Reads standard input first when it is among them. */
export async function auditFiles(
  inputs: readonly Input[],
  stdin: Readable | NodeJS.ReadableStream,
  context: ValidationContext,
  options: AuditOptions,
  jobs: number,
): Promise<AuditedFiles> {
  const items: ShardItem[] = [];
  const unreadable: string[] = [];
  const stdinProblems: AuditProblem[] = [];
  for (const input of inputs) {
    if (input.file !== undefined) {
      items.push({ name: input.name, file: input.file });
      continue;
    }
    for await (const read of readInputs([input], stdin, effectiveLimits(options.limits ?? {}).maxBytes)) {
      if (read.ok === true) items.push({ name: input.name, bytes: read.bytes });
      else if (read.ok === 'too-large') stdinProblems.push(tooLarge(input.name, read.limit, read.size));
      else unreadable.push(read.message);
    }
  }
  const workers = Math.min(jobs, items.length);
  const withStdin = (report: AuditReport): AuditReport =>
    stdinProblems.length === 0 ? report : mergeAuditReports([{ devices: [], problems: stdinProblems, summary: { ...report.summary, responses: stdinProblems.length } }, report]);
  if (workers <= 1) {
    const answer = auditShard({ context, options, items });
    return { report: withStdin(answer.report), unreadable: [...unreadable, ...answer.unreadable] };
  }
  if (!existsSync(fileURLToPath(WORKER))) throw new Error(`--jobs needs the built worker ${fileURLToPath(WORKER)} (npm run build)`);
  const size = Math.ceil(items.length / workers);
  const shards = Array.from({ length: workers }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  const answers = await Promise.all(shards.map((shard) => runWorker({ context, options, items: shard })));
  return { report: withStdin(mergeAuditReports(answers.map((a) => a.report))), unreadable: [...unreadable, ...answers.flatMap((a) => a.unreadable)] };
}

function runWorker(job: ShardJob): Promise<ShardAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let answered = false;
    worker.once('message', (answer: ShardAnswer) => {
      answered = true;
      resolve(answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`an audit worker exited with code ${code} before answering`));
    });
  });
}
