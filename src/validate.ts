import { resolveContext, type ValidationContext } from './context.js';
import { parseRequest } from './duis/parse-request.js';
import { evaluate, verdictOf, type RuleOptions } from './evaluate.js';
import type { XmlInput, XmlLimits } from './xml/parse-xml.js';
import type { Verdict } from './verdict.js';

export interface ValidateOptions extends RuleOptions {
  /** Input size and nesting limits (default 64 KiB, depth 32). */
  readonly limits?: Partial<XmlLimits>;
}

/**
 * Validates one 6.15.1 request against what the caller knows. Synchronous and pure: no I/O, never throws for bad
 * input. The verdict says whether the DCC would accept it and, if not, which response code it would answer.
 */
export function validateRequest(xml: XmlInput, context?: ValidationContext, options: ValidateOptions = {}): Verdict {
  const resolved = resolveContext(context);
  if (!resolved.ok) return verdictOf(resolved.findings);
  const parsed = parseRequest(xml, options.limits ? { limits: options.limits } : {});
  if (!parsed.ok) return verdictOf(parsed.findings);
  const { users, devices, networkOperators, now } = resolved.context;
  const { originator, target } = parsed.request.header.requestId;
  const user = users.get(originator);
  const device = devices.get(target);
  return evaluate(
    parsed.request,
    {
      ...(user ? { user } : {}),
      ...(device ? { device } : {}),
      networkOperatorsFor: (distributorId) => networkOperators.get(distributorId),
      ...(now ? { now } : {}),
    },
    options,
  );
}
