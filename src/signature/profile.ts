import { compactBase64 } from '../duis/lexical.js';
import { finding, type Finding, type FindingParams } from '../findings.js';
import type { XmlElement, XmlNode } from '../xml/tree.js';
import { ALGORITHMS, XMLDSIG_NAMESPACE } from './algorithms.js';
import type { CanonicalizationMode } from './canonicalize.js';

/** What the verifier needs from a Signature that follows the DUIS profile. */
export interface SignatureParts {
  readonly signature: XmlElement;
  readonly signedInfo: XmlElement;
  /** How the document is canonicalised before digesting: the Reference's transforms decide. */
  readonly documentMode: CanonicalizationMode;
  readonly digestValue: Buffer;
  readonly signatureValue: Buffer;
  readonly issuerName: string;
  readonly serialNumber: string;
}

export type ProfileResult = { readonly ok: true; readonly parts: SignatureParts } | { readonly ok: false; readonly finding: Finding };

/**
 * Checks the document and its one Signature against the DUIS profile (docs/domain.md), on the tree that
 * will be canonicalised and validated, so that what is checked is what is digested:
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
export function checkProfile(root: XmlElement): ProfileResult {
  const rootPath = `/${root.localName}`;
  const signatures = findSignatures(root);
  if (signatures.length === 0) {
    return fail(finding('SIGNATURE_MISSING', {}, { path: rootPath }));
  }
  if (signatures.length > 1) {
    return profile(`the document holds ${signatures.length} ds:Signature elements; DUIS allows one`, rootPath, {
      received: signatures.length,
      expected: 1,
    });
  }
  const [signature, signaturePath] = signatures[0]!;
  const path = `${rootPath}/Signature`;
  const index = root.children.indexOf(signature);
  if (index === -1) return profile('the ds:Signature is not a child of the document element', signaturePath, { expected: path });
  for (const node of root.children.slice(index + 1)) {
    if (node.type === 'text' && isXmlWhitespace(node.value)) continue;
    return profile('the ds:Signature is not the last child of the document element', path, { received: describe(node) });
  }

  try {
    checkAttributes(signature, path, ['Id']);
    const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, path, ['SignedInfo', 'SignatureValue', 'KeyInfo']);

    // SignedInfo
    const signedInfoPath = `${path}/SignedInfo`;
    // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
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
    const uri = attributeValue(reference, 'URI');
    if (uri !== '') {
      throw new ProfileFault(
        uri !== undefined ? `Reference URI is '${uri}'; DUIS signs the whole document (URI="")` : 'Reference has no URI; DUIS uses URI=""',
        referencePath,
        { expected: '', received: uri ?? null },
      );
    }
    const [transforms, digestMethod, digestValueElement] = expectChildren(reference, referencePath, [
      'Transforms',
      'DigestMethod',
      'DigestValue',
    ]);
    const transformsPath = `${referencePath}/Transforms`;
    // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
    checkAttributes(transforms, transformsPath, []);
    const transformList = elementChildren(transforms, transformsPath);
    const algorithms = transformList.map((transform, position) => {
      const transformPath = `${transformsPath}/Transform[${position + 1}]`;
      if (!isDs(transform, 'Transform')) throw unexpected(transform, transformsPath, 'Transform');
      return expectAlgorithm(transform, transformPath, [ALGORITHMS.envelopedSignature, ALGORITHMS.exclusiveC14n]);
    });
    const expected = `${ALGORITHMS.envelopedSignature} [, ${ALGORITHMS.exclusiveC14n}]`;
    if (
      // Stryker disable next-line ConditionalExpression: an empty list also fails the next test (algorithms[0] is undefined, not enveloped-signature), with the same finding
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
    // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
    checkAttributes(keyInfo, keyInfoPath, []);
    const [x509Data] = expectChildren(keyInfo, keyInfoPath, ['X509Data']);
    const x509DataPath = `${keyInfoPath}/X509Data`;
    // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
    checkAttributes(x509Data, x509DataPath, []);
    const [issuerSerial] = expectChildren(x509Data, x509DataPath, ['X509IssuerSerial']);
    const issuerSerialPath = `${x509DataPath}/X509IssuerSerial`;
    // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
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

type Params = { readonly expected?: FindingParams<'SIGNATURE_PROFILE'>['expected']; readonly received?: FindingParams<'SIGNATURE_PROFILE'>['received'] };

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
  // Stryker disable next-line OptionalChaining: every caller passes params (ProfileFault always carries them), so params is never undefined here
  return fail(finding('SIGNATURE_PROFILE', { reason: detail, expected: params?.expected ?? null, received: params?.received ?? null }, { path }));
}

/** Every ds:Signature anywhere in the tree, in document order, with its path. Iterative: depth is the parser's. */
function findSignatures(root: XmlElement): [XmlElement, string][] {
  const found: [XmlElement, string][] = [];
  const stack: [XmlElement, string][] = [[root, `/${root.localName}`]];
  while (stack.length > 0) {
    const [element, path] = stack.pop()!;
    if (isDs(element, 'Signature')) found.push([element, path]);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (child.type === 'element') stack.push([child, `${path}/${child.localName}`]);
    }
  }
  return found;
}

/** Whether a ds:Signature element stands anywhere in the tree. */
export function containsSignature(element: XmlElement): boolean {
  if (isDs(element, 'Signature')) return true;
  for (const child of element.children) if (child.type === 'element' && containsSignature(child)) return true;
  return false;
}

function isDs(element: XmlElement, localName: string): boolean {
  return element.namespace === XMLDSIG_NAMESPACE && element.localName === localName;
}

/** Whitespace as XML defines it (S production). */
function isXmlWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** Element children; whitespace and comments may sit between them, nothing else. */
function elementChildren(element: XmlElement, path: string): XmlElement[] {
  const children: XmlElement[] = [];
  for (const node of element.children) {
    if (node.type === 'element') children.push(node);
    else if (node.type === 'comment') continue;
    else if (node.type === 'text' && isXmlWhitespace(node.value)) continue;
    else throw new ProfileFault(`${describe(node)} inside ${element.localName}`, path, { received: describe(node) });
  }
  return children;
}

function expectChildren<const N extends readonly string[]>(element: XmlElement, path: string, names: N): { [K in keyof N]: XmlElement } {
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
  return children as unknown as { [K in keyof N]: XmlElement };
}

function unexpected(child: XmlElement, path: string, expected: string): ProfileFault {
  return new ProfileFault(`found ${qualified(child)} where ds:${expected} belongs`, `${path}/${child.localName}`, {
    expected: `{${XMLDSIG_NAMESPACE}}${expected}`,
    received: qualified(child),
  });
}

function qualified(element: XmlElement): string {
  return `{${element.namespace ?? ''}}${element.localName}`;
}

function attributeValue(element: XmlElement, localName: string): string | undefined {
  return element.attributes.find((a) => a.namespace === null && a.localName === localName)?.value;
}

function checkAttributes(element: XmlElement, path: string, allowed: readonly string[]): void {
  for (const attribute of element.attributes) {
    if (attribute.namespace === null && allowed.includes(attribute.localName)) continue;
    throw new ProfileFault(`${element.localName} carries an unexpected attribute ${attribute.name}`, `${path}/@${attribute.name}`, {
      received: attribute.name,
    });
  }
}

/** Checks `Algorithm` is one of `allowed` and the method element holds no parameters. */
function expectAlgorithm(element: XmlElement, path: string, allowed: readonly string[]): string {
  checkAttributes(element, path, ['Algorithm']);
  const algorithm = attributeValue(element, 'Algorithm');
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
function leafText(element: XmlElement, path: string): string {
  let text = '';
  // Stryker disable next-line ArrayDeclaration: an attribute named "Stryker was here" cannot exist (an XML Name has no spaces), so any attribute is still refused
  checkAttributes(element, path, []);
  for (const node of element.children) {
    if (node.type !== 'text') {
      throw new ProfileFault(`${describe(node)} inside ${element.localName}; a value holds text only`, path, { received: describe(node) });
    }
    text += node.value;
  }
  return text;
}

/** xs:base64Binary, as the request model reads it (`compactBase64`), and not empty. */
function base64Value(element: XmlElement, path: string): Buffer {
  const text = leafText(element, path);
  const compact = compactBase64(text);
  if (!compact) {
    throw new ProfileFault(`${element.localName} is not base64`, path, {
      received: text.length > 40 ? `${text.slice(0, 40)}...` : text,
    });
  }
  return Buffer.from(compact, 'base64');
}

function describe(node: XmlNode): string {
  switch (node.type) {
    case 'element':
      return `element ${node.name}`;
    case 'text':
      return 'character data';
    case 'cdata':
      return 'a CDATA section';
    case 'comment':
      return 'a comment';
    case 'pi':
      return `processing instruction ${node.target}`;
  }
}
