/**
 * The infoset differential's corpus: every fixture request (unsigned, signed, tampered), all 297 DCC RTDS request
 * templates (read in place from ../shared when present, never copied), and fast-check mutations of them that insert
 * what parser differentials are made of: processing instructions and comments holding quotes, CDATA, stray quotes,
 * character references, Unicode whitespace and name characters, and namespace (re-)declarations, anywhere in the
 * text and at the places where they land in markup (inside start tags, in names, in content).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Subject } from './differential.js';

const here = (relative: string) => new URL(relative, import.meta.url);
export const TEMPLATES = here('../../../shared/reference/duis/templates/');

function load(dir: URL, label: string, filter: (name: string) => boolean = (f) => /\.xml$/i.test(f)): Subject[] {
  const path = fileURLToPath(dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter(filter)
    .sort()
    .map((file) => ({ label: `${label}/${file}`, xml: readFileSync(new URL(file, dir), 'utf8') }));
}

export function fixtureSubjects(): Subject[] {
  return [...load(here('../../fixtures/requests/'), 'fixtures/requests'), ...load(here('../../fixtures/signed/'), 'fixtures/signed')];
}

/** The 297 RTDS request templates, or none when ../shared is absent. */
export function templateSubjects(): Subject[] {
  return load(TEMPLATES, 'rtds');
}

const SR = 'http://www.dccinterface.co.uk/ServiceUserGateway';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** What gets inserted: each entry is a family of tokens that has broken some parser somewhere. */
export const TOKENS: Readonly<Record<string, readonly string[]>> = {
  'processing instructions': ['<?x "?>', "<?x '?>", '<?x ?>', '<?x?>', '<?x a="?>"?>', '<?x-y z?>', '<?X ?>', '<?xml ?>', '<?xml-stylesheet href="a"?>', '<?x\u00A0"?>'],
  'paired PIs and comments': ['<?a "?><!--"--><?b?>', '<?z "?><!--"--><?y?>', '<!--"--><?a "?>'],
  comments: ['<!--"-->', "<!--'-->", '<!---->', '<!-- -- -->', '<!--->', '<!--x--->', '<!--<sr:X/>-->', '<!-- ?> -->'],
  cdata: ['<![CDATA[x]]>', '<![CDATA[<sr:X/>]]>', '<![CDATA[]]>', ']]>', '<![CDATA[ ]]>', '<![CDATA[&amp;]]>'],
  quotes: ['"', "'", '="', '"x"'],
  references: ['&#13;', '&#xD;', '&#x20;', '&#10;', '&#9;', '&amp;', '&lt;', '&gt;', '&quot;', '&#0;', '&#xFFFE;', '&unknown;', '&#x1F600;', '&#xD800;', '&#x;'],
  'line ends and XML whitespace': [' ', '\t', '\r', '\n', '\r\n', '\r\r'],
  'Unicode whitespace': ['\u00A0', '\uFEFF', '\u1680', '\u2028', '\u2029', '\u0085', '\u3000', '\u200B', '\u180E', '\u000B', '\u000C'],
  'name characters': ['\u00B7', '\u0300', '\u203F', '\u0387', 'é', '-', '.', ':', '\uD83D\uDE00', '\uDB40\uDC00', '\uD800', '\u037E', '\u2070', '\uFFFD'],
  'namespace declarations': [
    ' xmlns:sr="urn:other"',
    ` xmlns:sr="${SR}"`,
    ' xmlns="urn:default"',
    ' xmlns=""',
    ` xmlns:ds="${DS}"`,
    ' a:b="1" xmlns:a="urn:a"',
    ` xmlns:sr=" ${SR}"`,
    ` xmlns:sr="${SR} "`,
    ' xml:lang="en"',
    ' xmlns:xml="http://www.w3.org/XML/1998/namespace"',
    ' xmlns:xmlns="urn:x"',
    ' xmlns:p=""',
    ` a\uFEFFxmlns:sr="urn:other"`,
    ' sr:schemaVersion="9"',
  ],
  'elements and tags': ['<x/>', '<sr:X/>', '</x>', '<a b="1" b="2"/>', '<sr:Body/>', '<ds:Signature/>', '<>', '</>', '<a:b:c/>'],
  'declarations': ['<!DOCTYPE x>', '<!ENTITY e "x">', '<?xml version="1.0"?>'],
};

const ALL_TOKENS = Object.values(TOKENS).flat();

type Anchor = 'anywhere' | 'start-tag' | 'name' | 'content';

/** Offsets of one kind in a document: approximations are fine, every offset is a legitimate insertion point. */
function anchors(xml: string, anchor: Anchor): number[] {
  const out: number[] = [];
  if (anchor === 'start-tag') {
    for (const m of xml.matchAll(/<[A-Za-z_][^<>]*?(\/?)>/g)) out.push(m.index + m[0].length - 1 - m[1]!.length);
  } else if (anchor === 'name') {
    for (const m of xml.matchAll(/<\/?([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/g)) out.push(m.index + m[0].length - Math.ceil(m[2]!.length / 2));
  } else if (anchor === 'content') {
    for (const m of xml.matchAll(/>|<\//g)) out.push(m[0] === '>' ? m.index + 1 : m.index);
  }
  return out;
}

export interface Insertion {
  readonly anchor: Anchor;
  readonly at: number;
  readonly token: string;
}

export interface Mutation {
  readonly seed: number;
  readonly insertions: readonly Insertion[];
}

export const mutationArbitrary = (seedCount: number): fc.Arbitrary<Mutation> =>
  fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    insertions: fc.array(
      fc.record({
        anchor: fc.constantFrom<Anchor>('anywhere', 'start-tag', 'start-tag', 'name', 'content', 'content'),
        at: fc.nat(),
        token: fc.constantFrom(...ALL_TOKENS),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });

export function applyMutation(seeds: readonly Subject[], mutation: Mutation, index: number): Subject {
  const seed = seeds[mutation.seed]!;
  let xml = seed.xml;
  for (const { anchor, at, token } of mutation.insertions) {
    const offsets = anchor === 'anywhere' ? [] : anchors(xml, anchor);
    const offset = offsets.length > 0 ? offsets[at % offsets.length]! : at % (xml.length + 1);
    xml = xml.slice(0, offset) + token + xml.slice(offset);
  }
  return { label: `mutant ${index} of ${seed.label}`, xml };
}

/** `count` mutants of `seeds`, reproducibly from `seed`. */
export function mutants(seeds: readonly Subject[], count: number, seed: number): Subject[] {
  if (seeds.length === 0) return [];
  return fc.sample(mutationArbitrary(seeds.length), { numRuns: count, seed }).map((m, i) => applyMutation(seeds, m, i));
}
