import type { AuditReport, DeviceAudit } from './model.js';
import { summarise } from './summary.js';

/**
 * One report from the reports of consecutive shards of the inputs (worker threads, machines): each device once,
 * at the place it was first seen, judged by its latest response across all shards; problems in shard order.
 */
export function mergeAuditReports(reports: readonly AuditReport[]): AuditReport {
  const devices = new Map<string, DeviceAudit>();
  for (const report of reports) {
    for (const device of report.devices) {
      const previous = devices.get(device.deviceId);
      if (!previous || BigInt(device.counter) > BigInt(previous.counter)) devices.set(device.deviceId, device);
    }
  }
  const merged = [...devices.values()];
  const problems = reports.flatMap((r) => r.problems);
  const responses = reports.reduce((n, r) => n + r.summary.responses, 0);
  return { devices: merged, problems, summary: summarise(merged, responses, problems.length) };
}
