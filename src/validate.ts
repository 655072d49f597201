import { resolveContext, type ValidationContext } from './context.js';
import { evaluate, validityTime, verdictOf, type RuleOptions } from './evaluate.js';
import { readAndVerify, type ReadOptions } from './read-request.js';
import type { Verdict } from './verdict.js';
import type { XmlInput } from './xml/parse-xml.js';

/** Options of {@link validateRequest}: rule options plus input limits and signature verification. */
export interface ValidateOptions extends RuleOptions, ReadOptions {}

/**
 * Validates one 6.15.1 request against what the caller knows. Synchronous and pure: no I/O, never throws for bad
 * input. The verdict says whether the DCC would accept it and, if not, which response code it would answer.
 *
 * Order: context, XML and structure, the signature (when `signers` are configured), then the rules.
 */
export function validateRequest(xml: XmlInput, context?: ValidationContext, options: ValidateOptions = {}): Verdict {
  const resolved = resolveContext(context);
  if (!resolved.ok) return verdictOf(resolved.findings);
  const { users, devices, networkOperators, now } = resolved.context;
  const read = readAndVerify(xml, options, validityTime(now, options));
  if (!read.ok) return verdictOf(read.findings, read.request);
  const { originator, target } = read.request.header.requestId;
  const knowledge = { user: users.get(originator), device: devices.get(target), networkOperators, now };
  return evaluate(read.request, knowledge, options, read.signature);
}
