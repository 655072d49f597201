import { readCredentialsBody, type ReplacementLayout } from '../../duis/credentials.js';
import type { Finding } from '../../findings.js';
import type { XmlElement } from '../../xml/tree.js';
import type { UpdateSecurityCredentialsKRPBody } from './model.js';

// DUIS XSD V5.4 `ReplacementCertificatesKRP` / `SupplierOrNetworkOperatorCertificatesKRP`: every slot optional.
const LAYOUT: ReplacementLayout = {
  wrapper: 'SupplierOrNetworkOperatorCertificates',
  slots: [
    { slot: 'DigitalSigning', required: false },
    { slot: 'KeyAgreement', required: false },
    { slot: 'KeyAgreementTopUp', required: false },
  ],
};

/** Reads `UpdateSecurityCredentialsKRP` (DUIS XSD V5.4, extending FutureDatedAbstractType). */
export function readKrpBody(element: XmlElement, path: string, findings: Finding[]): UpdateSecurityCredentialsKRPBody | undefined {
  return readCredentialsBody<'UpdateSecurityCredentialsKRP'>(element, path, LAYOUT, findings);
}
