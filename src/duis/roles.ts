/** DCC User Roles (DUIS): the role the DCC knows a User ID by. */
export const USER_ROLES = ['IS', 'GS', 'ED', 'GT', 'ES', 'RSA', 'OU'] as const;
/**
 * `IS` Import Supplier, `GS` Gas Supplier, `ED` Electricity Distributor (a Network Operator), `GT` Gas
 * Transporter, `ES` Export Supplier, `RSA` Registered Supplier Agent, `OU` Other User.
 */
export type UserRole = (typeof USER_ROLES)[number];

/** Smart-metering Device Types (GBCS). */
export const DEVICE_TYPES = ['ESME', 'GSME', 'GPF', 'CHF', 'HCALCS', 'PPMID', 'IHD', 'CAD'] as const;
/**
 * `ESME` electricity meter, `GSME` gas meter, `GPF` gas proxy function (on the Communications Hub), `CHF`
 * Communications Hub Function, `HCALCS` auxiliary load control switch, `PPMID` prepayment interface, `IHD` in-home
 * display, `CAD` consumer access device.
 */
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Type guard: `x` is one of `USER_ROLES`. */
export function isUserRole(x: unknown): x is UserRole {
  return typeof x === 'string' && (USER_ROLES as readonly string[]).includes(x);
}

/** Type guard: `x` is one of `DEVICE_TYPES`. */
export function isDeviceType(x: unknown): x is DeviceType {
  return typeof x === 'string' && (DEVICE_TYPES as readonly string[]).includes(x);
}
