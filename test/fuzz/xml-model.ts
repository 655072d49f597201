/**
 * A small, lossless XML model for the fuzzers: enough to take apart the well-formed documents we start from
 * (fixtures, DCC reference requests), edit them structurally, and write them back. It is not a validating parser:
 * it trusts its input to be well-formed and keeps every character as written (text stays escaped, attribute
 * values keep their references), so a document that goes in and out unedited comes back byte for byte.
 */

export interface XAttribute {
  /** Qualified name as written, e.g. `xmlns:sr`, `schemaVersion`. */
  name: string;
  /** Raw value as written between the quotes (references not decoded). */
  value: string;
  quote: '"' | "'";
}

export interface XElement {
  kind: 'element';
  /** Qualified name as written, e.g. `sr:Header`. */
  name: string;
  attributes: XAttribute[];
  children: XNode[];
  /** `<x/>` rather than `<x></x>` when there are no children. */
  selfClosing: boolean;
}

export type XNode =
  | XElement
  | { kind: 'text'; raw: string }
  | { kind: 'comment'; value: string }
  | { kind: 'cdata'; value: string }
  | { kind: 'pi'; target: string; data: string };

export interface XDocument {
  /** Everything before the root start tag, as written (XML declaration, comments, whitespace). */
  prolog: string;
  root: XElement;
  /** Everything after the root end tag, as written. */
  epilog: string;
}

const TOKEN =
  /<\?([^\s?]+)([\s\S]*?)\?>|<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a well-formed document. Throws on input it does not understand: callers pass known-good documents. */
export function parseDocument(text: string): XDocument {
  const stack: XElement[] = [];
  let root: XElement | undefined;
  let rootEnd = -1;
  let rootStart = -1;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`xml-model: cannot tokenise at offset ${at}`);
    const parent = stack[stack.length - 1];
    if (m[6] !== undefined) {
      const element: XElement = {
        kind: 'element',
        name: m[6],
        attributes: [...(m[7] ?? '').matchAll(ATTRIBUTE)].map((a) => ({
          name: a[1]!,
          value: a[2] ?? a[3] ?? '',
          quote: a[2] !== undefined ? '"' : "'",
        })),
        children: [],
        selfClosing: m[8] === '/',
      };
      if (parent) parent.children.push(element);
      else if (!root) {
        root = element;
        rootStart = at;
      } else throw new Error('xml-model: more than one root element');
      if (!element.selfClosing) stack.push(element);
      else if (!parent) rootEnd = TOKEN.lastIndex;
    } else if (m[5] !== undefined) {
      const open = stack.pop();
      if (!open || open.name !== m[5]) throw new Error(`xml-model: mismatched end tag ${m[5]}`);
      if (stack.length === 0) rootEnd = TOKEN.lastIndex;
    } else if (parent) {
      if (m[1] !== undefined) parent.children.push({ kind: 'pi', target: m[1], data: m[2] ?? '' });
      else if (m[3] !== undefined) parent.children.push({ kind: 'comment', value: m[3] });
      else if (m[4] !== undefined) parent.children.push({ kind: 'cdata', value: m[4] });
      else if (m[9] !== undefined) parent.children.push({ kind: 'text', raw: m[9] });
      else throw new Error('xml-model: DOCTYPE inside an element');
    }
  }
  if (!root || stack.length > 0 || rootEnd === -1) throw new Error('xml-model: unterminated document');
  return { prolog: text.slice(0, rootStart), root, epilog: text.slice(rootEnd) };
}

export function serializeDocument(doc: XDocument): string {
  return doc.prolog + serializeElement(doc.root) + doc.epilog;
}

export function serializeElement(element: XElement): string {
  let out = `<${element.name}`;
  for (const a of element.attributes) out += ` ${a.name}=${a.quote}${a.value}${a.quote}`;
  if (element.children.length === 0 && element.selfClosing) return `${out}/>`;
  out += '>';
  for (const child of element.children) out += serializeNode(child);
  return `${out}</${element.name}>`;
}

export function serializeNode(node: XNode): string {
  switch (node.kind) {
    case 'element':
      return serializeElement(node);
    case 'text':
      return node.raw;
    case 'comment':
      return `<!--${node.value}-->`;
    case 'cdata':
      return `<![CDATA[${node.value}]]>`;
    case 'pi':
      return `<?${node.target}${node.data}?>`;
  }
}

export function cloneDocument(doc: XDocument): XDocument {
  return { prolog: doc.prolog, root: cloneElement(doc.root), epilog: doc.epilog };
}

export function cloneElement(element: XElement): XElement {
  return {
    kind: 'element',
    name: element.name,
    attributes: element.attributes.map((a) => ({ ...a })),
    children: element.children.map((c) => (c.kind === 'element' ? cloneElement(c) : { ...c })),
    selfClosing: element.selfClosing,
  };
}

export interface Located {
  readonly element: XElement;
  /** `undefined` for the root. */
  readonly parent: XElement | undefined;
  readonly depth: number;
}

/** Every element in document order, the root first. */
export function elementsOf(doc: XDocument): Located[] {
  const out: Located[] = [];
  const walk = (element: XElement, parent: XElement | undefined, depth: number): void => {
    out.push({ element, parent, depth });
    for (const child of element.children) if (child.kind === 'element') walk(child, element, depth + 1);
  };
  walk(doc.root, undefined, 0);
  return out;
}

export function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? '' : name.slice(0, colon);
}

export function localNameOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Text-only content (no child elements), as written; `undefined` when the element has element children. */
export function simpleTextOf(element: XElement): string | undefined {
  let text = '';
  for (const child of element.children) {
    if (child.kind === 'element') return undefined;
    if (child.kind === 'text') text += child.raw;
    else if (child.kind === 'cdata') text += escapeText(child.value);
  }
  return text;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
