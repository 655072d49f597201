/** In-process tests of the CLI modules: what is awkward to provoke through the built binary. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { expandGlob, segmentMatcher } from '../../src/cli/glob.js';
import { expandInputs, readInput } from '../../src/cli/inputs.js';
import { formatJunitTestcase } from '../../src/cli/report-junit.js';
import { formatTextResult } from '../../src/cli/report-text.js';
import { run } from '../../src/cli/run.js';
import { Summary } from '../../src/cli/summary.js';
import { printable } from '../../src/cli/terminal.js';
import { accepted, rejectedWith } from '../support/verdicts.js';
import { finding } from '../../src/findings.js';
import { fixtureRequest, fixtureText } from '../support/fixtures.js';

class Sink {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function runIn(cwd: string, args: string[], options: { ttyStderr?: boolean; stdin?: string } = {}) {
  const stdout = new Sink();
  const stderr = new Sink(options.ttyStderr ?? false);
  const code = await run(args, { stdin: Readable.from([options.stdin ?? '']), stdout, stderr, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'duis-validate-run-'));
  writeFileSync(path.join(tmp, 'context.json'), fixtureText('context.example.json'));
  mkdirSync(path.join(tmp, 'batch'));
  for (let i = 0; i < 25; i++) {
    writeFileSync(path.join(tmp, 'batch', `r${String(i).padStart(2, '0')}.xml`), fixtureRequest('no-by-no'));
  }
  // A small tree for the glob matcher and the directory walk.
  for (const dir of ['tree/a/b', 'tree/c', 'tree/.hidden', 'empty']) mkdirSync(path.join(tmp, dir), { recursive: true });
  for (const file of ['tree/x.xml', 'tree/y.XML', 'tree/notes.txt', 'tree/a/one.xml', 'tree/a/b/two.xml', 'tree/c/three.xml', 'tree/.hidden/four.xml', 'tree/.dot.xml']) {
    writeFileSync(path.join(tmp, file), '<x/>');
  }
  symlinkSync(path.join(tmp, 'tree/a'), path.join(tmp, 'tree/link-to-a'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('progress line', () => {
  it('is \\r-updated on a TTY stderr for more than 20 inputs, and cleared at the end', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', 'batch'], { ttyStderr: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\r\u001B[Kvalidated 1/25');
    expect(r.stderr).toContain('\r\u001B[Kvalidated 25/25');
    expect(r.stderr.endsWith('\r\u001B[K')).toBe(true);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout.endsWith('25 requests: 25 accepted, 0 rejected\n')).toBe(true);
  });

  it('is never written when stderr is not a TTY', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', 'batch']);
    expect(r.stderr).toBe('');
  });

  it('is not shown for 20 inputs or fewer', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', 'batch/r0?.xml'], { ttyStderr: true });
    expect(r.stdout).toMatch(/^10 requests/m);
    expect(r.stderr).toBe('');
  });
});

describe('inputs', () => {
  it('walks directories for *.xml (any case), sorted, skipping hidden entries and linked directories', async () => {
    const { inputs, errors } = await expandInputs(['tree'], tmp);
    expect(errors).toEqual([]);
    expect(inputs.map((i) => i.name)).toEqual([
      'tree/a/b/two.xml',
      'tree/a/one.xml',
      'tree/c/three.xml',
      'tree/x.xml',
      'tree/y.XML',
    ]);
  });

  it('expands globs: * within a segment, ? one character, ** any depth', async () => {
    expect(await expandGlob('tree/*.xml', tmp)).toEqual(['tree/x.xml']);
    expect(await expandGlob('tree/?.*', tmp)).toEqual(['tree/x.xml', 'tree/y.XML']);
    expect(await expandGlob('tree/**/*.xml', tmp)).toEqual([
      'tree/a/b/two.xml',
      'tree/a/one.xml',
      'tree/c/three.xml',
      'tree/x.xml',
    ]);
    expect(await expandGlob('tree/*/one.xml', tmp)).toEqual(['tree/a/one.xml', 'tree/link-to-a/one.xml']);
    expect(await expandGlob('tree/.*/*.xml', tmp)).toEqual(['tree/.hidden/four.xml']);
    expect(await expandGlob('./tree/c/*', tmp)).toEqual(['./tree/c/three.xml']);
    expect(await expandGlob(`${tmp}/tree/c/*.xml`, '/')).toEqual([`${tmp}/tree/c/three.xml`]);
    expect(await expandGlob('nowhere/*.xml', tmp)).toEqual([]);
  });

  it('matches segments literally apart from * and ?', () => {
    const match = segmentMatcher('a.(b)+[c]*');
    expect(match('a.(b)+[c]')).toBe(true);
    expect(match('a.(b)+[c]-more')).toBe(true);
    expect(match('aX(b)+[c]')).toBe(false);
    expect(segmentMatcher('*')('.hidden')).toBe(false);
    expect(segmentMatcher('.*')('.hidden')).toBe(true);
  });

  it('takes an existing name literally, validates each file once, and keeps argument order', async () => {
    const { inputs } = await expandInputs(['tree/x.xml', 'tree', 'tree/*.xml', '-', '-'], tmp);
    expect(inputs.map((i) => i.name)).toEqual([
      'tree/x.xml',
      'tree/a/b/two.xml',
      'tree/a/one.xml',
      'tree/c/three.xml',
      'tree/y.XML',
      '-',
    ]);
  });

  it('reports missing files and empty globs', async () => {
    const { errors } = await expandInputs(['missing.xml', 'tree/*.json'], tmp);
    expect(errors).toEqual(['missing.xml: no such file or directory', 'tree/*.json: no files match this pattern']);
  });

  it('an unreadable input is reported, not thrown', async () => {
    const result = await readInput({ name: 'tree', file: path.join(tmp, 'tree') }, Readable.from([]));
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toMatch(/^tree: cannot read: /);
  });

  it('no request files at all is an error (exit 2)', async () => {
    const r = await runIn(tmp, ['empty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no request files found');
  });

  it('reads standard input as bytes', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', '-'], { stdin: fixtureRequest('no-by-no') });
    expect(r).toEqual({ code: 0, stdout: '-: ACCEPTED I0\n1 request: 1 accepted, 0 rejected\n', stderr: '' });
  });
});

describe('arguments', () => {
  it('parses every option', () => {
    expect(
      parseCliArgs([
        '--context', 'c.json', '--json', '--mode', 'all', '--profile', 'dcc', '--mpan-rule-code', 'E061599',
        '--check-validity', '--signers', 's1.pem', '--signers', 'dir', 'a.xml', '-',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        contextFile: 'c.json',
        format: 'json',
        mode: 'all',
        profile: 'dcc',
        response: false,
        mpanRuleCode: 'E061599',
        certificatePartyCodes: new Map(),
        unsupported: 'pass',
        junitSkipGeneric: false,
        checkValidity: true,
        signers: ['s1.pem', 'dir'],
        inputs: ['a.xml', '-'],
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version', 'x'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['--json', '--format', 'json', 'x'])).toMatchObject({ kind: 'run', options: { format: 'json' } });
  });

  it('--unsupported, --certificate-party-code SRV=CODE (repeatable) and --junit-skip-generic', () => {
    const parsed = parseCliArgs([
      '--unsupported', 'reject', '--certificate-party-code', '6.21=E062199', '--certificate-party-code', '6.15.1=E061599',
      '--format', 'junit', '--junit-skip-generic', 'x',
    ]);
    expect(parsed).toMatchObject({ kind: 'run', options: { unsupported: 'reject', junitSkipGeneric: true } });
    expect(parsed.kind === 'run' && [...parsed.options.certificatePartyCodes]).toEqual([
      ['6.21', 'E062199'],
      ['6.15.1', 'E061599'],
    ]);
    expect(parseCliArgs(['--unsupported', 'drop', 'x'])).toEqual({ kind: 'error', message: "--unsupported must be one of pass, reject (got 'drop')" });
    expect(parseCliArgs(['--certificate-party-code', 'E062106', 'x'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/SRV=CODE/) });
    expect(parseCliArgs(['--certificate-party-code', '6.21=E1', '--certificate-party-code', '6.21=E2', 'x'])).toMatchObject({
      kind: 'error',
      message: '--certificate-party-code gives 6.21 twice',
    });
    expect(parseCliArgs(['--junit-skip-generic', 'x'])).toMatchObject({ kind: 'error', message: '--junit-skip-generic needs --format junit' });
  });

  it('rejects bad values', () => {
    expect(parseCliArgs(['--mpan-rule-code', 'E 1', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--context=', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--response', '--format', 'junit', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--response', 'x'])).toMatchObject({ kind: 'run', options: { response: true } });
  });
});

describe('requests not validated in depth', () => {
  const requests = ['generic-retrieve-daily-consumption-log.xml', 'handover-no-wrong-operator.xml', 'handover-no-correct.xml'];
  beforeAll(() => {
    mkdirSync(path.join(tmp, 'mixed'));
    for (const name of requests) writeFileSync(path.join(tmp, 'mixed', name), fixtureRequest(name.replace(/\.xml$/, '')));
  });

  it('text: PASSED naming the SRV whose body was not validated; the summary counts them', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', 'mixed']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'mixed/generic-retrieve-daily-consumption-log.xml: PASSED (generic checks; 4.17 body not validated)',
      'mixed/handover-no-correct.xml: ACCEPTED I0',
      expect.stringMatching(/^mixed\/handover-no-wrong-operator\.xml: REJECTED E062106 Certificate Party mismatch/),
      '3 requests: 2 accepted (1 on generic checks only), 1 rejected (E062106: 1)',
      '',
    ]);
  });

  it('--unsupported reject: SERVICE_NOT_VALIDATED; near miss: the 6.21 requests are judged as before', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', '--unsupported', 'reject', 'mixed']);
    expect(r.stdout).toMatch(/^mixed\/generic-retrieve-daily-consumption-log\.xml: REJECTED SERVICE_NOT_VALIDATED .*4\.17 Retrieve Daily Consumption Log/m);
    expect(r.stdout).toContain('mixed/handover-no-correct.xml: ACCEPTED I0');
    expect(r.stdout).toContain('3 requests: 1 accepted, 2 rejected (SERVICE_NOT_VALIDATED: 1, E062106: 1)');
  });

  it('--certificate-party-code 6.21=CODE answers the 6.21 rule with CODE; an SRV without the rule is a usage error', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', '--certificate-party-code', '6.21=E062199', 'mixed/handover-no-wrong-operator.xml']);
    expect(r.stdout).toMatch(/: REJECTED E062199 /);
    const bad = await runIn(tmp, ['--context', 'context.json', '--certificate-party-code', '6.23=E062301', 'mixed']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/6\.23.*did you mean "6\.21"/);
    expect(bad.stdout).toBe('');
  });

  it('json carries service and coverage', async () => {
    const r = await runIn(tmp, ['--json', '--context', 'context.json', 'mixed']);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => [x.service, x.coverage])).toEqual([
      ['4.17', 'generic'],
      ['6.21', 'full'],
      ['6.21', 'full'],
    ]);
  });

  it('junit: a passed test case by default; <skipped message> only with --junit-skip-generic', async () => {
    const plain = await runIn(tmp, ['--format', 'junit', '--context', 'context.json', 'mixed']);
    expect(plain.stdout).not.toContain('<skipped');
    expect(plain.stdout).toContain('skipped="0"');
    const skipping = await runIn(tmp, ['--format', 'junit', '--junit-skip-generic', '--context', 'context.json', 'mixed']);
    const doc = new DOMParser().parseFromString(skipping.stdout, 'text/xml');
    const skipped = Array.from(doc.getElementsByTagName('skipped'));
    expect(skipped.map((s) => [(s.parentNode as Element).getAttribute('name'), s.getAttribute('message')])).toEqual([
      ['mixed/generic-retrieve-daily-consumption-log.xml', 'generic checks; 4.17 body not validated'],
    ]);
    expect(doc.getElementsByTagName('testsuite')[0]!.getAttribute('skipped')).toBe('1');
  });
});

describe('reports', () => {
  const hostile = rejectedWith(
    finding('XML_MALFORMED', { line: 1, column: 2, reason: 'bad \u001B[2J "value" <&> \u202E\n' }, { path: '/Request' }),
    finding('MPAN_UNKNOWN', { srv: '6.15.1', deviceId: 'w\u0000' }),
  );

  it('text output shows control characters as escapes', () => {
    const text = formatTextResult('evil\u001B]0;title\u0007.xml', hostile, 'all');
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u202E]/);
    expect(text).toContain('evil\\x1b]0;title\\x07.xml: REJECTED XML_MALFORMED');
    expect(text).toContain('\\x1b[2J');
    expect(text.split('\n')).toHaveLength(4); // line, two findings, final newline
  });

  it('junit test cases stay well-formed whatever the names and messages', () => {
    const testcase = formatJunitTestcase('a"b<c>&\u0001.xml', hostile);
    const doc = new DOMParser({
      errorHandler: {
        warning: () => {},
        error: (m: string) => {
          throw new Error(m);
        },
        fatalError: (m: string) => {
          throw new Error(m);
        },
      },
    }).parseFromString(`<testsuite>${testcase}</testsuite>`, 'text/xml');
    const element = doc.getElementsByTagName('testcase')[0]!;
    expect(element.getAttribute('name')).toBe('a"b<c>&\uFFFD.xml');
    expect(doc.getElementsByTagName('failure')[0]!.getAttribute('type')).toBe('XML_MALFORMED');
    expect(doc.getElementsByTagName('system-out')[0]!.textContent).toContain('warning MPAN_UNKNOWN');
  });

  it('the summary counts rejections per code in order of first occurrence', () => {
    const summary = new Summary();
    const e1 = finding('E1', { userId: '90-B3-D5-1F-30-0A-00-00' });
    summary.add(rejectedWith(e1));
    summary.add(accepted());
    summary.add(rejectedWith(finding('E061506', { remotePartyRole: 'NetworkOperator', executionDateTime: '2030-01-01T00:00:00Z', allowed: ['Supplier'] })));
    summary.add(rejectedWith(e1));
    expect(summary.format()).toBe('4 requests: 1 accepted, 3 rejected (E1: 2, E061506: 1)');
    summary.addUnreadable();
    expect(summary.format()).toBe('4 requests: 1 accepted, 3 rejected (E1: 2, E061506: 1), 1 unreadable');
    expect(printable('a\u2028b')).toBe('a\\u2028b');
  });
});
