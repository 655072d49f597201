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

/** A real byte array: `instanceof` alone accepts a Proxy whose `byteLength` then throws. */
function isBytes(input: unknown): input is Uint8Array {
  try {
    return input instanceof Uint8Array && typeof input.byteLength === 'number' && ArrayBuffer.isView(input);
  } catch {
    return false;
  }
}

/** ES2024, in Node 20's V8; the project's `lib` is ES2022. */
interface WellFormedString {
  isWellFormed(): boolean;
}

/** Stops the parser from inside an event handler; caught once, in {@link parseXml}. */
class XmlFault extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

// The byte order mark is kept: saxes skips exactly one, as XML does, whether the input was text or bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
// The document is always decoded as UTF-8 (DUIS requests are), so only UTF-8 may be declared: libxml2 refuses
// non-ASCII text under a US-ASCII declaration, so accepting that declaration would read text it refuses.
const READ_ENCODINGS = /^UTF-8$/i;
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

function fail(error: Finding): XmlParseResult {
  return { ok: false, error };
}

const NO_POSITION = { line: 1, column: 0 } as const;

/**
 * Parses untrusted bytes into a namespace-resolved tree, or explains why not. One parser, saxes (XML 1.0 fifth
 * edition and Namespaces in XML 1.0 conformant), reads the document once; everything else reads the tree it builds.
 *
 * The size limit runs before the parser sees the input; DOCTYPE, XML versions other than 1.0, encodings other than
 * UTF-8, and the depth, attribute and node limits are enforced on the parser's events, so the work stops at the
 * first violation. Never throws for bad input; bad `limits` (configuration) throw a TypeError.
 */
export function parseXml(input: XmlInput, limits: Partial<XmlLimits> = {}): XmlParseResult {
  const effective = effectiveLimits(limits);
  const { maxBytes } = effective;

  let text: string;
  if (typeof input === 'string') {
    // UTF-16 length <= UTF-8 length <= 3 * UTF-16 length: only count bytes when the cheap bound is inconclusive.
    if (input.length > maxBytes || (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes)) {
      return fail(finding('XML_TOO_LARGE', { limit: maxBytes, received: null }));
    }
    text = input;
  } else if (isBytes(input)) {
    if (input.byteLength > maxBytes) {
      return fail(finding('XML_TOO_LARGE', { limit: maxBytes, received: input.byteLength }));
    }
    try {
      text = utf8.decode(input);
    } catch {
      return fail(finding('INPUT_INVALID', { reason: 'the bytes are not valid UTF-8' }));
    }
  } else {
    return fail(finding('INPUT_INVALID', { reason: `expected a string or Uint8Array, received ${input === null ? 'null' : typeof input}` }));
  }
  // A lone surrogate is no character at all (XML 1.0 Char), and no UTF-8 encoding of the text exists to sign.
  if (!(text as unknown as WellFormedString).isWellFormed()) {
    return fail(finding('XML_MALFORMED', { ...NO_POSITION, reason: 'the text holds a lone UTF-16 surrogate, which is not an XML character' }));
  }
  try {
    const document = buildTree(text, effective);
    return { ok: true, ...document, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    if (error instanceof XmlFault) return fail(error.finding);
    // A defect of saxes or of this builder, not of the input: still a finding, never a throw at the caller.
    return fail(finding('XML_MALFORMED', { ...NO_POSITION, reason: `the document could not be read (${error instanceof Error ? error.message : String(error)})` }));
  }
}

const LIMIT_KEYS = ['maxBytes', 'maxDepth', 'maxAttributes', 'maxNodes'] as const satisfies readonly (keyof XmlLimits)[];

/**
 * The caller's limits over the defaults. Limits are configuration, not input: an unknown key or a value that is not
 * a positive integer throws a TypeError, as every bad option does.
 */
export function effectiveLimits(limits: Partial<XmlLimits> | undefined): XmlLimits {
  if (limits !== undefined && (typeof limits !== 'object' || limits === null || Array.isArray(limits))) {
    throw new TypeError(`limits must be an object of ${LIMIT_KEYS.join(', ')}`);
  }
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) throw new TypeError(`limits: unknown limit ${JSON.stringify(key)}; expected ${LIMIT_KEYS.join(', ')}`);
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) <= 0)) {
      throw new TypeError(`limits.${key} must be a positive integer, got ${JSON.stringify(value)}`);
    }
  }
  const pick = (key: keyof XmlLimits): number => limits?.[key] ?? DEFAULT_XML_LIMITS[key];
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

  const where = () => ({ line: parser.line, column: parser.column });
  const stop = (error: Finding): never => {
    throw new XmlFault(error);
  };
  const malformed: Malformed = (reason) => stop(finding('XML_MALFORMED', { ...where(), reason }));
  const add = (node: XmlNode): void => {
    if (++nodes > limits.maxNodes) stop(finding('XML_TOO_MANY_NODES', { ...where(), limit: limits.maxNodes }));
    const open = stack[stack.length - 1];
    if (open) open.children.push(node);
    else if (node.type === 'comment' || node.type === 'pi') (root ? epilog : prolog).push(node);
    // Whitespace outside the document element is not part of the data model (saxes refuses anything else).
  };

  const parser = createParser({
    // saxes prefixes its messages with the position, which the finding carries as params.
    errorHandler: (error) => malformed(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')),
    xmldeclHandler: ({ version, encoding }) => {
      if (version !== '1.0') malformed(`the document declares XML version ${version ?? '(none)'}; DUIS requests are XML 1.0`);
      if (encoding !== undefined && !READ_ENCODINGS.test(encoding)) malformed(`the document declares encoding ${encoding}; DUIS requests are read as UTF-8`);
    },
    doctypeHandler: () => stop(finding('XML_DTD_FORBIDDEN', where())),
    openTagStartHandler: (tag) => {
      attributes = 0;
      if (stack.length >= limits.maxDepth) stop(finding('XML_TOO_DEEP', { ...where(), limit: limits.maxDepth, element: tag.name }));
    },
    attributeHandler: () => {
      if (++attributes > limits.maxAttributes) stop(finding('XML_TOO_MANY_ATTRIBUTES', { ...where(), limit: limits.maxAttributes }));
    },
    openTagHandler: (tag) => {
      if (AMBIGUOUS_NAME.test(tag.name)) malformed(`the element name ${JSON.stringify(tag.name)} holds a character other XML readers split or refuse`);
      const children: XmlNode[] = [];
      const element = elementOf(tag, children, malformed);
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
      if (AMBIGUOUS_NAME.test(target)) malformed(`the processing instruction target ${JSON.stringify(target)} holds a character other XML readers split or refuse`);
      add({ type: 'pi', target, data: body });
    },
  });

  parser.write(text).close();
  // saxes reports a missing root element through `error`; this only satisfies the type checker.
  if (!root) return malformed('no root element');
  return { root, prolog, epilog };
}

type Malformed = (reason: string) => never;

function elementOf(tag: SaxesTagNS, children: XmlNode[], malformed: Malformed): XmlElement {
  let attributes = NO_ATTRIBUTES;
  let namespaces = NO_NAMESPACES;
  for (const name in tag.attributes) {
    const attribute = tag.attributes[name]!;
    if (attribute.uri === XMLNS_NAMESPACE) {
      // saxes resolves prefixes to the trimmed value; Namespaces in XML does not trim. A declaration with
      // surrounding whitespace would name one namespace to us and another to libxml2: refuse it.
      if (attribute.value.trim() !== attribute.value) {
        malformed(`the namespace name of ${name} has leading or trailing whitespace`);
      }
      // Namespaces in XML 1.0 2.2: the value MUST be a URI reference (libxml2 refuses one that is not), and C14N
      // refuses a relative one. `xmlns=""` (no default namespace) is the one empty value allowed.
      if (attribute.value !== '' && !isAbsoluteUri(attribute.value)) malformed(`the namespace name of ${name} is not an absolute URI`);
      if (namespaces === NO_NAMESPACES) namespaces = [];
      (namespaces as XmlNamespaceDeclaration[]).push({ prefix: attribute.prefix === '' ? '' : attribute.local, uri: attribute.value });
    } else {
      if (AMBIGUOUS_NAME.test(name)) malformed(`the attribute name ${JSON.stringify(name)} holds a character other XML readers split or refuse`);
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

/**
 * An absolute RFC 3986 URI, as far as its characters and its scheme go (a namespace name is compared as text).
 * Namespaces in XML allows relative references but deprecates them, and C14N refuses them (libxml2 and xmlsec1 fail
 * on one), so a signature over a document declaring one verifies here and nowhere else.
 */
function isAbsoluteUri(value: string): boolean {
  return URI_CHARACTERS.test(value) && SCHEME_THEN_COLON.test(value);
}
