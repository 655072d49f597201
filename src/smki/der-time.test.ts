// readTime, beside it: the UTCTime century window, the one DER form of each type, and the round trip that
// refuses impossible dates and times (each field out of range, and GeneralizedTime years 0000-0099, which
// Date.UTC would read as 1900-1999).
import { describe, expect, it } from 'vitest';
import { tlv } from '../../test/smki/make-certificate.js';
import { thrownFault } from '../../test/smki/fault.js';
import type { FaultDetails } from './certificate-fault.js';
import { readTime } from './der-time.js';
import { readDer } from './strict-der.js';

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;

function time(tag: number, text: string): Date {
  const bytes = tlv(tag, Buffer.from(text, 'latin1'));
  return readTime(bytes, readDer(bytes), 'notBefore');
}

function refusal(run: () => unknown): { code: string; detail: string; params: FaultDetails | undefined } {
  const { code, detail, params } = thrownFault(run);
  return { code, detail, params };
}

const iso = (tag: number, text: string) => time(tag, text).toISOString();

describe('readTime', () => {
  it('reads UTCTime years 50-99 as 1950-1999 and 00-49 as 2000-2049', () => {
    expect(iso(UTC_TIME, '500101000000Z')).toBe('1950-01-01T00:00:00.000Z');
    expect(iso(UTC_TIME, '990615123456Z')).toBe('1999-06-15T12:34:56.000Z');
    expect(iso(UTC_TIME, '491231235959Z')).toBe('2049-12-31T23:59:59.000Z');
    expect(iso(UTC_TIME, '000101000000Z')).toBe('2000-01-01T00:00:00.000Z');
  });

  it('reads GeneralizedTime years as written', () => {
    expect(iso(GENERALIZED_TIME, '99991231235959Z')).toBe('9999-12-31T23:59:59.000Z');
    expect(iso(GENERALIZED_TIME, '19500101000000Z')).toBe('1950-01-01T00:00:00.000Z');
    expect(iso(GENERALIZED_TIME, '20240229120000Z')).toBe('2024-02-29T12:00:00.000Z');
  });

  it('refuses a value that is not a time, or no value', () => {
    const octets = tlv(0x04, Buffer.from('20250101000000Z', 'latin1'));
    expect(refusal(() => readTime(octets, readDer(octets), 'notAfter'))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      detail: 'notAfter: expected UTCTime or GeneralizedTime, found universal 4',
      params: undefined,
    });
    expect(refusal(() => readTime(new Uint8Array(0), undefined, 'notAfter'))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      detail: 'notAfter: expected UTCTime or GeneralizedTime, found nothing',
      params: undefined,
    });
  });

  it.each([
    [UTC_TIME, '2501010000Z', 'UTCTime'],
    [UTC_TIME, '250101000000+0100', 'UTCTime'],
    [UTC_TIME, '20250101000000Z', 'UTCTime'],
    [GENERALIZED_TIME, '250101000000Z', 'GeneralizedTime'],
    [GENERALIZED_TIME, '20250101000000.5Z', 'GeneralizedTime'],
  ])('refuses %i %s, not the DER form of a %s', (tag, text, type) => {
    expect(refusal(() => time(tag, text))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      detail: `notBefore: ${JSON.stringify(text)} is not a DER ${type}`,
      params: { received: text },
    });
  });

  it.each([
    '00500101000000Z', // year 50, which Date.UTC reads as 1950
    '00991231235959Z',
    '20251301000000Z', // month 13: 1 January 2026
    '20250001000000Z', // month 0: December 2024
    '20250230000000Z', // 30 February: 2 March
    '20250100000000Z', // day 0: 31 December 2024
    '20250101240000Z', // hour 24
    '20250101006000Z', // minute 60
    '20250101000060Z', // second 60
  ])('refuses GeneralizedTime %s, not a valid date and time', (text) => {
    expect(refusal(() => time(GENERALIZED_TIME, text))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      detail: `notBefore: ${text} is not a valid date and time`,
      params: { received: text },
    });
  });

  it('refuses an impossible UTCTime', () => {
    expect(refusal(() => time(UTC_TIME, '250229000000Z'))).toEqual({
      code: 'CERTIFICATE_MALFORMED',
      detail: 'notBefore: 250229000000Z is not a valid date and time',
      params: { received: '250229000000Z' },
    });
    expect(iso(UTC_TIME, '240229000000Z')).toBe('2024-02-29T00:00:00.000Z');
  });
});
