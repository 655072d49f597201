/**
 * A namespace-resolved XML tree: the only shape of a document the rest of the library sees. The structural
 * checks, the rules and the signature's canonicalisation all read this one tree, built by one conformant parser.
 */
export interface XmlAttribute {
  /** Resolved namespace URI; `null` for an unprefixed attribute (attributes do not take the default namespace). */
  readonly namespace: string | null;
  readonly localName: string;
  /** The prefix as written; `''` for an unprefixed attribute. */
  readonly prefix: string;
  /** Qualified name as written, e.g. `xsi:schemaLocation` or `schemaVersion`. */
  readonly name: string;
  /** The normalised attribute value (references decoded, whitespace characters turned into spaces). */
  readonly value: string;
}

/** A namespace declaration (`xmlns="..."` or `xmlns:p="..."`) as written on an element. */
export interface XmlNamespaceDeclaration {
  /** `''` for the default namespace. */
  readonly prefix: string;
  readonly uri: string;
}

/** An element, with its namespace resolved to a URI. */
export interface XmlElement {
  readonly type: 'element';
  /** Resolved namespace URI, or `null` when the element is in no namespace. */
  readonly namespace: string | null;
  readonly localName: string;
  /** The prefix as written; `''` when the element takes the default namespace (or none). */
  readonly prefix: string;
  /** Qualified name as written, e.g. `sr:Body`. */
  readonly name: string;
  /** Attributes in document order; namespace declarations are not among them (see `namespaces`). */
  readonly attributes: readonly XmlAttribute[];
  /** The namespace declarations written on this element, in document order. */
  readonly namespaces: readonly XmlNamespaceDeclaration[];
  readonly children: readonly XmlNode[];
}

/** Character data: `text` for ordinary text, `cdata` for a CDATA section. Both carry the decoded characters. */
export interface XmlText {
  readonly type: 'text' | 'cdata';
  readonly value: string;
}

/** A comment: `value` is the text between `<!--` and `-->`. */
export interface XmlComment {
  readonly type: 'comment';
  readonly value: string;
}

/** A processing instruction `<?target data?>`. */
export interface XmlProcessingInstruction {
  readonly type: 'pi';
  readonly target: string;
  /** Everything after the whitespace that follows the target; `''` when there is none. */
  readonly data: string;
}

/** A comment or processing instruction: the only nodes allowed outside the document element. */
export type XmlMisc = XmlComment | XmlProcessingInstruction;

/** Any node of the tree. */
export type XmlNode = XmlElement | XmlText | XmlMisc;

/** A whole document: the document element and the comments and processing instructions around it. */
export interface XmlDocument {
  readonly root: XmlElement;
  /** Comments and processing instructions before the document element (the XML declaration is not one). */
  readonly prolog: readonly XmlMisc[];
  /** Comments and processing instructions after the document element. */
  readonly epilog: readonly XmlMisc[];
}
