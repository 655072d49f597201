import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse-xml.js';

// Each case found by differential fuzzing against libxml2 (test/fuzz/xsd-differential.test.ts): a document
// fast-xml-parser accepted that is not well-formed XML, next to the nearest well-formed one.
const cases: [name: string, bad: string, good: string][] = [
  ['non-XML whitespace ending a tag name', '<a\u00A0></a>', '<a\t></a>'],
  ['BOM inside an end tag', '<a></a\uFEFF>', '<a></a >'],
  ['non-XML whitespace before an attribute', '<a\u3000b="1"/>', '<a\nb="1"/>'],
  ["'--' inside a comment", '<a><!-- a -- b --></a>', '<a><!-- a - b --></a>'],
  ['comment ending in a dash', '<a><!-- a ---></a>', '<a><!----></a>'],
  ['reserved PI target', '<a><?XML x?></a>', '<a><?xml-model x?></a>'],
  ['PI without a target', '<a><? x?></a>', '<a><?x?></a>'],
  ['PI target with a colon', '<a><?x:y z?></a>', '<a><?x-y z?></a>'],
  ['XML declaration not at the start', ' <?xml version="1.0"?><a/>', '<?xml version="1.0"?><a/>'],
  ['XML declaration without version', '<?xml encoding="UTF-8"?><a/>', '<?xml version="1.0" encoding="UTF-8"?><a/>'],
  ['XML declaration with an encoding we do not read', '<?xml version="1.0" encoding="UTF-16"?><a/>', "<?xml version='1.0' encoding='utf-8' standalone='yes'?><a/>"],
  ["'<' in an attribute value", '<a x="1<2"/>', '<a x="1&lt;2"/>'],
  ['C0 control character in a comment', '<a><!-- \u0001 --></a>', '<a><!-- \t --></a>'],
  ['U+FFFE', '<a>\uFFFE</a>', '<a>\uFFFD</a>'],
  ["']]>' in text", '<a>]]></a>', '<a>]]&gt;</a>'],
  ['invalid attribute QName', '<a :b="1"/>', '<a b:c="1" xmlns:b="urn:b"/>'],
  ['double colon in an attribute name', '<a xmlns::q="urn:u"/>', '<a xmlns:q="urn:u"/>'],
  ['two byte-order marks', '\uFEFF\uFEFF<a/>', '\uFEFF<a/>'],
  ['mismatched end tag', '<a><b></a></b>', '<a><b></b></a>'],
  ['unclosed element', '<a><b></b>', '<a><b></b></a>'],
  ['repeated attribute', '<a x="1" x="2"/>', '<a x="1" y="2"/>'],
  ['unquoted attribute value', '<a x=1/>', '<a x="1"/>'],
  ['attributes without whitespace between them', '<a x="1"y="2"/>', '<a x="1" y="2"/>'],
  ['second root', '<a/><b/>', '<a/><!-- after --><?pi after?>'],
  ['text after the root', '<a/>x', '<a/>\n'],
];

describe('strict well-formedness', () => {
  for (const [name, bad, good] of cases) {
    it(`${name}: XML_MALFORMED, near miss parses`, () => {
      const result = parseXml(bad);
      expect(result.ok ? 'OK' : result.error.code).toBe('XML_MALFORMED');
      const near = parseXml(good);
      expect(near.ok ? 'OK' : near.error.message).toBe('OK');
    });
  }

  it('reports line and column', () => {
    const result = parseXml('<a>\n  <b x="1<"/>\n</a>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.params).toMatchObject({ line: 2, column: 10 });
  });

  it('more attributes than the limit: XML_TOO_MANY_ATTRIBUTES; at the limit it parses', () => {
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
    const result = parseXml(`<a${attributes(17)}/>`);
    expect(result.ok ? 'OK' : result.error.code).toBe('XML_TOO_MANY_ATTRIBUTES');
    expect(parseXml(`<a${attributes(16)}/>`).ok).toBe(true);
  });

  // Its cost (linear, flat past the limit) is measured by bench/hostile.bench.ts, not asserted here.
  it('60 KiB of attributes: XML_TOO_MANY_ATTRIBUTES at the 17th, whatever follows', () => {
    const text = `<a${Array.from({ length: 4000 }, (_, i) => ` a${i}="${i}"`).join('')}/>`;
    const result = parseXml(text, { maxBytes: 1 << 20 });
    expect(result.ok ? 'OK' : result.error).toMatchObject({ code: 'XML_TOO_MANY_ATTRIBUTES', params: { limit: 16 } });
  });
});
