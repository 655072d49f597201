import type { CredentialsBody, DuisRequest } from '../../duis/model.js';

/** The 6.21 `RequestHandoverOfDCCControlledDevice` body, every element of DUIS XSD V5.4 typed. */
export interface RequestHandoverBody extends CredentialsBody {
  readonly kind: 'RequestHandoverOfDCCControlledDevice';
}

/** A structurally valid 6.21 Request Handover of DCC Controlled Device. */
export type RequestHandoverRequest = DuisRequest<RequestHandoverBody>;
