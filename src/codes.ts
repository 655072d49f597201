/**
 * Every code the library can emit, in one table.
 *
 * - `success`: the DCC would accept the request.
 * - `duis`: a DUIS response code (SEC Appendix AD); the DCC answers with it.
 * - `library`: a check of this library that the DCC does not make (or makes under no published code).
 *   Library codes are stable SCREAMING_SNAKE names.
 *
 * `strictOnly`: a certificate sanity check the DCC is not known to make; profile `dcc` reports it as a warning.
 * Everything else the DCC cannot act on (bad XML, an empty certificate set, an ExecutionDateTime without a
 * timezone, a bad signature) stays an error in both profiles.
 * `warning`: the finding explains why a check could not decide; it never rejects a request.
 *
 * Nothing else in the code base spells a code: import it from here. Each code's params are typed in
 * `finding-params.ts` and its message is rendered from them in `messages.ts`.
 */
export const CODES = {
  // --- success ------------------------------------------------------------------------------
  I0: { kind: 'success', description: 'Success' },

  // --- generic DUIS codes (secondary transcription of DUIS, see docs/domain.md) -------------
  E1: { kind: 'duis', description: 'Invalid User ID or User Role' },
  E2: { kind: 'duis', description: 'The User Role is not permitted to send this Service Reference Variant' },
  E11: { kind: 'duis', description: 'Invalid Service Request / Device Type combination' },
  E12: { kind: 'duis', description: 'Invalid Request / Command Variant combination' },
  E19: { kind: 'duis', description: 'The Device does not exist' },

  // --- 6.15.1 specific codes (DUIS 3.8.66.3, quoted from the SECMP0063 working-group slides) -------
  E061501: {
    kind: 'duis',
    description: 'The combination of User Role, Remote Party Role and Device Type is incorrect',
  },
  E061504: {
    kind: 'duis',
    description:
      'The Remote Party New Prepayment Top Up Floor Seq Number data item is not applicable to the Request',
  },
  E061505: { kind: 'duis', description: 'The Certificate Type is not applicable to the Device Type' },
  E061506: {
    kind: 'duis',
    description: 'Future Dating / Remote Party Role mismatch - The Remote Party Role is not Supplier',
  },
  E061507: { kind: 'duis', description: 'The Certificate Type is not applicable to the Remote Party Role' },
  // Provisional: the proposal writes "Exxxxxx"; no code is assigned yet. The code is configurable per SRV
  // (option `services[srv].certificatePartyCode`, or `mpanRuleCode`); this is only the default. It is not in
  // the DUIS V5.4 ResponseCode enumeration.
  E061510: {
    kind: 'duis',
    certificateParty: true,
    description: 'Certificate Party / MPAN mismatch - The Certificate Party is not correct for the MPAN',
  },

  // --- 6.21 specific ------------------------------------------------------------------------------
  // Provisional, as E061510 is: the next number after the highest 6.21 code of the V5.4 XSD (E062105). DCC's
  // proposed solution to SECMP0063 checked 6.21 handovers to an ESME or a GPF against Registration Data.
  E062106: {
    kind: 'duis',
    certificateParty: true,
    description: 'Certificate Party mismatch - The Network Operator certificate does not belong to the Network Operator of the Device',
  },

  // --- XML and structure --------------------------------------------------------------------
  INPUT_INVALID: { kind: 'library', description: 'The input is not a string, Buffer or Uint8Array of UTF-8 XML' },
  XML_TOO_LARGE: { kind: 'library', description: 'The document is larger than the configured size limit' },
  XML_TOO_DEEP: { kind: 'library', description: 'The document nests elements deeper than the configured limit' },
  XML_TOO_MANY_ATTRIBUTES: {
    kind: 'library',
    description: 'An element carries more attributes than the configured limit',
  },
  XML_DTD_FORBIDDEN: {
    kind: 'library',
    description: 'The document contains a DOCTYPE or entity declaration; DUIS requests never do',
  },
  XML_MALFORMED: { kind: 'library', description: 'The document is not well-formed XML' },
  XML_TOO_MANY_NODES: {
    kind: 'library',
    description: 'The document holds more nodes than the configured limit',
  },
  SCHEMA_VIOLATION: {
    kind: 'library',
    description: 'The document does not conform to its XML Schema (DUIS for a request, MMC for a parsed response)',
  },
  SERVICE_NOT_SUPPORTED: {
    kind: 'library',
    description: 'The Service Reference and Service Reference Variant are not a pair DUIS V5.4 defines',
  },
  SERVICE_NOT_VALIDATED: {
    kind: 'library',
    description: 'The request is not validated in depth by this library, and option unsupported is reject',
  },
  EXECUTION_DATETIME_NO_TIMEZONE: {
    kind: 'library',
    description: 'ExecutionDateTime has no timezone, so the instant it names is ambiguous',
  },
  NO_REPLACEMENT_CERTIFICATES: {
    kind: 'library',
    description: 'The request carries no replacement certificate, so it would change nothing',
  },
  // The 6.21 response codes' texts are not public: where 6.15.1 has a DUIS code, 6.21 reports these.
  REMOTE_PARTY_ROLE_NOT_ALLOWED: {
    kind: 'library',
    description: "The Remote Party Role is not one this Service Request places certificates for",
  },
  CERTIFICATE_TYPE_NOT_FOR_DEVICE: {
    kind: 'library',
    description: 'The Certificate Type is not applicable to the Device Type',
  },
  CERTIFICATE_TYPE_NOT_FOR_ROLE: {
    kind: 'library',
    description: 'The Certificate Type is not applicable to the Remote Party Role',
  },

  // --- certificates -------------------------------------------------------------------------
  CERTIFICATE_MALFORMED: { kind: 'library', description: 'The certificate is not strict DER X.509', strictOnly: true },
  CERTIFICATE_PROFILE: {
    kind: 'library',
    description: 'The certificate does not follow the SMKI organisation certificate profile',
    strictOnly: true,
  },
  CERTIFICATE_NOT_ORGANISATION: {
    kind: 'library',
    description: 'A device certificate was found where an organisation certificate is expected',
    strictOnly: true,
  },
  CERTIFICATE_ROLE_MISMATCH: {
    kind: 'library',
    description: "The certificate's Remote Party Role (subject OU) is not the request's RemotePartyRole",
    strictOnly: true,
  },
  CERTIFICATE_KEY_USAGE_MISMATCH: {
    kind: 'library',
    description: "The certificate's key usage does not fit the slot it is placed in",
    strictOnly: true,
  },
  CERTIFICATE_ENTITY_INCONSISTENT: {
    kind: 'library',
    description: 'The replacement certificates do not all carry the same Entity Identifier',
    strictOnly: true,
  },
  CERTIFICATE_PATH_MISMATCH: {
    kind: 'library',
    description: "The certificate's Authority Key Identifier matches no certification path certificate",
    strictOnly: true,
  },
  CERTIFICATE_NOT_VALID_NOW: {
    kind: 'library',
    description: 'The certificate is not valid at the time of the check (notBefore/notAfter)',
    strictOnly: true,
  },

  // --- the Certificate Party rule: why it did not fire (warnings) ----------------------------------
  MPAN_UNKNOWN: {
    kind: 'library',
    description: 'The MPAN of the device is not known, so the Certificate Party rule did not run',
    warning: true,
  },
  MPAN_INVALID: {
    kind: 'library',
    description: 'The MPAN of the device is not a valid MPAN core, so the Certificate Party rule did not run',
    warning: true,
  },
  NETWORK_OPERATOR_UNKNOWN: {
    kind: 'library',
    description: 'No Network Operator Entity Identifier is known for the MPAN, so the Certificate Party rule did not run',
    warning: true,
  },
  GAS_TRANSPORTER_UNKNOWN: {
    kind: 'library',
    description: 'No registration data names the gas transporter of the device (an MPRN does not encode it), so the Certificate Party rule did not run',
    warning: true,
  },

  // --- XML signature ------------------------------------------------------------------------
  SIGNATURE_MISSING: { kind: 'library', description: 'The request carries no XML signature' },
  SIGNATURE_PROFILE: {
    kind: 'library',
    description: 'The XML signature does not follow the DUIS signature profile',
  },
  SIGNATURE_INVALID: { kind: 'library', description: 'The XML signature does not verify' },
  SIGNER_UNKNOWN: {
    kind: 'library',
    description: 'No configured signer certificate matches the signature (issuer and serial number)',
  },
  SIGNER_NOT_ORIGINATOR: {
    kind: 'library',
    description: "The signer certificate's Entity Identifier is not the RequestID originator",
  },
  SIGNER_NOT_VALID_NOW: {
    kind: 'library',
    description: 'The signer certificate is not valid at the time of the check (notBefore/notAfter)',
  },
  SIGNER_ROLE: {
    kind: 'library',
    description: 'The signer certificate is not a User XML-signing certificate (subject OU)',
  },

  // --- estate audit: parsed 6.24.1 responses ----------------------------------------------------
  RESPONSE_WRONG_SERVICE: {
    kind: 'library',
    description: 'The document is not a parsed 6.24.1 Retrieve Device Security Credentials (KRP) response',
  },
  RESPONSE_NO_REMOTE_PARTY_DETAILS: {
    kind: 'library',
    description: 'The 6.24.1 response lists no RemotePartyDetails, so it says nothing about the device\'s certificates',
  },

  // --- caller context -------------------------------------------------------------------------
  CONTEXT_INVALID: { kind: 'library', description: 'The validation context is invalid' },
  LOOKUP_FAILED: { kind: 'library', description: 'A context lookup supplied by the caller failed' },
} as const satisfies Record<
  string,
  { kind: 'success' | 'duis' | 'library'; description: string; strictOnly?: true; warning?: true; certificateParty?: true }
>;

/** Any code of the table: `I0`, a DUIS code or a library code. */
export type Code = keyof typeof CODES;
/** `success`, `duis` (the DCC answers with it) or `library` (a check of this library). */
export type CodeKind = (typeof CODES)[Code]['kind'];
/** The DUIS response codes of the table (including the provisional `E061510` and `E062106`). */
export type DuisCode = { [K in Code]: (typeof CODES)[K]['kind'] extends 'duis' ? K : never }[Code];
/** This library's own codes (stable SCREAMING_SNAKE names), for checks DUIS makes under no published code. */
export type LibraryCode = { [K in Code]: (typeof CODES)[K]['kind'] extends 'library' ? K : never }[Code];
/**
 * The default codes of the Certificate Party rule, one per service that has the rule (flag `certificateParty`):
 * their findings share `CertificatePartyParams` and one message renderer, so a new service adds only its row here.
 */
export type CertificatePartyCode = { [K in Code]: (typeof CODES)[K] extends { certificateParty: true } ? K : never }[Code];
/**
 * What a verdict answers: a code of the table, or a DUIS error code the caller configured for a provisional rule
 * (`E` and digits, e.g. once DCC assigns the Certificate Party code).
 */
export type ResponseCode = Code | `E${number}`;

/** Every code flagged `certificateParty`, in table order. */
export const CERTIFICATE_PARTY_CODES = (Object.keys(CODES) as Code[]).filter(
  (code): code is CertificatePartyCode => 'certificateParty' in CODES[code],
);

/** The default code of the 6.15.1 Certificate Party / MPAN rule (provisional, see {@link CODES}). */
export const DEFAULT_MPAN_RULE_CODE = 'E061510' satisfies Code;

/** Whether a string is a code of the table. */
export function isCode(value: string): value is Code {
  return Object.hasOwn(CODES, value);
}

/** The description of a code in the table, or `undefined` for a code that is not in it. */
export function describeCode(code: string): string | undefined {
  return isCode(code) ? CODES[code].description : undefined;
}

/** Whether profile `dcc` turns this code into a warning (see `strictOnly` in {@link CODES}). */
export function isStrictOnly(code: string): boolean {
  return isCode(code) && 'strictOnly' in CODES[code];
}

/** Whether findings of this code are always warnings (see `warning` in {@link CODES}). */
export function isWarningCode(code: Code): boolean {
  return 'warning' in CODES[code];
}

/** A DUIS error code a caller may configure for a provisional rule: `E` followed by digits. */
export function isConfigurableCode(code: unknown): code is `E${number}` {
  return typeof code === 'string' && /^E[0-9]+$/.test(code);
}
