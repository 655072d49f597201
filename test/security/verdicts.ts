/** Runs one attack document through the API in both profiles, unsigned and signed. */
import { expect } from 'vitest';
import { validateRequest } from '../../src/validate.js';
import type { Verdict } from '../../src/verdict.js';
import { fixtureStore } from '../signature/support.js';
import { exampleContext } from '../support/fixtures.js';
import { signedBySupplier } from './attacks.js';

export const PROFILES = ['strict', 'dcc'] as const;

/** Every way the library can be asked about `xml`: profile strict/dcc, without and with signers. */
export function everyVerdict(xml: string): { label: string; verdict: Verdict }[] {
  const signed = signedBySupplier(xml);
  return PROFILES.flatMap((profile) => [
    { label: `${profile}, no signers`, verdict: validateRequest(xml, exampleContext(), { profile }) },
    { label: `${profile}, signed, with signers`, verdict: validateRequest(signed, exampleContext(), { profile, signers: fixtureStore() }) },
  ]);
}

export function expectEveryVerdict(xml: string, expected: { code: string; path?: string; params?: Record<string, unknown> }): void {
  for (const { label, verdict } of everyVerdict(xml)) {
    expect(verdict.responseCode, label).toBe(expected.code);
    expect(verdict.findings[0], label).toMatchObject({ code: expected.code, ...(expected.path ? { path: expected.path } : {}), ...(expected.params ? { params: expected.params } : {}) });
    if (label.includes('signed')) expect(verdict.signature, label).toMatchObject({ verified: true });
  }
}
