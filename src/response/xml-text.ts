/**
 * Escaping for XML 1.0 text and attribute values.
 *
 * Characters XML 1.0 forbids even as character references (most C0 controls, U+FFFE, U+FFFF, lone surrogates)
 * become U+FFFD, so the output is always well-formed whatever the input was.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  // Attribute-value normalisation would turn these into spaces: keep them as references.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes character data (element content). `\r` is kept as a reference so parsers do not normalise it away. */
export function escapeXmlText(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>\r]/g, (c) => (c === '\r' ? '&#13;' : TEXT_ESCAPES[c]!));
}

/** Escapes an attribute value for use between double or single quotes. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}
