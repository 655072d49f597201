import { finding } from '../findings.js';
import { PASS, type Rule } from './rule.js';

/** One request replaces one party's credentials: every replacement certificate carries the same Entity ID. */
export const certificateEntity: Rule = {
  name: 'certificate-entity',
  check: ({ replacements }) => {
    let first: { entityId: string; slot: string } | undefined;
    for (const { path, slot, result } of replacements) {
      if (!result.ok) continue;
      const entityId = result.certificate.entityId;
      if (!first) first = { entityId, slot };
      else if (entityId !== first.entityId) {
        return [
          finding('CERTIFICATE_ENTITY_INCONSISTENT', {
            detail: `the ${first.slot} certificate belongs to ${first.entityId}, the ${slot} certificate to ${entityId}`,
            path,
            params: { expected: first.entityId, received: entityId },
          }),
        ];
      }
    }
    return PASS;
  },
};
