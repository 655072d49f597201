/** Test helpers over the library's one tree. */
import { parseXml, type XmlLimits } from '../../src/xml/parse-xml.js';
import type { XmlDocument, XmlElement } from '../../src/xml/tree.js';

/** Parses with the library's parser and fails the test on a finding. */
export function parseTree(xml: string, limits: Partial<XmlLimits> = {}): XmlDocument & { text: string } {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) throw new Error(`the test document does not parse: ${parsed.error.message}`);
  return parsed;
}

/** Every element with this expanded name, in document order. */
export function elementsNamed(root: XmlElement, namespace: string, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement): void => {
    if (element.namespace === namespace && element.localName === localName) found.push(element);
    for (const child of element.children) if (child.type === 'element') walk(child);
  };
  walk(root);
  return found;
}
