import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { buildRemediationRequests } from '../../audit/remediation.js';
import type { AuditReport } from '../../audit/model.js';
import { loadContextFile } from '../context-file.js';
import { expandInputs } from '../inputs.js';
import { printable, type WritableLike } from '../terminal.js';
import { PROGRAM } from '../usage.js';
import { parseAuditArgs, type AuditCliOptions } from './args.js';
import { auditFiles } from './audit-files.js';
import { formatAuditHtml } from './report-html.js';
import { formatAuditCsv, formatAuditJson, formatAuditText, problemLine, summaryLines } from './reports.js';

export const AUDIT_USAGE = `Usage: ${PROGRAM} audit --context FILE [options] FILE|DIR|GLOB|- ...

Audit an estate from parsed 6.24.1 Retrieve Device Security Credentials (KRP) responses (DCC Parse and
Correlate output, MMC XSD GBCSResponse): for each device, whether its Network Operator slots hold the
expected Network Operator's certificates, who holds them, and who must act.

Options:
  --context FILE         JSON context: devices (type, MPAN, registration data) and the
                         networkOperators registry, as for validation
  --format FORMAT        text (default), json (one object per device per line), csv, or html (one
                         self-contained page)
  --output FILE          write the report to FILE instead of standard output
  --acb EUI              an Entity ID of the DCC's ACB (repeatable; the responses' ACB slots count too)
  --remediation DIR      write the request that fixes each wrong device into DIR (unsigned)
  --certificates DIR     with --remediation: PEM or DER certificates of the expected Network Operators
                         and of the CA that issued them
  --counter N            with --remediation: the RequestID counter of the requests (default 1)
  --jobs N               worker threads reading and judging responses (default 1)
  -h, --help             show this help

Exit status: 0 no device carries a wrong Network Operator's certificate, 1 some device does,
2 usage, context or I/O error. An unreadable response is reported for its file and the audit goes on.
`;

interface AuditIo {
  readonly stdin: Readable | NodeJS.ReadableStream;
  readonly stdout: WritableLike;
  readonly stderr: WritableLike;
  readonly cwd: string;
}

const FORMATTERS = { text: formatAuditText, json: formatAuditJson, csv: formatAuditCsv, html: formatAuditHtml } as const;

/** `duis-validate audit`. Resolves to the exit code. */
export async function runAudit(argv: readonly string[], io: AuditIo, fail: (messages: readonly string[], hint?: boolean) => number): Promise<number> {
  const parsed = parseAuditArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') return fail([parsed.message], true);
  const options = parsed.options;

  const loaded = await loadContextFile(options.contextFile, io.cwd);
  if (!loaded.ok) return fail(loaded.messages.map((m, i) => (i === 0 ? m : printable(m))));
  const { inputs, errors } = await expandInputs(options.inputs, io.cwd);
  for (const error of errors) io.stderr.write(`${PROGRAM}: ${printable(error)}\n`);
  if (inputs.length === 0) return fail(['no response files found (directories are searched for *.xml)']);
  const certificates = options.certificates ? await loadCertificates(options.certificates, io.cwd) : [];
  if (typeof certificates === 'string') return fail([certificates]);

  const { report, unreadable } = await auditFiles(inputs, io.stdin, loaded.context, { acb: options.acb }, options.jobs);
  // The text report on stdout lists the unreadable responses itself; any other document leaves them to stderr.
  const textOnStdout = options.format === 'text' && options.output === undefined;
  const problems = textOnStdout ? unreadable : [...unreadable, ...report.problems.map(problemLine)];
  for (const message of problems) io.stderr.write(`${PROGRAM}: ${printable(message)}\n`);

  const document = FORMATTERS[options.format](report);
  if (options.output === undefined) io.stdout.write(document);
  else {
    try {
      await writeFile(path.resolve(io.cwd, options.output), document);
    } catch (error) {
      return fail([`--output ${options.output}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
    }
  }
  // The summary goes to stderr whenever stdout carries a machine-readable document (or none at all).
  if (!textOnStdout) io.stderr.write(`${summaryLines(report).join('\n')}\n`);

  if (options.remediation) {
    const written = await writeRemediation(report, options, certificates, io.cwd);
    if (typeof written === 'string') return fail([written]);
    io.stderr.write(`${written.lines.map(printable).join('\n')}${written.lines.length > 0 ? '\n' : ''}`);
  }
  // A wrong meter outranks an unreadable file: both are on stderr, and either fails a CI job.
  if (report.summary.byStatus['wrong-network-operator'] > 0) return 1;
  return errors.length > 0 || unreadable.length > 0 ? 2 : 0;
}

/** Every certificate in `dir`: PEM (`*.pem`, `*.crt`, one or more blocks) or DER (`*.der`, `*.cer`). */
async function loadCertificates(dir: string, cwd: string): Promise<Uint8Array[] | string> {
  const absolute = path.resolve(cwd, dir);
  let names: string[];
  try {
    names = (await readdir(absolute)).filter((n) => /\.(pem|crt|der|cer)$/i.test(n)).sort();
  } catch (error) {
    return `--certificates ${dir}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  const certificates: Uint8Array[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(absolute, name));
    const text = bytes.toString('latin1');
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)];
    if (blocks.length > 0) for (const [, body] of blocks) certificates.push(new Uint8Array(Buffer.from(body!.replace(/\s+/g, ''), 'base64')));
    else if (!text.includes('-----BEGIN')) certificates.push(new Uint8Array(bytes));
  }
  if (certificates.length === 0) return `--certificates ${dir}: no certificate found (*.pem, *.crt, *.der, *.cer)`;
  return certificates;
}

async function writeRemediation(
  report: AuditReport,
  options: AuditCliOptions,
  certificates: readonly Uint8Array[],
  cwd: string,
): Promise<{ lines: string[] } | string> {
  const dir = path.resolve(cwd, options.remediation!);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    return `--remediation ${options.remediation}: cannot create: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  const lines: string[] = [];
  let written = 0;
  for (const device of report.devices) {
    for (const result of buildRemediationRequests(device, { certificates, counter: options.counter })) {
      if (!result.ok) {
        lines.push(`${device.deviceId}: no remediation request: ${result.reason}`);
        continue;
      }
      const file = `${device.deviceId}-${result.action.srv}-${result.sender}.xml`;
      await writeFile(path.join(dir, file), result.xml);
      written += 1;
    }
  }
  lines.push(`${written} remediation request${written === 1 ? '' : 's'} written to ${options.remediation} (unsigned: each sender signs its own)`);
  return { lines };
}
