import { finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/** The 6.15.1 XSD allows an empty SupplierOrNetworkOperatorCertificates; such a request would replace nothing. */
export const noReplacementCertificates: Rule<CredentialFacts> = {
  name: 'no-replacement-certificates',
  code: 'NO_REPLACEMENT_CERTIFICATES',
  check: ({ body, service }) =>
    body.replacementCertificates.length > 0
      ? PASS
      : [finding('NO_REPLACEMENT_CERTIFICATES', { srv: service.srv }, { path: `${body.path}/ReplacementCertificates` })],
};
