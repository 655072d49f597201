/**
 * The audit's text, JSON-lines and CSV reports. Each takes the whole report and returns the document; the audit
 * has already held every device in memory to let the latest response win, so there is nothing to stream here.
 */
import { describeAction, describeExpectation, describeReason } from '../../audit/describe.js';
import type { AuditProblem, AuditReport, DeviceAudit } from '../../audit/model.js';
import { printable } from '../terminal.js';

const STATUS_TEXT: Readonly<Record<DeviceAudit['status'], string>> = {
  correct: 'CORRECT',
  'wrong-network-operator': 'WRONG NETWORK OPERATOR',
  'not-checked': 'NOT CHECKED',
};

const holders = (d: DeviceAudit): string =>
  Object.entries(d.holder)
    .map(([slot, holder]) => `${slot} ${holder}`)
    .join(', ') || 'no Network Operator slot shown';

function deviceLine(d: DeviceAudit): string[] {
  const where = describeExpectation(d);
  if (d.status === 'not-checked') return [`${d.deviceId}: ${STATUS_TEXT[d.status]} ${describeReason(d.reason)}${where ? ` (${where})` : ''}`];
  const head = `${d.deviceId}: ${STATUS_TEXT[d.status]} ${holders(d)}; expected ${d.expected.join(' or ')} (${where})`;
  return [head, ...d.actions.map((a) => `  action: ${describeAction(a)}`)];
}

/** The first finding's code and message, as a problem line: `file: UNREADABLE XML_MALFORMED ...`. */
export function problemLine(problem: AuditProblem): string {
  const first = problem.findings[0];
  return `${problem.source}: UNREADABLE ${first ? `${first.code} ${first.message}` : ''}`.trimEnd();
}

/** `13 devices from 14 responses: 2 correct, 4 wrong Network Operator, 7 not checked` and the breakdowns. */
export function summaryLines(report: AuditReport): string[] {
  const { summary: s } = report;
  const devices = s.devices === 1 ? '1 device' : `${s.devices} devices`;
  const responses = s.responses === 1 ? '1 response' : `${s.responses} responses`;
  const lines = [
    `${devices} from ${responses}: ${s.byStatus.correct} correct, ${s.byStatus['wrong-network-operator']} wrong Network Operator, ` +
      `${s.byStatus['not-checked']} not checked${s.problems > 0 ? `, ${s.problems} unreadable` : ''}`,
  ];
  if (s.wrongByHolder.length > 0) lines.push(`wrong, by holder: ${s.wrongByHolder.map((h) => `${h.holder} ${h.devices}`).join(', ')}`);
  const reasons = Object.entries(s.byReason);
  if (reasons.length > 0) lines.push(`not checked, by reason: ${reasons.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  return lines;
}

/** One line per device (its action indented below), the unreadable inputs, then the summary. */
export function formatAuditText(report: AuditReport): string {
  const lines = [...report.devices.flatMap(deviceLine), ...report.problems.map(problemLine), ...summaryLines(report)];
  return `${lines.map(printable).join('\n')}\n`;
}

/** The JSON record of one device: the fields a script needs first, then the rest of the audit. */
export function deviceRecord(d: DeviceAudit): Record<string, unknown> {
  return {
    deviceId: d.deviceId,
    status: d.status,
    ...(d.status === 'not-checked' ? { reason: d.reason } : {}),
    holder: d.holder,
    expected: d.expected,
    ...(d.status === 'not-checked' ? {} : { expectedSource: d.expectedSource }),
    deviceType: d.deviceType,
    mpan: d.mpan,
    distributorId: d.distributorId,
    distributorName: d.distributorName,
    slots: d.slots,
    actions: d.actions,
    source: d.source,
    counter: d.counter,
  };
}

/** One JSON object per device per line. */
export function formatAuditJson(report: AuditReport): string {
  return report.devices.map((d) => `${JSON.stringify(deviceRecord(d))}\n`).join('');
}

export const CSV_COLUMNS = [
  'deviceId',
  'status',
  'reason',
  'deviceType',
  'mpan',
  'distributorId',
  'distributorName',
  'expected',
  'holderDigitalSigning',
  'holderKeyAgreement',
  'wrongSlots',
  'action',
  'actionBy',
  'source',
  'counter',
] as const;

/**
 * RFC 4180 quoting, and a leading apostrophe for a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR): the file names come from the file system, and an operations team opens this in a spreadsheet.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(d: DeviceAudit): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    deviceId: d.deviceId,
    status: d.status,
    reason: d.status === 'not-checked' ? d.reason : '',
    deviceType: d.deviceType ?? '',
    mpan: d.mpan ?? '',
    distributorId: d.distributorId ?? '',
    distributorName: d.distributorName ?? '',
    expected: d.expected.join(' '),
    holderDigitalSigning: d.holder.DigitalSigning ?? '',
    holderKeyAgreement: d.holder.KeyAgreement ?? '',
    wrongSlots: d.slots.filter((s) => s.holderIs !== 'expected').map((s) => s.slot).join(' '),
    action: d.actions.map(describeAction).join('; '),
    actionBy: d.actions.map((a) => a.by ?? '').join(' '),
    source: d.source,
    counter: d.counter,
  };
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',');
}

/** A header row and one row per device, CRLF line ends as RFC 4180 has them. */
export function formatAuditCsv(report: AuditReport): string {
  return [CSV_COLUMNS.join(','), ...report.devices.map(csvRow)].map((line) => `${line}\r\n`).join('');
}
