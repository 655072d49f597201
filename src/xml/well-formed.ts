/**
 * Strict XML 1.0 well-formedness of the markup, in one linear pass, before fast-xml-parser reads the document.
 *
 * fast-xml-parser's own parser accepts mismatched and unclosed tags, and its validator (differential fuzzing
 * against libxml2 showed) accepts non-XML whitespace inside tags (U+00A0, U+FEFF...), `--` inside comments,
 * reserved or missing processing-instruction targets, a misplaced or malformed XML declaration, `<` inside
 * attribute values and characters XML forbids. This scanner checks all of that, tag nesting and the depth and
 * attribute limits. Entity references are checked where values are decoded (`references.ts`), namespaces where the
 * tree is built.
 */

export interface WellFormedLimits {
  readonly maxDepth: number;
  readonly maxAttributes: number;
}

export type WellFormedResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly kind: 'malformed' | 'too-deep' | 'too-many-attributes';
      readonly message: string;
      readonly offset: number;
    };

// XML 1.0 `Char`: no C0 controls but TAB, LF, CR; no U+FFFE/U+FFFF; no lone surrogates.
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// XML 1.0 `XMLDecl`.
const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*\?>/;
// Input is always read as UTF-8 (DUIS requests are), so only UTF-8 or its subset US-ASCII may be declared.
const READ_ENCODINGS = /^(?:UTF-8|US-ASCII)$/i;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

// XML 1.0 (5th edition) NameStartChar without ':' (namespaces allow at most one colon, checked separately).
function isNameStart(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  return (
    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) || (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0xd800 && c <= 0xdbff) // a supplementary-plane start (#x10000-#xEFFFF)
  );
}

function isNameChar(c: number): boolean {
  if (c < 0x80) return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
  return isNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040) || (c >= 0xdc00 && c <= 0xdfff);
}

export function checkWellFormed(text: string, limits: WellFormedLimits): WellFormedResult {
  const fail = (message: string, offset: number, kind: 'malformed' | 'too-deep' | 'too-many-attributes' = 'malformed') =>
    ({ ok: false, kind, message, offset }) as const;

  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden) {
    return fail(`character U+${forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, forbidden.index);
  }

  const open: string[] = [];
  let rootClosed = false;
  let sawRoot = false;
  let i = 0;
  if (text.startsWith('<?xml') && (isSpace(text.charCodeAt(5)) || text.startsWith('?>', 5))) {
    const declaration = XML_DECLARATION.exec(text);
    if (!declaration) return fail('malformed XML declaration', 0);
    const encoding = declaration[3];
    if (encoding !== undefined && !READ_ENCODINGS.test(encoding)) {
      return fail(`the document declares encoding ${encoding}; DUIS requests are read as UTF-8`, 0);
    }
    i = declaration[0].length;
  }

  // Reads a QName at `from`; returns its end, or -1.
  const readName = (from: number): number => {
    let j = from;
    if (!isNameStart(text.charCodeAt(j))) return -1;
    let colon = false;
    for (j++; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x3a) {
        if (colon || !isNameStart(text.charCodeAt(j + 1))) return -1;
        colon = true;
        j++;
      } else if (!isNameChar(c)) break;
    }
    return j;
  };

  // `]]>` may only close a CDATA section. Found lazily, so the scan stays linear.
  let nextCdataEnd = text.indexOf(']]>');
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (nextCdataEnd !== -1 && nextCdataEnd < i) nextCdataEnd = text.indexOf(']]>', i);
    if (nextCdataEnd !== -1 && nextCdataEnd < lt) return fail("']]>' is not allowed in character data", nextCdataEnd);
    if (open.length === 0) {
      // Outside the root only XML whitespace may stand between markup.
      for (let k = i; k < lt; k++) if (!isSpace(text.charCodeAt(k))) return fail('text outside the root element', k);
    }
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return fail('comment is not closed', i);
      const dashes = text.indexOf('--', i + 4);
      if (dashes < end || (end > i + 4 && text.charCodeAt(end - 1) === 0x2d)) return fail("'--' is not allowed inside a comment", i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (open.length === 0) return fail('CDATA section outside the root element', i);
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) return fail('CDATA section is not closed', i);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const nameEnd = readName(i + 2);
      if (nameEnd === -1 || text.slice(i + 2, nameEnd).includes(':')) return fail('processing instruction without a valid target', i);
      if (/^xml$/i.test(text.slice(i + 2, nameEnd))) return fail('the XML declaration is only allowed at the very start', i);
      const end = text.indexOf('?>', nameEnd);
      if (end === -1) return fail('processing instruction is not closed', i);
      if (end !== nameEnd && !isSpace(text.charCodeAt(nameEnd))) return fail('processing instruction target must be followed by a space', nameEnd);
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      return fail('markup declarations are not allowed', i);
    } else if (text.charCodeAt(i + 1) === 0x2f) {
      const nameEnd = readName(i + 2);
      if (nameEnd === -1) return fail('invalid end tag name', i);
      const name = text.slice(i + 2, nameEnd);
      let j = nameEnd;
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3e) return fail(`end tag </${name}> is not closed by '>'`, j);
      const expected = open.pop();
      if (expected !== name) return fail(expected ? `end tag </${name}> does not match <${expected}>` : `end tag </${name}> has no start tag`, i);
      if (open.length === 0) rootClosed = true;
      i = j + 1;
    } else {
      if (rootClosed) return fail('more than one root element', i);
      const nameEnd = readName(i + 1);
      if (nameEnd === -1) return fail("'<' does not start a valid element name", i);
      const name = text.slice(i + 1, nameEnd);
      let j = nameEnd;
      const attributes: string[] = [];
      for (;;) {
        const before = j;
        while (isSpace(text.charCodeAt(j))) j++;
        const c = text.charCodeAt(j);
        if (c === 0x3e || (c === 0x2f && text.charCodeAt(j + 1) === 0x3e)) break;
        if (j === before) return fail(`expected whitespace, '>' or '/>' in <${name}>`, j);
        const attributeEnd = readName(j);
        if (attributeEnd === -1) return fail(`invalid attribute name in <${name}>`, j);
        const attribute = text.slice(j, attributeEnd);
        if (attributes.includes(attribute)) return fail(`attribute ${attribute} is repeated on <${name}>`, j);
        attributes.push(attribute);
        if (attributes.length > limits.maxAttributes) {
          return fail(`<${name}> has more than ${limits.maxAttributes} attributes`, j, 'too-many-attributes');
        }
        j = attributeEnd;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) !== 0x3d) return fail(`expected '=' after attribute ${attribute}`, j);
        j++;
        while (isSpace(text.charCodeAt(j))) j++;
        const quote = text[j];
        if (quote !== '"' && quote !== "'") return fail(`the value of attribute ${attribute} must be quoted`, j);
        const close = text.indexOf(quote, j + 1);
        if (close === -1) return fail(`the value of attribute ${attribute} is not closed`, j);
        const lessThan = text.indexOf('<', j + 1);
        if (lessThan !== -1 && lessThan < close) return fail(`'<' is not allowed in the value of attribute ${attribute}`, lessThan);
        j = close + 1;
      }
      sawRoot = true;
      if (text.charCodeAt(j) === 0x2f) {
        if (open.length === 0) rootClosed = true;
        i = j + 2;
      } else {
        open.push(name);
        if (open.length > limits.maxDepth) return fail(`elements nest deeper than ${limits.maxDepth} levels`, i, 'too-deep');
        i = j + 1;
      }
    }
  }
  if (open.length > 0) return fail(`<${open.at(-1)}> is not closed`, text.length);
  if (!sawRoot) return fail('no root element', 0);
  if (nextCdataEnd !== -1 && nextCdataEnd < i) nextCdataEnd = text.indexOf(']]>', i);
  if (nextCdataEnd !== -1) return fail("']]>' is not allowed in character data", nextCdataEnd);
  for (let k = i; k < text.length; k++) if (!isSpace(text.charCodeAt(k))) return fail('text outside the root element', k);
  return { ok: true };
}
