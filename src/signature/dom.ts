import { DOMParser } from '@xmldom/xmldom';

export const NODE = {
  ELEMENT: 1,
  ATTRIBUTE: 2,
  TEXT: 3,
  CDATA: 4,
  PROCESSING_INSTRUCTION: 7,
  COMMENT: 8,
  DOCUMENT: 9,
  DOCUMENT_TYPE: 10,
} as const;

export type DomParseResult = { readonly ok: true; readonly document: Document } | { readonly ok: false; readonly reason: string };

/**
 * Parses with @xmldom/xmldom, the DOM xml-crypto works on. xmldom reports problems to an error handler and carries
 * on (a mismatched end tag is only a warning); without a handler it writes them to the console, which the library
 * never does. Here every report, warning included, fails the parse: the document has already passed our own
 * parser, so any complaint from xmldom is a parser differential, and the document is refused rather than read two
 * ways.
 */
export function parseDom(text: string): DomParseResult {
  let reason: string | undefined;
  const report = (message: unknown): void => {
    reason ??= String(message)
      .replace(/^\[xmldom \w+\]\s*/, '')
      .replace(/\s*@#\[line:.*$/s, '')
      .trim();
  };
  let document: Document;
  try {
    document = new DOMParser({
      errorHandler: { warning: report, error: report, fatalError: report },
    }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (reason !== undefined) return { ok: false, reason };
  if (!document?.documentElement) return { ok: false, reason: 'no document element' };
  return { ok: true, document };
}

/** Whitespace as XML defines it (S production). */
export function isXmlWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}
