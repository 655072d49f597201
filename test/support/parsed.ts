/** Narrowing helpers for tests that read a parsed request's typed body. */
import type { CredentialsBody, DuisRequest } from '../../src/duis/model.js';
import type { ParseRequestResult } from '../../src/parse-request.js';
import type { ValidatedRequest } from '../../src/verdict.js';

/** The request of a successful parse, read in depth (6.15.1, 6.21): fails the test otherwise. */
export function credentialsRequest(result: ParseRequestResult): DuisRequest<CredentialsBody> {
  if (!result.ok) throw new Error(`expected a parsed request, got ${JSON.stringify(result.findings)}`);
  return credentials(result.request);
}

/** A validated request's body when a service read it in depth. */
export function credentials(request: ValidatedRequest | undefined): DuisRequest<CredentialsBody> {
  if (!request) throw new Error('expected a request');
  if (request.body.kind === 'unvalidated') throw new Error(`expected a body read in depth, got ${request.body.element}`);
  return request as DuisRequest<CredentialsBody>;
}
