import { readCredentialsBody, type ReplacementLayout } from '../../duis/credentials.js';
import type { Finding } from '../../findings.js';
import type { XmlElement } from '../../xml/tree.js';
import type { RequestHandoverBody } from './model.js';

// DUIS XSD V5.4 `ReplacementCertificatesDCCHandover`: no wrapper, the DigitalSigning certificate required.
const LAYOUT: ReplacementLayout = {
  slots: [
    { slot: 'DigitalSigning', required: true },
    { slot: 'KeyAgreement', required: false },
    { slot: 'KeyAgreementTopUp', required: false },
  ],
};

/** Reads `RequestHandoverOfDCCControlledDevice` (DUIS XSD V5.4, extending FutureDatedAbstractType). */
export function readHandoverBody(element: XmlElement, path: string, findings: Finding[]): RequestHandoverBody | undefined {
  return readCredentialsBody<'RequestHandoverOfDCCControlledDevice'>(element, path, LAYOUT, findings);
}
