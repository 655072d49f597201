/**
 * Electricity distributors, keyed by the two-digit Distributor ID that starts every MPAN core
 * (docs/domain.md).
 *
 * - 10..23 are the 14 DNO licence areas: `name` is the area, `operator` the current licence holder
 *   (abbreviated as in docs/domain.md).
 * - 24..38 are IDNOs: `name` and `operator` are both the IDNO's name as docs/domain.md gives it.
 *   ID 28 is not listed in docs/domain.md and is deliberately absent rather than invented: an MPAN starting
 *   `28` still parses, with `distributor` undefined.
 */
export type DistributorKind = 'DNO' | 'IDNO';

/** A licensed electricity distributor: the first two digits of an MPAN core. */
export interface Distributor {
  /** Two ASCII digits, e.g. `'10'`. */
  readonly id: string;
  /** DNOs: the licence area (e.g. `'Eastern'`); IDNOs: the operator's name. */
  readonly name: string;
  /** DNOs: the operating group (e.g. `'UKPN'`); IDNOs: the company name. */
  readonly operator: string;
  readonly kind: DistributorKind;
}

function dno(id: string, name: string, operator: string): Distributor {
  return Object.freeze({ id, name, operator, kind: 'DNO' as const });
}

function idno(id: string, name: string): Distributor {
  return Object.freeze({ id, name, operator: name, kind: 'IDNO' as const });
}

/** The distributor table of docs/domain.md, ordered by ID. */
export const DISTRIBUTORS: readonly Distributor[] = Object.freeze([
  dno('10', 'Eastern', 'UKPN'),
  dno('11', 'East Midlands', 'NGED'),
  dno('12', 'London', 'UKPN'),
  dno('13', 'Manweb', 'SPEN'),
  dno('14', 'West Midlands', 'NGED'),
  dno('15', 'North East', 'NPg'),
  dno('16', 'North West', 'ENWL'),
  dno('17', 'North Scotland', 'SSEN'),
  dno('18', 'South Scotland', 'SPEN'),
  dno('19', 'South East', 'UKPN'),
  dno('20', 'Southern', 'SSEN'),
  dno('21', 'South Wales', 'NGED'),
  dno('22', 'South West', 'NGED'),
  dno('23', 'Yorkshire', 'NPg'),
  idno('24', 'IPNL'),
  idno('25', 'ESP'),
  idno('26', 'Last Mile'),
  idno('27', 'ETC'),
  idno('29', 'Harlaxton'),
  idno('30', 'Leep'),
  idno('31', 'UKPD'),
  idno('32', 'Energy Assets'),
  idno('33', 'Eclipse'),
  idno('34', 'Murphy'),
  idno('35', 'Fulcrum'),
  idno('36', 'Vattenfall'),
  idno('37', 'Optimal'),
  idno('38', 'Indigo'),
]);

const BY_ID: ReadonlyMap<string, Distributor> = new Map(DISTRIBUTORS.map((d) => [d.id, d]));

/** The distributor with this two-digit ID (exact match, e.g. `'10'`), or `undefined` when not in the table. */
export function findDistributor(id: string): Distributor | undefined {
  return BY_ID.get(id);
}
