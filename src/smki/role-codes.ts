/** A Remote Party Role as the SMKI writes it in a certificate's subject OU. */
export interface RemotePartyRoleCode {
  readonly code: number;
  /** Two upper-case hex digits, as written in the OU: `02`. */
  readonly hex: string;
  /** The DUIS `RemotePartyRole` spelling where DUIS has one (00..08 except 06, 07), otherwise a descriptive name. */
  readonly name: string;
}

function role(code: number, name: string): RemotePartyRoleCode {
  return Object.freeze({ code, hex: code.toString(16).toUpperCase().padStart(2, '0'), name });
}

/** GBCS subject OU values (docs/domain.md), plus the XML-signing values of the DCC test PKI. */
export const ROLE_CODES: readonly RemotePartyRoleCode[] = Object.freeze([
  role(0x00, 'Root'),
  role(0x01, 'Recovery'),
  role(0x02, 'Supplier'),
  role(0x03, 'NetworkOperator'),
  role(0x04, 'ACB'),
  role(0x05, 'TransCoS'),
  role(0x06, 'WANProvider'),
  role(0x07, 'IssuingAuthority'),
  role(0x08, 'LoadController'),
  role(0x7f, 'Other'),
  role(0x87, 'XmlSigning'),
  role(0x89, 'DccResponseSigning'),
]);

const BY_CODE = new Map(ROLE_CODES.map((r) => [r.code, r]));

// One old DCC test certificate writes DCC response signing (0x89) as decimal `137`; no other decimal form is
// known, and a general decimal reading would make `10`..`99` ambiguous, so only that spelling is accepted.
const DECIMAL_ALIASES: ReadonlyMap<string, number> = new Map([['137', 0x89]]);

/** The role an OU value names, or `undefined` when it names none. Hex digits may be either case. */
export function roleFromOu(ou: string): RemotePartyRoleCode | undefined {
  const alias = DECIMAL_ALIASES.get(ou);
  if (alias !== undefined) return BY_CODE.get(alias);
  if (!/^[0-9A-Fa-f]{2}$/.test(ou)) return undefined;
  return BY_CODE.get(parseInt(ou, 16));
}

/** Roles whose certificates are certification authorities (keyCertSign): Root and Issuing Authority. */
export function isAuthorityRole(role: RemotePartyRoleCode): boolean {
  return role.code === 0x00 || role.code === 0x07;
}
