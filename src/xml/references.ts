const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/**
 * Decodes the five predefined entities and character references (`&#13;`, `&#xD;`).
 * Returns `undefined` for any other reference: without a DTD an undefined entity makes the document not
 * well-formed, and we never expand entities from a DTD.
 */
export function decodeReferences(raw: string): string | undefined {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1) return undefined;
    const name = raw.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.charCodeAt(0) === 0x23 /* # */) {
      const hex = name[1] === 'x';
      const digits = name.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) return undefined;
      // Leading zeros are allowed in any number (`&#0000000000032;` is a space); a long value is not a Char.
      const significant = digits.replace(/^0+(?=.)/, '');
      if (significant.length > 7) return undefined;
      const codePoint = Number.parseInt(significant, hex ? 16 : 10);
      if (!isXmlChar(codePoint)) return undefined;
      decoded = String.fromCodePoint(codePoint);
    } else {
      decoded = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (decoded === undefined) return undefined;
    }
    out += raw.slice(from, amp) + decoded;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

// XML 1.0 `Char` production.
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}
