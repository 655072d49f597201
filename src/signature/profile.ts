import { finding, type Finding } from '../findings.js';
import { compactBase64 } from '../duis/lexical.js';
import { ALGORITHMS, XMLDSIG_NAMESPACE } from './algorithms.js';
import type { CanonicalizationMode } from './canonicalize.js';
import { NODE, isXmlWhitespace } from './dom.js';

/** What the verifier needs from a Signature that follows the DUIS profile. */
export interface SignatureParts {
  readonly signature: Element;
  readonly signedInfo: Element;
  /** How the document is canonicalised before digesting: the Reference's transforms decide. */
  readonly documentMode: CanonicalizationMode;
  readonly digestValue: Buffer;
  readonly signatureValue: Buffer;
  readonly issuerName: string;
  readonly serialNumber: string;
}

export type ProfileResult = { readonly ok: true; readonly parts: SignatureParts } | { readonly ok: false; readonly finding: Finding };

/** Nesting far beyond any DUIS request (6 levels); the XML parser's own limit (32 by default) runs first. */
const MAX_DEPTH = 256;

/**
 * Checks the document and its one Signature against the DUIS profile (DOMAIN.md section 6), on the DOM that
 * will be canonicalised, so that what is checked is what is digested:
 *
 * - exactly one `ds:Signature` in the whole document, the last child of the document element (only whitespace
 *   after it); children SignedInfo, SignatureValue, KeyInfo, nothing else (no Object: a place to hide a copy);
 * - SignedInfo: CanonicalizationMethod exc-c14n (no InclusiveNamespaces), SignatureMethod ecdsa-sha256 (no
 *   HMACOutputLength), exactly one Reference with `URI=""`, whose Transforms are exactly enveloped-signature,
 *   optionally followed by exc-c14n, DigestMethod sha256, DigestValue base64 of 32 bytes;
 * - KeyInfo: exactly X509Data/X509IssuerSerial (X509IssuerName, X509SerialNumber). An embedded certificate or a
 *   key value is refused, never used.
 *
 * Comments are tolerated between the elements of the Signature (the RTDS templates carry one), never inside a
 * value (DigestValue, SignatureValue, the issuer/serial): that is where comment-truncation attacks live. No
 * attributes other than Signature/@Id, Reference/@URI and the `Algorithm`s are accepted.
 */
export function checkProfile(document: Document): ProfileResult {
  const scanned = scanDocument(document);
  if ('finding' in scanned) return fail(scanned.finding);
  const { root, signatures } = scanned;
  const rootPath = `/${root.localName}`;

  if (signatures.length === 0) {
    return fail(finding('SIGNATURE_MISSING', { detail: `${rootPath} has no ds:Signature`, path: rootPath }));
  }
  if (signatures.length > 1) {
    return profile(`the document holds ${signatures.length} ds:Signature elements; DUIS allows one`, rootPath, {
      received: signatures.length,
      expected: 1,
    });
  }
  const signature = signatures[0]!;
  const path = `${rootPath}/Signature`;
  if (signature.parentNode !== root) {
    return profile('the ds:Signature is not a child of the document element', pathOf(signature), { expected: path });
  }
  for (let node = signature.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === NODE.TEXT && isXmlWhitespace((node as Text).data)) continue;
    return profile('the ds:Signature is not the last child of the document element', path, {
      received: describe(node),
    });
  }

  try {
    checkAttributes(signature, path, ['Id']);
    const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, path, ['SignedInfo', 'SignatureValue', 'KeyInfo']);

    // SignedInfo
    const signedInfoPath = `${path}/SignedInfo`;
    checkAttributes(signedInfo, signedInfoPath, []);
    const [c14nMethod, signatureMethod, reference] = expectChildren(signedInfo, signedInfoPath, [
      'CanonicalizationMethod',
      'SignatureMethod',
      'Reference',
    ]);
    expectAlgorithm(c14nMethod, `${signedInfoPath}/CanonicalizationMethod`, [ALGORITHMS.exclusiveC14n]);
    expectAlgorithm(signatureMethod, `${signedInfoPath}/SignatureMethod`, [ALGORITHMS.ecdsaSha256]);

    const referencePath = `${signedInfoPath}/Reference`;
    checkAttributes(reference, referencePath, ['URI']);
    const uri = reference.getAttributeNode('URI');
    if (!uri || uri.value !== '') {
      throw new ProfileFault(
        uri ? `Reference URI is '${uri.value}'; DUIS signs the whole document (URI="")` : 'Reference has no URI; DUIS uses URI=""',
        referencePath,
        { expected: '', received: uri ? uri.value : null },
      );
    }
    const [transforms, digestMethod, digestValueElement] = expectChildren(reference, referencePath, [
      'Transforms',
      'DigestMethod',
      'DigestValue',
    ]);
    const transformsPath = `${referencePath}/Transforms`;
    checkAttributes(transforms, transformsPath, []);
    const transformList = elementChildren(transforms, transformsPath);
    const algorithms = transformList.map((transform, index) => {
      const transformPath = `${transformsPath}/Transform[${index + 1}]`;
      if (!isDs(transform, 'Transform')) throw unexpected(transform, transformsPath, 'Transform');
      return expectAlgorithm(transform, transformPath, [ALGORITHMS.envelopedSignature, ALGORITHMS.exclusiveC14n]);
    });
    const expected = `${ALGORITHMS.envelopedSignature} [, ${ALGORITHMS.exclusiveC14n}]`;
    if (
      algorithms.length === 0 ||
      algorithms.length > 2 ||
      algorithms[0] !== ALGORITHMS.envelopedSignature ||
      (algorithms.length === 2 && algorithms[1] !== ALGORITHMS.exclusiveC14n)
    ) {
      throw new ProfileFault(`the transforms are [${algorithms.join(', ')}]; DUIS uses ${expected}`, transformsPath, {
        expected,
        received: algorithms,
      });
    }
    expectAlgorithm(digestMethod, `${referencePath}/DigestMethod`, [ALGORITHMS.sha256]);
    const digestValue = base64Value(digestValueElement, `${referencePath}/DigestValue`);
    if (digestValue.length !== 32) {
      throw new ProfileFault(`DigestValue holds ${digestValue.length} bytes; a SHA-256 digest is 32`, `${referencePath}/DigestValue`, {
        expected: 32,
        received: digestValue.length,
      });
    }

    // SignatureValue: its length is checked by the verifier (a DER-encoded value is an invalid signature).
    const signatureValue = base64Value(signatureValueElement, `${path}/SignatureValue`);

    // KeyInfo
    const keyInfoPath = `${path}/KeyInfo`;
    checkAttributes(keyInfo, keyInfoPath, []);
    const [x509Data] = expectChildren(keyInfo, keyInfoPath, ['X509Data']);
    const x509DataPath = `${keyInfoPath}/X509Data`;
    checkAttributes(x509Data, x509DataPath, []);
    const [issuerSerial] = expectChildren(x509Data, x509DataPath, ['X509IssuerSerial']);
    const issuerSerialPath = `${x509DataPath}/X509IssuerSerial`;
    checkAttributes(issuerSerial, issuerSerialPath, []);
    const [issuerName, serialNumber] = expectChildren(issuerSerial, issuerSerialPath, ['X509IssuerName', 'X509SerialNumber']);

    return {
      ok: true,
      parts: {
        signature,
        signedInfo,
        documentMode: algorithms.length === 2 ? 'exclusive' : 'inclusive',
        digestValue,
        signatureValue,
        issuerName: leafText(issuerName, `${issuerSerialPath}/X509IssuerName`),
        serialNumber: leafText(serialNumber, `${issuerSerialPath}/X509SerialNumber`),
      },
    };
  } catch (error) {
    if (error instanceof ProfileFault) return profile(error.message, error.path, error.params);
    throw error;
  }
}

type Params = Finding['params'];

class ProfileFault extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly params?: Params,
  ) {
    super(message);
  }
}

function fail(f: Finding): ProfileResult {
  return { ok: false, finding: f };
}

function profile(detail: string, path: string, params?: Params): ProfileResult {
  return fail(finding('SIGNATURE_PROFILE', { detail, path, ...(params ? { params } : {}) }));
}

type Scan = { root: Element; signatures: Element[] } | { finding: Finding };

/**
 * One pass over the whole DOM: document-level content, prefixes (xmldom accepts an undeclared prefix, our
 * parser does not: refuse rather than canonicalise a name with no namespace), and every ds:Signature anywhere.
 */
function scanDocument(document: Document): Scan {
  let root: Element | undefined;
  for (let node = document.firstChild; node; node = node.nextSibling) {
    switch (node.nodeType) {
      case NODE.ELEMENT:
        if (root) return { finding: finding('XML_MALFORMED', { detail: 'more than one document element' }) };
        root = node as Element;
        break;
      case NODE.DOCUMENT_TYPE:
        return { finding: finding('XML_DTD_FORBIDDEN', { detail: 'the document has a DOCTYPE' }) };
      case NODE.TEXT:
        if (!isXmlWhitespace((node as Text).data)) {
          return { finding: finding('XML_MALFORMED', { detail: 'character data outside the document element' }) };
        }
        break;
      case NODE.COMMENT:
      case NODE.PROCESSING_INSTRUCTION:
        break;
      default:
        return { finding: finding('XML_MALFORMED', { detail: `unexpected ${describe(node)} at document level` }) };
    }
  }
  if (!root) return { finding: finding('XML_MALFORMED', { detail: 'no document element' }) };

  const signatures: Element[] = [];
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return { finding: finding('XML_TOO_DEEP', { detail: `elements nest deeper than ${MAX_DEPTH} levels` }) };
    if (element.prefix && !element.namespaceURI) {
      return { finding: finding('XML_MALFORMED', { detail: `element ${element.tagName} uses an undeclared namespace prefix` }) };
    }
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes[i]!;
      if (attribute.prefix && attribute.prefix !== 'xmlns' && !attribute.namespaceURI) {
        return { finding: finding('XML_MALFORMED', { detail: `attribute ${attribute.name} uses an undeclared namespace prefix` }) };
      }
    }
    if (isDs(element, 'Signature')) signatures.push(element);
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === NODE.ELEMENT) stack.push([child as Element, depth + 1]);
      else if (child.nodeType !== NODE.TEXT && child.nodeType !== NODE.CDATA && child.nodeType !== NODE.COMMENT && child.nodeType !== NODE.PROCESSING_INSTRUCTION) {
        return { finding: finding('XML_MALFORMED', { detail: `unexpected ${describe(child)} in ${element.tagName}` }) };
      }
    }
  }
  // Document order, for messages.
  signatures.reverse();
  return { root, signatures };
}

function isDs(element: Element, localName: string): boolean {
  return element.namespaceURI === XMLDSIG_NAMESPACE && element.localName === localName;
}

/** Element children; whitespace and comments may sit between them, nothing else. */
function elementChildren(element: Element, path: string): Element[] {
  const children: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === NODE.ELEMENT) children.push(node as Element);
    else if (node.nodeType === NODE.COMMENT) continue;
    else if (node.nodeType === NODE.TEXT && isXmlWhitespace((node as Text).data)) continue;
    else throw new ProfileFault(`${describe(node)} inside ${element.localName}`, path, { received: describe(node) });
  }
  return children;
}

function expectChildren<const N extends readonly string[]>(element: Element, path: string, names: N): { [K in keyof N]: Element } {
  const children = elementChildren(element, path);
  names.forEach((name, index) => {
    const child = children[index];
    if (!child) {
      throw new ProfileFault(`${element.localName} has no ${name}`, path, { expected: name });
    }
    if (!isDs(child, name)) throw unexpected(child, path, name);
  });
  if (children.length > names.length) {
    const extra = children[names.length]!;
    throw new ProfileFault(`${element.localName} has an unexpected ${extra.localName} after ${names.at(-1)}`, `${path}/${extra.localName}`, {
      received: qualified(extra),
    });
  }
  return children as unknown as { [K in keyof N]: Element };
}

function unexpected(child: Element, path: string, expected: string): ProfileFault {
  return new ProfileFault(`found ${qualified(child)} where ds:${expected} belongs`, `${path}/${child.localName}`, {
    expected: `{${XMLDSIG_NAMESPACE}}${expected}`,
    received: qualified(child),
  });
}

function qualified(element: Element): string {
  return `{${element.namespaceURI ?? ''}}${element.localName}`;
}

function checkAttributes(element: Element, path: string, allowed: readonly string[]): void {
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes[i]!;
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
    if (!attribute.namespaceURI && allowed.includes(attribute.localName!)) continue;
    throw new ProfileFault(`${element.localName} carries an unexpected attribute ${attribute.name}`, `${path}/@${attribute.name}`, {
      received: attribute.name,
    });
  }
}

/** Checks `Algorithm` is one of `allowed` and the method element holds no parameters. */
function expectAlgorithm(element: Element, path: string, allowed: readonly string[]): string {
  checkAttributes(element, path, ['Algorithm']);
  const algorithm = element.getAttributeNode('Algorithm')?.value;
  if (algorithm === undefined || !allowed.includes(algorithm)) {
    throw new ProfileFault(
      `${element.localName} Algorithm is ${algorithm === undefined ? 'missing' : `'${algorithm}'`}; DUIS uses ${allowed.join(' or ')}`,
      `${path}/@Algorithm`,
      { expected: allowed, received: algorithm ?? null },
    );
  }
  const parameters = elementChildren(element, path);
  if (parameters.length > 0) {
    throw new ProfileFault(`${element.localName} carries parameters (${parameters[0]!.localName}); DUIS uses none`, `${path}/${parameters[0]!.localName}`, {
      received: qualified(parameters[0]!),
    });
  }
  return algorithm;
}

/** The character data of a value element: text nodes only (no comment, CDATA, PI or element). */
function leafText(element: Element, path: string): string {
  let text = '';
  checkAttributes(element, path, []);
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== NODE.TEXT) {
      throw new ProfileFault(`${describe(node)} inside ${element.localName}; a value holds text only`, path, { received: describe(node) });
    }
    text += (node as Text).data;
  }
  return text;
}

/** xs:base64Binary, as the request model reads it (`compactBase64`), and not empty. */
function base64Value(element: Element, path: string): Buffer {
  const text = leafText(element, path);
  const compact = compactBase64(text);
  if (!compact) {
    throw new ProfileFault(`${element.localName} is not base64`, path, {
      received: text.length > 40 ? `${text.slice(0, 40)}...` : text,
    });
  }
  return Buffer.from(compact, 'base64');
}

function describe(node: Node): string {
  switch (node.nodeType) {
    case NODE.ELEMENT:
      return `element ${(node as Element).tagName}`;
    case NODE.TEXT:
      return 'character data';
    case NODE.CDATA:
      return 'a CDATA section';
    case NODE.COMMENT:
      return 'a comment';
    case NODE.PROCESSING_INSTRUCTION:
      return `processing instruction ${(node as ProcessingInstruction).target}`;
    default:
      return `node type ${node.nodeType}`;
  }
}

function pathOf(element: Element): string {
  const names: string[] = [];
  for (let node: Node | null = element; node && node.nodeType === NODE.ELEMENT; node = node.parentNode) {
    names.push((node as Element).localName!);
  }
  return `/${names.reverse().join('/')}`;
}
