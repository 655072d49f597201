/**
 * The public types as a consumer sees them: this file imports the package by name (its built `.d.ts`) and is
 * compiled by `npm run typecheck` under `strict`. Each `@ts-expect-error` must meet an error, or the build fails.
 */
import {
  auditCredentials,
  createValidator,
  validateRequest,
  type Code,
  type DeviceAudit,
  type DeviceRecordInput,
  type Finding,
  type ResponseCode,
  type UserRecordInput,
  type ValidationContext,
  type Verdict,
} from 'duis-validator';

// @ts-expect-error a misspelt User Role
export const user: UserRecordInput = { role: 'ISS' };
// @ts-expect-error a misspelt Device Type
export const device: DeviceRecordInput = { type: 'ESMEE' };
export const context: ValidationContext = { users: { '90-B3-D5-1F-30-01-00-00': { role: 'IS' } }, devices: { '00-DB-12-34-56-78-90-A0': { type: 'ESME', mpan: '1200000000011' } } };

// @ts-expect-error a code that is not in the table
export const code: Code = 'E061599';
export const configured: ResponseCode = 'E061599'; // a configured provisional code is a ResponseCode
// @ts-expect-error but not any string
export const notACode: ResponseCode = 'SOMETHING_ELSE';

declare const verdict: Verdict;
if (verdict.accepted) {
  // Narrowed on `accepted`: the request is there, no non-null assertion.
  const srv: string = verdict.request.header.serviceReferenceVariant;
  const coverage: 'full' | 'generic' = verdict.coverage;
  const ok: 'I0' = verdict.responseCode;
  void [srv, coverage, ok];
} else {
  // @ts-expect-error a rejected verdict's request may be absent
  const srv: string = verdict.request.header.serviceReferenceVariant;
  void srv;
}

declare const finding: Finding;
if (finding.code === 'E061510') {
  // Params are typed by code.
  const entity: string | null = finding.params.entityId;
  const allowed: readonly string[] = finding.params.allowed;
  void [entity, allowed];
}
if (finding.code === 'E2') {
  // @ts-expect-error E2 has no entityId
  void finding.params.entityId;
}

// @ts-expect-error an unknown option key
validateRequest('<x/>', context, { modee: 'all' });
// @ts-expect-error a bad option value
validateRequest('<x/>', context, { mode: 'some' });
// @ts-expect-error a per-SRV option for an SRV without a service
validateRequest('<x/>', context, { services: { '6.23': { certificatePartyCode: 'E062301' } } });
validateRequest('<x/>', context, { services: { '6.21': { certificatePartyCode: 'E062199' } }, failOn: 'warning', unsupported: 'reject' });

// @ts-expect-error lookups return records of the same literal types
createValidator({ lookupDevice: async () => ({ type: 'ESMEE' }) });

const report = auditCredentials([{ source: 'a.xml', xml: '<x/>' }], context);
const first: DeviceAudit | undefined = report.devices[0];
if (first?.status === 'not-checked') {
  const reason: 'unknown-device' | 'no-mpan' | 'invalid-mpan' | 'unknown-distributor' | 'no-registration-data' | 'no-network-operator-rows' | 'device-type-not-covered' | 'response-unsuccessful' = first.reason;
  void reason;
}
// The async form answers a Promise.
export const later: Promise<unknown> = auditCredentials((async function* () {})(), context);
