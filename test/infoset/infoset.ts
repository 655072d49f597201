/**
 * The XML infoset the differential compares: element expanded names, attributes (expanded name and normalised
 * value, namespace declarations excluded), character data (text and CDATA merged, as the data model has no
 * boundary between them), processing instructions and, optionally, comments. Whitespace outside the document
 * element is not part of it.
 */
import { DOMParser } from '@xmldom/xmldom';
import { parseXml, type XmlLimits } from '../../src/xml/parse-xml.js';
import type { XmlDocument, XmlNode } from '../../src/xml/tree.js';

export type InfosetNode =
  | readonly ['element', string | null, string, readonly (readonly [string | null, string, string])[], readonly InfosetNode[]]
  | readonly ['text', string]
  | readonly ['comment', string]
  | readonly ['pi', string, string];

export type Infoset = readonly InfosetNode[];

export interface InfosetOptions {
  readonly comments: boolean;
}

type Mutable = InfosetNode[];

function push(out: Mutable, node: InfosetNode): void {
  if (node[0] === 'text') {
    if (node[1] === '') return;
    const last = out[out.length - 1];
    if (last && last[0] === 'text') {
      out[out.length - 1] = ['text', last[1] + node[1]];
      return;
    }
  }
  out.push(node);
}

const sortAttributes = (attributes: [string | null, string, string][]) =>
  attributes.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '') || a[1].localeCompare(b[1]));

// ---- the library's tree -------------------------------------------------------------------------------------

export function fromTree(document: XmlDocument, options: InfosetOptions): Infoset {
  const out: Mutable = [];
  const node = (n: XmlNode, into: Mutable): void => {
    switch (n.type) {
      case 'element': {
        const children: Mutable = [];
        for (const child of n.children) node(child, children);
        push(into, [
          'element',
          n.namespace,
          n.localName,
          sortAttributes(n.attributes.map((a) => [a.namespace, a.localName, a.value])),
          children,
        ]);
        return;
      }
      case 'text':
      case 'cdata':
        push(into, ['text', n.value]);
        return;
      case 'comment':
        if (options.comments) push(into, ['comment', n.value]);
        return;
      case 'pi':
        push(into, ['pi', n.target, n.data]);
        return;
    }
  };
  for (const n of document.prolog) node(n, out);
  node(document.root, out);
  for (const n of document.epilog) node(n, out);
  return out;
}

/** The library's reading: its infoset, or the finding that refuses the document. */
export function ours(xml: string, options: InfosetOptions, limits: Partial<XmlLimits> = {}): { ok: true; infoset: Infoset; document: XmlDocument } | { ok: false; reason: string } {
  const parsed = parseXml(xml, { maxBytes: 1 << 24, ...limits });
  if (!parsed.ok) return { ok: false, reason: `${parsed.error.code}: ${parsed.error.message}` };
  return { ok: true, infoset: fromTree(parsed, options), document: parsed };
}

// ---- @xmldom/xmldom ---------------------------------------------------------------------------------------

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** xmldom's reading. It reports problems and carries on; an error or a fatal error counts as refusing. */
export function xmldom(xml: string, options: InfosetOptions): { ok: true; infoset: Infoset } | { ok: false; reason: string } {
  let reason: string | undefined;
  const refuse = (message: unknown) => {
    reason ??= String(message).replace(/\s*@#\[line:.*$/s, '');
  };
  let document: Document;
  try {
    document = new DOMParser({ errorHandler: { warning: () => {}, error: refuse, fatalError: refuse } }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (error) {
    return { ok: false, reason: String(error) };
  }
  if (reason !== undefined) return { ok: false, reason };
  if (!document?.documentElement) return { ok: false, reason: 'no document element' };
  const out: Mutable = [];
  const node = (n: Node, into: Mutable): void => {
    switch (n.nodeType) {
      case 1: {
        const element = n as Element;
        const attributes: [string | null, string, string][] = [];
        for (let i = 0; i < element.attributes.length; i++) {
          const a = element.attributes[i]!;
          if (a.namespaceURI === XMLNS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
          attributes.push([a.namespaceURI || null, a.localName ?? a.name, a.value]);
        }
        const children: Mutable = [];
        for (let c = element.firstChild; c; c = c.nextSibling) node(c, children);
        push(into, ['element', element.namespaceURI || null, element.localName ?? element.tagName, sortAttributes(attributes), children]);
        return;
      }
      case 3:
      case 4:
        // Whitespace outside the document element is not in the data model.
        if (into === out && /^[ \t\r\n]*$/.test((n as CharacterData).data)) return;
        push(into, ['text', (n as CharacterData).data]);
        return;
      case 7: {
        const pi = n as ProcessingInstruction;
        if (pi.target === 'xml') return; // xmldom keeps the XML declaration as a processing instruction
        push(into, ['pi', pi.target, pi.data]);
        return;
      }
      case 8:
        if (options.comments) push(into, ['comment', (n as Comment).data]);
        return;
      default:
        push(into, ['pi', `#node-type-${n.nodeType}`, '']);
    }
  };
  for (let n = document.firstChild; n; n = n.nextSibling) node(n, out);
  return { ok: true, infoset: out };
}

/**
 * xmldom 0.8.15 applies XML 1.1's end-of-line handling to XML 1.0 documents: it turns U+0085 and U+2028 (and
 * CR U+0085) into line feeds before parsing (lib/dom-parser.js; in an attribute value the line feed then becomes
 * a space), where XML 1.0 (section 2.11) keeps them as characters; libxml2 and the library keep them. To compare with xmldom, the library's strings are mapped the same
 * way first; the libxml2 comparison stays byte for byte. Pinned in infoset-differential.test.ts.
 */
export function asXmldomReadsIt(infoset: Infoset): Infoset {
  const map = (text: string) => text.replace(/[\u0085\u2028]/g, '\n');
  // ... and then normalises the line feed in an attribute value to a space, as XML does.
  const mapValue = (text: string) => text.replace(/[\u0085\u2028]/g, ' ');
  const node = (n: InfosetNode): InfosetNode => {
    switch (n[0]) {
      case 'element':
        return ['element', n[1], n[2], n[3].map(([ns, local, value]) => [ns, local, mapValue(value)] as const), n[4].map(node)];
      case 'text':
      case 'comment':
        return [n[0], map(n[1])];
      case 'pi':
        return ['pi', n[1], map(n[2])];
    }
  };
  return infoset.map(node);
}

/** A short description of the first place two infosets differ, or `undefined` when they are equal. */
export function difference(a: Infoset, b: Infoset, path = ''): string | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return `${path}[${i}]: ${JSON.stringify(x ?? null)} vs ${JSON.stringify(y ?? null)}`;
    if (x[0] !== y[0]) return `${path}[${i}]: ${x[0]} vs ${y[0]}`;
    if (x[0] === 'element' && y[0] === 'element') {
      const here = `${path}/{${x[1] ?? ''}}${x[2]}`;
      if (x[1] !== y[1] || x[2] !== y[2]) return `${path}[${i}]: {${x[1]}}${x[2]} vs {${y[1]}}${y[2]}`;
      if (JSON.stringify(x[3]) !== JSON.stringify(y[3])) return `${here}/@: ${JSON.stringify(x[3])} vs ${JSON.stringify(y[3])}`;
      const inner = difference(x[4], y[4], here);
      if (inner) return inner;
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      return `${path}[${i}]: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    }
  }
  return undefined;
}
