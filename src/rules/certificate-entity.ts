import type { CertificateSlot } from '../duis/model.js';
import { finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/** One request replaces one party's credentials: every replacement certificate carries the same Entity ID. */
export const certificateEntity: Rule<CredentialFacts> = {
  name: 'certificate-entity',
  code: 'CERTIFICATE_ENTITY_INCONSISTENT',
  check: ({ replacements }) => {
    let first: { entityId: string; slot: CertificateSlot } | undefined;
    for (const { path, slot, result } of replacements) {
      if (!result.ok) continue;
      const entityId = result.certificate.entityId;
      if (!first) first = { entityId, slot };
      else if (entityId !== first.entityId) {
        return [
          finding(
            'CERTIFICATE_ENTITY_INCONSISTENT',
            { certificateType: slot, expected: first.entityId, received: entityId, firstCertificateType: first.slot },
            { path },
          ),
        ];
      }
    }
    return PASS;
  },
};
