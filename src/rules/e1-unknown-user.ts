import { finding } from '../findings.js';
import { REQUEST_ID } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** E1: the RequestID originator must be a User the caller knows. */
export const unknownUser: Rule = {
  name: 'E1',
  check: ({ request, user }) => {
    if (user) return PASS;
    const originator = request.header.requestId.originator;
    return [
      finding('E1', {
        detail: `User ID ${originator} (the RequestID originator) is not a known User`,
        path: REQUEST_ID,
        params: { userId: originator },
      }),
    ];
  },
};
