import { describe, expect, it, vi } from 'vitest';
import { createValidator } from '../src/validator.js';
import { ESME, exampleContext, fixtureRequest, NO_A, SUPPLIER } from './support/fixtures.js';

const wrongOperator = fixtureRequest('no-by-supplier-wrong-operator');
const rightOperator = fixtureRequest('no-by-supplier-correct');

describe('createValidator with async lookups', () => {
  const base = exampleContext();
  const lookups = () => ({
    lookupUser: vi.fn(async (id: string) => base.users[id]),
    lookupDevice: vi.fn(async (id: string) => base.devices[id]),
    lookupNetworkOperators: vi.fn(async (id: string) => base.networkOperators[id]),
  });

  it('gives the same verdicts as the static context', async () => {
    const l = lookups();
    const validator = createValidator({ ...l, context: { now: base.now } });
    expect((await validator.validate(rightOperator)).responseCode).toBe('I0');
    expect((await validator.validate(wrongOperator)).responseCode).toBe('E061510');
    expect(l.lookupUser).toHaveBeenCalledWith(SUPPLIER);
    expect(l.lookupDevice).toHaveBeenCalledWith(ESME);
    expect(l.lookupNetworkOperators).toHaveBeenCalledWith('12');
    expect(l.lookupUser).toHaveBeenCalledTimes(2);
  });

  it('does not look up the registry when registration data names the NO', async () => {
    const l = lookups();
    l.lookupDevice.mockResolvedValue({ type: 'ESME', mpan: '1200000000011', networkOperator: [NO_A] });
    const validator = createValidator(l);
    expect((await validator.validate(rightOperator)).responseCode).toBe('I0');
    expect(l.lookupNetworkOperators).not.toHaveBeenCalled();
  });

  it('a failing lookup is LOOKUP_FAILED, never a DUIS code', async () => {
    const l = lookups();
    l.lookupDevice.mockRejectedValue(new Error('inventory unavailable'));
    const verdict = await createValidator(l).validate(rightOperator);
    expect(verdict).toMatchObject({ accepted: false, responseCode: 'LOOKUP_FAILED' });
    expect(verdict.findings[0]!.message).toContain('inventory unavailable');
  });

  it('a malformed lookup result is CONTEXT_INVALID', async () => {
    const l = lookups();
    l.lookupUser.mockResolvedValue({ role: 'Supplier' } as never);
    expect((await createValidator(l).validate(rightOperator)).responseCode).toBe('CONTEXT_INVALID');
  });

  it('an unknown user from the lookup is E1', async () => {
    const l = lookups();
    l.lookupUser.mockResolvedValue(undefined);
    expect((await createValidator(l).validate(rightOperator)).responseCode).toBe('E1');
  });

  it('rejects an invalid static context at creation', () => {
    expect(() => createValidator({ context: { users: { x: { role: 'IS' } } } })).toThrow(TypeError);
  });

  it('structural problems come back before any lookup', async () => {
    const l = lookups();
    const verdict = await createValidator(l).validate('<not-duis/>');
    expect(verdict.responseCode).toBe('SCHEMA_VIOLATION');
    expect(l.lookupUser).not.toHaveBeenCalled();
  });
});
