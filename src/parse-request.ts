import type { Finding } from './findings.js';
import { readTree } from './read-request.js';
import type { Coverage, ValidatedRequest } from './verdict.js';
import { parseXml, type XmlInput, type XmlLimits } from './xml/parse-xml.js';
import type { XmlElement } from './xml/tree.js';

/** Options of {@link parseRequest}. */
export interface ParseRequestOptions {
  readonly limits?: Partial<XmlLimits>;
}

/** The typed request and its tree, or the structural findings (each with a path). */
export type ParseRequestResult =
  | {
      readonly ok: true;
      readonly request: ValidatedRequest;
      /** The Service Reference Variant, e.g. `6.21`. */
      readonly service: string;
      /** `full` when a service read the body (its kind names it), `generic` when it is unvalidated. */
      readonly coverage: Coverage;
      readonly root: XmlElement;
    }
  | { readonly ok: false; readonly findings: readonly Finding[]; readonly root?: XmlElement };

/**
 * Parses a DUIS request into its typed model, checking everything the DUIS XML Schema V5.4 enforces for the
 * envelope and, for an SRV validated in depth (6.15.1, 6.21), for its body. Never throws for bad input: problems
 * come back as findings with a path. No context, no rules, no signature: see `validateRequest` for those.
 */
export function parseRequest(xml: XmlInput, options: ParseRequestOptions = {}): ParseRequestResult {
  const parsed = parseXml(xml, options.limits);
  if (!parsed.ok) return { ok: false, findings: [parsed.error] };
  const read = readTree(parsed.root);
  if (!read.ok) return { ok: false, findings: read.findings, root: parsed.root };
  return { ok: true, request: read.read.request, service: read.read.service.srv, coverage: read.read.coverage, root: parsed.root };
}
