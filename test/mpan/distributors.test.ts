import { describe, expect, it } from 'vitest';
import { DISTRIBUTORS, findDistributor } from '../../src/mpan/index.js';

const DNO_IDS = ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23'];
const IDNO_IDS = ['24', '25', '26', '27', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38'];

describe('DISTRIBUTORS', () => {
  it('lists exactly the IDs of docs/domain.md, in order, without 28', () => {
    expect(DISTRIBUTORS.map((d) => d.id)).toEqual([...DNO_IDS, ...IDNO_IDS]);
  });

  it.each(DNO_IDS)('%s is a DNO', (id) => {
    expect(findDistributor(id)?.kind).toBe('DNO');
  });

  it.each(IDNO_IDS)('%s is an IDNO', (id) => {
    expect(findDistributor(id)?.kind).toBe('IDNO');
  });

  it('every entry resolves to itself', () => {
    for (const d of DISTRIBUTORS) expect(findDistributor(d.id)).toBe(d);
  });

  it('carries the DNO areas and operators', () => {
    expect(
      DISTRIBUTORS.filter((d) => d.kind === 'DNO').map((d) => `${d.id} ${d.name}/${d.operator}`),
    ).toEqual([
      '10 Eastern/UKPN',
      '11 East Midlands/NGED',
      '12 London/UKPN',
      '13 Manweb/SPEN',
      '14 West Midlands/NGED',
      '15 North East/NPg',
      '16 North West/ENWL',
      '17 North Scotland/SSEN',
      '18 South Scotland/SPEN',
      '19 South East/UKPN',
      '20 Southern/SSEN',
      '21 South Wales/NGED',
      '22 South West/NGED',
      '23 Yorkshire/NPg',
    ]);
  });

  it('carries the IDNO names', () => {
    expect(findDistributor('24')).toEqual({ id: '24', name: 'IPNL', operator: 'IPNL', kind: 'IDNO' });
    expect(findDistributor('38')?.name).toBe('Indigo');
  });

  it.each(['28', '99', '00', '09', '39', '1', '010', ''])('%j is unknown', (id) => {
    expect(findDistributor(id)).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DISTRIBUTORS)).toBe(true);
    for (const d of DISTRIBUTORS) expect(Object.isFrozen(d)).toBe(true);
  });
});
