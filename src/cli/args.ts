import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MPAN_RULE_CODE } from '../codes.js';
import type { Mode, Profile, Unsupported } from '../options.js';
import { describeArgsError } from './unknown-option.js';

export const FORMATS = ['text', 'json', 'json-summary', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];
const MODES = ['first', 'all'] as const satisfies readonly Mode[];
const PROFILES = ['strict', 'dcc'] as const satisfies readonly Profile[];
const UNSUPPORTED = ['pass', 'reject'] as const satisfies readonly Unsupported[];

export interface CliOptions {
  readonly contextFile?: string;
  readonly format: Format;
  /** `--output FILE`: the report goes there instead of standard output. */
  readonly output?: string;
  readonly mode: Mode;
  readonly profile: Profile;
  /** `--max-warnings N`: more than N warnings in the run fail it (exit 1), as ESLint's flag does. */
  readonly maxWarnings?: number;
  /** `--response`: the DUIS Response of the one input on standard output. */
  readonly response: boolean;
  /** `--response-dir DIR`: one DUIS Response document per rejected request, written into DIR. */
  readonly responseDir?: string;
  readonly mpanRuleCode?: string;
  /** `--certificate-party-code SRV=CODE`, repeatable: the Certificate Party rule's code per SRV. */
  readonly certificatePartyCodes: ReadonlyMap<string, `E${number}`>;
  readonly unsupported: Unsupported;
  /** `--junit-skip-generic`: JUnit marks a request that only got the generic checks `<skipped>`. */
  readonly junitSkipGeneric: boolean;
  readonly checkValidity: boolean;
  /** `--signers FILE|DIR`, repeatable: PEM certificates of the Users who may sign requests. */
  readonly signers: readonly string[];
  /** FILE, DIR, GLOB or `-`, as given. */
  readonly inputs: readonly string[];
}

export type ParsedArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'error'; readonly message: string };

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T | string {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return `--${option} must be one of ${allowed.join(', ')} (got '${value}')`;
}

/** Parses the command line (node:util parseArgs, strict). Never throws. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return { kind: 'error', message: describeArgsError(error, Object.keys(OPTIONS)) };
  }
  return interpret(parsed.values, parsed.positionals);
}

const OPTIONS = {
        context: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        json: { type: 'boolean' },
        mode: { type: 'string' },
        profile: { type: 'string' },
        'max-warnings': { type: 'string' },
        response: { type: 'boolean' },
        'response-dir': { type: 'string' },
        'mpan-rule-code': { type: 'string' },
        'certificate-party-code': { type: 'string', multiple: true },
        unsupported: { type: 'string' },
        'junit-skip-generic': { type: 'boolean' },
        'check-validity': { type: 'boolean' },
        signers: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

function interpret(values: Values, positionals: readonly string[]): ParsedArgs {
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  if (values.json && values.format !== undefined && values.format !== 'json') {
    return { kind: 'error', message: `--json conflicts with --format ${values.format}` };
  }
  const format = oneOf('format', values.json ? 'json' : values.format, FORMATS, 'text');
  if (!FORMATS.includes(format as Format)) return { kind: 'error', message: format };
  const mode = oneOf('mode', values.mode, MODES, 'first');
  if (!MODES.includes(mode as Mode)) return { kind: 'error', message: mode };
  const profile = oneOf('profile', values.profile, PROFILES, 'strict');
  if (!PROFILES.includes(profile as Profile)) return { kind: 'error', message: profile };
  const unsupported = oneOf('unsupported', values.unsupported, UNSUPPORTED, 'pass');
  if (!UNSUPPORTED.includes(unsupported as Unsupported)) return { kind: 'error', message: unsupported };
  const partyCodes = certificatePartyCodes(values['certificate-party-code'] ?? []);
  if (typeof partyCodes === 'string') return { kind: 'error', message: partyCodes };
  if (values['junit-skip-generic'] && format !== 'junit') {
    return { kind: 'error', message: '--junit-skip-generic needs --format junit' };
  }

  const response = values.response ?? false;
  if (response && format !== 'text') {
    return { kind: 'error', message: `--response prints DUIS Response XML and cannot be combined with --format ${format}` };
  }
  if (response && values['response-dir'] !== undefined) return { kind: 'error', message: '--response and --response-dir: give one' };
  if (values['response-dir'] === '') return { kind: 'error', message: '--response-dir needs a directory' };
  if (values.output === '') return { kind: 'error', message: '--output needs a file name' };
  if (response && values.output !== undefined) return { kind: 'error', message: '--response writes to standard output; use --response-dir DIR to write files' };
  const maxWarningsText = values['max-warnings'];
  if (maxWarningsText !== undefined && !/^[0-9]{1,9}$/.test(maxWarningsText)) {
    return { kind: 'error', message: `--max-warnings must be a number of warnings, 0 or more (got '${maxWarningsText}')` };
  }
  const mpanRuleCode = values['mpan-rule-code'];
  if (mpanRuleCode !== undefined && !/^E[0-9]+$/.test(mpanRuleCode)) {
    return { kind: 'error', message: `--mpan-rule-code must be a code such as ${DEFAULT_MPAN_RULE_CODE} (got '${mpanRuleCode}')` };
  }
  if (values.context === '') return { kind: 'error', message: '--context needs a file name' };
  if (values.signers?.includes('')) return { kind: 'error', message: '--signers needs a file or directory name' };
  if (positionals.length === 0) return { kind: 'error', message: 'no input: give request files, directories, globs or -' };
  if (positionals.includes('')) return { kind: 'error', message: 'an input is an empty string' };
  // One DUIS Response is one XML document: several on standard output would not be one stream a parser reads.
  const single = positionals.length === 1 && !/[*?]/.test(positionals[0]!);
  if (response && !single) return { kind: 'error', message: '--response prints one document: give one FILE or -, or use --response-dir DIR' };

  return {
    kind: 'run',
    options: {
      ...(values.context === undefined ? {} : { contextFile: values.context }),
      format: format as Format,
      ...(values.output === undefined ? {} : { output: values.output }),
      mode: mode as Mode,
      profile: profile as Profile,
      ...(maxWarningsText === undefined ? {} : { maxWarnings: Number(maxWarningsText) }),
      response,
      ...(values['response-dir'] === undefined ? {} : { responseDir: values['response-dir'] }),
      ...(mpanRuleCode === undefined ? {} : { mpanRuleCode }),
      certificatePartyCodes: partyCodes,
      unsupported: unsupported as Unsupported,
      junitSkipGeneric: values['junit-skip-generic'] ?? false,
      checkValidity: values['check-validity'] ?? false,
      signers: values.signers ?? [],
      inputs: positionals,
    },
  };
}

/** `SRV=CODE` pairs; an SRV given twice is a mistake, not an override. The library checks that the SRV has the rule. */
function certificatePartyCodes(pairs: readonly string[]): ReadonlyMap<string, `E${number}`> | string {
  const codes = new Map<string, `E${number}`>();
  for (const pair of pairs) {
    const match = /^([0-9]+(?:\.[0-9]+)*)=(E[0-9]+)$/.exec(pair);
    if (!match) return `--certificate-party-code must be SRV=CODE, such as 6.21=E062106 (got '${pair}')`;
    const [, srv, code] = match as unknown as [string, string, `E${number}`];
    if (codes.has(srv)) return `--certificate-party-code gives ${srv} twice`;
    codes.set(srv, code);
  }
  return codes;
}
