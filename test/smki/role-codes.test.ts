import { describe, expect, it } from 'vitest';
import { REMOTE_PARTY_ROLES } from '../../src/duis/model.js';
import { ROLE_CODES, roleFromOu } from '../../src/smki/index.js';

describe('ROLE_CODES', () => {
  it('is the OU table of docs/domain.md', () => {
    expect(ROLE_CODES.map((r) => `${r.hex} ${r.name}`)).toEqual([
      '00 Root',
      '01 Recovery',
      '02 Supplier',
      '03 NetworkOperator',
      '04 ACB',
      '05 TransCoS',
      '06 WANProvider',
      '07 IssuingAuthority',
      '08 LoadController',
      '7F Other',
      '87 XmlSigning',
      '89 DccResponseSigning',
    ]);
    for (const role of ROLE_CODES) expect(parseInt(role.hex, 16)).toBe(role.code);
  });

  it('spells every DUIS RemotePartyRole the way DUIS does', () => {
    const names = new Set(ROLE_CODES.map((r) => r.name));
    for (const role of REMOTE_PARTY_ROLES) expect(names).toContain(role);
  });

  it('reads OU text', () => {
    expect(roleFromOu('02')?.name).toBe('Supplier');
    expect(roleFromOu('7f')?.hex).toBe('7F');
    expect(roleFromOu('137')?.hex).toBe('89');
    for (const text of ['', '2', '09', '0x02', ' 02', '__proto__', 'constructor', '135']) expect(roleFromOu(text)).toBeUndefined();
  });
});
