/**
 * Documents the fuzzers start from: our fixture requests, unsigned and signed (always), and DCC's Reference Test Data
 * Set 6.15.1 requests, read in place from `../shared/reference/duis/templates/` when present (DCC material: never
 * copied here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, type XDocument } from './xml-model.js';

export interface Seed {
  readonly name: string;
  readonly xml: string;
  readonly doc: XDocument;
}

const FIXTURES = new URL('../../fixtures/requests/', import.meta.url);
const SIGNED = new URL('../../fixtures/signed/', import.meta.url);
const TEMPLATES = new URL('../../../shared/reference/duis/templates/', import.meta.url);

function load(dir: URL, filter: (name: string) => boolean, label: string): Seed[] {
  const path = fileURLToPath(dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter(filter)
    .sort()
    .map((file) => {
      const xml = readFileSync(new URL(file, dir), 'utf8');
      return { name: `${label}/${file}`, xml, doc: parseDocument(xml) };
    });
}

/** Our fixture requests (`fixtures/requests/*.xml`). */
export function fixtureSeeds(): Seed[] {
  return load(FIXTURES, (f) => f.endsWith('.xml'), 'fixtures');
}

/** Our fixture requests signed by their originator (`fixtures/signed/`), without the deliberately tampered one. */
export function signedSeeds(): Seed[] {
  return load(SIGNED, (f) => f.endsWith('.xml') && !f.startsWith('tampered'), 'signed');
}

/** DCC RTDS 6.15.1 requests, or none when `../shared` is absent. */
export function referenceSeeds(): Seed[] {
  return load(TEMPLATES, (f) => /_6\.15\.1_.*REQUEST_DUIS\.XML$/i.test(f), 'rtds');
}

export function allSeeds(): Seed[] {
  return [...fixtureSeeds(), ...signedSeeds(), ...referenceSeeds()];
}
