import type { Finding } from '../findings.js';
import type { XmlElement } from '../xml/tree.js';
import type { ServiceVariant } from './catalogue.js';
import { BODY_ELEMENTS } from './body-elements.js';
import { checkNoAttributes, describeElement, matchSequence, one, violation, type Particle, sr } from './content.js';
import { readHeader } from './header.js';
import { collapse, isDecimal } from './lexical.js';
import type { RequestHeader } from './model.js';
import { DUIS_NAMESPACE, XMLDSIG_NAMESPACE } from './namespaces.js';

// DUIS XSD V5.4 `Request`.
const REQUEST: readonly Particle[] = [sr('Header'), sr('Body'), { namespace: XMLDSIG_NAMESPACE, localName: 'Signature', min: 0, max: 1 }];
const ds = (localName: string, min = 1, max = 1): Particle => ({ namespace: XMLDSIG_NAMESPACE, localName, min, max });
// XML-DSig core schema `SignatureType`. The DUIS profile inside it is the signature verifier's business.
const SIGNATURE: readonly Particle[] = [ds('SignedInfo'), ds('SignatureValue'), ds('KeyInfo', 0), ds('Object', 0, Infinity)];

/** What every DUIS request shares: the root, the Header, the one body element and the signature. */
export interface Envelope {
  readonly schemaVersion: string;
  readonly header: RequestHeader;
  readonly service: ServiceVariant;
  /** The one element of `Body` (a DUIS body such as `UpdateSecurityCredentialsKRP`), not yet read. */
  readonly body: XmlElement;
  readonly bodyPath: string;
  readonly signature?: XmlElement;
}

/**
 * Reads `Request` as DUIS XSD V5.4 types it, up to the body: `schemaVersion`, the Header, a Body holding one
 * element of the DUIS namespace (the schema's choice of every service's body), and the optional `ds:Signature`.
 * The body's own content is its service's business.
 */
export function readEnvelope(root: XmlElement, findings: Finding[]): Envelope | undefined {
  if (root.localName !== 'Request' || root.namespace !== DUIS_NAMESPACE) {
    findings.push(violation('/', 'root', `{${DUIS_NAMESPACE}}Request`, describeElement(root)));
    return undefined;
  }
  const path = '/Request';
  if (!checkNoAttributes(root, path, findings, ['schemaVersion'])) return undefined;
  const schemaVersion = root.attributes.find((a) => a.namespace === null && a.localName === 'schemaVersion');
  if (!schemaVersion) {
    findings.push(violation(path, 'missing-attribute', 'schemaVersion'));
    return undefined;
  }
  if (!isDecimal(schemaVersion.value)) {
    findings.push(violation(`${path}/@schemaVersion`, 'value', 'an xs:decimal', schemaVersion.value));
    return undefined;
  }
  const parts = matchSequence(root, path, REQUEST, findings);
  if (!parts) return undefined;
  const header = readHeader(one(parts, 'Header'), `${path}/Header`, findings);
  if (!header) return undefined;
  const bodyElement = one(parts, 'Body');
  if (!checkNoAttributes(bodyElement, `${path}/Body`, findings)) return undefined;
  const body = onlyDuisChild(bodyElement, `${path}/Body`, findings);
  if (!body) return undefined;
  const signature = parts.get('Signature')?.[0];
  if (signature && !checkSignatureShape(signature, `${path}/Signature`, findings)) return undefined;
  return {
    schemaVersion: collapse(schemaVersion.value),
    ...header,
    body,
    bodyPath: `${path}/Body/${body.localName}`,
    ...(signature ? { signature } : {}),
  };
}

/** The Body's one element: one of the schema's choice of every DUIS body (`body-elements.ts`). */
function onlyDuisChild(body: XmlElement, path: string, findings: Finding[]): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const node of body.children) {
    if ((node.type === 'text' || node.type === 'cdata') && /[^\t\n\r ]/.test(node.value)) {
      findings.push(violation(path, 'character-data'));
      return undefined;
    }
    if (node.type !== 'element') continue;
    if (found || node.namespace !== DUIS_NAMESPACE || !BODY_ELEMENTS.has(node.localName)) {
      findings.push(violation(path, 'unexpected-element', null, describeElement(node)));
      return undefined;
    }
    found = node;
  }
  if (!found) findings.push(violation(path, 'missing-element', 'a DUIS request body', null));
  return found;
}

function checkSignatureShape(signature: XmlElement, path: string, findings: Finding[]): boolean {
  return checkNoAttributes(signature, path, findings, ['Id']) && matchSequence(signature, path, SIGNATURE, findings) !== undefined;
}
