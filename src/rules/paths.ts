/** Locations in every request the rules point at (the XPath-like paths structural findings use too). */
export const HEADER = '/Request/Header';
export const REQUEST_ID = `${HEADER}/RequestID`;
export const COMMAND_VARIANT = `${HEADER}/CommandVariant`;
