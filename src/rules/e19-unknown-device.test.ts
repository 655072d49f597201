// E19: the RequestID target must be a Device the caller knows.
import { describe, expect, it } from 'vitest';
import { ESME, exampleContext } from '../../test/support/fixtures.js';
import { check, exactFinding, networkOperatorHandover, REQUEST_ID_PATH, supplierRequest, UNKNOWN_DEVICE } from '../../test/support/requests.js';
import { unknownDevice } from './e19-unknown-device.js';

describe('E19 unknown Device', () => {
  it('fires for a target the context does not know, naming it at the RequestID', () => {
    const verdict = check(supplierRequest({ target: UNKNOWN_DEVICE }));
    expect(verdict.responseCode).toBe('E19');
    expect(verdict.findings).toEqual([exactFinding({ code: 'E19', path: REQUEST_ID_PATH, params: { deviceId: UNKNOWN_DEVICE } })]);
    expect(verdict.findings[0]!.message).toContain(UNKNOWN_DEVICE);
  });

  it('fires on 6.21 too (the rule is shared)', () => {
    const verdict = check(networkOperatorHandover('network-operator-a', { target: UNKNOWN_DEVICE }));
    expect(verdict.findings).toEqual([exactFinding({ code: 'E19', path: REQUEST_ID_PATH, params: { deviceId: UNKNOWN_DEVICE } })]);
  });

  it('near miss: a context keyed without hyphens still knows the device', () => {
    const context = exampleContext();
    context.devices = { '00db1234567890a0': context.devices[ESME] };
    expect(check(supplierRequest(), context)).toMatchObject({ accepted: true, responseCode: 'I0', findings: [] });
  });

  it('asks for the Device only when the SRV targets one (a Non-Device Request targets a DCC or User ID)', () => {
    const needs = unknownDevice.needs!.device as (facts: unknown) => boolean;
    expect(needs({ service: { nonDevice: false } })).toBe(true);
    expect(needs({ service: { nonDevice: true } })).toBe(false);
  });
});
