import type { Eui64 } from '../duis/model.js';
import type { AuditSummary, DeviceAudit, NotCheckedReason } from './model.js';

/** The counts a report leads with: by status, by reason not checked, by holder of a wrong slot, by distributor. */
export function summarise(devices: readonly DeviceAudit[], responses: number, problems: number): AuditSummary {
  const byStatus = { correct: 0, 'wrong-network-operator': 0, 'not-checked': 0 };
  const byReason: Partial<Record<NotCheckedReason, number>> = {};
  const holders = new Map<Eui64, number>();
  const distributors = new Map<string, { correct: number; wrong: number }>();
  for (const device of devices) {
    byStatus[device.status] += 1;
    if (device.status === 'not-checked') {
      byReason[device.reason] = (byReason[device.reason] ?? 0) + 1;
      continue;
    }
    const distributor = device.distributorId ?? device.expectedSource;
    const counts = distributors.get(distributor) ?? { correct: 0, wrong: 0 };
    if (device.status === 'correct') counts.correct += 1;
    else counts.wrong += 1;
    distributors.set(distributor, counts);
    // Stryker disable next-line ConditionalExpression: a correct device has no slot whose holder is not expected (judgeDevice sets the status from the slots), so counting its wrong holders adds nothing
    if (device.status === 'wrong-network-operator') {
      for (const holder of new Set(device.slots.filter((s) => s.holderIs !== 'expected').map((s) => s.holder))) {
        holders.set(holder, (holders.get(holder) ?? 0) + 1);
      }
    }
  }
  return {
    responses,
    devices: devices.length,
    byStatus,
    byReason,
    wrongByHolder: [...holders].map(([holder, n]) => ({ holder, devices: n })).sort((a, b) => b.devices - a.devices || a.holder.localeCompare(b.holder)),
    byDistributor: [...distributors]
      .map(([distributor, c]) => ({ distributor, ...c }))
      .sort((a, b) => a.distributor.localeCompare(b.distributor)),
    problems,
  };
}
