import { XMLParser } from 'fast-xml-parser';
import { finding, type Finding } from '../findings.js';
import { decodeReferences } from './references.js';
import type { XmlAttribute, XmlElement, XmlNode } from './tree.js';
import { checkWellFormed } from './well-formed.js';

/** Limits applied before any parsing work. */
export interface XmlLimits {
  /** Largest accepted document, in UTF-8 bytes. A legitimate 6.15.1 request is under 8 KB. */
  readonly maxBytes: number;
  /** Deepest accepted element nesting. A signed 6.15.1 request nests 6 levels. */
  readonly maxDepth: number;
  /**
   * Most attributes (namespace declarations included) on one element. DUIS requests carry at most 4;
   * fast-xml-parser's cost grows faster than linearly with the attributes of one element.
   */
  readonly maxAttributes: number;
}

/** Default limits: 64 KiB (a legitimate 6.15.1 request is under 8 KB), 32 levels of nesting, 16 attributes. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 64 * 1024, maxDepth: 32, maxAttributes: 16 };

/** A document as text, or as UTF-8 bytes (`Buffer` or `Uint8Array`). */
export type XmlInput = string | Uint8Array;

/** The namespace-resolved tree and its text, or the finding that says why the input is not acceptable XML. */
export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement; readonly text: string }
  | { readonly ok: false; readonly error: Finding };

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

// Node names fast-xml-parser gives to non-element nodes with the options below.
const TEXT = '#text';
const CDATA = '#cdata';
const COMMENT = '#comment';
const ATTRIBUTES = ':@';

// Keep every value a raw string: no number/boolean coercion (a 13-digit counter or a 19-digit floor number must
// survive exactly) and no entity processing (we decode the five predefined entities and character references
// ourselves, and reject any other reference).
function createParser(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    allowBooleanAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: false,
    commentPropName: COMMENT,
    cdataPropName: CDATA,
    maxNestedTags: maxDepth,
    // We pass no callbacks that read paths; building the path string for each tag costs ~15% of a parse.
    jPath: false,
  });
}

const parsers = new Map<number, XMLParser>();
function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = createParser(maxDepth);
    parsers.set(maxDepth, parser);
  }
  return parser;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function fail(
  code: 'INPUT_INVALID' | 'XML_TOO_LARGE' | 'XML_TOO_DEEP' | 'XML_TOO_MANY_ATTRIBUTES' | 'XML_DTD_FORBIDDEN' | 'XML_MALFORMED',
  detail: string, params?: Finding['params']): XmlParseResult {
  return { ok: false, error: finding(code, { detail, ...(params ? { params } : {}) }) };
}

/**
 * Parses untrusted bytes into a namespace-resolved tree, or explains why not.
 *
 * Order matters: the size limit runs before anything reads the document, the DTD check before the parser can see a
 * declaration, and strict well-formedness (`well-formed.ts`: nesting, names, depth, attribute count) before
 * fast-xml-parser, which would otherwise accept mismatched or unclosed tags and drop text after the root.
 */
export function parseXml(input: XmlInput, limits: Partial<XmlLimits> = {}): XmlParseResult {
  const { maxBytes, maxDepth, maxAttributes } = effectiveLimits(limits);

  let text: string;
  if (typeof input === 'string') {
    // UTF-16 length <= UTF-8 length <= 3 * UTF-16 length: only count bytes when the cheap bound is inconclusive.
    if (input.length > maxBytes || (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes)) {
      return fail('XML_TOO_LARGE', `the document exceeds ${maxBytes} bytes`, { limit: maxBytes });
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) {
      return fail('XML_TOO_LARGE', `the document has ${input.byteLength} bytes, the limit is ${maxBytes}`, {
        limit: maxBytes,
        received: input.byteLength,
      });
    }
    try {
      text = utf8.decode(input);
    } catch {
      return fail('INPUT_INVALID', 'the bytes are not valid UTF-8');
    }
  } else {
    return fail('INPUT_INVALID', `expected a string or Uint8Array, received ${input === null ? 'null' : typeof input}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const declaration = findDeclaration(text);
  if (declaration) {
    return fail('XML_DTD_FORBIDDEN', `found <!${declaration.keyword} at offset ${declaration.offset}`, {
      offset: declaration.offset,
    });
  }

  const wellFormed = checkWellFormed(text, { maxDepth, maxAttributes });
  if (!wellFormed.ok) {
    const { line, column } = position(text, wellFormed.offset);
    const where = `(line ${line}, column ${column})`;
    switch (wellFormed.kind) {
      case 'too-deep':
        return fail('XML_TOO_DEEP', `${wellFormed.message} ${where}`, { limit: maxDepth, line, column });
      case 'too-many-attributes':
        return fail('XML_TOO_MANY_ATTRIBUTES', `${wellFormed.message} ${where}`, { limit: maxAttributes, line, column });
      case 'malformed':
        return fail('XML_MALFORMED', `${wellFormed.message} ${where}`, { line, column });
    }
  }

  let nodes: unknown;
  try {
    nodes = parserFor(maxDepth).parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(message)) {
      return fail('XML_TOO_DEEP', `elements nest deeper than ${maxDepth} levels`, { limit: maxDepth });
    }
    return fail('XML_MALFORMED', message.replace(/^\[SECURITY\]\s*/, ''));
  }

  const built = buildDocument(nodes as RawNode[]);
  if (typeof built === 'string') return fail('XML_MALFORMED', built);
  return { ok: true, root: built, text };
}

// The tree builder recurses once per level: whatever the caller asks, depth stays far below the stack's reach.
const MAX_DEPTH_CEILING = 256;

/** The caller's limits over the defaults; anything but a positive integer keeps the default. */
function effectiveLimits(limits: Partial<XmlLimits>): XmlLimits {
  const pick = (key: keyof XmlLimits): number => {
    const value = limits[key];
    return Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : DEFAULT_XML_LIMITS[key];
  };
  return { maxBytes: pick('maxBytes'), maxDepth: Math.min(pick('maxDepth'), MAX_DEPTH_CEILING), maxAttributes: pick('maxAttributes') };
}

type RawNode = Record<string, unknown>;

interface Scope {
  readonly parent: Scope | undefined;
  readonly prefixes: ReadonlyMap<string, string>;
}

function resolvePrefix(scope: Scope | undefined, prefix: string): string | undefined {
  if (prefix === 'xml') return XML_NAMESPACE;
  for (let s = scope; s; s = s.parent) {
    const uri = s.prefixes.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon === -1 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function buildDocument(nodes: RawNode[]): XmlElement | string {
  let root: XmlElement | undefined;
  for (const node of nodes) {
    const name = nodeName(node);
    if (name === COMMENT || name.startsWith('?')) continue;
    if (name === TEXT) {
      if (String(node[TEXT]).trim() !== '') return 'text outside the root element';
      continue;
    }
    if (root) return 'more than one root element';
    const built = buildElement(node, name, undefined);
    if (typeof built === 'string') return built;
    root = built;
  }
  return root ?? 'no root element';
}

function nodeName(node: RawNode): string {
  for (const key in node) if (key !== ATTRIBUTES) return key;
  return '';
}

// Recursion depth is bounded by the parser's maxNestedTags.
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);

function buildElement(node: RawNode, name: string, parentScope: Scope | undefined): XmlElement | string {
  const rawAttributes = node[ATTRIBUTES] as Record<string, string> | undefined;
  let prefixes: Map<string, string> | undefined;
  let pending: [name: string, value: string][] | undefined;
  for (const attributeName of rawAttributes ? Object.keys(rawAttributes) : NO_NAMES) {
    const value = decodeReferences(rawAttributes![attributeName] ?? '');
    if (value === undefined) return `undefined entity or bad character reference in attribute ${attributeName}`;
    if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
      const prefix = attributeName === 'xmlns' ? '' : attributeName.slice(6);
      if (prefix !== '' && value === '') return `namespace prefix ${prefix} is bound to the empty name`;
      if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NAMESPACE) || value === XMLNS_NAMESPACE) {
        return `reserved namespace prefix or name misused in ${attributeName}`;
      }
      (prefixes ??= new Map()).set(prefix, value);
    } else {
      (pending ??= []).push([attributeName, value]);
    }
  }
  const scope: Scope | undefined = prefixes ? { parent: parentScope, prefixes } : parentScope;

  const [prefix, localName] = splitName(name);
  const namespace = resolvePrefix(scope, prefix);
  if (prefix !== '' && namespace === undefined) return `element ${name} uses an undeclared namespace prefix`;

  // Most elements of a request carry no attribute: they share one frozen empty list.
  let attributes = NO_ATTRIBUTES;
  if (pending) {
    const list: XmlAttribute[] = [];
    for (const [attributeName, value] of pending) {
      const [attributePrefix, attributeLocal] = splitName(attributeName);
      const attributeNamespace = attributePrefix === '' ? null : resolvePrefix(scope, attributePrefix);
      if (attributeNamespace === undefined) return `attribute ${attributeName} uses an undeclared namespace prefix`;
      // Qualified names are unique (checked while scanning); expanded names must be too (Namespaces in XML 1.0).
      if (list.some((a) => a.localName === attributeLocal && a.namespace === attributeNamespace)) {
        return `attribute ${attributeLocal} is repeated on ${name}`;
      }
      list.push({ namespace: attributeNamespace, localName: attributeLocal, name: attributeName, value });
    }
    attributes = list;
  }

  const children: XmlNode[] = [];
  for (const child of (node[name] ?? []) as RawNode[]) {
    const childName = nodeName(child);
    if (childName === TEXT) {
      const value = decodeReferences(String(child[TEXT]));
      if (value === undefined) return `undefined entity or bad character reference in ${name}`;
      children.push({ type: 'text', value });
    } else if (childName === CDATA) {
      children.push({ type: 'cdata', value: innerText(child[CDATA]) });
    } else if (childName === COMMENT) {
      children.push({ type: 'comment', value: innerText(child[COMMENT]) });
    } else if (childName.startsWith('?')) {
      children.push({ type: 'pi', value: childName.slice(1) });
    } else {
      const element = buildElement(child, childName, scope);
      if (typeof element === 'string') return element;
      children.push(element);
    }
  }
  return {
    type: 'element',
    namespace: namespace === undefined || namespace === '' ? null : namespace,
    localName,
    name,
    attributes,
    children,
  };
}

function innerText(value: unknown): string {
  return Array.isArray(value) ? value.map((part: RawNode) => String(part[TEXT] ?? '')).join('') : '';
}

const DECLARATION_KEYWORD = /^(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

/** The first `<!DOCTYPE` (or other markup declaration), in any case, anywhere: textual, so a comment counts too. */
function findDeclaration(text: string): { keyword: string; offset: number } | undefined {
  // `<!` is rare in a request (comments, CDATA): jump between them instead of running a regex over every character.
  for (let offset = text.indexOf('<!'); offset !== -1; offset = text.indexOf('<!', offset + 2)) {
    const keyword = DECLARATION_KEYWORD.exec(text.slice(offset + 2, offset + 11));
    if (keyword) return { keyword: keyword[1]!, offset };
  }
  return undefined;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
