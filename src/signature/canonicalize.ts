import { NODE } from './dom.js';

/**
 * Canonical XML over an @xmldom/xmldom DOM, without comments, for exactly what the DUIS signature profile needs:
 *
 * - `exclusive`: Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) with no
 *   InclusiveNamespaces PrefixList (the profile forbids one). Used for SignedInfo and for the document when the
 *   Reference lists the exc-c14n transform.
 * - `inclusive`: Canonical XML 1.0 (https://www.w3.org/TR/xml-c14n), used only for a whole document: XML-DSig
 *   converts the node-set left by a lone enveloped-signature transform to octets with it
 *   (https://www.w3.org/TR/xmldsig-core1/#sec-ReferenceProcessingModel). The RTDS templates sign that way.
 *
 * Why not xml-crypto's `ExclusiveCanonicalization`: on xml-crypto 6.3.2 it renders a processing instruction's data
 * as character data (`<?p x?>` becomes `x`), drops any attribute whose name merely starts with `xmlns`
 * (`xmlnsfoo="v"`), and orders namespace declarations with `localeCompare` (`xmlns:a` before `xmlns:B`), all
 * against the recommendation, and it throws on an empty text node. Soundness never depended on it (the digested
 * bytes are what the caller validates), but a verifier must produce the bytes every other implementation
 * produces, so this walks the same DOM with the recommendation's rules.
 */
export type CanonicalizationMode = 'exclusive' | 'inclusive';

/** Thrown when the canonical form outgrows its limit (namespace re-declarations can multiply a document). */
export class CanonicalFormTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the canonical form exceeds ${limit} characters`);
  }
}

/** Thrown for a node the profile never produces (entity references, a DOCTYPE inside content). */
export class UnsupportedNode extends Error {}

/** Namespace bindings: prefix ('' = default) -> URI, as a chain so a child shares its parent's. */
interface Scope {
  readonly parent: Scope | undefined;
  readonly prefix: string;
  readonly uri: string;
}

function lookup(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  return undefined;
}

interface Writer {
  out: string;
  readonly limit: number;
  readonly mode: CanonicalizationMode;
  /** The enveloped-signature transform: this element and its subtree are not in the node-set. */
  readonly exclude: Element | undefined;
}

/** Exclusive canonical form of one element and its subtree (the apex of the node-set). */
export function canonicalizeElement(element: Element, limit: number): string {
  const writer: Writer = { out: '', limit, mode: 'exclusive', exclude: undefined };
  writeElement(writer, element, undefined);
  return writer.out;
}

/**
 * Canonical form of a whole document (a same-document `URI=""` reference: every node except comments), minus
 * `exclude` and its subtree (the enveloped-signature transform). Processing instructions outside the document
 * element are kept, separated by a line feed as the recommendations say; the XML declaration is not a node.
 */
export function canonicalizeDocument(
  document: Document,
  exclude: Element | undefined,
  mode: CanonicalizationMode,
  limit: number,
): string {
  const writer: Writer = { out: '', limit, mode, exclude };
  let afterRoot = false;
  for (let node = document.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === NODE.ELEMENT) {
      writeElement(writer, node as Element, undefined);
      afterRoot = true;
    } else if (node.nodeType === NODE.PROCESSING_INSTRUCTION) {
      const pi = node as ProcessingInstruction;
      if (pi.target === 'xml') continue; // xmldom keeps the XML declaration as a PI node
      writer.out += afterRoot ? `\n${renderPi(pi)}` : `${renderPi(pi)}\n`;
    }
    // Comments are not in the node-set; text outside the document element is never part of the data model.
  }
  check(writer);
  return writer.out;
}

function writeElement(writer: Writer, element: Element, parentScope: Scope | undefined): void {
  let scope = parentScope;
  const declarations: [prefix: string, uri: string][] = [];
  const attributes: Attr[] = [];

  if (writer.mode === 'exclusive') {
    // `scope` holds what output ancestors rendered. Render a binding an element or one of its attributes
    // visibly uses unless the nearest rendered binding of that prefix is already the same.
    const render = (prefix: string, uri: string): void => {
      const current = lookup(scope, prefix) ?? (prefix === '' ? '' : undefined);
      if (current === uri) return;
      declarations.push([prefix, uri]);
      scope = { parent: scope, prefix, uri };
    };
    render(element.prefix ?? '', element.namespaceURI ?? '');
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes[i]!;
      if (isNamespaceDeclaration(attribute)) continue;
      attributes.push(attribute);
      if (attribute.prefix && attribute.prefix !== 'xml') render(attribute.prefix, attribute.namespaceURI ?? '');
    }
  } else {
    // `scope` holds every binding in scope. With the whole document in the node-set, a binding differs from the
    // parent's only where this element declares it.
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes[i]!;
      if (!isNamespaceDeclaration(attribute)) {
        attributes.push(attribute);
        continue;
      }
      const prefix = attribute.name === 'xmlns' ? '' : attribute.name.slice(6);
      const uri = attribute.value;
      if (prefix === 'xml') continue;
      const current = lookup(scope, prefix) ?? (prefix === '' ? '' : undefined);
      if (current !== uri) declarations.push([prefix, uri]);
      scope = { parent: scope, prefix, uri };
    }
  }

  declarations.sort((a, b) => compareCodePoints(a[0], b[0]));
  attributes.sort(
    (a, b) => compareCodePoints(a.namespaceURI ?? '', b.namespaceURI ?? '') || compareCodePoints(a.localName!, b.localName!),
  );

  const name = element.tagName;
  let out = `<${name}`;
  for (const [prefix, uri] of declarations) out += prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
  for (const attribute of attributes) out += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
  writer.out += `${out}>`;
  check(writer);

  for (let child = element.firstChild; child; child = child.nextSibling) {
    switch (child.nodeType) {
      case NODE.ELEMENT:
        if (child !== writer.exclude) writeElement(writer, child as Element, scope);
        break;
      case NODE.TEXT:
      case NODE.CDATA:
        writer.out += escapeText((child as CharacterData).data);
        check(writer);
        break;
      case NODE.PROCESSING_INSTRUCTION:
        writer.out += renderPi(child as ProcessingInstruction);
        break;
      case NODE.COMMENT:
        break;
      default:
        throw new UnsupportedNode(`node type ${child.nodeType} inside ${name}`);
    }
  }
  writer.out += `</${name}>`;
}

function isNamespaceDeclaration(attribute: Attr): boolean {
  return attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
}

function check(writer: Writer): void {
  if (writer.out.length > writer.limit) throw new CanonicalFormTooLarge(writer.limit);
}

function renderPi(pi: ProcessingInstruction): string {
  return pi.data ? `<?${pi.target} ${pi.data}?>` : `<?${pi.target}?>`;
}

const TEXT_SPECIAL = /[&<>\r]/g;
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/g;
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

export function escapeText(text: string): string {
  return text.replace(TEXT_SPECIAL, (c) => TEXT_ESCAPES[c]!);
}

function escapeAttribute(text: string): string {
  return text.replace(ATTRIBUTE_SPECIAL, (c) => ATTRIBUTE_ESCAPES[c]!);
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
