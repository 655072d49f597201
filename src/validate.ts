import { resolveContext, type ValidationContext } from './context.js';
import { evaluate, validityTime, verdictOf } from './evaluate.js';
import { resolveRuleOptions, VALIDATE_OPTION_KEYS, type RuleOptions } from './options.js';
import { readAndVerify, type ReadOptions } from './read-request.js';
import type { Verdict } from './verdict.js';
import type { XmlInput } from './xml/parse-xml.js';

/** Options of {@link validateRequest}: rule options plus input limits and signature verification. */
export interface ValidateOptions extends RuleOptions, ReadOptions {}

/**
 * Validates one DUIS request against what the caller knows. Synchronous and pure: no I/O, never throws for bad
 * input (bad input is a verdict; bad options are a programming error and throw a TypeError). The verdict says
 * whether the DCC would accept it and, if not, which response code it would answer; for an SRV validated in depth
 * (6.15.1, 6.21) every check runs (`coverage: 'full'`), for every other the checks that hold for all requests
 * (`coverage: 'generic'`).
 *
 * Order: context, XML and structure, the signature (when `signers` are configured), then the service's rules.
 */
export function validateRequest(xml: XmlInput, context?: ValidationContext, options: ValidateOptions = {}): Verdict {
  const resolvedOptions = resolveRuleOptions(options, 'validateRequest', VALIDATE_OPTION_KEYS);
  const resolved = resolveContext(context);
  if (!resolved.ok) return verdictOf(resolved.findings, {}, resolvedOptions);
  const { users, devices, networkOperators, now } = resolved.context;
  const read = readAndVerify(xml, options, validityTime(now, resolvedOptions));
  if (!read.ok) return verdictOf(read.findings, read, resolvedOptions);
  const { originator, target } = read.read.request.header.requestId;
  const knowledge = { user: users.get(originator), device: devices.get(target), networkOperators, ...(now ? { now } : {}) };
  return evaluate(read.read, knowledge, resolvedOptions, read.signature);
}
