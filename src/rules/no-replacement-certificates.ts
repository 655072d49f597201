import { finding } from '../findings.js';
import { REPLACEMENT_CERTIFICATES } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** The XSD allows an empty SupplierOrNetworkOperatorCertificates; such a request would replace nothing. */
export const noReplacementCertificates: Rule = {
  name: 'no-replacement-certificates',
  check: ({ request }) =>
    request.body.replacementCertificates.length > 0
      ? PASS
      : [finding('NO_REPLACEMENT_CERTIFICATES', { detail: 'SupplierOrNetworkOperatorCertificates is empty', path: REPLACEMENT_CERTIFICATES })],
};
