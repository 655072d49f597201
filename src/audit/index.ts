export { auditCredentials } from './audit.js';
export type { AuditInput, AuditLookups, AuditOptions } from './audit.js';
export { MMC_NAMESPACE, readCredentialsResponse } from './read-response.js';
export type { ReadResponseOptions, ReadResponseResult } from './read-response.js';
export type {
  AuditProblem,
  AuditReport,
  AuditSummary,
  CertificateUsage,
  CheckedDeviceAudit,
  CredentialsResponse,
  DeviceAudit,
  NetworkOperatorSlot,
  NotCheckedReason,
  RemediationAction,
  RemotePartyDetail,
  SlotAudit,
  UncheckedDeviceAudit,
} from './model.js';
export { mergeAuditReports } from './merge.js';
export { buildRemediationRequests } from './remediation.js';
export type { RemediationOptions, RemediationResult } from './remediation.js';
export { describeAction, describeExpectation, describeReason } from './describe.js';
