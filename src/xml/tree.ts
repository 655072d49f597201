/** A namespace-resolved XML tree: the only shape of a document the rest of the library sees. */
export interface XmlAttribute {
  /** Resolved namespace URI; `null` for an unprefixed attribute (attributes do not take the default namespace). */
  readonly namespace: string | null;
  readonly localName: string;
  /** Qualified name as written, e.g. `xmlns:sr` or `schemaVersion`. */
  readonly name: string;
  /** Entity and character references decoded. */
  readonly value: string;
}

/** An element, with its namespace resolved to a URI. */
export interface XmlElement {
  readonly type: 'element';
  /** Resolved namespace URI, or `null` when the element is in no namespace. */
  readonly namespace: string | null;
  readonly localName: string;
  /** Qualified name as written, e.g. `sr:Body`. */
  readonly name: string;
  /** Namespace declarations (`xmlns`, `xmlns:*`) are excluded. */
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  /** `text` for character data, `cdata` for a CDATA section (both carry decoded text). */
  readonly type: 'text' | 'cdata';
  readonly value: string;
}

export interface XmlMisc {
  readonly type: 'comment' | 'pi';
  readonly value: string;
}

/** Any node of the tree. */
export type XmlNode = XmlElement | XmlText | XmlMisc;
