import { DEFAULT_MPAN_RULE_CODE } from '../codes.js';
import pkg from '../../package.json' with { type: 'json' };

export const PROGRAM = 'duis-validate';
export const VERSION: string = pkg.version;

export const USAGE = `Usage: ${PROGRAM} [options] FILE|DIR|GLOB|- ...

Validate DUIS Service Requests before they are sent to the DCC. 6.15.1 Update Security Credentials
(KRP) and 6.21 Request Handover of DCC Controlled Device are validated in depth; every other Service
Reference Variant gets the checks that hold for all requests (structure, signature, E1, E2, E19) and
passes as "PASSED (generic checks; SRV body not validated)".

Inputs:
  FILE                   a request document (validated whatever its extension)
  DIR                    every *.xml file below DIR (recursive, case-insensitive, sorted;
                         hidden entries and linked directories skipped)
  GLOB                   a quoted pattern with *, ? and ** (e.g. 'requests/**/*.xml')
  -                      one request read from standard input (named "-" in reports)

Options:
  --context FILE         JSON validation context: users, devices, networkOperators, now
  --signers FILE|DIR     PEM certificates of the Users who may sign requests (repeatable; a directory
                         gives its *.pem certificates): every request must then carry a valid
                         signature by its originator, and the rules run on the signed content
  --format FORMAT        text (default), json (one object per line) or junit (JUnit XML)
  --junit-skip-generic   with --format junit: a request that only got the generic checks is <skipped>
  --json                 same as --format json
  --mode MODE            first (default: stop at the first failing check, as the DCC does) or all
  --profile PROFILE      strict (default) or dcc (only what the DCC would reject fails;
                         this library's own checks become warnings)
  --response             print the DUIS Response XML the DCC would return for each rejected request
  --unsupported WHAT     pass (default) or reject: what happens to a request of an SRV that is not
                         validated in depth (reject answers SERVICE_NOT_VALIDATED)
  --certificate-party-code SRV=CODE
                         response code of an SRV's Certificate Party rule (repeatable; provisional
                         defaults 6.15.1=${DEFAULT_MPAN_RULE_CODE}, 6.21=E062106)
  --mpan-rule-code CODE  same as --certificate-party-code 6.15.1=CODE
  --check-validity       check certificate validity periods against the clock when the context
                         gives no "now"
  -h, --help             show this help
  --version              show the version

Exit status: 0 every request accepted, 1 some request rejected, 2 usage, input or context error.
`;

export const USAGE_HINT = `Try '${PROGRAM} --help' for more information.`;
