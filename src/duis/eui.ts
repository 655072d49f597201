import type { Eui64 } from './model.js';

// DUIS XSD V5.4 `EUI`: eight hyphen-separated hex pairs, either case.
const EUI_PATTERN = /^[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}$/;
const LOOSE_EUI_PATTERN = /^[0-9A-Fa-f]{16}$/;

/** Parses an EUI-64 exactly as DUIS writes it; returns it normalised (upper case) or `undefined`. */
export function parseEui(text: string): Eui64 | undefined {
  return EUI_PATTERN.test(text) ? text.toUpperCase() : undefined;
}

/**
 * Normalises an EUI-64 written as callers write them in context data and registries: either case, with or
 * without hyphens (`90b3d51f30010000`). Returns `undefined` when it is not an EUI-64.
 */
export function normaliseEui(text: string): Eui64 | undefined {
  const trimmed = text.trim();
  if (EUI_PATTERN.test(trimmed)) return trimmed.toUpperCase();
  if (!LOOSE_EUI_PATTERN.test(trimmed)) return undefined;
  return trimmed.toUpperCase().replace(/(..)(?!$)/g, '$1-');
}

/** `90-B3-D5-1F-30-01-00-00` from 8 bytes. */
export function euiFromBytes(bytes: Uint8Array): Eui64 {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('-');
}
