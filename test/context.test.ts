import { describe, expect, it } from 'vitest';
import { resolveContext } from '../src/context.js';
import { exampleContext, ESME, SUPPLIER } from './support/fixtures.js';

function problems(context: unknown) {
  const result = resolveContext(context as never);
  return result.ok ? [] : result.findings.map((f) => [f.code, f.path]);
}

describe('resolveContext', () => {
  it('accepts the example context and indexes it by normalised EUI', () => {
    const context = exampleContext();
    context.users = { '90b3d51f30010000': { role: 'IS' } };
    const result = resolveContext(context);
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    expect(result.context.users.get(SUPPLIER)).toEqual({ role: 'IS' });
    expect(result.context.devices.get(ESME)).toEqual({ type: 'ESME', mpan: '1200000000011' });
    expect(result.context.now).toEqual(new Date('2026-11-25T12:00:00Z'));
  });

  it('resolves one context object once', () => {
    const context = exampleContext();
    expect(resolveContext(context)).toBe(resolveContext(context));
  });

  it('reports every problem with its JSON path', () => {
    const context = exampleContext() as any;
    context.extra = 1;
    context.users['not-an-eui'] = { role: 'IS' };
    context.users[SUPPLIER] = { role: 'Supplier', colour: 'red' };
    context.devices[ESME].mpan = '12000';
    context.devices[ESME].type = 'Meter';
    context.networkOperators['1'] = ['90-B3-D5-1F-30-02-00'];
    context.now = 'yesterday';
    expect(problems(context)).toEqual([
      ['CONTEXT_INVALID', '$.extra'],
      ['CONTEXT_INVALID', '$.users["90-B3-D5-1F-30-01-00-00"].colour'],
      ['CONTEXT_INVALID', '$.users["90-B3-D5-1F-30-01-00-00"].role'],
      ['CONTEXT_INVALID', '$.users["not-an-eui"]'],
      ['CONTEXT_INVALID', `$.devices["${ESME}"].type`],
      ['CONTEXT_INVALID', `$.devices["${ESME}"].mpan`],
      ['CONTEXT_INVALID', '$.networkOperators["1"]'],
      ['CONTEXT_INVALID', '$.networkOperators["1"][0]'],
      ['CONTEXT_INVALID', '$.now'],
    ]);
  });

  it('two keys naming the same EUI are CONTEXT_INVALID with both JSON paths; one spelling alone is not', () => {
    const devices = {
      '00-DB-12-34-56-78-90-A0': { type: 'ESME', mpan: '1200000000011' },
      '00DB1234567890A0': { type: 'ESME', mpan: '1300000000016' },
    };
    const result = resolveContext({ devices } as never);
    if (result.ok) throw new Error('expected CONTEXT_INVALID');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      code: 'CONTEXT_INVALID',
      path: '$.devices["00DB1234567890A0"]',
      params: { jsonPath: '$.devices["00DB1234567890A0"]', paths: ['$.devices["00-DB-12-34-56-78-90-A0"]', '$.devices["00DB1234567890A0"]'] },
    });
    const users = { '90b3d51f30010000': { role: 'IS' }, '90-B3-D5-1F-30-01-00-00': { role: 'GS' } };
    expect(problems({ users })).toEqual([['CONTEXT_INVALID', '$.users["90-B3-D5-1F-30-01-00-00"]']]);
    expect(problems({ devices: { '00DB1234567890A0': devices['00DB1234567890A0'] } })).toEqual([]);
  });

  it('rejects a context that is not an object, and accepts none at all', () => {
    expect(problems([])).toEqual([['CONTEXT_INVALID', '$']]);
    expect(resolveContext(undefined).ok).toBe(true);
  });

  it('requires a timezone on now', () => {
    expect(problems({ now: '2026-11-25T12:00:00' })).toEqual([['CONTEXT_INVALID', '$.now']]);
    expect(problems({ now: '2026-11-25T12:00:00+01:00' })).toEqual([]);
  });
});
