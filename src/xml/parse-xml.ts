import { SaxesParser, type SaxesTagNS } from 'saxes';
import { finding, type Finding } from '../findings.js';
import type {
  XmlAttribute,
  XmlDocument,
  XmlElement,
  XmlMisc,
  XmlNamespaceDeclaration,
  XmlNode,
} from './tree.js';

/** Limits applied while the document is read; each is checked before the work it bounds is done. */
export interface XmlLimits {
  /** Largest accepted document, in UTF-8 bytes; checked before parsing. A legitimate 6.15.1 request is under 8 KB. */
  readonly maxBytes: number;
  /** Deepest accepted element nesting (capped at 256). A signed 6.15.1 request nests 6 levels. */
  readonly maxDepth: number;
  /** Most attributes (namespace declarations included) on one element. DUIS requests carry at most 4. */
  readonly maxAttributes: number;
  /**
   * Most nodes (elements, text, CDATA, comments, processing instructions) in the document. Text itself is bounded
   * by `maxBytes` (no entity is ever expanded; character references only shrink), but a document of empty
   * comments would otherwise become hundreds of thousands of tree nodes. A 6.15.1 request has about 60.
   */
  readonly maxNodes: number;
}

/** Default limits: 64 KiB, 32 levels of nesting, 16 attributes per element, 65,536 nodes. */
export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxBytes: 64 * 1024,
  maxDepth: 32,
  maxAttributes: 16,
  maxNodes: 65_536,
});

/** A document as text, or as UTF-8 bytes (`Buffer` or `Uint8Array`). */
export type XmlInput = string | Uint8Array;

/** The namespace-resolved tree and its text (without a byte order mark), or why the input is not acceptable XML. */
export type XmlParseResult =
  | (XmlDocument & { readonly ok: true; readonly text: string })
  | { readonly ok: false; readonly error: Finding };

/** ES2024, in Node 20's V8; the project's `lib` is ES2022. */
interface WellFormedString {
  isWellFormed(): boolean;
}

type XmlCode = 'INPUT_INVALID' | 'XML_TOO_LARGE' | 'XML_TOO_DEEP' | 'XML_TOO_MANY_ATTRIBUTES' | 'XML_DTD_FORBIDDEN' | 'XML_MALFORMED';

/** Stops the parser from inside an event handler; caught once, in {@link parseXml}. */
class XmlFault extends Error {
  constructor(
    readonly code: XmlCode,
    readonly detail: string,
    readonly params: Finding['params'],
  ) {
    super(detail);
  }
}

// The byte order mark is kept: saxes skips exactly one, as XML does, whether the input was text or bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
// The document is always decoded as UTF-8 (DUIS requests are), so only UTF-8 or its subset US-ASCII may be declared.
const READ_ENCODINGS = /^(?:UTF-8|US-ASCII)$/i;
// The tree builder keeps one stack entry per level: whatever the caller asks, depth stays bounded.
const MAX_DEPTH_CEILING = 256;

/**
 * Name characters that other XML readers get wrong: supplementary-plane characters (allowed since XML 1.0 fifth
 * edition, refused by the fourth edition and by xmldom) and U+FEFF, U+1680 (name characters to XML, whitespace to
 * JavaScript regular expressions, so fast-xml-parser and xmldom split names at them). No DUIS name has one; a name
 * that holds one is refused rather than read one way here and another way by the DCC.
 */
const AMBIGUOUS_NAME = /[\uD800-\uDFFF\uFEFF\u1680]/;
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const NO_NAMESPACES: readonly XmlNamespaceDeclaration[] = Object.freeze([]);

function fail(code: XmlCode, detail: string, params?: Finding['params']): XmlParseResult {
  return { ok: false, error: finding(code, { detail, ...(params ? { params } : {}) }) };
}

/**
 * Parses untrusted bytes into a namespace-resolved tree, or explains why not. One parser, saxes (XML 1.0 fifth
 * edition and Namespaces in XML 1.0 conformant), reads the document once; everything else reads the tree it builds.
 *
 * The size limit runs before the parser sees the input; DOCTYPE, XML versions other than 1.0, encodings other than
 * UTF-8, and the depth, attribute and node limits are enforced on the parser's events, so the work stops at the
 * first violation. Never throws.
 */
export function parseXml(input: XmlInput, limits: Partial<XmlLimits> = {}): XmlParseResult {
  const effective = effectiveLimits(limits);
  const { maxBytes } = effective;

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
  // A lone surrogate is no character at all (XML 1.0 Char), and no UTF-8 encoding of the text exists to sign.
  if (!(text as unknown as WellFormedString).isWellFormed()) return fail('XML_MALFORMED', 'the text holds a lone UTF-16 surrogate, which is not an XML character');
  try {
    const document = buildTree(text, effective);
    return { ok: true, ...document, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    if (error instanceof XmlFault) return fail(error.code, error.detail, error.params);
    // A defect of saxes or of this builder, not of the input: still a finding, never a throw at the caller.
    return fail('XML_MALFORMED', `the document could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The caller's limits over the defaults; anything but a positive integer keeps the default. */
function effectiveLimits(limits: Partial<XmlLimits>): XmlLimits {
  const pick = (key: keyof XmlLimits): number => {
    const value = limits?.[key];
    return Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : DEFAULT_XML_LIMITS[key];
  };
  return {
    maxBytes: pick('maxBytes'),
    maxDepth: Math.min(pick('maxDepth'), MAX_DEPTH_CEILING),
    maxAttributes: pick('maxAttributes'),
    maxNodes: pick('maxNodes'),
  };
}

interface Open {
  readonly children: XmlNode[];
}

/**
 * saxes's handler slots, named as its `on()` stores them. `on()` stores through a computed key, and once an object
 * has taken a dozen properties that way V8 turns it into a dictionary: with every handler we need registered, the
 * parse ran five times slower. Stores by name keep the parser a fast object. `SLOTS_MATCH_ON` checks once, at load,
 * that the names are the ones `on()` uses; if a saxes release renames them, `on()` is used instead.
 */
interface HandlerSlots {
  xmldeclHandler?: (declaration: { version?: string; encoding?: string }) => void;
  doctypeHandler?: () => void;
  openTagStartHandler?: (tag: { name: string }) => void;
  attributeHandler?: () => void;
  openTagHandler?: (tag: SaxesTagNS) => void;
  closeTagHandler?: () => void;
  textHandler?: (text: string) => void;
  cdataHandler?: (text: string) => void;
  commentHandler?: (text: string) => void;
  piHandler?: (pi: { target: string; body: string }) => void;
  errorHandler?: (error: Error) => void;
}

type Handlers = Required<HandlerSlots>;

const EVENT_SLOTS = {
  xmldecl: 'xmldeclHandler',
  doctype: 'doctypeHandler',
  opentagstart: 'openTagStartHandler',
  attribute: 'attributeHandler',
  opentag: 'openTagHandler',
  closetag: 'closeTagHandler',
  text: 'textHandler',
  cdata: 'cdataHandler',
  comment: 'commentHandler',
  processinginstruction: 'piHandler',
  error: 'errorHandler',
} as const satisfies Record<string, keyof HandlerSlots>;

const SLOTS_MATCH_ON = ((): boolean => {
  const probe = new SaxesParser({ xmlns: true });
  return Object.entries(EVENT_SLOTS).every(([event, slot]) => {
    const handler = (): void => {};
    probe.on(event as 'text', handler);
    return (probe as unknown as Record<string, unknown>)[slot] === handler;
  });
})();

function createParser(handlers: Handlers): SaxesParser<{ xmlns: true; position: true }> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  if (!SLOTS_MATCH_ON) {
    for (const [event, slot] of Object.entries(EVENT_SLOTS)) parser.on(event as 'text', handlers[slot] as (text: string) => void);
    return parser;
  }
  const slots = parser as unknown as HandlerSlots;
  slots.xmldeclHandler = handlers.xmldeclHandler;
  slots.doctypeHandler = handlers.doctypeHandler;
  slots.openTagStartHandler = handlers.openTagStartHandler;
  slots.attributeHandler = handlers.attributeHandler;
  slots.openTagHandler = handlers.openTagHandler;
  slots.closeTagHandler = handlers.closeTagHandler;
  slots.textHandler = handlers.textHandler;
  slots.cdataHandler = handlers.cdataHandler;
  slots.commentHandler = handlers.commentHandler;
  slots.piHandler = handlers.piHandler;
  slots.errorHandler = handlers.errorHandler;
  return parser;
}

function buildTree(text: string, limits: XmlLimits): XmlDocument {
  const prolog: XmlMisc[] = [];
  const epilog: XmlMisc[] = [];
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let nodes = 0;
  let attributes = 0;

  const stop: Stop = (code, detail, params = {}) => {
    const { line, column } = parser;
    throw new XmlFault(code, `${detail} (line ${line}, column ${column})`, { ...params, line, column });
  };
  const add = (node: XmlNode): void => {
    if (++nodes > limits.maxNodes) stop('XML_MALFORMED', `the document has more than ${limits.maxNodes} nodes`, { limit: limits.maxNodes });
    const open = stack[stack.length - 1];
    if (open) open.children.push(node);
    else if (node.type === 'comment' || node.type === 'pi') (root ? epilog : prolog).push(node);
    // Whitespace outside the document element is not part of the data model (saxes refuses anything else).
  };

  const parser = createParser({
    // saxes prefixes its messages with the position, which the finding carries as params.
    errorHandler: (error) => stop('XML_MALFORMED', error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')),
    xmldeclHandler: ({ version, encoding }) => {
      if (version !== '1.0') stop('XML_MALFORMED', `the document declares XML version ${version ?? '(none)'}; DUIS requests are XML 1.0`);
      if (encoding !== undefined && !READ_ENCODINGS.test(encoding)) {
        stop('XML_MALFORMED', `the document declares encoding ${encoding}; DUIS requests are read as UTF-8`, { encoding });
      }
    },
    doctypeHandler: () => stop('XML_DTD_FORBIDDEN', 'the document has a DOCTYPE'),
    openTagStartHandler: (tag) => {
      attributes = 0;
      if (stack.length >= limits.maxDepth) {
        stop('XML_TOO_DEEP', `<${tag.name}> nests elements deeper than ${limits.maxDepth} levels`, { limit: limits.maxDepth });
      }
    },
    attributeHandler: () => {
      if (++attributes > limits.maxAttributes) {
        stop('XML_TOO_MANY_ATTRIBUTES', `an element has more than ${limits.maxAttributes} attributes`, { limit: limits.maxAttributes });
      }
    },
    openTagHandler: (tag) => {
      if (AMBIGUOUS_NAME.test(tag.name)) stop('XML_MALFORMED', `the element name ${JSON.stringify(tag.name)} holds a character other XML readers split or refuse`);
      const children: XmlNode[] = [];
      const element = elementOf(tag, children, stop);
      add(element);
      if (!root && stack.length === 0) root = element;
      stack.push({ children });
    },
    closeTagHandler: () => {
      stack.pop();
    },
    textHandler: (value) => {
      if (stack.length > 0) add({ type: 'text', value });
    },
    cdataHandler: (value) => add({ type: 'cdata', value }),
    commentHandler: (value) => add({ type: 'comment', value }),
    piHandler: ({ target, body }) => {
      if (AMBIGUOUS_NAME.test(target)) stop('XML_MALFORMED', `the processing instruction target ${JSON.stringify(target)} holds a character other XML readers split or refuse`);
      add({ type: 'pi', target, data: body });
    },
  });

  parser.write(text).close();
  // saxes reports a missing root element through `error`; this only satisfies the type checker.
  if (!root) return stop('XML_MALFORMED', 'no root element');
  return { root, prolog, epilog };
}

type Stop = (code: XmlCode, detail: string, params?: Finding['params']) => never;

function elementOf(tag: SaxesTagNS, children: XmlNode[], stop: Stop): XmlElement {
  let attributes = NO_ATTRIBUTES;
  let namespaces = NO_NAMESPACES;
  for (const name in tag.attributes) {
    const attribute = tag.attributes[name]!;
    if (attribute.uri === XMLNS_NAMESPACE) {
      // saxes resolves prefixes to the trimmed value; Namespaces in XML does not trim. A declaration with
      // surrounding whitespace would name one namespace to us and another to libxml2: refuse it.
      if (attribute.value.trim() !== attribute.value) {
        stop('XML_MALFORMED', `the namespace name of ${name} has leading or trailing whitespace`);
      }
      // Namespaces in XML 1.0 2.2: the value MUST be a URI reference. libxml2 refuses one that is not.
      if (!isUriReference(attribute.value)) stop('XML_MALFORMED', `the namespace name of ${name} is not a URI reference`);
      if (namespaces === NO_NAMESPACES) namespaces = [];
      (namespaces as XmlNamespaceDeclaration[]).push({ prefix: attribute.prefix === '' ? '' : attribute.local, uri: attribute.value });
    } else {
      if (AMBIGUOUS_NAME.test(name)) stop('XML_MALFORMED', `the attribute name ${JSON.stringify(name)} holds a character other XML readers split or refuse`);
      if (attributes === NO_ATTRIBUTES) attributes = [];
      (attributes as XmlAttribute[]).push({
        namespace: attribute.uri === '' ? null : attribute.uri,
        localName: attribute.local,
        prefix: attribute.prefix,
        name,
        value: attribute.value,
      });
    }
  }
  return {
    type: 'element',
    namespace: tag.uri === '' ? null : tag.uri,
    localName: tag.local,
    prefix: tag.prefix,
    name: tag.name,
    attributes,
    namespaces,
    children,
  };
}

// RFC 3986 characters of a URI reference, but `[` `]` (IP literals only) and `&`: libxml2's canonicaliser writes
// a namespace name's `&` unescaped where C14N escapes it, so a signature over one would verify in one and not the
// other. No DUIS namespace holds any of them; refusing them is stricter than RFC 3986.
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#@!$'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME_THEN_COLON = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** RFC 3986 `URI-reference`, as far as its characters and its scheme go (a namespace name is compared as text). */
function isUriReference(value: string): boolean {
  if (!URI_CHARACTERS.test(value)) return false;
  const colon = value.indexOf(':');
  if (colon === -1) return true;
  const delimiter = value.search(/[/?#]/);
  // A colon before any '/', '?' or '#' ends a scheme; a relative reference's first segment holds none.
  return (delimiter !== -1 && delimiter < colon) || SCHEME_THEN_COLON.test(value);
}
