/**
 * fast-check arbitraries shared by the property tests and the campaign: inputs from nothing (strings, bytes,
 * arbitrary XML trees) and the setups (context and options) a validation runs under.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import type { ValidateOptions, ValidationContext } from '../../src/index.js';
import { createSignerStore, type SignerStore } from '../../src/signature/index.js';
import { exampleContext } from '../support/fixtures.js';
import { DS_NAMESPACE, ELEMENT_NAMES, SR_NAMESPACE, XSI_NAMESPACE } from './mutators.js';
import type { Setup } from './invariants.js';

// ---- arbitrary XML ------------------------------------------------------------------------------------------------

const SPECIAL = ['<', '>', '&', '&amp;', '&lt;', '&#13;', '&#x0;', '&#xD800;', '&#1114112;', '&foo;', '&#65;', ']]>', '"', "'", '\u0000', '\u0001', '\uFFFE', '\uD800', '\uFEFF', '--', '<!--', '<?', '?>', '<![CDATA['];
const textArbitrary = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.string({ maxLength: 6 }) },
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
      { weight: 6, arbitrary: fc.constantFrom(...SPECIAL) },
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

const nameArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('sr:', '', 'ds:', 'zz:'), fc.constantFrom(...ELEMENT_NAMES)).map(([p, n]) => p + n) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9._-]{0,6}(?::[A-Za-z_][A-Za-z0-9._-]{0,6})?$/) },
  { weight: 1, arbitrary: fc.constantFrom('xmlns:x', 'a:b:c', '1bad', '-x', 'x y', '', ':x', 'x:', 'xml', 'XML:x', '__proto__', 'é', 'sr:__proto__') },
);

const attributeArbitrary = fc.tuple(
  fc.oneof(
    fc.constantFrom('schemaVersion', 'xmlns', 'xmlns:sr', 'xmlns:ds', 'xmlns:xsi', 'xmlns:xml', 'xmlns:xmlns', 'xsi:type', 'xsi:nil', 'xsi:schemaLocation', 'xml:lang', 'Id', '__proto__', 'constructor', 'sr:a', 'zz:a'),
    fc.stringMatching(/^[a-z]{1,4}$/),
  ),
  fc.oneof(fc.constantFrom(SR_NAMESPACE, DS_NAMESPACE, XSI_NAMESPACE, '5.4', '', 'true'), textArbitrary),
  fc.constantFrom('"', "'"),
);

const leafArbitrary = fc.oneof(
  { weight: 4, arbitrary: textArbitrary },
  { weight: 1, arbitrary: textArbitrary.map((t) => `<!--${t}-->`) },
  { weight: 1, arbitrary: textArbitrary.map((t) => `<![CDATA[${t}]]>`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('pi', 'xml', 'XML', 'x-y', ''), textArbitrary).map(([target, t]) => `<?${target} ${t}?>`) },
);

interface Tree {
  node: string;
  element: string;
}

const tree = fc.letrec<Tree>((tie) => ({
  node: fc.oneof({ depthSize: 'small', maxDepth: 6 }, { weight: 1, arbitrary: leafArbitrary }, { weight: 2, arbitrary: tie('element') as fc.Arbitrary<string> }),
  element: fc
    .tuple(nameArbitrary, fc.array(attributeArbitrary, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
    .map(([name, attributes, children, selfClose]) => {
      const open = `<${name}${attributes.map(([n, v, q]) => ` ${n}=${q}${v}${q}`).join('')}`;
      return children.length === 0 && selfClose ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
    }),
}));

const prologArbitrary = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?>', '\uFEFF', '<!-- c -->', ' ') },
  // Rare: a declaration ends validation before parsing (XML_DTD_FORBIDDEN) and would hide everything else.
  { weight: 1, arbitrary: fc.constantFrom('<!DOCTYPE r>', '<!DOCTYPE r [<!ENTITY x "y">]>') },
);

/** Arbitrary documents: mostly an `sr:Request` root with declared namespaces and arbitrary content, sometimes any tree. */
export const xmlDocumentArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(prologArbitrary, fc.array(tree.node, { maxLength: 5 }), fc.constantFrom('', '\n', '<!-- t -->', 'x'))
      .map(([prolog, children, epilog]) => `${prolog}<sr:Request xmlns:sr="${SR_NAMESPACE}" xmlns:ds="${DS_NAMESPACE}" schemaVersion="5.4">${children.join('')}</sr:Request>${epilog}`),
  },
  { weight: 1, arbitrary: fc.tuple(prologArbitrary, tree.element).map(([prolog, root]) => prolog + root) },
);

/** Arbitrary strings, biased towards XML-looking ones. */
export const stringInputArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...SPECIAL, '<sr:Request>', '</sr:Request>', `xmlns:sr="${SR_NAMESPACE}"`), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join('')),
);

// ---- setups -------------------------------------------------------------------------------------------------------

/** The MPAN rule code some setups configure instead of the default (must be reported as is). */
export const CUSTOM_MPAN_RULE_CODE = 'E061599';

/** Contexts a setup may name (JSON-serialisable by name, for saved regression inputs). */
export const CONTEXTS = {
  example: () => exampleContext() as ValidationContext,
  none: () => undefined,
  'example-without-now': () => {
    const { now: _now, ...rest } = exampleContext();
    return rest as ValidationContext;
  },
} as const satisfies Record<string, () => ValidationContext | undefined>;

export type ContextName = keyof typeof CONTEXTS;

/** A setup as plain data: what `scripts/fuzz.ts` writes next to a failing input, and the replay reads back. */
export interface SetupSpec {
  readonly context: ContextName;
  /** Options, except `signers`. */
  readonly options: ValidateOptions;
  /** Configure the fixture XML-signing certificates as `signers` (every request must then be signed). */
  readonly signers?: boolean;
}

const built = new Map<ContextName, ValidationContext | undefined>();
let signerStore: SignerStore | undefined;

/** The User XML-signing certificates of the test PKI (`fixtures/pki/xml-sign-*.pem`), as a signer store. */
export function fixtureSigners(): SignerStore {
  if (!signerStore) {
    const dir = new URL('../../fixtures/pki/', import.meta.url);
    const pems = readdirSync(dir)
      .filter((f) => /^xml-sign-.*(?<!\.key)\.pem$/.test(f))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'));
    signerStore = createSignerStore(pems);
  }
  return signerStore;
}

/** The setup a spec names. Contexts are built once per name (the library indexes a context object once). */
export function toSetup(spec: SetupSpec): Setup {
  if (!built.has(spec.context)) built.set(spec.context, CONTEXTS[spec.context]());
  const context = built.get(spec.context);
  const options = spec.signers ? { ...spec.options, signers: fixtureSigners() } : spec.options;
  return { ...(context ? { context } : {}), options };
}

export const setupSpecArbitrary: fc.Arbitrary<SetupSpec> = fc.record({
  context: fc.constantFrom(...(Object.keys(CONTEXTS) as ContextName[])),
  signers: fc.boolean(),
  options: fc.record(
    {
      mode: fc.constantFrom('first' as const, 'all' as const),
      profile: fc.constantFrom('strict' as const, 'dcc' as const),
      mpanRuleCode: fc.constantFrom(CUSTOM_MPAN_RULE_CODE),
      checkValidity: fc.boolean(),
      limits: fc.constantFrom({ maxDepth: 8 }, { maxBytes: 4096 }, { maxBytes: 16 * 1024, maxDepth: 12 }),
    },
    { requiredKeys: ['mode', 'profile'] },
  ) as fc.Arbitrary<ValidateOptions>,
});

export const setupArbitrary: fc.Arbitrary<Setup> = setupSpecArbitrary.map(toSetup);
