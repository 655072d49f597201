import { describe, expect, it } from 'vitest';
import { NO_A } from '../../test/support/build-response.js';
import { mergeAuditReports } from './merge.js';
import type { AuditReport, DeviceAudit } from './model.js';
import { summarise } from './summary.js';

const DEVICE = '00-DB-12-34-56-78-91-01';
const OTHER = '00-DB-12-34-56-78-91-02';

function audit(deviceId: string, source: string, counter: string): DeviceAudit {
  return {
    deviceId,
    source,
    counter,
    deviceType: 'ESME',
    mpan: null,
    distributorId: null,
    distributorName: null,
    holder: { DigitalSigning: NO_A },
    status: 'correct',
    expected: [NO_A],
    expectedSource: 'registration-data',
    slots: [{ slot: 'DigitalSigning', holder: NO_A, holderIs: 'expected' }],
    actions: [],
  };
}

function shard(devices: DeviceAudit[], responses = devices.length): AuditReport {
  return { devices, problems: [], summary: summarise(devices, responses, 0) };
}

const sources = (report: AuditReport) => report.devices.map((d) => d.source);

describe('mergeAuditReports', () => {
  it('a later shard with a higher counter wins, at the place the device was first seen; counters compare as numbers', () => {
    const merged = mergeAuditReports([shard([audit(DEVICE, 'old', '99'), audit(OTHER, 'other', '5')]), shard([audit(DEVICE, 'new', '100')])]);
    expect(sources(merged)).toEqual(['new', 'other']);
    expect(merged.summary).toMatchObject({ responses: 3, devices: 2 });
  });

  it('near misses: a later shard with an equal or lower counter does not replace the first', () => {
    expect(sources(mergeAuditReports([shard([audit(DEVICE, 'first', '100')]), shard([audit(DEVICE, 'same', '100')])]))).toEqual(['first']);
    expect(sources(mergeAuditReports([shard([audit(DEVICE, 'first', '100')]), shard([audit(DEVICE, 'older', '99')])]))).toEqual(['first']);
  });

  it('problems in shard order and the responses of every shard', () => {
    const a = { ...shard([], 2), problems: [{ source: 'a', findings: [] }] };
    const b = { ...shard([], 1), problems: [{ source: 'b', findings: [] }] };
    expect(mergeAuditReports([a, b])).toStrictEqual({
      devices: [],
      problems: [
        { source: 'a', findings: [] },
        { source: 'b', findings: [] },
      ],
      summary: summarise([], 3, 2),
    });
  });
});
