import { malformed } from './certificate-fault.js';
import { TAG, describeTag, isUniversal, type DerNode } from './strict-der.js';

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/**
 * An X.509 Time. DER (X.690 11.7, 11.8) and RFC 5280 4.1.2.5 fix one form: seconds present, no fraction, `Z`.
 * UTCTime years 50..99 are 1950..1999. Device certificates use GeneralizedTime 99991231235959Z.
 */
export function readTime(bytes: Uint8Array, node: DerNode | undefined, what: string): Date {
  const utc = isUniversal(node, TAG.UTC_TIME);
  if (!utc && !isUniversal(node, TAG.GENERALIZED_TIME)) {
    malformed(`${what}: expected UTCTime or GeneralizedTime, found ${node ? describeTag(node) : 'nothing'}`);
  }
  const text = String.fromCharCode(...bytes.subarray(node.contentStart, node.end));
  const match = (utc ? UTC_TIME : GENERALIZED_TIME).exec(text);
  if (!match) malformed(`${what}: ${JSON.stringify(text)} is not a DER ${utc ? 'UTCTime' : 'GeneralizedTime'}`, { received: text });
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const year = utc ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  const ms = Date.UTC(year, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  // Date.UTC rolls 31 February over into March: a round trip catches impossible dates and times.
  if (
    date.getUTCFullYear() !== year ||
    // Stryker disable next-line ConditionalExpression: an out-of-range field also moves the next larger one
    date.getUTCMonth() !== mo - 1 ||
    // Stryker disable next-line ConditionalExpression: an out-of-range field also moves the next larger one
    date.getUTCDate() !== d ||
    // Stryker disable next-line ConditionalExpression: an out-of-range field also moves the next larger one
    date.getUTCHours() !== h ||
    // Stryker disable next-line ConditionalExpression: an out-of-range field also moves the next larger one
    date.getUTCMinutes() !== mi ||
    // Stryker disable next-line ConditionalExpression: an out-of-range field also moves the next larger one
    date.getUTCSeconds() !== s
  ) {
    malformed(`${what}: ${text} is not a valid date and time`, { received: text });
  }
  return date;
}
