import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTORS, mpanCheckDigit, parseMpanCore } from '../../src/mpan/index.js';

describe('parseMpanCore: valid', () => {
  it.each([
    ['1312345678907', '13', 7],
    ['2499999999991', '24', 1],
    ['2099999999993', '20', 3],
    ['2012345678385', '20', 5],
    ['2019010100002', '20', 2],
  ])('%s', (input, distributorId, checkDigit) => {
    const r = parseMpanCore(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mpan.core).toBe(input);
    expect(r.mpan.distributorId).toBe(distributorId);
    expect(r.mpan.checkDigit).toBe(checkDigit);
    expect(r.mpan.distributor?.id).toBe(distributorId);
  });

  it('resolves the distributor', () => {
    const r = parseMpanCore('1312345678907');
    expect(r.ok && r.mpan.distributor).toMatchObject({ name: 'Manweb', operator: 'SPEN', kind: 'DNO' });
    const s = parseMpanCore('2499999999991');
    expect(s.ok && s.mpan.distributor?.kind).toBe('IDNO');
  });

  it('trims surrounding whitespace and strips single internal spaces', () => {
    for (const input of [' 1312345678907 ', '\t1312345678907\n', '13 1234 5678 907', '13 123456789 07']) {
      const r = parseMpanCore(input);
      expect(r).toMatchObject({ ok: true, mpan: { core: '1312345678907' } });
    }
  });

  it.each(['28', '99', '00'])('parses an unknown distributor %s without a distributor', (id) => {
    const first12 = `${id}1234567890`;
    const core = `${first12}${mpanCheckDigit(first12)}`;
    const r = parseMpanCore(core);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mpan.distributorId).toBe(id);
    expect(r.mpan.distributor).toBeUndefined();
    expect('distributor' in r.mpan).toBe(false);
  });

  it('parses every distributor in the table', () => {
    for (const d of DISTRIBUTORS) {
      const first12 = `${d.id}0000000000`;
      const r = parseMpanCore(`${first12}${mpanCheckDigit(first12)}`);
      expect(r.ok && r.mpan.distributor).toBe(d);
    }
  });
});

describe('parseMpanCore: invalid', () => {
  it('rejects a wrong check digit, saying which digit was expected', () => {
    expect(parseMpanCore('2499999999990')).toEqual({
      ok: false,
      reason: 'check-digit',
      message: 'MPAN core 2499999999990: check digit is 0, expected 1',
    });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['131234567890', /has 12 digits, expected 13/],
    ['13123456789070', /has 14 digits, expected 13/],
    ['1', /has 1 digit, expected 13/],
    ['13123456789O7', /contains "O" \(U\+004F\) at position 12/],
    ['ABCDEFGHIJKLM', /contains "A" \(U\+0041\) at position 1/],
    ['13-1234-5678-907', /contains "-"/],
    ['13  1234567890 7', /consecutive spaces at position 3/],
    ['13\t1234567890 7', /contains "\\t"/],
    ['１３１２３４５６７８９０７', /contains "１" \(U\+FF11\)/],
    ['+1312345678907', /contains "\+"/],
    ['131234567890.7', /contains "\."/],
    ['00 801 123 1312345678907', /has 21 digits, expected 13/],
  ])('%j is a format error (%s)', (input, message) => {
    const r = parseMpanCore(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('format');
    expect(r.message).toMatch(message);
  });
});

describe('parseMpanCore: properties', () => {
  const digits12 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 });

  it('12 digits + computed check digit parses; any other final digit fails with check-digit', () => {
    fc.assert(
      fc.property(digits12, fc.integer({ min: 0, max: 9 }), (first12, last) => {
        const expected = mpanCheckDigit(first12);
        const r = parseMpanCore(`${first12}${last}`);
        if (last === expected) {
          expect(r).toMatchObject({ ok: true, mpan: { core: `${first12}${last}`, checkDigit: last } });
        } else {
          expect(r).toMatchObject({ ok: false, reason: 'check-digit' });
          expect(!r.ok && r.message).toContain(`check digit is ${last}, expected ${expected}`);
        }
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseMpanCore(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
