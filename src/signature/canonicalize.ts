import type { XmlDocument, XmlElement, XmlMisc, XmlProcessingInstruction } from '../xml/tree.js';

/**
 * Canonical XML, without comments, of the library's one tree, for exactly what the DUIS signature profile needs:
 *
 * - `exclusive`: Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) with no
 *   InclusiveNamespaces PrefixList (the profile forbids one). Used for SignedInfo and for the document when the
 *   Reference lists the exc-c14n transform.
 * - `inclusive`: Canonical XML 1.0 (https://www.w3.org/TR/xml-c14n), used only for a whole document: XML-DSig
 *   converts the node-set left by a lone enveloped-signature transform to octets with it
 *   (https://www.w3.org/TR/xmldsig-core1/#sec-ReferenceProcessingModel). The RTDS templates sign that way.
 *
 * It walks the tree the structural checks and the rules read, so the bytes digested are a function of exactly the
 * content that is validated: no second parser decides what was signed. Cross-checked against xmlsec1, libxml2
 * (xmllint --c14n / --exc-c14n) and an @xmldom/xmldom walk in the tests.
 */
export type CanonicalizationMode = 'exclusive' | 'inclusive';

/** Thrown when the canonical form outgrows its limit (namespace re-declarations can multiply a document). */
export class CanonicalFormTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the canonical form exceeds ${limit} characters`);
  }
}

/** Namespace bindings: prefix ('' = default) -> URI, as a chain so a child shares its parent's. */
interface Scope {
  readonly parent: Scope | undefined;
  readonly prefix: string;
  readonly uri: string;
}

function lookup(scope: Scope | undefined, prefix: string): string {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  // Nothing rendered yet: the default namespace is "no namespace"; any other prefix is unbound.
  return prefix === '' ? '' : '\u0000unbound';
}

interface Writer {
  out: string;
  readonly limit: number;
  readonly mode: CanonicalizationMode;
  /** The enveloped-signature transform: this element and its subtree are not in the node-set. */
  readonly exclude: XmlElement | undefined;
  /** The "WithComments" variants; signatures never use them (the tests compare against libxml2's, which do). */
  readonly comments: boolean;
}

/** Exclusive canonical form of one element and its subtree (the apex of the node-set). */
export function canonicalizeElement(element: XmlElement, limit: number): string {
  const writer: Writer = { out: '', limit, mode: 'exclusive', exclude: undefined, comments: false };
  writeElement(writer, element, undefined);
  check(writer);
  return writer.out;
}

/**
 * Canonical form of a whole document (a same-document `URI=""` reference: every node except comments), minus
 * `exclude` and its subtree (the enveloped-signature transform). Processing instructions outside the document
 * element are kept, separated from it by a line feed as the recommendations say; the XML declaration is not a node.
 */
export function canonicalizeDocument(
  document: XmlDocument,
  exclude: XmlElement | undefined,
  mode: CanonicalizationMode,
  limit: number,
  { comments = false }: { readonly comments?: boolean } = {},
): string {
  const writer: Writer = { out: '', limit, mode, exclude, comments };
  for (const node of document.prolog) if (node.type === 'pi' || comments) writer.out += `${renderMisc(node)}\n`;
  writeElement(writer, document.root, undefined);
  for (const node of document.epilog) if (node.type === 'pi' || comments) writer.out += `\n${renderMisc(node)}`;
  check(writer);
  return writer.out;
}

function writeElement(writer: Writer, element: XmlElement, parentScope: Scope | undefined): void {
  let scope = parentScope;
  const declarations: [prefix: string, uri: string][] = [];

  if (writer.mode === 'exclusive') {
    // `scope` holds what output ancestors rendered. Render a binding the element or one of its attributes
    // visibly uses unless the nearest rendered binding of that prefix is already the same.
    const render = (prefix: string, uri: string): void => {
      if (lookup(scope, prefix) === uri) return;
      declarations.push([prefix, uri]);
      scope = { parent: scope, prefix, uri };
    };
    // The xml prefix is bound everywhere and never declared (an element may even be named xml:...).
    if (element.prefix !== 'xml') render(element.prefix, element.namespace ?? '');
    for (const attribute of element.attributes) {
      if (attribute.prefix !== '' && attribute.prefix !== 'xml') render(attribute.prefix, attribute.namespace ?? '');
    }
  } else {
    // `scope` holds every binding in scope. With the whole document in the node-set, a binding differs from the
    // parent's only where this element declares it.
    for (const { prefix, uri } of element.namespaces) {
      if (prefix === 'xml') continue;
      if (lookup(scope, prefix) !== uri) declarations.push([prefix, uri]);
      scope = { parent: scope, prefix, uri };
    }
  }

  if (declarations.length > 1) declarations.sort((a, b) => compareCodePoints(a[0], b[0]));
  const attributes =
    element.attributes.length > 1
      ? [...element.attributes].sort(
          (a, b) => compareCodePoints(a.namespace ?? '', b.namespace ?? '') || compareCodePoints(a.localName, b.localName),
        )
      : element.attributes;

  const name = element.name;
  let out = `<${name}`;
  for (const [prefix, uri] of declarations) out += prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
  for (const attribute of attributes) out += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
  writer.out += `${out}>`;
  check(writer);

  for (const child of element.children) {
    switch (child.type) {
      case 'element':
        if (child !== writer.exclude) writeElement(writer, child, scope);
        break;
      case 'text':
      case 'cdata':
        writer.out += escapeText(child.value);
        check(writer);
        break;
      case 'pi':
        writer.out += renderPi(child);
        break;
      case 'comment':
        if (writer.comments) writer.out += renderMisc(child);
        break;
    }
  }
  writer.out += `</${name}>`;
}

function check(writer: Writer): void {
  if (writer.out.length > writer.limit) throw new CanonicalFormTooLarge(writer.limit);
}

function renderPi(pi: XmlProcessingInstruction): string {
  return pi.data ? `<?${pi.target} ${pi.data}?>` : `<?${pi.target}?>`;
}

function renderMisc(node: XmlMisc): string {
  return node.type === 'pi' ? renderPi(node) : `<!--${node.value}-->`;
}

// The `g` expressions replace; the others only test (a `g` expression's test() is stateful).
const TEXT_SPECIAL = /[&<>\r]/g;
const HAS_TEXT_SPECIAL = /[&<>\r]/;
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/g;
const HAS_ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/;
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Text escaped as C14N writes it (also a safe way to put any string into element content). */
export function escapeText(text: string): string {
  return HAS_TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL, (c) => TEXT_ESCAPES[c]!) : text;
}

function escapeAttribute(text: string): string {
  return HAS_ATTRIBUTE_SPECIAL.test(text) ? text.replace(ATTRIBUTE_SPECIAL, (c) => ATTRIBUTE_ESCAPES[c]!) : text;
}

/**
 * Orders by Unicode code point, as both recommendations require. JavaScript's `<` compares UTF-16 code units,
 * which puts characters above U+FFFF (surrogates, D800-DFFF) before U+E000-U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
