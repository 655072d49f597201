import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E1: the RequestID originator must be a User the caller knows. */
export const unknownUser: Rule = {
  name: 'E1',
  code: 'E1',
  needs: { user: true },
  check: ({ request, user }) => (user ? PASS : [finding('E1', { userId: request.header.requestId.originator }, { path: REQUEST_ID })]),
};
