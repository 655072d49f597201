import { finding } from '../findings.js';
import { COMMAND_VARIANT } from './paths.js';
import { PASS, type Rule } from './rule.js';

// DUIS XSD V5.4: 6.15.1 uses CV 4-7, and CV 5-7 carry a SignedPreCommand body; the KRP body is sent with CV 4.
const KRP_COMMAND_VARIANT = 4;

/** E12: an UpdateSecurityCredentialsKRP body must be sent with Command Variant 4. */
export const commandVariantMismatch: Rule = {
  name: 'E12',
  check: ({ request }) => {
    const commandVariant = request.header.commandVariant;
    if (commandVariant === KRP_COMMAND_VARIANT) return PASS;
    return [
      finding('E12', {
        detail: `Command Variant ${commandVariant} cannot carry an UpdateSecurityCredentialsKRP body (expected ${KRP_COMMAND_VARIANT})`,
        path: COMMAND_VARIANT,
        params: { expected: KRP_COMMAND_VARIANT, received: commandVariant },
      }),
    ];
  },
};
