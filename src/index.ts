// Public API: re-exports only.
export { CODES, DEFAULT_MPAN_RULE_CODE, describeCode, isCode } from './codes.js';
export type { CertificatePartyCode, Code, CodeKind, DuisCode, LibraryCode, ResponseCode } from './codes.js';
export type { CertificatePartyParams, FindingParamsByCode, Position, SchemaProblem } from './finding-params.js';
export type { Finding, FindingCode, FindingOf, FindingParams, Severity } from './findings.js';
export type { AcceptedVerdict, Coverage, RejectedVerdict, SignatureCheck, ValidatedRequest, Verdict } from './verdict.js';

export { validateRequest } from './validate.js';
export type { ValidateOptions } from './validate.js';
export type { FailOn, Mode, Profile, RuleOptions, ServiceOptions, ServicesOptions, Unsupported } from './options.js';
export type { ReadOptions } from './read-request.js';

export { resolveContext } from './context.js';
export type {
  DeviceRecord,
  DeviceRecordInput,
  ResolvedContext,
  UserRecord,
  UserRecordInput,
  ValidationContext,
} from './context.js';

export { parseRequest } from './parse-request.js';
export type { ParseRequestOptions, ParseRequestResult } from './parse-request.js';
export { CERTIFICATE_SLOTS, REMOTE_PARTY_ROLES } from './duis/model.js';
export type {
  CertificateSlot,
  CredentialsBody,
  DuisRequest,
  EmbeddedCertificate,
  Eui64,
  ExecutionDateTime,
  RemotePartyRole,
  ReplacementCertificate,
  RequestHeader,
  RequestId,
  UnvalidatedBody,
} from './duis/model.js';
export { DEVICE_TYPES, USER_ROLES } from './duis/roles.js';
export type { DeviceType, UserRole } from './duis/roles.js';
export { SERVICE_CATALOGUE, findServiceVariant, serviceVariantById } from './duis/catalogue.js';
export type { ServiceVariant } from './duis/catalogue.js';
export { normaliseEui, parseEui } from './duis/eui.js';
export { parseRequestId } from './duis/request-id.js';
export { DEFAULT_XML_LIMITS, parseXml } from './xml/parse-xml.js';
export type { XmlInput, XmlLimits, XmlParseResult } from './xml/parse-xml.js';
export type { XmlAttribute, XmlComment, XmlDocument, XmlElement, XmlMisc, XmlNamespaceDeclaration, XmlNode, XmlProcessingInstruction, XmlText } from './xml/tree.js';

export { SERVICES } from './services/index.js';
export type { Service, ServiceBody, ServicePolicy, ServiceSrv } from './services/index.js';
export { DEFAULT_POLICY, definePolicy, POLICY_KEYS } from './services/krp-6.15.1/policy.js';
export type { Policy, PolicyOverrides, TopUpFloorRule } from './services/krp-6.15.1/policy.js';
export type { UpdateSecurityCredentialsKRPBody, UpdateSecurityCredentialsKRPRequest } from './services/krp-6.15.1/model.js';
export { DEFAULT_HANDOVER_POLICY, defineHandoverPolicy, HANDOVER_POLICY_KEYS } from './services/handover-6.21/policy.js';
export type { HandoverPolicy, HandoverPolicyOverrides } from './services/handover-6.21/policy.js';
export type { RequestHandoverBody, RequestHandoverRequest } from './services/handover-6.21/model.js';
export type { CertificatePartyDeviceTypes } from './policy/validate.js';

export { DISTRIBUTORS, findDistributor, mpanCheckDigit, parseMpanCore } from './mpan/index.js';
export type { Distributor, DistributorKind, MpanCore, MpanParseResult } from './mpan/index.js';

export { CERTIFICATE_CHECKS, decideAllowedParties } from './rules/index.js';
export type { CredentialFacts, DecodedCertificate, DecodedReplacement, PartyDecision, RequestFacts, Rule, RuleNeeds } from './rules/index.js';

export {
  auditCredentials,
  buildRemediationRequests,
  describeAction,
  describeExpectation,
  describeReason,
  mergeAuditReports,
  MMC_NAMESPACE,
  readCredentialsResponse,
} from './audit/index.js';
export type {
  AuditInput,
  AuditLookups,
  AuditOptions,
  AuditProblem,
  AuditReport,
  AuditSummary,
  CertificateUsage,
  CheckedDeviceAudit,
  CredentialsResponse,
  DeviceAudit,
  NetworkOperatorSlot,
  NotCheckedReason,
  ReadResponseOptions,
  ReadResponseResult,
  RemediationAction,
  RemediationOptions,
  RemediationResult,
  RemotePartyDetail,
  SlotAudit,
  UncheckedDeviceAudit,
} from './audit/index.js';

export { createValidator } from './validator.js';
export type { Validator, ValidatorConfig } from './validator.js';

export { createCertificateCache, decodeCertificate, readEntityIdLeniently, ROLE_CODES } from './smki/index.js';
export type {
  CertificateCache,
  CertificateKeyUsage,
  DecodeResult,
  KeyUsage,
  LenientEntityId,
  NameAttribute,
  OrganisationCertificate,
  RemotePartyRoleCode,
} from './smki/index.js';

export { buildResponse, isDuisResponseCode } from './response/index.js';
export type { BuildResponseOptions, BuildResponseResult } from './response/index.js';

export {
  createSigner,
  createSignerStore,
  DEFAULT_XML_SIGNING_ROLES,
  EcdsaSha256,
  SignerCertificateError,
  signRequest,
  verifySignature,
  verifySignatureAsync,
} from './signature/index.js';
export type {
  CertificateInput,
  RequestSigningKey,
  Signer,
  SignerLookup,
  SignerStore,
  SignedDocument,
  SignRequestOptions,
  VerifyOptions,
  VerifyResult,
} from './signature/index.js';
