/**
 * The service registry: the Service Reference Variants validated in depth. Every other SRV of the catalogue gets
 * the checks that hold for every request (structure of the envelope, signature, E1, E2, E19) and passes, and the
 * verdict says so (`coverage: 'generic'`).
 *
 * A third certificate-placing SRV (6.23 Update Security Credentials (CoS), 6.15.2) is one folder like these and
 * one line here.
 */
import { requestHandover } from './handover-6.21/index.js';
import { updateSecurityCredentialsKrp } from './krp-6.15.1/index.js';
import type { Service } from './service.js';

/** Every service validated in depth, in registry order. */
export const SERVICES = [updateSecurityCredentialsKrp, requestHandover] as const;

/** The body of a request validated in depth, discriminated on `kind`. */
export type ServiceBody = ReturnType<(typeof SERVICES)[number]['readBody']> & {};

/** The SRVs validated in depth. */
export type ServiceSrv = (typeof SERVICES)[number]['srv'];

const BY_SRV: ReadonlyMap<string, Service<ServiceBody, any>> = new Map(SERVICES.map((s) => [s.srv, s as Service<ServiceBody, any>]));

/** The service validating `srv` in depth, if there is one. */
export function serviceFor(srv: string): Service<ServiceBody, any> | undefined {
  return BY_SRV.get(srv);
}

export type { Service, ServicePolicy } from './service.js';
