/**
 * `duis-validate audit` over the bundled estate (fixtures/estate/), in process: every device gets the status and
 * holder ESTATE_CASES says, in the API and in every format, and the exit code says whether anything is wrong.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTATE_CASES } from '../../scripts/estate.js';
import { auditCredentials } from '../../src/audit/audit.js';
import { CSV_COLUMNS } from '../../src/cli/audit/reports.js';
import { run } from '../../src/cli/run.js';
import type { ValidationContext } from '../../src/context.js';
import { validateRequest } from '../../src/validate.js';
import { ROOT } from '../support/cli.js';

class Sink {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function audit(args: string[], stdin = '') {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await run(['audit', ...args], { stdin: Readable.from([stdin]), stdout, stderr, cwd: ROOT });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const CONTEXT = 'fixtures/estate/context.json';
const RESPONSES = 'fixtures/estate/responses';
const context = JSON.parse(readFileSync(path.join(ROOT, CONTEXT), 'utf8')) as ValidationContext;
const expected = new Map(ESTATE_CASES.map((c) => [c.deviceId, c]));

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'duis-audit-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bundled estate through the API', () => {
  const files = readdirSync(path.join(ROOT, RESPONSES)).sort();
  const report = auditCredentials(
    files.map((f) => ({ source: f, xml: readFileSync(path.join(ROOT, RESPONSES, f)) })),
    context,
  );

  it('every device of ESTATE_CASES, with its status, holder and expected parties', () => {
    expect(report.devices).toHaveLength(ESTATE_CASES.length);
    for (const device of report.devices) {
      const want = expected.get(device.deviceId)!;
      expect({ id: device.deviceId, status: device.status, holder: device.holder }).toEqual({ id: want.deviceId, status: want.expected, holder: want.holder });
      expect(device.expected).toEqual(want.expectedParties);
    }
  });

  it('the older response of the wrong-NO meter loses to the newer one, whichever is read first', () => {
    const wrong = report.devices.find((d) => d.source === 'esme-wrong-no.xml')!;
    expect(wrong.status).toBe('wrong-network-operator');
    const reversed = auditCredentials(
      [...files].reverse().map((f) => ({ source: f, xml: readFileSync(path.join(ROOT, RESPONSES, f)) })),
      context,
    );
    expect(reversed.devices.find((d) => d.deviceId === wrong.deviceId)).toEqual(wrong);
  });
});

describe('duis-validate audit', () => {
  it('text: a line per device, its action, the summary by status and holder; exit 1 with a wrong meter', async () => {
    const r = await audit(['--context', CONTEXT, RESPONSES]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const c of ESTATE_CASES) {
      const status = { correct: 'CORRECT', 'wrong-network-operator': 'WRONG NETWORK OPERATOR', 'not-checked': 'NOT CHECKED' }[c.expected];
      expect(lines.some((l) => l.startsWith(`${c.deviceId}: ${status}`)), c.file).toBe(true);
    }
    expect(lines).toContain(
      '  action: 90-B3-D5-1F-30-03-00-00 sends 6.15.1 replacing its DigitalSigning, KeyAgreement certificates with 90-B3-D5-1F-30-02-00-00\'s',
    );
    expect(lines.at(-3)).toBe('11 devices from 12 responses: 2 correct, 4 wrong Network Operator, 5 not checked');
    expect(lines.at(-2)).toBe('wrong, by holder: 90-B3-D5-1F-30-03-00-00 2, 90-B3-D5-1F-30-02-00-00 1, 90-B3-D5-1F-30-07-00-00 1');
    expect(r.stderr).toBe('');
  });

  it('exit 0 when no device carries a wrong certificate', async () => {
    const r = await audit(['--context', CONTEXT, `${RESPONSES}/esme-right-no.xml`, `${RESPONSES}/gpf-registration-data.xml`, `${RESPONSES}/esme-no-mpan.xml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n3 devices from 3 responses: 2 correct, 0 wrong Network Operator, 1 not checked\nnot checked, by reason: no-mpan 1\n$/);
  });

  it('json: one object per device per line with deviceId, status, holder, expected; the summary on stderr', async () => {
    const r = await audit(['--format', 'json', '--context', CONTEXT, RESPONSES]);
    expect(r.code).toBe(1);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(ESTATE_CASES.length);
    for (const record of records) {
      expect(Object.keys(record).slice(0, 2)).toEqual(['deviceId', 'status']);
      const want = expected.get(record.deviceId)!;
      expect([record.status, record.holder, record.expected]).toEqual([want.expected, want.holder, want.expectedParties]);
    }
    expect(r.stderr).toMatch(/^11 devices from 12 responses/);
  });

  it('csv: a header row and one row per device, as a spreadsheet reads it', async () => {
    const r = await audit(['--format', 'csv', '--context', CONTEXT, RESPONSES]);
    const rows = r.stdout.split('\r\n').filter((l) => l !== '');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(ESTATE_CASES.length + 1);
    const cells = rows.slice(1).map((row) => row.split(','));
    for (const cell of cells) {
      const want = expected.get(cell[0]!)!;
      expect([cell[1], cell[8] || undefined, cell[9] || undefined]).toEqual([want.expected, want.holder.DigitalSigning, want.holder.KeyAgreement]);
    }
  });

  it('html: written with --output, the summary on stderr', async () => {
    const output = path.join(tmp, 'estate.html');
    const r = await audit(['--format', 'html', '--output', output, '--context', CONTEXT, RESPONSES]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(r.stderr).toMatch(/^11 devices from 12 responses/);
  });

  it('broken responses are reported for their file and the audit goes on', async () => {
    const r = await audit(['--format', 'json', '--context', CONTEXT, RESPONSES, 'fixtures/estate/broken']);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(ESTATE_CASES.length);
    const problems = r.stderr.split('\n').filter((l) => l.includes('UNREADABLE'));
    expect(problems.map((l) => /broken\/([\w-]+)\.xml: UNREADABLE (\w+)/.exec(l)?.slice(1))).toEqual([
      ['device-alert', 'RESPONSE_WRONG_SERVICE'],
      ['malformed', 'XML_MALFORMED'],
      ['missing-originator', 'SCHEMA_VIOLATION'],
      ['no-remote-party-details', 'RESPONSE_NO_REMOTE_PARTY_DETAILS'],
      ['wrong-service', 'RESPONSE_WRONG_SERVICE'],
    ]);
    expect(r.stderr).toMatch(/5 unreadable/);
  });

  it('a missing file is reported and the audit goes on; exit 2 if nothing else is wrong', async () => {
    const r = await audit(['--context', CONTEXT, `${RESPONSES}/esme-right-no.xml`, 'no-such-file.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-file.xml: no such file or directory');
    expect(r.stdout).toContain('1 device from 1 response: 1 correct');
  });

  it('reads a response from standard input', async () => {
    const r = await audit(['--format', 'json', '--context', CONTEXT, '-'], readFileSync(path.join(ROOT, RESPONSES, 'esme-wrong-no.xml'), 'utf8'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'wrong-network-operator', source: '-' });
  });

  it('--remediation writes the requests that fix each wrong meter, each accepted by validateRequest', async () => {
    const dir = path.join(tmp, 'remediation');
    const r = await audit(['--context', CONTEXT, '--remediation', dir, '--certificates', 'fixtures/pki', '--counter', '41', RESPONSES]);
    expect(r.code).toBe(1);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      '00-DB-12-34-56-78-91-02-6.15.1-90-B3-D5-1F-30-03-00-00.xml',
      '00-DB-12-34-56-78-91-03-6.15.1-90-B3-D5-1F-30-02-00-00.xml',
      '00-DB-12-34-56-78-91-04-6.15.1-90-B3-D5-1F-30-03-00-00.xml',
      '00-DB-12-34-56-78-91-05-6.21-90-B3-D5-1F-30-01-00-00.xml',
    ]);
    expect(r.stderr).toContain('4 remediation requests written');
    for (const file of files) {
      const verdict = validateRequest(readFileSync(path.join(dir, file), 'utf8'), context);
      expect([file, verdict.responseCode, verdict.findings]).toEqual([file, 'I0', []]);
    }
  });

  it('usage errors exit 2: no context, a bad format, --remediation without --certificates, a bad --jobs', async () => {
    for (const args of [[RESPONSES], ['--context', CONTEXT, '--format', 'pdf', RESPONSES], ['--context', CONTEXT, '--remediation', tmp, RESPONSES], ['--context', CONTEXT, '--jobs', '0', RESPONSES]]) {
      const r = await audit(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(/^duis-validate: /);
    }
  });

  it('an invalid context file exits 2 before reading any response', async () => {
    const bad = path.join(tmp, 'bad-context.json');
    writeFileSync(bad, JSON.stringify({ devices: { nope: { type: 'ESME' } } }));
    const r = await audit(['--context', bad, RESPONSES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is invalid/);
    expect(r.stdout).toBe('');
  });

  it('--help', async () => {
    const r = await audit(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: duis-validate audit --context FILE/);
  });
});
