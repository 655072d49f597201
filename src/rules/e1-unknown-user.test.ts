// E1: the RequestID originator must be a User the caller knows.
import { describe, expect, it } from 'vitest';
import { exampleContext, SUPPLIER } from '../../test/support/fixtures.js';
import {
  check,
  codes,
  exactFinding,
  networkOperatorHandover,
  REQUEST_ID_PATH,
  supplierRequest,
  UNKNOWN_USER,
} from '../../test/support/requests.js';
import { unknownUser } from './e1-unknown-user.js';

describe('E1 unknown User', () => {
  it('fires for an originator the context does not know, naming it at the RequestID', () => {
    const verdict = check(supplierRequest({ originator: UNKNOWN_USER }));
    expect(verdict).toMatchObject({ accepted: false, responseCode: 'E1' });
    expect(verdict.findings).toEqual([exactFinding({ code: 'E1', path: REQUEST_ID_PATH, params: { userId: UNKNOWN_USER } })]);
    expect(verdict.findings[0]!.message).toContain(UNKNOWN_USER);
  });

  it('fires on 6.21 too (the rule is shared)', () => {
    const verdict = check(networkOperatorHandover('network-operator-a', { originator: UNKNOWN_USER }));
    expect(verdict.findings).toEqual([exactFinding({ code: 'E1', path: REQUEST_ID_PATH, params: { userId: UNKNOWN_USER } })]);
  });

  it('near miss: the same User written in lower case is known', () => {
    const verdict = check(supplierRequest({ originator: SUPPLIER.toLowerCase() }));
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('near miss: a User known under a key without hyphens', () => {
    const context = exampleContext();
    context.users = { '90b3d51f30010000': { role: 'IS' } };
    expect(codes(supplierRequest(), context)).toEqual([]);
  });

  it('is named E1, reports E1 and asks for the User', () => {
    expect(unknownUser).toMatchObject({ name: 'E1', code: 'E1', needs: { user: true } });
  });
});
