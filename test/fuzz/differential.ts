/**
 * Differential testing of our structural checks (`parseRequest(...).ok`) against DCC's DUIS XML Schema V5.4 run
 * through libxml2 (xmllint-wasm, `test/support/xmllint.ts`). Used by `xsd-differential.test.ts` (CI, fixed seed)
 * and `scripts/fuzz.ts` (long campaign).
 *
 * Our structure check is meant to agree exactly with the XSD for 6.15.1 documents. Every disagreement is a bug,
 * unless it is one of the EXCEPTIONS below: each names where we are deliberately stricter, where the document is out
 * of this library's scope, or where libxml2 departs from the W3C Recommendations and we follow them. Each exception
 * carries an example that `xsd-differential.test.ts` pins against both verdicts.
 */
import fc from 'fast-check';
import { parseRequest, type Finding, type ParseRequestResult } from '../../src/index.js';
import { compactBase64 } from '../../src/duis/lexical.js';
import type { XmlElement } from '../../src/xml/tree.js';
import { validateWithOfficialSchema, type SchemaVerdict } from '../support/xmllint.js';
import { applyMutations, applyRewrites, mutationArbitrary, rewriteArbitrary, type Mutation, type Rewrite } from './mutators.js';
import type { Seed } from './seeds.js';

export interface Mutant {
  readonly id: string;
  readonly seed: string;
  /** Structural mutations, or semantics-preserving rewrites (then the XSD must still accept it). */
  readonly edits: { readonly mutations: readonly Mutation[] } | { readonly rewrites: readonly Rewrite[] };
  readonly xml: string;
}

/** Four mutants in five are structural mutations (1-3 edits), one in five a chain of semantics-preserving rewrites. */
export function mutantArbitrary(seeds: readonly Seed[]): fc.Arbitrary<{ seedIndex: number; edits: Mutant['edits'] }> {
  const seedIndex = fc.nat({ max: seeds.length - 1 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ seedIndex, edits: fc.record({ mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }) }) }) },
    { weight: 1, arbitrary: fc.record({ seedIndex, edits: fc.record({ rewrites: fc.array(rewriteArbitrary, { minLength: 1, maxLength: 4 }) }) }) },
  );
}

export function buildMutant(seeds: readonly Seed[], id: string, seedIndex: number, edits: Mutant['edits']): Mutant {
  const seed = seeds[seedIndex]!;
  const xml = 'mutations' in edits ? applyMutations(seed.doc, edits.mutations) : applyRewrites(seed.doc, edits.rewrites);
  return { id, seed: seed.name, edits, xml };
}

/** `count` mutants, reproducible from `seed`. */
export function generateMutants(seeds: readonly Seed[], count: number, seed: number, prefix = 'm'): Mutant[] {
  return fc
    .sample(mutantArbitrary(seeds), { seed, numRuns: count })
    .map(({ seedIndex, edits }, i) => buildMutant(seeds, `${prefix}${i}`, seedIndex, edits));
}

// ---- exceptions -----------------------------------------------------------------------------------------------

export type ExceptionKind =
  | 'deliberately stricter'
  | 'out of scope'
  | 'libxml2 departs from the W3C Recommendation'
  | 'libxml2 implementation limit';

export interface ExceptionContext {
  readonly xml: string;
  readonly ours: ParseRequestResult;
  readonly xsd: SchemaVerdict;
}

export interface Exception {
  readonly name: string;
  readonly kind: ExceptionKind;
  readonly why: string;
  /** We reject and libxml2 accepts: does this exception explain this one finding of ours? */
  readonly explainsFinding?: (finding: Finding, context: ExceptionContext) => boolean;
  /** We accept and libxml2 rejects: does this exception explain this one libxml2 error? */
  readonly explainsError?: (error: string, context: ExceptionContext) => boolean;
  /** A document (derived from a valid base request) that shows the exception. */
  readonly example: (base: string) => string;
}

const XML_WHITESPACE = /^[\t\n\r ]/;

function elementAtPath(root: XmlElement | undefined, path: string | undefined): XmlElement | undefined {
  if (!root || !path?.startsWith('/')) return undefined;
  const [first, ...rest] = path.slice(1).split('/');
  if (first !== root.localName) return undefined;
  let current: XmlElement = root;
  for (const segment of rest) {
    const m = /^([^[\]@]+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m) return undefined;
    const matches = current.children.filter((c): c is XmlElement => c.type === 'element' && c.localName === m[1]);
    const next = matches[(m[2] ? Number(m[2]) : 1) - 1];
    if (!next) return undefined;
    current = next;
  }
  return current;
}

function textOf(element: XmlElement): string {
  return element.children.map((c) => (c.type === 'text' || c.type === 'cdata' ? c.value : '')).join('');
}

/** The prefix of the first element named `local` in `xml` (the document's own spelling), or `sr:`. */
function prefixFor(xml: string, local: string): string {
  return new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>]`).exec(xml)?.[1] ?? '';
}

// The elements every request shares (DUIS XSD V5.4 Request/Header), which a generic reading checks.
const ENVELOPE_ELEMENTS = new Set(['Request', 'Header', 'Body', 'RequestID', 'FirstInSequence', 'PrecedingServiceRequestID', 'CommandVariant', 'ServiceReference', 'ServiceReferenceVariant']);

const errorLine = (error: string): number | undefined => {
  const line = /\bline (\d+)\b/.exec(error)?.[1];
  return line === undefined ? undefined : Number(line);
};

/** Whether `line` lies strictly inside the Body element's content, by the document's own text. */
function insideBody(xml: string, line: number | undefined): boolean {
  if (line === undefined) return false;
  const open = /<([A-Za-z_][\w.-]*:)?Body[\s>]/.exec(xml);
  if (!open) return false;
  const start = xml.indexOf('>', open.index) + 1;
  const end = xml.indexOf(`</${open[1] ?? ''}Body>`, start);
  if (start === 0 || end < 0) return false;
  const lineOf = (offset: number) => xml.slice(0, offset).split('\n').length;
  const firstChild = xml.indexOf('<', start);
  return line >= lineOf(firstChild) && line <= lineOf(end);
}

export const EXCEPTIONS: readonly Exception[] = [
  {
    name: 'generic-body-not-validated',
    kind: 'out of scope',
    why:
      'a body of an SRV no service validates in depth (another SRV, or a 6.15.1 body other than ' +
      'UpdateSecurityCredentialsKRP) is read generically: the envelope is checked, the body is not ' +
      "(coverage 'generic'); the XSD checks every body",
    explainsError: (error, { ours, xml }) => {
      if (!ours.ok || ours.coverage !== 'generic') return false;
      const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(error)?.[1];
      if (element === undefined) return false;
      // A body element may be renamed to an envelope name (FirstInSequence inside the body): judge by where it is.
      return !ENVELOPE_ELEMENTS.has(element) || insideBody(xml, errorLine(error));
    },
    example: (base) => base.replace(/<([\w.-]+:)?RemotePartyRole>[^<]*</, '<$1RemotePartyRole>NotARole<').replace(/>6\.15\.1</, '>6.15.2<'),
  },
  {
    name: 'service-reference-pair',
    kind: 'deliberately stricter',
    why:
      'DUIS defines each Service Reference Variant under one Service Reference (6.23 under 6.23, not 6.15); the XSD ' +
      'enumerates the two independently, so it accepts a pair no User can send. We answer SERVICE_NOT_SUPPORTED',
    explainsFinding: (f) => f.code === 'SERVICE_NOT_SUPPORTED',
    example: (base) => base.replace(/>6\.15\.1</, '>6.23<'),
  },
  {
    name: 'dtd-refused',
    kind: 'deliberately stricter',
    why:
      'a DOCTYPE or an entity/element/attribute-list/notation declaration is refused before parsing (XML_DTD_FORBIDDEN), ' +
      'even inside a comment: the scan is textual so that no declaration ever reaches the parser; DUIS requests have none',
    explainsFinding: (f) => f.code === 'XML_DTD_FORBIDDEN',
    example: (base) => base.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}<!DOCTYPE Request>`),
  },
  {
    name: 'declared-encoding',
    kind: 'deliberately stricter',
    why:
      'input is always read as UTF-8, as DUIS requests are: a document declaring another encoding (ISO-8859-1...) ' +
      'would be misread if it held a non-ASCII character, so the declaration is refused',
    explainsFinding: (f) => f.code === 'XML_MALFORMED' && f.message.includes('DUIS requests are read as UTF-8'),
    example: (base) => base.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>'),
  },
  {
    name: 'xsi-type',
    kind: 'deliberately stricter',
    why:
      'xsi:type naming the declared type (or a built-in it restricts) is schema-valid, but no DUIS request needs it and ' +
      'honouring it means resolving QNames in attribute values: any attribute other than xsi:schemaLocation is refused',
    explainsFinding: (f) => f.code === 'SCHEMA_VIOLATION' && /attribute [\w:]*type is not allowed/.test(f.message),
    example: (base) =>
      base.replace(
        /<([\w.-]+:)?ApplyTimeBasedCPVChecks>/,
        '<$1ApplyTimeBasedCPVChecks xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:boolean">',
      ),
  },
  {
    name: 'limits',
    kind: 'deliberately stricter',
    why: 'inputs over the size limit (64 KiB), nesting deeper than the depth limit (32) or with more than 16 attributes on one element are refused before parsing; the XSD has no such limits',
    explainsFinding: (f) => f.code === 'XML_TOO_LARGE' || f.code === 'XML_TOO_DEEP' || f.code === 'XML_TOO_MANY_ATTRIBUTES',
    example: (base) => base.replace(/(<([\w.-]+:)?Header>)/, `$1<!--${' '.repeat(70_000)}-->`),
  },
  {
    name: 'signature-internals',
    kind: 'out of scope',
    why:
      "parseRequest checks the ds:Signature element's own children (SignedInfo, SignatureValue, KeyInfo?, Object*); " +
      'what is inside them is the signature verifier\'s business (src/signature, SIGNATURE_PROFILE), as parse-request.ts ' +
      'says. Recognised by validating the document again without its ds:Signature: libxml2 then accepts it',
    // Decided in `judge` by re-validating without the signature.
    example: (base) =>
      base.replace(
        /(<\/([\w.-]+:)?Request>\s*)$/,
        `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/><ds:SignatureValue>QUJD</ds:SignatureValue></ds:Signature>$1`,
      ),
  },
  {
    name: 'libxml2-base64-skips-non-alphabet',
    kind: 'libxml2 departs from the W3C Recommendation',
    why:
      'libxml2 ignores characters outside the base64 alphabet in xs:base64Binary (e.g. "QU!JD", "@@@"); the XSD 1.0 ' +
      'base64Binary grammar allows only the alphabet, "=" padding and whitespace. We refuse them (SCHEMA_VIOLATION)',
    explainsFinding: (f, { ours }) => {
      if (f.code !== 'SCHEMA_VIOLATION' || f.params?.expected !== 'xs:base64Binary') return false;
      const element = elementAtPath(ours.root, f.path);
      if (!element) return false;
      const text = textOf(element);
      return /[^A-Za-z0-9+/=\t\n\r ]/.test(text) && compactBase64(text.replace(/[^A-Za-z0-9+/=]/g, '')) !== undefined;
    },
    example: (base) => {
      const p = prefixFor(base, 'Certificate');
      return base.replace(new RegExp(`(<${p}Certificate>)([A-Za-z0-9+/]{8})`), '$1$2!');
    },
  },
  {
    name: 'libxml2-datetime-leading-whitespace',
    kind: 'libxml2 departs from the W3C Recommendation',
    why:
      'xs:dateTime has whiteSpace="collapse", so " 2030-01-15T00:00:00Z" is valid; libxml2 (2.13) rejects leading ' +
      'whitespace in xs:dateTime values (it accepts trailing whitespace). We collapse, as the Recommendation says',
    explainsError: (error) => {
      const m = /ExecutionDateTime': '([\s\S]*)' is not a valid value of the atomic type 'xs:dateTime'/.exec(error);
      return m !== null && XML_WHITESPACE.test(m[1]!);
    },
    example: (base) => {
      const p = prefixFor(base, 'RemotePartyRole');
      const withTime = /ExecutionDateTime>/.test(base)
        ? base
        : base.replace(new RegExp(`(<${p}RemotePartyRole>)`), `<${p}ExecutionDateTime>2030-01-15T00:00:00Z</${p}ExecutionDateTime>$1`);
      return withTime.replace(/(ExecutionDateTime>)\s*([0-9])/, '$1 \n  $2');
    },
  },
  {
    name: 'libxml2-datetime-year-range',
    kind: 'libxml2 implementation limit',
    why:
      'xs:dateTime years are unbounded; XSD 1.0 (Part 2, 5.4) lets a processor support only 4 digits. libxml2 as ' +
      'compiled to WebAssembly keeps the year in a 32-bit long and rejects years past 2147483647 (or before ' +
      '-2147483647); we accept any year, as the Recommendation defines the type',
    explainsError: (error) => {
      const m = /ExecutionDateTime': '\s*(-?)(\d+)-[\s\S]*' is not a valid value of the atomic type 'xs:dateTime'/.exec(error);
      return m !== null && BigInt(m[2]!) >= 2147483647n;
    },
    example: (base) => {
      const p = prefixFor(base, 'RemotePartyRole');
      const withTime = /ExecutionDateTime>/.test(base)
        ? base
        : base.replace(new RegExp(`(<${p}RemotePartyRole>)`), `<${p}ExecutionDateTime>2030-01-15T00:00:00Z</${p}ExecutionDateTime>$1`);
      return withTime.replace(/(ExecutionDateTime>)\s*[0-9]+-/, '$12147483648-');
    },
  },
  {
    name: 'libxml2-cdata-in-element-only-content',
    kind: 'libxml2 departs from the W3C Recommendation',
    why:
      'XSD 1.0 (3.4.4, Element Locally Valid (Complex Type) 2.3) allows whitespace character information items in ' +
      'element-only content, whether written as text or in a CDATA section; libxml2 rejects any CDATA section there, ' +
      'even <![CDATA[]]> or <![CDATA[ ]]>. We accept whitespace-only CDATA as we accept whitespace',
    explainsError: (error, { xml }) =>
      /Character content other than whitespace is not allowed because the content type is 'element-only'/.test(error) && xml.includes('<![CDATA['),
    example: (base) => base.replace(/(<([\w.-]+:)?Header>)/, '$1<![CDATA[ ]]>'),
  },
  {
    name: 'namespace-constraints',
    kind: 'libxml2 departs from the W3C Recommendation',
    why:
      'Namespaces in XML 1.0 forbids binding the prefix xml to another name, declaring the prefix xmlns, and ' +
      'undeclaring a prefix (xmlns:p=""): such documents are not namespace-well-formed and we refuse them ' +
      '(XML_MALFORMED); libxml2 reports a namespace error and validates anyway',
    explainsFinding: (f) =>
      f.code === 'XML_MALFORMED' &&
      /prefix must be bound to|may not assign a prefix|default namespace may not be set|attempt to undefine prefix|tags may not have "xmlns"/.test(f.message),
    example: (base) => base.replace(/(<([\w.-]+:)?Header)>/, '$1 xmlns:p="">'),
  },
];

// ---- judging --------------------------------------------------------------------------------------------------

export type Outcome = 'agree' | 'exception' | 'disagree';

export interface Judgement {
  readonly mutant: Mutant;
  readonly oursOk: boolean;
  readonly ours: ParseRequestResult;
  readonly xsd: SchemaVerdict;
  readonly outcome: Outcome;
  /** The exceptions that explain a disagreement (outcome `exception`). */
  readonly exceptions: readonly string[];
}

export interface DifferentialReport {
  readonly judgements: readonly Judgement[];
  readonly total: number;
  readonly agree: number;
  readonly exceptions: ReadonlyMap<string, number>;
  readonly disagreements: readonly Judgement[];
  /** `agree / total`. */
  readonly agreementRate: number;
  /** Mutants libxml2 accepted / we accepted (shows the generator is not only producing garbage). */
  readonly xsdValid: number;
  readonly oursValid: number;
}

/** Removes the last ds:Signature child of the root from the document text, or `undefined` if there is none. */
export function withoutSignature(xml: string, root: XmlElement | undefined): string | undefined {
  if (!root) return undefined;
  const signature = [...root.children].reverse().find((c): c is XmlElement => c.type === 'element' && c.localName === 'Signature');
  if (!signature) return undefined;
  const end = xml.lastIndexOf(`</${root.name}`);
  // The signature is the root's last child: every start tag spelled like its own from its start to the root's end
  // tag belongs to it or to a descendant of the same name. Count those in the tree to find where it starts. Should
  // the count be off (a tag spelled inside a comment), the cut document is not well-formed and libxml2 rejects it:
  // a wrong cut can only fail to excuse a disagreement, never excuse one.
  const sameName = (e: XmlElement): number =>
    (e.name === signature.name ? 1 : 0) + e.children.reduce((n, c) => n + (c.type === 'element' ? sameName(c) : 0), 0);
  const tag = new RegExp(`<${signature.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s/>]`, 'g');
  const starts = [...xml.slice(0, Math.max(0, end)).matchAll(tag)].map((m) => m.index);
  const start = starts[starts.length - sameName(signature)] ?? -1;
  if (start === -1 || end === -1) return undefined;
  return xml.slice(0, start) + xml.slice(end);
}

function explainFindings(context: ExceptionContext): string[] | undefined {
  if (context.ours.ok) return undefined;
  const names = new Set<string>();
  for (const f of context.ours.findings) {
    const exception = EXCEPTIONS.find((e) => e.explainsFinding?.(f, context));
    if (!exception) return undefined;
    names.add(exception.name);
  }
  return [...names];
}

function explainErrors(errors: readonly string[], context: ExceptionContext): string[] | undefined {
  if (errors.length === 0) return undefined;
  const names = new Set<string>();
  for (const error of errors) {
    const exception = EXCEPTIONS.find((e) => e.explainsError?.(error, context));
    if (!exception) return undefined;
    names.add(exception.name);
  }
  return [...names];
}

/** Largest number of documents per xmllint run (one run holds every document in WebAssembly memory at once). */
export const XMLLINT_BATCH = 1000;

async function validateAll(docs: readonly { name: string; xml: string }[]): Promise<SchemaVerdict[]> {
  const out: SchemaVerdict[] = [];
  for (let i = 0; i < docs.length; i += XMLLINT_BATCH) out.push(...(await validateWithOfficialSchema(docs.slice(i, i + XMLLINT_BATCH))));
  return out;
}

/**
 * Checks mutants with both sides and classifies each one. One xmllint run per 1,000 documents: with the mutants go,
 * for every signed mutant we accept, the same document without its ds:Signature, to tell a disagreement inside the
 * signature (an exception) from one outside it.
 */
export async function judge(mutants: readonly Mutant[]): Promise<DifferentialReport> {
  const ours = mutants.map((m) => parseRequest(m.xml));
  const docs = mutants.map((m) => ({ name: m.id, xml: m.xml }));
  const strippedAt = new Map<number, number>();
  mutants.forEach((m, i) => {
    if (!ours[i]!.ok) return;
    const without = withoutSignature(m.xml, ours[i]!.root);
    if (without === undefined) return;
    strippedAt.set(i, docs.length);
    docs.push({ name: `${m.id}-unsigned`, xml: without });
  });
  const verdicts = await validateAll(docs);
  const xsd = verdicts.slice(0, mutants.length);

  const judgements: Judgement[] = mutants.map((mutant, i) => {
    const o = ours[i]!;
    const x = xsd[i]!;
    const context: ExceptionContext = { xml: mutant.xml, ours: o, xsd: x };
    if (o.ok === x.valid) return { mutant, oursOk: o.ok, ours: o, xsd: x, outcome: 'agree', exceptions: [] };
    let explained: string[] | undefined;
    if (!o.ok) {
      explained = explainFindings(context);
    } else {
      explained = explainErrors(x.errors, context);
      const at = strippedAt.get(i);
      const unsigned = at === undefined ? undefined : verdicts[at]!;
      if (!explained && unsigned) {
        const rest = unsigned.valid ? [] : explainErrors(unsigned.errors, { ...context, xml: docs[at!]!.xml, xsd: unsigned });
        if (rest) explained = ['signature-internals', ...rest];
      }
    }
    return { mutant, oursOk: o.ok, ours: o, xsd: x, outcome: explained ? 'exception' : 'disagree', exceptions: explained ?? [] };
  });

  const exceptions = new Map<string, number>();
  for (const j of judgements) for (const name of j.exceptions) exceptions.set(name, (exceptions.get(name) ?? 0) + 1);
  const agree = judgements.filter((j) => j.outcome === 'agree').length;
  return {
    judgements,
    total: judgements.length,
    agree,
    exceptions,
    disagreements: judgements.filter((j) => j.outcome === 'disagree'),
    agreementRate: judgements.length === 0 ? 1 : agree / judgements.length,
    xsdValid: judgements.filter((j) => j.xsd.valid).length,
    oursValid: judgements.filter((j) => j.oursOk).length,
  };
}

/** One line per disagreement, for test failures and the campaign log. */
export function describeDisagreement(j: Judgement): string {
  const ours = j.ours.ok ? 'accepts' : `rejects: ${j.ours.findings.map((f) => f.message).join(' | ')}`;
  const xsd = j.xsd.valid ? 'accepts' : `rejects: ${j.xsd.errors.join(' | ')}`;
  return `${j.mutant.id} from ${j.mutant.seed} via ${JSON.stringify(j.mutant.edits)}\n    ours ${ours}\n    libxml2 ${xsd}`.slice(0, 2000);
}

export function formatReport(report: DifferentialReport): string {
  const exceptions = [...report.exceptions].map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
  return (
    `${report.total} mutants: agree ${report.agree} (${(100 * report.agreementRate).toFixed(2)}%), ` +
    `documented exceptions ${report.total - report.agree - report.disagreements.length} (${exceptions}), ` +
    `disagreements ${report.disagreements.length}; libxml2 valid ${report.xsdValid}, ours valid ${report.oursValid}`
  );
}
