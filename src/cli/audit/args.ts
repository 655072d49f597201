import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeArgsError } from '../unknown-option.js';
import { normaliseEui } from '../../duis/eui.js';
import type { Eui64 } from '../../duis/model.js';

export const AUDIT_FORMATS = ['text', 'json', 'csv', 'html'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditCliOptions {
  readonly contextFile: string;
  readonly format: AuditFormat;
  /** `--output FILE`: the report goes there instead of standard output. */
  readonly output?: string;
  /** `--acb EUI` (repeatable): Entity IDs of the DCC's ACB, beyond those the responses show. */
  readonly acb: readonly Eui64[];
  /** `--remediation DIR`: write the request that fixes each wrong device. Needs `--certificates`. */
  readonly remediation?: string;
  /** `--certificates DIR`: PEM or DER organisation certificates of the expected Network Operators, with their issuer. */
  readonly certificates?: string;
  /** `--counter N`: the RequestID counter of the remediation requests (the sender's to choose). */
  readonly counter: bigint;
  /** `--jobs N`: worker threads reading and judging responses; 1 reads them on the main thread. */
  readonly jobs: number;
  readonly inputs: readonly string[];
}

export type ParsedAuditArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly options: AuditCliOptions }
  | { readonly kind: 'error'; readonly message: string };

const OPTIONS = {
  context: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  acb: { type: 'string', multiple: true },
  remediation: { type: 'string' },
  certificates: { type: 'string' },
  counter: { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Parses `duis-validate audit ...` (node:util parseArgs, strict). Never throws. */
export function parseAuditArgs(argv: readonly string[]): ParsedAuditArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return { kind: 'error', message: describeArgsError(error, Object.keys(OPTIONS)) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const error = (message: string): ParsedAuditArgs => ({ kind: 'error', message });

  if (!values.context) return error('audit needs --context FILE: the devices, their MPANs or registration data, and the registry');
  const format = values.format ?? 'text';
  if (!(AUDIT_FORMATS as readonly string[]).includes(format)) return error(`--format must be one of ${AUDIT_FORMATS.join(', ')} (got '${format}')`);
  if (values.output === '') return error('--output needs a file name');
  const acb: Eui64[] = [];
  for (const id of values.acb ?? []) {
    const eui = normaliseEui(id);
    if (!eui) return error(`--acb must be an EUI-64 Entity ID such as 90-B3-D5-1F-30-07-00-00 (got '${id}')`);
    acb.push(eui);
  }
  if ((values.remediation === undefined) !== (values.certificates === undefined)) {
    return error('--remediation DIR and --certificates DIR go together: the requests carry the expected Network Operators\' certificates');
  }
  if (values.remediation === '' || values.certificates === '') return error('--remediation and --certificates need a directory');
  const counterText = values.counter ?? '1';
  if (!/^[0-9]{1,20}$/.test(counterText) || BigInt(counterText) > 18446744073709551615n) {
    return error(`--counter must be a RequestID counter 0..18446744073709551615 (got '${counterText}')`);
  }
  if (values.counter !== undefined && values.remediation === undefined) return error('--counter only applies with --remediation');
  const jobsText = values.jobs ?? '1';
  if (!/^[1-9][0-9]{0,2}$/.test(jobsText)) return error(`--jobs must be a number of worker threads, 1 to 999 (got '${jobsText}')`);
  if (positionals.length === 0) return error('no input: give response files, directories, globs or -');
  if (positionals.includes('')) return error('an input is an empty string');

  return {
    kind: 'run',
    options: {
      contextFile: values.context,
      format: format as AuditFormat,
      ...(values.output === undefined ? {} : { output: values.output }),
      acb,
      ...(values.remediation === undefined ? {} : { remediation: values.remediation, certificates: values.certificates! }),
      counter: BigInt(counterText),
      jobs: Number(jobsText),
      inputs: positionals,
    },
  };
}
