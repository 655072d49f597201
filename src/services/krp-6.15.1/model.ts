import type { CredentialsBody, DuisRequest } from '../../duis/model.js';

/** The 6.15.1 `UpdateSecurityCredentialsKRP` body, every element of DUIS XSD V5.4 typed. */
export interface UpdateSecurityCredentialsKRPBody extends CredentialsBody {
  readonly kind: 'UpdateSecurityCredentialsKRP';
}

/** A structurally valid 6.15.1 Update Security Credentials (KRP) request. */
export type UpdateSecurityCredentialsKRPRequest = DuisRequest<UpdateSecurityCredentialsKRPBody>;
