/**
 * Requests built from the fixture PKI (`fixtures/pki/`) for the rule tests beside each rule, and the paths those
 * rules point at. A 6.15.1 Supplier-by-Supplier request on the example ESME unless a helper says otherwise: every
 * certificate is valid at the example context's `now`, so each test changes only what it is about.
 */
import { expect } from 'vitest';
import type { ValidationContext } from '../../src/context.js';
import { validateRequest, type ValidateOptions } from '../../src/validate.js';
import type { Verdict } from '../../src/verdict.js';
import { buildHandover, buildRequest, type RequestParts } from './build-request.js';
import { certificate, exampleContext, ISSUING_CA } from './fixtures.js';

export type Operator = 'network-operator-a' | 'network-operator-b' | 'gas-transporter';

/** The 6.15.1 body and the locations inside it the rules report. */
export const KRP_BODY = '/Request/Body/UpdateSecurityCredentialsKRP';
export const KRP_SLOTS = `${KRP_BODY}/ReplacementCertificates/SupplierOrNetworkOperatorCertificates`;
export const KRP_DS = `${KRP_SLOTS}/DigitalSigningCertificate`;
export const KRP_KA = `${KRP_SLOTS}/KeyAgreementCertificate`;
export const KRP_KA_TOP_UP = `${KRP_SLOTS}/KeyAgreementTopUpCertificate`;
/** The n-th (1-based) certificate of CertificationPathCertificates, as the parser names it. */
export const krpPathCertificate = (n: number): string => `${KRP_BODY}/CertificationPathCertificates/Certificate[${n}]`;

/** The 6.21 body and its certificate slots (no SupplierOrNetworkOperatorCertificates wrapper). */
export const HANDOVER_BODY = '/Request/Body/RequestHandoverOfDCCControlledDevice';
export const HANDOVER_DS = `${HANDOVER_BODY}/ReplacementCertificates/DigitalSigningCertificate`;
export const HANDOVER_KA = `${HANDOVER_BODY}/ReplacementCertificates/KeyAgreementCertificate`;

export const REQUEST_ID_PATH = '/Request/Header/RequestID';
export const COMMAND_VARIANT_PATH = '/Request/Header/CommandVariant';

/** A User and a Device no example context knows. */
export const UNKNOWN_USER = '90-B3-D5-1F-30-0A-00-00';
export const UNKNOWN_DEVICE = '00-DB-12-34-56-78-90-FF';

/** 6.15.1: the Supplier (IS) replaces its own DS, KA and KA top-up certificates on the ESME. */
export function supplierRequest(parts: RequestParts = {}): string {
  return buildRequest({
    digitalSigning: certificate('supplier-ds'),
    keyAgreement: certificate('supplier-ka'),
    keyAgreementTopUp: certificate('supplier-ka-topup'),
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

/** 6.15.1: the Supplier (IS) places `operator`'s DS and KA certificates on the ESME (no top-up floor). */
export function networkOperatorRequest(operator: Operator, parts: RequestParts = {}): string {
  return buildRequest({
    remotePartyRole: 'NetworkOperator',
    topUpFloor: undefined,
    digitalSigning: certificate(`${operator}-ds`),
    keyAgreement: certificate(`${operator}-ka`),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

/** 6.15.1: the Supplier (IS) places the Load Controller's DS and KA certificates on the ESME. */
export function loadControllerRequest(parts: RequestParts = {}): string {
  return buildRequest({
    remotePartyRole: 'LoadController',
    topUpFloor: undefined,
    digitalSigning: certificate('load-controller-ds'),
    keyAgreement: certificate('load-controller-ka'),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

/** 6.21: the Supplier (IS) hands `operator`'s DS and KA certificates over on the ESME. */
export function networkOperatorHandover(operator: Operator, parts: RequestParts = {}): string {
  return buildHandover({
    remotePartyRole: 'NetworkOperator',
    topUpFloor: undefined,
    digitalSigning: certificate(`${operator}-ds`),
    keyAgreement: certificate(`${operator}-ka`),
    keyAgreementTopUp: undefined,
    pathCertificates: [ISSUING_CA],
    ...parts,
  });
}

/** `validateRequest` over the example context unless one is given. */
export function check(xml: string, context: ValidationContext = exampleContext(), options: ValidateOptions = {}): Verdict {
  return validateRequest(xml, context, options);
}

/** Every finding of mode `all`, as `severity:code`. */
export function codes(xml: string, context: ValidationContext = exampleContext(), options: ValidateOptions = {}): string[] {
  return check(xml, context, { ...options, mode: 'all' }).findings.map((f) => `${f.severity}:${f.code}`);
}

/** The findings of mode `all` with this code. */
export function findingsOf(code: string, xml: string, context: ValidationContext = exampleContext(), options: ValidateOptions = {}) {
  return check(xml, context, { ...options, mode: 'all' }).findings.filter((f) => f.code === code);
}

/**
 * A finding exactly: code, severity, path and params compared whole (`toEqual`), the message any string unless
 * given. Use as `expect(verdict.findings[0]).toEqual(exactFinding({ ... }))`.
 */
export function exactFinding(expected: {
  code: string;
  severity?: 'error' | 'warning';
  path?: string;
  params: Record<string, unknown>;
  message?: unknown;
}): Record<string, unknown> {
  const { severity = 'error', message, path, ...rest } = expected;
  return {
    ...rest,
    severity,
    message: message ?? expect.any(String),
    ...(path === undefined ? {} : { path }),
  };
}
