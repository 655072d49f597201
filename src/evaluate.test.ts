// The tests that are not about one rule, so they are not beside one: whole requests that every rule accepts, how
// the findings of several rules combine (modes `first` and `all`, profile `dcc`, failOn), and the context check
// that runs before any rule. Each rule's own cases, with its code, path and params, sit beside the rule.
import { describe, expect, it } from 'vitest';
import { certificate, exampleContext, NO_A, SUPPLIER } from '../test/support/fixtures.js';
import {
  check,
  codes,
  loadControllerRequest,
  networkOperatorRequest,
  supplierRequest,
  UNKNOWN_USER,
} from '../test/support/requests.js';

describe('accepted requests', () => {
  it.each([
    ['Supplier by Supplier', () => supplierRequest()],
    ['Supplier by Supplier, future dated', () => supplierRequest({ executionDateTime: '2030-01-15T00:00:00Z' })],
    ['Load Controller by Supplier, future dated', () => loadControllerRequest({ executionDateTime: '3000-12-31T00:00:00Z' })],
    ['right Network Operator by Supplier', () => networkOperatorRequest('network-operator-a')],
    ['Network Operator by itself (ED)', () => networkOperatorRequest('network-operator-a', { originator: NO_A })],
  ])('%s -> I0', (_, build) => {
    const verdict = check(build(), exampleContext(), { mode: 'all' });
    expect(verdict.findings).toEqual([]);
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0', service: '6.15.1', coverage: 'full' });
  });
});

describe('modes and profiles', () => {
  it("mode 'all' lists every failing check in order", () => {
    const context = exampleContext();
    context.users[SUPPLIER] = { role: 'ES' };
    const xml = networkOperatorRequest('network-operator-b', {
      commandVariant: '5',
      topUpFloor: '1',
      executionDateTime: '2030-01-01T00:00:00',
      keyAgreementTopUp: certificate('supplier-ka'),
    });
    expect(codes(xml, context)).toEqual([
      'error:E2',
      'error:E12',
      'error:E061501',
      'error:E061504',
      'error:E061506',
      'error:E061507',
      'error:E061510',
      'error:E061510',
      'error:E061510',
      'error:EXECUTION_DATETIME_NO_TIMEZONE',
      'error:CERTIFICATE_ROLE_MISMATCH',
      'error:CERTIFICATE_ENTITY_INCONSISTENT',
    ]);
    expect(check(xml, context).responseCode).toBe('E2');
  });

  it("mode 'first' stops at the first failing check, and reports every finding of that check", () => {
    expect(check(supplierRequest({ commandVariant: '5', keyAgreement: 'AAAA' })).findings.map((f) => f.code)).toEqual(['E12']);
    expect(check(networkOperatorRequest('network-operator-b')).findings.map((f) => f.code)).toEqual(['E061510', 'E061510']);
  });

  it("mode 'first' goes on past warnings: a warning is no failure", () => {
    const context = exampleContext();
    context.networkOperators = {};
    const xml = networkOperatorRequest('network-operator-a', { executionDateTime: '2030-01-01T00:00:00Z' });
    expect(codes(xml, context)).toEqual(['error:E061506', 'warning:NETWORK_OPERATOR_UNKNOWN']);
    expect(check(xml, context).findings.map((f) => f.code)).toEqual(['E061506']);
    expect(check(networkOperatorRequest('network-operator-a', { keyAgreement: 'AAAA' }), context).findings.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'warning:NETWORK_OPERATOR_UNKNOWN',
      'error:CERTIFICATE_MALFORMED',
    ]);
  });

  it("profile 'dcc' turns library checks into warnings", () => {
    const xml = supplierRequest({ digitalSigning: certificate('supplier-ka') });
    expect(check(xml).accepted).toBe(false);
    const verdict = check(xml, exampleContext(), { profile: 'dcc' });
    expect(verdict).toMatchObject({ accepted: true, responseCode: 'I0' });
    expect(verdict.findings).toEqual([expect.objectContaining({ code: 'CERTIFICATE_KEY_USAGE_MISMATCH', severity: 'warning' })]);
  });

  it("profile 'dcc' keeps DUIS codes as errors", () => {
    expect(check(networkOperatorRequest('network-operator-b'), exampleContext(), { profile: 'dcc' }).responseCode).toBe('E061510');
    expect(check(supplierRequest({ originator: UNKNOWN_USER }), exampleContext(), { profile: 'dcc' }).responseCode).toBe('E1');
  });

  it("failOn 'warning' makes a warning reject the request", () => {
    const context = exampleContext();
    context.networkOperators = { '12': [] };
    expect(check(networkOperatorRequest('network-operator-a'), context).accepted).toBe(true);
    const verdict = check(networkOperatorRequest('network-operator-a'), context, { failOn: 'warning' });
    expect(verdict).toMatchObject({ accepted: false, responseCode: 'NETWORK_OPERATOR_UNKNOWN' });
    expect(verdict.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['error:NETWORK_OPERATOR_UNKNOWN']);
  });

  it('an invalid context is CONTEXT_INVALID, never a DUIS code', () => {
    const context = exampleContext() as any;
    context.users[SUPPLIER].role = 'Supplier';
    const verdict = check(supplierRequest(), context);
    expect(verdict.responseCode).toBe('CONTEXT_INVALID');
    expect(verdict.findings[0]).toMatchObject({ code: 'CONTEXT_INVALID', path: `$.users["${SUPPLIER}"].role` });
  });
});
