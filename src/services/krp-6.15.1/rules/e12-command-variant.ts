import { finding } from '../../../findings.js';
import { COMMAND_VARIANT } from '../../../rules/paths.js';
import { PASS, type CredentialFacts, type Rule } from '../../../rules/index.js';

// DUIS XSD V5.4: 6.15.1 uses CV 4-7, and CV 5-7 carry a SignedPreCommand body; the KRP body is sent with CV 4.
const KRP_COMMAND_VARIANT = 4;

/** E12: an UpdateSecurityCredentialsKRP body must be sent with Command Variant 4. */
export const commandVariantMismatch: Rule<CredentialFacts> = {
  name: 'E12',
  code: 'E12',
  check: ({ request, service, body }) => {
    const commandVariant = request.header.commandVariant;
    if (commandVariant === KRP_COMMAND_VARIANT) return PASS;
    return [finding('E12', { srv: service.srv, body: body.kind, commandVariant, expected: KRP_COMMAND_VARIANT }, { path: COMMAND_VARIANT })];
  },
};
