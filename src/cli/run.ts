import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { verdictOf } from '../evaluate.js';
import { finding } from '../findings.js';
import { effectiveLimits } from '../xml/parse-xml.js';
import type { ValidationContext } from '../context.js';
import { resolveRuleOptions, VALIDATE_OPTION_KEYS } from '../options.js';
import { validateRequest, type ValidateOptions } from '../validate.js';
import { parseCliArgs, type CliOptions } from './args.js';
import type { SignerStore } from '../signature/index.js';
import { runAudit } from './audit/run-audit.js';
import { loadContextFile } from './context-file.js';
import { loadSigners } from './signers-file.js';
import { describeError, expandInputs, readInputs } from './inputs.js';
import { createJsonReporter } from './report-json.js';
import { createJunitReporter } from './report-junit.js';
import { createResponseDirReporter, createResponseReporter } from './report-response.js';
import { createGithubReporter } from './report-github.js';
import { createJsonSummaryReporter } from './report-json-summary.js';
import { createTextReporter } from './report-text.js';
import type { Reporter } from './reporter.js';
import { Summary } from './summary.js';
import { Output, printable, Progress, type WritableLike } from './terminal.js';
import { PROGRAM, USAGE, USAGE_HINT, VERSION } from './usage.js';

export interface CliIo {
  readonly stdin: Readable | NodeJS.ReadableStream;
  readonly stdout: WritableLike;
  readonly stderr: WritableLike;
  /** Directory relative inputs are resolved against; default `process.cwd()`. */
  readonly cwd?: string;
}

export const EXIT_ACCEPTED = 0;
export const EXIT_REJECTED = 1;
export const EXIT_ERROR = 2;

/** Progress is shown on a terminal for batches larger than this. */
const PROGRESS_THRESHOLD = 20;

/** The `duis-validate` command. Resolves to the exit code; never rejects. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (messages: readonly string[], hint = false): number => {
    // Indented lines continue the message above them (e.g. the problems of a context file).
    const text = messages.map((m) => (/^\s/.test(m) ? `${m}\n` : `${PROGRAM}: ${m}\n`)).join('');
    io.stderr.write(text + (hint ? `${USAGE_HINT}\n` : ''));
    return EXIT_ERROR;
  };
  if (argv[0] === 'audit') {
    try {
      return await runAudit(argv.slice(1), { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, cwd: io.cwd ?? process.cwd() }, fail);
    } catch (error) {
      return fail([`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`]);
    }
  }
  const parsed = parseCliArgs(argv[0] === 'validate' ? argv.slice(1) : argv);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(USAGE);
      return EXIT_ACCEPTED;
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return EXIT_ACCEPTED;
    case 'error':
      return fail([parsed.message], true);
  }
  try {
    return await validateAll(parsed.options, io, fail);
  } catch (error) {
    return fail([`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`]);
  }
}

async function validateAll(
  options: CliOptions,
  io: CliIo,
  fail: (messages: readonly string[]) => number,
): Promise<number> {
  const cwd = io.cwd ?? process.cwd();

  let context: ValidationContext | undefined;
  let now: Date | undefined;
  if (options.contextFile !== undefined) {
    const loaded = await loadContextFile(options.contextFile, cwd);
    if (!loaded.ok) return fail(loaded.messages.map((m, i) => (i === 0 ? m : printable(m))));
    // One object for every request: validateRequest indexes a context once per object.
    context = loaded.context;
    now = loaded.resolved.now;
  }

  let signers: SignerStore | undefined;
  if (options.signers.length > 0) {
    const loaded = await loadSigners(options.signers, cwd);
    if (!loaded.ok) return fail([printable(loaded.message)]);
    signers = loaded.store;
  }

  const services = Object.fromEntries([...options.certificatePartyCodes].map(([srv, code]) => [srv, { certificatePartyCode: code }]));
  const validateOptions: ValidateOptions = {
    mode: options.mode,
    profile: options.profile,
    unsupported: options.unsupported,
    ...(options.certificatePartyCodes.size > 0 ? { services } : {}),
    ...(options.mpanRuleCode === undefined ? {} : { mpanRuleCode: options.mpanRuleCode }),
    ...(options.checkValidity ? { checkValidity: true } : {}),
    ...(signers ? { signers } : {}),
  };
  // The library names a bad combination (an SRV without a Certificate Party rule, a code given twice); the CLI
  // reports it as a usage error before reading any input.
  let resolvedOptions;
  try {
    resolvedOptions = resolveRuleOptions(validateOptions, PROGRAM, VALIDATE_OPTION_KEYS);
  } catch (error) {
    return fail([error instanceof Error ? error.message : String(error)]);
  }

  // An input that names nothing is reported and the others are still validated: exit 2 at the end.
  const { inputs, errors } = await expandInputs(options.inputs, cwd);
  for (const error of errors) io.stderr.write(`${PROGRAM}: ${printable(error)}\n`);
  if (inputs.length === 0) return fail(['no request files found (directories are searched for *.xml)']);
  if (options.response && inputs.length > 1) {
    return fail([`--response prints one document and ${inputs.length} requests were given: use --response-dir DIR`]);
  }
  if (context === undefined) {
    io.stderr.write(`${PROGRAM}: no --context given: no User, Device or registry is known, so every request fails E1 (give --context FILE)\n`);
  }

  const destination = await openOutput(options.output, io.stdout, cwd);
  if (typeof destination === 'string') return fail([destination]);
  const progress = new Progress(io.stderr, inputs.length, Boolean(io.stderr.isTTY) && inputs.length > PROGRESS_THRESHOLD);
  const output = new Output(destination.stream, io.stderr, progress);
  const reporter = createReporter(options, output, now, cwd);
  const summary = new Summary();

  let done = 0;
  for await (const read of readInputs(inputs, io.stdin, effectiveLimits({}).maxBytes)) {
    if (read.ok === false) {
      summary.addUnreadable();
      output.err(`${PROGRAM}: ${printable(read.message)}\n`);
      reporter.unreadable(read.input.name, read.message);
    } else {
      const verdict =
        read.ok === 'too-large'
          ? verdictOf([finding('XML_TOO_LARGE', { limit: read.limit, received: read.size })], {}, resolvedOptions)
          : validateRequest(read.bytes, context, validateOptions);
      summary.add(verdict);
      reporter.result(read.input.name, verdict);
    }
    progress.update(++done);
  }
  progress.clear();
  reporter.finish(summary);
  const closed = await destination.close();
  if (closed) return fail([closed]);

  if (errors.length > 0 || summary.unreadable > 0) return EXIT_ERROR;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    io.stderr.write(`${PROGRAM}: ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_REJECTED;
  }
  return summary.rejected > 0 ? EXIT_REJECTED : EXIT_ACCEPTED;
}

/** Standard output, or `--output FILE` opened for writing (a usage error when it cannot be). */
async function openOutput(
  file: string | undefined,
  stdout: WritableLike,
  cwd: string,
): Promise<{ stream: WritableLike; close: () => Promise<string | undefined> } | string> {
  if (file === undefined) return { stream: stdout, close: async () => undefined };
  const stream = createWriteStream(path.resolve(cwd, file));
  const opened = await new Promise<string | undefined>((resolve) => {
    stream.once('open', () => resolve(undefined));
    stream.once('error', (error: NodeJS.ErrnoException) => resolve(`--output ${file}: cannot write: ${describeError(error)}`));
  });
  if (opened) return opened;
  let failure: string | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => (failure ??= `--output ${file}: ${describeError(error)}`));
  return {
    stream,
    close: () => new Promise((resolve) => stream.end(() => resolve(failure))),
  };
}

function createReporter(options: CliOptions, output: Output, now: Date | undefined, cwd: string): Reporter {
  const responseOptions = now ? { now } : {};
  if (options.response) return createResponseReporter(output, responseOptions);
  if (options.responseDir !== undefined) {
    return withResponses(createFormatReporter(options, output), createResponseDirReporter(path.resolve(cwd, options.responseDir), output, responseOptions));
  }
  return createFormatReporter(options, output);
}

function createFormatReporter(options: CliOptions, output: Output): Reporter {
  switch (options.format) {
    case 'json':
      return createJsonReporter(output);
    case 'json-summary':
      return createJsonSummaryReporter(output);
    case 'junit':
      return createJunitReporter(output, { skipGeneric: options.junitSkipGeneric });
    case 'github':
      return createGithubReporter(output);
    case 'text':
      return createTextReporter(output, options.mode);
  }
}

/** Both reporters see every result; only the first prints the summary. */
function withResponses(report: Reporter, responses: Reporter): Reporter {
  return {
    result(name, verdict) {
      report.result(name, verdict);
      responses.result(name, verdict);
    },
    unreadable(name, message) {
      report.unreadable(name, message);
      responses.unreadable(name, message);
    },
    finish(summary) {
      responses.finish(summary);
      report.finish(summary);
    },
  };
}
