import type { Readable } from 'node:stream';
import type { ValidationContext } from '../context.js';
import { resolveRuleOptions, VALIDATE_OPTION_KEYS } from '../options.js';
import { validateRequest, type ValidateOptions } from '../validate.js';
import { parseCliArgs, type CliOptions } from './args.js';
import type { SignerStore } from '../signature/index.js';
import { loadContextFile } from './context-file.js';
import { loadSigners } from './signers-file.js';
import { expandInputs, readInputs } from './inputs.js';
import { createJsonReporter } from './report-json.js';
import { createJunitReporter } from './report-junit.js';
import { createResponseReporter } from './report-response.js';
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
  const parsed = parseCliArgs(argv);
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

  const { inputs, errors } = await expandInputs(options.inputs, cwd);
  if (errors.length > 0) return fail(errors.map(printable));
  if (inputs.length === 0) return fail(['no request files found (directories are searched for *.xml)']);

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
  try {
    resolveRuleOptions(validateOptions, PROGRAM, VALIDATE_OPTION_KEYS);
  } catch (error) {
    return fail([error instanceof Error ? error.message : String(error)]);
  }

  const progress = new Progress(io.stderr, inputs.length, Boolean(io.stderr.isTTY) && inputs.length > PROGRESS_THRESHOLD);
  const output = new Output(io.stdout, io.stderr, progress);
  const reporter = createReporter(options, output, now);
  const summary = new Summary();

  let done = 0;
  for await (const read of readInputs(inputs, io.stdin)) {
    if (read.ok) {
      const verdict = validateRequest(read.bytes, context, validateOptions);
      summary.add(verdict);
      reporter.result(read.input.name, verdict);
    } else {
      summary.addUnreadable();
      output.err(`${PROGRAM}: ${printable(read.message)}\n`);
      reporter.unreadable(read.input.name, read.message);
    }
    progress.update(++done);
  }
  progress.clear();
  reporter.finish(summary);

  if (summary.unreadable > 0) return EXIT_ERROR;
  return summary.rejected > 0 ? EXIT_REJECTED : EXIT_ACCEPTED;
}

function createReporter(options: CliOptions, output: Output, now: Date | undefined): Reporter {
  if (options.response) return createResponseReporter(output, now ? { now } : {});
  switch (options.format) {
    case 'json':
      return createJsonReporter(output);
    case 'junit':
      return createJunitReporter(output, { skipGeneric: options.junitSkipGeneric });
    case 'text':
      return createTextReporter(output, options.mode);
  }
}
