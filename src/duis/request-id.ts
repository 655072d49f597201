import { parseEui } from './eui.js';
import type { RequestId } from './model.js';

const MAX_COUNTER = 18_446_744_073_709_551_615n; // DUIS XSD V5.4 RequestIDType: 0..2^64-1

/**
 * Parses `Originator:Target:Counter` (DUIS XSD V5.4 `RequestIDType`, an xs:token: surrounding whitespace is
 * collapsed before the pattern applies). The counter has no leading zeros in the XSD pattern.
 */
export function parseRequestId(text: string): RequestId | undefined {
  const parts = text.split(':');
  if (parts.length !== 3) return undefined;
  const [originatorText, targetText, counterText] = parts as [string, string, string];
  const originator = parseEui(originatorText);
  const target = parseEui(targetText);
  if (!originator || !target || !/^(?:0|[1-9][0-9]{0,19})$/.test(counterText)) return undefined;
  const counter = BigInt(counterText);
  if (counter > MAX_COUNTER) return undefined;
  return { originator, target, counter, text };
}
