// Public API: re-exports only.
export { CODES, DEFAULT_MPAN_RULE_CODE, describeCode, isCode } from './codes.js';
export type { Code, CodeKind, DuisCode, LibraryCode } from './codes.js';
export type { Finding, FindingParams, Severity } from './findings.js';
export type { Verdict } from './verdict.js';

export { validateRequest } from './validate.js';
export type { ValidateOptions } from './validate.js';
export type { Mode, Profile, RuleOptions } from './evaluate.js';

export { resolveContext } from './context.js';
export type {
  DeviceRecord,
  DeviceRecordInput,
  ResolvedContext,
  UserRecord,
  UserRecordInput,
  ValidationContext,
} from './context.js';

export { parseRequest } from './duis/parse-request.js';
export type { ParseRequestOptions, ParseRequestResult } from './duis/parse-request.js';
export { CERTIFICATE_SLOTS, REMOTE_PARTY_ROLES } from './duis/model.js';
export type {
  CertificateSlot,
  EmbeddedCertificate,
  Eui64,
  ExecutionDateTime,
  RemotePartyRole,
  ReplacementCertificate,
  RequestHeader,
  RequestId,
  UpdateSecurityCredentialsKRPBody,
  UpdateSecurityCredentialsKRPRequest,
} from './duis/model.js';
export { normaliseEui, parseEui } from './duis/eui.js';
export { parseRequestId } from './duis/request-id.js';
export { DEFAULT_XML_LIMITS, parseXml } from './xml/parse-xml.js';
export type { XmlInput, XmlLimits, XmlParseResult } from './xml/parse-xml.js';
export type { XmlAttribute, XmlElement, XmlNode } from './xml/tree.js';

export { DEFAULT_POLICY, definePolicy, DEVICE_TYPES, USER_ROLES } from './policy/index.js';
export type { DeviceType, MpanRuleDeviceTypes, Policy, PolicyOverrides, TopUpFloorRule, UserRole } from './policy/index.js';

export { DISTRIBUTORS, findDistributor, mpanCheckDigit, parseMpanCore } from './mpan/index.js';
export type { Distributor, DistributorKind, MpanCore, MpanParseResult } from './mpan/index.js';

export { RULES } from './rules/index.js';
export type { DecodedCertificate, DecodedReplacement, Facts, Rule } from './rules/index.js';

export { createValidator } from './validator.js';
export type { Validator, ValidatorConfig } from './validator.js';

export { createCertificateCache, decodeCertificate, ROLE_CODES } from './smki/index.js';
export type { CertificateCache, CertificateKeyUsage, DecodeResult, KeyUsage, NameAttribute, OrganisationCertificate, RemotePartyRoleCode } from './smki/index.js';

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
  SignRequestOptions,
  VerifyOptions,
  VerifyResult,
} from './signature/index.js';
export type { ReadOptions } from './read-request.js';
export type { SignatureCheck } from './verdict.js';
