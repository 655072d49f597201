/**
 * XML Schema 1.0 lexical spaces of the datatypes a 6.15.1 request uses. Each parser takes the raw element text,
 * applies the datatype's whiteSpace facet, and returns the value or `undefined`.
 */

// whiteSpace="collapse": every XSD built-in here except xs:string.
export function collapse(text: string): string {
  return /[\t\n\r]| {2}|^ | $/.test(text) ? text.replace(/[\t\n\r ]+/g, ' ').trim() : text;
}

export function parseBoolean(text: string): boolean | undefined {
  switch (collapse(text)) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

/** xs:nonNegativeInteger, bounded above (inclusive). */
export function parseNonNegativeInteger(text: string, max: bigint): bigint | undefined {
  const value = collapse(text);
  // Leading zeros are allowed; past 20 significant digits no bound here can be met, and BigInt of an
  // attacker-sized number is superlinear.
  const match = /^(?:\+?0*([0-9]{1,20})|-0+)$/.exec(value);
  if (!match) return undefined;
  const parsed = BigInt(match[1] ?? '0');
  return parsed <= max ? parsed : undefined;
}

/** xs:positiveInteger restricted to [min, max] (e.g. DUIS `CommandVariant` 1..9). Returns a number. */
export function parseSmallPositiveInteger(text: string, min: number, max: number): number | undefined {
  const value = collapse(text);
  // Leading zeros do not change an xs:positiveInteger value (`000000000000000000004` is 4).
  const match = /^\+?0*([0-9]{1,15})$/.exec(value);
  if (!match) return undefined;
  const parsed = Number(match[1]);
  return parsed >= min && parsed <= max ? parsed : undefined;
}

export function isDecimal(text: string): boolean {
  return /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(collapse(text));
}

export interface DateTimeValue {
  readonly text: string;
  readonly hasTimezone: boolean;
  /** Present when the value has a timezone and its year fits a JavaScript Date. */
  readonly instant?: Date;
}

const DATE_TIME =
  /^(-?(?:[1-9][0-9]{4,}|[0-9]{4}))-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

/** xs:dateTime (XSD 1.0): year 0000 is not allowed; 24:00:00 is; timezone optional, within +/-14:00. */
export function parseDateTime(raw: string): DateTimeValue | undefined {
  const text = collapse(raw);
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone] = match as unknown as [
    string, string, string, string, string, string, string, string | undefined, string | undefined,
  ];
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(fraction ?? '')))) return undefined;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneMinutes > 59 || zoneHours > 14 || (zoneHours === 14 && zoneMinutes !== 0)) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  if (!zone) return { text, hasTimezone: false };
  const milliseconds = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute - offsetMinutes, second, milliseconds);
  // Date.UTC maps years 0..99 to 1900..1999; set the full year explicitly.
  const instant = new Date(utc);
  if (year >= 0 && year < 100) instant.setUTCFullYear(instant.getUTCFullYear() - 1900);
  return Number.isNaN(instant.getTime()) ? { text, hasTimezone: true } : { text, hasTimezone: true, instant };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * xs:base64Binary, returned with whitespace removed (`undefined` when not base64). Whitespace, including
 * `&#13;` already decoded to CR, may appear between characters: XML signing tools wrap base64 at 64 or 76 columns.
 *
 * Node's decoder is lenient (it skips what is not base64 and stops at padding), so the value is decoded and
 * encoded again: only a value in the XSD 1.0 lexical space, padding and zero low bits included (B04, B16), comes
 * back unchanged. Native decoding and encoding cost a third of a loop over the characters in JavaScript.
 */
export function compactBase64(text: string): string | undefined {
  // Node's decoder skips whitespace, so one round trip settles the common case of a value written without any.
  const canonical = Buffer.from(text, 'base64').toString('base64');
  if (canonical === text) return text;
  return canonical === text.replace(XML_WHITESPACE, '') ? canonical : undefined;
}

const XML_WHITESPACE = /[ \t\n\r]/g;

