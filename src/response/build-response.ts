import { CODES, isCode } from '../codes.js';
import { isDecimal } from '../duis/lexical.js';
import { serviceVariantById } from '../duis/catalogue.js';
import { DUIS_NAMESPACE } from '../duis/namespaces.js';
import type { Verdict } from '../verdict.js';
import { escapeXmlAttribute, escapeXmlText } from './xml-text.js';

/** The DUIS XML Schema version written on built responses unless the caller asks for another. */
export const DEFAULT_RESPONSE_SCHEMA_VERSION = '5.4';

/** Options of {@link buildResponse}. */
export interface BuildResponseOptions {
  /** The `ResponseDateTime`; default the clock. */
  readonly now?: Date;
  /** The `schemaVersion` attribute (an xs:decimal); default `5.4`. */
  readonly schemaVersion?: string;
}

/** The Response XML, or why there is none (an accepted request, or a rejection without a DUIS code). */
export type BuildResponseResult =
  | { readonly ok: true; readonly xml: string }
  | {
      readonly ok: false;
      /**
       * `accepted`: the DCC's success answer to a Command Variant 4 request carries a PreCommand (the GBCS command
       * the DCC builds and signs), which only the DCC can produce.
       * `not-a-duis-code`: the verdict is a rejection under one of this library's own codes; the DCC answers such a
       * request (e.g. a schema violation) in a way DUIS does not publish.
       */
      readonly reason: 'accepted' | 'not-a-duis-code';
      readonly message: string;
    };

/**
 * Whether `code` is one the DCC answers with: a DUIS code from the code table, or a code outside the table that
 * looks like a DUIS error code (the caller's configured Certificate Party / MPAN rule code, option `mpanRuleCode`).
 */
export function isDuisResponseCode(code: string): boolean {
  if (isCode(code)) return CODES[code].kind === 'duis';
  return /^E[0-9]+$/.test(code);
}

/**
 * Builds the DUIS `sr:Response` the DCC would return for a request it rejects (DUIS XSD V5.4 types `Response` and
 * `ResponseMessage`): the request's RequestID, the response code, the time, and the request's Service Reference and
 * Service Reference Variant. The real response is signed by the DCC; this one carries no signature (optional in
 * the schema).
 *
 * The provisional Certificate Party codes `E061510` and `E062106` are not in the V5.4 `ResponseCode` enumeration,
 * so a response carrying one does not validate against the V5.4 schema.
 */
export function buildResponse(verdict: Verdict, options: BuildResponseOptions = {}): BuildResponseResult {
  if (verdict.accepted) {
    return {
      ok: false,
      reason: 'accepted',
      message:
        "the DCC's success response to a Command Variant 4 request carries a PreCommand (the GBCS command the DCC " +
        'builds and signs), which only the DCC can produce',
    };
  }
  const code = verdict.responseCode;
  if (!isDuisResponseCode(code)) {
    return {
      ok: false,
      reason: 'not-a-duis-code',
      message: `${code} is a check of this library, not a DUIS response code; the DCC's answer to such a request is not published`,
    };
  }

  const schemaVersion = options.schemaVersion ?? DEFAULT_RESPONSE_SCHEMA_VERSION;
  if (!isDecimal(schemaVersion) || schemaVersion !== schemaVersion.trim()) {
    throw new RangeError(`schemaVersion must be an xs:decimal such as 5.4, got '${schemaVersion}'`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError('now must be a valid Date');
  }
  // xs:token: the RequestID as the DCC would echo it, whitespace collapsed.
  const requestId = verdict.request?.header.requestId.text.replace(/\s+/g, ' ').trim();
  // A DUIS code is only ever answered after the Header was read, so the SRV is known.
  const service = verdict.service === undefined ? undefined : serviceVariantById(verdict.service);
  if (!service) throw new RangeError('the verdict names no Service Reference Variant');

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sr:Response xmlns:sr="${DUIS_NAMESPACE}" schemaVersion="${escapeXmlAttribute(schemaVersion)}">`,
    '  <sr:Header>',
    ...(requestId ? [`    <sr:RequestID>${escapeXmlText(requestId)}</sr:RequestID>`] : []),
    `    <sr:ResponseCode>${escapeXmlText(code)}</sr:ResponseCode>`,
    `    <sr:ResponseDateTime>${now.toISOString()}</sr:ResponseDateTime>`,
    '  </sr:Header>',
    '  <sr:Body>',
    '    <sr:ResponseMessage>',
    `      <sr:ServiceReference>${escapeXmlText(service.serviceReference)}</sr:ServiceReference>`,
    `      <sr:ServiceReferenceVariant>${escapeXmlText(service.srv)}</sr:ServiceReferenceVariant>`,
    '    </sr:ResponseMessage>',
    '  </sr:Body>',
    '</sr:Response>',
  ];
  return { ok: true, xml: `${lines.join('\n')}\n` };
}
