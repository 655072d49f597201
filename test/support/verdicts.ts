/** Verdicts for reporter tests, built the way the library builds them. */
import type { Finding } from '../../src/findings.js';
import { validateRequest } from '../../src/validate.js';
import type { AcceptedVerdict, RejectedVerdict } from '../../src/verdict.js';
import { exampleContext, fixtureRequest } from './fixtures.js';

/** A rejected verdict with these findings; its code is the first error's. */
export function rejectedWith(...findings: Finding[]): RejectedVerdict {
  const firstError = findings.find((f) => f.severity === 'error');
  if (!firstError) throw new Error('a rejected verdict needs an error');
  return { accepted: false, responseCode: firstError.code, findings };
}

/** A real accepted verdict (the Supplier-by-Supplier fixture). */
export function accepted(): AcceptedVerdict {
  const verdict = validateRequest(fixtureRequest('supplier-by-supplier-immediate'), exampleContext());
  if (!verdict.accepted) throw new Error(`the fixture must be accepted: ${verdict.responseCode}`);
  return verdict;
}
