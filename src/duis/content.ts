import type { SchemaProblem } from '../finding-params.js';
import { finding, type Finding } from '../findings.js';
import type { XmlElement } from '../xml/tree.js';
import { DUIS_NAMESPACE, XSI_NAMESPACE } from './namespaces.js';

/** One particle of an xs:sequence: an element name in a namespace with its occurrence bounds. */
export interface Particle {
  readonly namespace: string;
  readonly localName: string;
  readonly min: number;
  readonly max: number;
}

/** A particle in the DUIS namespace (every element of a request is namespace-qualified). */
export const sr = (localName: string, min = 1, max = 1): Particle => ({ namespace: DUIS_NAMESPACE, localName, min, max });

/** The children matched by each particle, by local name; a particle that matched nothing is absent. */
export type Matched = ReadonlyMap<string, readonly XmlElement[]>;

/** `{namespace}local`, how findings name an element. */
export function describeElement(element: XmlElement): string {
  return element.namespace ? `{${element.namespace}}${element.localName}` : element.localName;
}

/** A `SCHEMA_VIOLATION` at `path`. */
export function violation(path: string, problem: SchemaProblem, expected: string | null = null, received: string | null = null): Finding {
  return finding('SCHEMA_VIOLATION', { problem, expected, received }, { path });
}

/**
 * Checks element-only content against an xs:sequence and returns the matched children by local name.
 * Greedy matching is exact here because the DUIS sequences are deterministic (Unique Particle Attribution).
 * Character data other than whitespace is not allowed; comments and processing instructions are.
 */
export function matchSequence(
  element: XmlElement,
  path: string,
  particles: readonly Particle[],
  findings: Finding[],
): Matched | undefined {
  const nodes = element.children;
  for (const node of nodes) {
    if ((node.type === 'text' || node.type === 'cdata') && NOT_WHITESPACE.test(node.value)) {
      findings.push(violation(path, 'character-data'));
      return undefined;
    }
  }
  // One pass over the element children, no intermediate arrays: this runs some twenty times per document.
  const matched = new Map<string, XmlElement[]>();
  let p = 0;
  let count = 0;
  let i = 0;
  for (;;) {
    let child: XmlElement | undefined;
    while (i < nodes.length) {
      const node = nodes[i++]!;
      if (node.type === 'element') {
        child = node;
        break;
      }
    }
    for (;;) {
      const particle = particles[p];
      if (particle === undefined) {
        if (!child) return matched;
        findings.push(violation(path, 'unexpected-element', null, describeElement(child)));
        return undefined;
      }
      if (child && count < particle.max && child.localName === particle.localName && child.namespace === particle.namespace) {
        const list = matched.get(particle.localName);
        if (list) list.push(child);
        else matched.set(particle.localName, [child]);
        count++;
        break;
      }
      if (count < particle.min) {
        findings.push(violation(path, 'missing-element', particle.localName, child ? describeElement(child) : null));
        return undefined;
      }
      p++;
      count = 0;
    }
  }
}

const NOT_WHITESPACE = /[^\t\n\r ]/;

/** The one element `name` matched (a required particle). */
export function one(matched: Matched, name: string): XmlElement {
  return matched.get(name)![0]!;
}

/** The element `name` matched, if any (an optional particle). */
export function optional(matched: Matched, name: string): XmlElement | undefined {
  return matched.get(name)?.[0];
}

/**
 * Character data of a simple-typed element. Comments and processing instructions are dropped, as a schema
 * processor does (`Sup<!---->plier` is `Supplier`); a child element is a violation.
 */
export function simpleContent(element: XmlElement, path: string, findings: Finding[], allowedAttributes: readonly string[] = []): string | undefined {
  if (element.attributes.length > 0 && !checkNoAttributes(element, path, findings, allowedAttributes)) return undefined;
  let text = '';
  for (const node of element.children) {
    if (node.type === 'element') {
      findings.push(violation(path, 'child-element', null, node.localName));
      return undefined;
    }
    if (node.type === 'text' || node.type === 'cdata') text += node.value;
  }
  return text;
}

/** Elements of this schema declare no attributes; xsi:schemaLocation hints are allowed on any element. */
export function checkNoAttributes(element: XmlElement, path: string, findings: Finding[], allowed: readonly string[] = []): boolean {
  for (const attribute of element.attributes) {
    const schemaHint =
      attribute.namespace === XSI_NAMESPACE && /^(?:schemaLocation|noNamespaceSchemaLocation)$/.test(attribute.localName);
    if (schemaHint || (attribute.namespace === null && allowed.includes(attribute.localName))) {
      continue;
    }
    findings.push(violation(path, 'attribute', null, attribute.name));
    return false;
  }
  return true;
}

/** A value outside its datatype: `SCHEMA_VIOLATION` with what was expected and what was received. */
export function invalidValue(path: string, received: string, expected: string): Finding {
  return violation(path, 'value', expected, received);
}
