/** Locations the rules point at (the XPath-like paths structural findings use too). */
export const HEADER = '/Request/Header';
export const REQUEST_ID = `${HEADER}/RequestID`;
export const COMMAND_VARIANT = `${HEADER}/CommandVariant`;
export const KRP = '/Request/Body/UpdateSecurityCredentialsKRP';
export const REMOTE_PARTY_ROLE = `${KRP}/RemotePartyRole`;
export const EXECUTION_DATE_TIME = `${KRP}/ExecutionDateTime`;
export const TOP_UP_FLOOR = `${KRP}/RemotePartyPrepaymentTopUpFloorSeqNumber`;
export const REPLACEMENT_CERTIFICATES = `${KRP}/ReplacementCertificates/SupplierOrNetworkOperatorCertificates`;
