import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findServiceVariant, SERVICE_CATALOGUE, serviceVariantById, type ServiceVariant } from '../../src/duis/catalogue.js';

// DCC's duis-parser SRV matrix and the DUIS XSD, read in place from ../shared (GPL material: never copied here).
const matrixUrl = new URL('../../../shared/reference/duis/duis-request-matrix.json', import.meta.url);
const xsdUrl = new URL('../../../shared/reference/duis/duis-v5.4.xsd', import.meta.url);
const available = existsSync(matrixUrl);
const xsdAvailable = existsSync(xsdUrl);

interface MatrixEntry {
  readonly 'Service Request Name': string;
  readonly 'Service Reference': string;
  readonly 'Service Reference Variant': string;
  readonly Critical: 'Yes' | 'No';
  readonly 'Non-Device Request': 'Yes' | 'No';
  readonly 'Eligible User Roles': readonly string[];
}

const readMatrix = (): readonly MatrixEntry[] => JSON.parse(readFileSync(matrixUrl, 'utf8')) as MatrixEntry[];

// The only places the catalogue departs from the matrix, each with the matrix's own value so the test notices
// when the matrix is corrected and the exception can go. The matrix gives Service Reference '6.2' for 6.20.1 and
// 6.20.2; the DUIS XSD and the RTDS requests say '6.20'.
// Names are normalised to one spelling: the matrix carries a line break and an aside in 8.2's, a doubled space
// and a stray full stop in 8.14.3's, and three dash styles across 8.14.x; messages and responses print them.
interface Correction {
  readonly field: 'serviceReference' | 'name';
  readonly matrix: string;
  readonly catalogue: string;
}
const MATRIX_CORRECTIONS: Readonly<Record<string, readonly Correction[]>> = {
  '6.20.1': [{ field: 'serviceReference', matrix: '6.2', catalogue: '6.20' }],
  '6.20.2': [{ field: 'serviceReference', matrix: '6.2', catalogue: '6.20' }],
  '8.2': [{ field: 'name', matrix: 'Read Inventory \n\n(Current and Future Suppliers may use this Service Request)', catalogue: 'Read Inventory' }],
  '8.14.1': [{ field: 'name', matrix: 'Communications Hub Status Update- Install Success', catalogue: 'Communications Hub Status Update - Install Success' }],
  '8.14.3': [{ field: 'name', matrix: 'Communications Hub  Status Update. \u2013 Fault Return', catalogue: 'Communications Hub Status Update - Fault Return' }],
  '8.14.4': [{ field: 'name', matrix: 'Communications Hub Status Update \u2013 No Fault Return', catalogue: 'Communications Hub Status Update - No Fault Return' }],
};

const belongsTo = (srv: string, serviceReference: string) => srv === serviceReference || srv.startsWith(`${serviceReference}.`);
const sorted = (roles: readonly string[]) => [...roles].sort();

/** The matrix entry in the catalogue's shape, corrections applied; roles sorted so order does not matter. */
function fromMatrix(entry: MatrixEntry) {
  const srv = entry['Service Reference Variant'];
  const corrected = (field: Correction['field'], value: string) =>
    MATRIX_CORRECTIONS[srv]?.find((c) => c.field === field)?.catalogue ?? value;
  return {
    srv,
    serviceReference: corrected('serviceReference', entry['Service Reference']),
    name: corrected('name', entry['Service Request Name']),
    eligibleUserRoles: sorted(entry['Eligible User Roles']),
    nonDevice: entry['Non-Device Request'] === 'Yes',
    critical: entry.Critical === 'Yes',
  };
}

const comparable = (variant: ServiceVariant) => ({ ...variant, eligibleUserRoles: sorted(variant.eligibleUserRoles) });

function xsdEnumeration(xsd: string, typeName: string): string[] {
  const start = xsd.indexOf(`<xs:simpleType name="${typeName}">`);
  if (start < 0) throw new Error(`${typeName} not in the XSD`);
  const block = xsd.slice(start, xsd.indexOf('</xs:simpleType>', start));
  return [...block.matchAll(/<xs:enumeration value="([^"]*)"\/>/g)].map((match) => match[1]!);
}

describe.skipIf(!available)('SERVICE_CATALOGUE against the duis-parser SRV matrix', () => {
  it('has the 129 SRVs of the matrix, each once', () => {
    const matrix = readMatrix();
    expect(matrix).toHaveLength(129);
    expect(SERVICE_CATALOGUE).toHaveLength(129);
    expect(new Set(SERVICE_CATALOGUE.map((variant) => variant.srv)).size).toBe(129);
  });

  it('equals the matrix entry for entry, in the same order (roles order-insensitive)', () => {
    expect(SERVICE_CATALOGUE.map(comparable)).toEqual(readMatrix().map(fromMatrix));
  });

  it('departs from the matrix only where MATRIX_CORRECTIONS says, and the matrix still has the value corrected', () => {
    const matrix = new Map(readMatrix().map((entry) => [entry['Service Reference Variant'], entry]));
    const matrixField = { serviceReference: 'Service Reference', name: 'Service Request Name' } as const;
    for (const [srv, corrections] of Object.entries(MATRIX_CORRECTIONS)) {
      for (const correction of corrections) {
        expect(matrix.get(srv)?.[matrixField[correction.field]], srv).toBe(correction.matrix);
        expect(serviceVariantById(srv)?.[correction.field], srv).toBe(correction.catalogue);
      }
    }
  });

  it('the matrix breaks the Service Reference prefix rule at exactly the corrected entries', () => {
    const breaking = readMatrix()
      .filter((entry) => !belongsTo(entry['Service Reference Variant'], entry['Service Reference']))
      .map((entry) => entry['Service Reference Variant']);
    const corrected = Object.entries(MATRIX_CORRECTIONS).filter(([, cs]) => cs.some((c) => c.field === 'serviceReference'));
    expect(breaking).toEqual(corrected.map(([srv]) => srv));
  });

  it('uses no User Role outside IS GS ED GT ES RSA OU', () => {
    const roles = new Set(readMatrix().flatMap((entry) => entry['Eligible User Roles']));
    expect([...roles].filter((role) => !['IS', 'GS', 'ED', 'GT', 'ES', 'RSA', 'OU'].includes(role))).toEqual([]);
  });
});

describe.skipIf(!xsdAvailable)('SERVICE_CATALOGUE against the DUIS V5.4 XSD', () => {
  it('has exactly the ServiceReferenceVariant enumeration, and every Service Reference is in ServiceReference', () => {
    const xsd = readFileSync(xsdUrl, 'utf8');
    const variants = xsdEnumeration(xsd, 'ServiceReferenceVariant');
    expect(sorted(SERVICE_CATALOGUE.map((variant) => variant.srv))).toEqual(sorted(variants));
    const serviceReferences = new Set(xsdEnumeration(xsd, 'ServiceReference'));
    expect(SERVICE_CATALOGUE.filter((variant) => !serviceReferences.has(variant.serviceReference))).toEqual([]);
  });
});

describe('SERVICE_CATALOGUE', () => {
  it('holds 6.15.1 Update Security Credentials (KRP) for IS GS ED GT, a device request', () => {
    const variant = serviceVariantById('6.15.1');
    expect(variant).toMatchObject({ srv: '6.15.1', serviceReference: '6.15', name: 'Update Security Credentials (KRP)' });
    expect(sorted(variant!.eligibleUserRoles)).toEqual(sorted(['IS', 'GS', 'ED', 'GT']));
    expect(variant!.nonDevice).toBe(false);
  });

  it('holds 6.21 for IS and GS, and 6.24.1', () => {
    const variant = serviceVariantById('6.21');
    expect(variant?.serviceReference).toBe('6.21');
    expect(sorted(variant!.eligibleUserRoles)).toEqual(['GS', 'IS']);
    expect(serviceVariantById('6.24.1')).toMatchObject({ serviceReference: '6.24' });
  });

  it('findServiceVariant matches the pair exactly', () => {
    expect(findServiceVariant('6.15', '6.15.2')?.srv).toBe('6.15.2');
    expect(findServiceVariant('6.15', '6.21')).toBeUndefined();
    expect(findServiceVariant('6.15', '6.15.9')).toBeUndefined();
    expect(findServiceVariant(' 6.15', '6.15.1')).toBeUndefined();
    expect(findServiceVariant('6.15', '6.15.1 ')).toBeUndefined();
  });

  it('files 6.20.x under 6.20 as requests carry it, not under the matrix 6.2', () => {
    expect(findServiceVariant('6.20', '6.20.1')?.srv).toBe('6.20.1');
    expect(findServiceVariant('6.20', '6.20.2')?.srv).toBe('6.20.2');
    expect(findServiceVariant('6.2', '6.20.1')).toBeUndefined();
  });

  it('every Service Reference is its SRV or a dotted prefix of it', () => {
    // No exception in the catalogue; the matrix's one (6.20.x under '6.2') is corrected, see MATRIX_CORRECTIONS.
    expect(SERVICE_CATALOGUE.filter((variant) => !belongsTo(variant.srv, variant.serviceReference))).toEqual([]);
  });

  it('has unique SRVs and is frozen, rows and role lists included', () => {
    expect(new Set(SERVICE_CATALOGUE.map((variant) => variant.srv)).size).toBe(SERVICE_CATALOGUE.length);
    expect(Object.isFrozen(SERVICE_CATALOGUE)).toBe(true);
    const frozen = (variant: ServiceVariant) => Object.isFrozen(variant) && Object.isFrozen(variant.eligibleUserRoles);
    expect(SERVICE_CATALOGUE.every(frozen)).toBe(true);
  });
});
