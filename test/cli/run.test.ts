/** In-process tests of the CLI modules: what is awkward to provoke through the built binary. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
    expect(r.stdout.endsWith('25 requests: 25 accepted, 0 rejected, 0 warnings\n')).toBe(true);
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

  it('expands globs: * within a segment, ? one character, ** any depth; names match in any case, as the walk does', async () => {
    expect(await expandGlob('tree/*.xml', tmp)).toEqual(['tree/x.xml', 'tree/y.XML']);
    expect(await expandGlob('tree/?.XML', tmp)).toEqual(['tree/x.xml', 'tree/y.XML']);
    expect(await expandGlob('tree/?.*', tmp)).toEqual(['tree/x.xml', 'tree/y.XML']);
    expect(await expandGlob('tree/**/*.xml', tmp)).toEqual([
      'tree/a/b/two.xml',
      'tree/a/one.xml',
      'tree/c/three.xml',
      'tree/x.xml',
      'tree/y.XML',
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
    const result = await readInput({ name: 'tree', file: path.join(tmp, 'tree') }, Readable.from([]), 65_536);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok === false && result.message).toMatch(/^tree: cannot read: /);
  });

  it('a file or stream over the size limit is refused before it is read into memory: XML_TOO_LARGE', async () => {
    const big = path.join(tmp, 'big.xml');
    writeFileSync(big, Buffer.alloc(70_000, 0x20));
    expect(await readInput({ name: 'big.xml', file: big }, Readable.from([]), 65_536)).toMatchObject({ ok: 'too-large', size: 70_000, limit: 65_536 });
    // A stream is cut off at the limit: its size is not known.
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(4096, 0x20));
    expect(await readInput({ name: '-' }, Readable.from(chunks), 65_536)).toMatchObject({ ok: 'too-large', size: null });
    const r = await runIn(tmp, ['--context', 'context.json', 'big.xml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^big\.xml: REJECTED XML_TOO_LARGE .*the document has 70000 bytes, the limit is 65536/);
  });

  it('no request files at all is an error (exit 2)', async () => {
    const r = await runIn(tmp, ['empty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no request files found');
  });

  it('reads standard input as bytes', async () => {
    const r = await runIn(tmp, ['--context', 'context.json', '-'], { stdin: fixtureRequest('no-by-no') });
    expect(r).toEqual({ code: 0, stdout: '-: ACCEPTED I0\n1 request: 1 accepted, 0 rejected, 0 warnings\n', stderr: '' });
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

describe('output for CI', () => {
  beforeAll(() => {
    mkdirSync(path.join(tmp, 'ci'));
    writeFileSync(path.join(tmp, 'ci', 'accepted.xml'), fixtureRequest('no-by-no'));
    writeFileSync(path.join(tmp, 'ci', 'rejected.xml'), fixtureRequest('no-by-supplier-wrong-operator'));
    // An MPAN with a wrong check digit: the Certificate Party rule cannot run and says so with a warning.
    const context = JSON.parse(fixtureText('context.example.json'));
    context.devices['00-DB-12-34-56-78-90-A0'].mpan = '1200000000012';
    writeFileSync(path.join(tmp, 'ci', 'bad-mpan-context.json'), JSON.stringify(context));
  });

  it('--max-warnings 0 turns a rule-disabling warning into exit 1; near miss: without it the run passes', async () => {
    const args = ['--context', 'ci/bad-mpan-context.json', 'ci/rejected.xml'];
    const plain = await runIn(tmp, args);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/ACCEPTED I0\n {2}warning MPAN_INVALID .*\n1 request: 1 accepted, 0 rejected, 1 warning\n$/);
    const strict = await runIn(tmp, ['--max-warnings', '0', ...args]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('duis-validate: 1 warning, more than --max-warnings 0\n');
    expect((await runIn(tmp, ['--max-warnings', '1', ...args])).code).toBe(0);
  });

  it('--format json-summary: one document with counts per file and in total', async () => {
    const r = await runIn(tmp, ['--format', 'json-summary', '--context', 'ci/bad-mpan-context.json', 'ci/accepted.xml', 'ci/rejected.xml', 'ci/missing.xml']);
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.files).toEqual([
      // Both place Network Operator certificates on the ESME whose MPAN fails its check digit: one warning each.
      { file: 'ci/accepted.xml', accepted: true, responseCode: 'I0', service: '6.15.1', coverage: 'full', errorCount: 0, warningCount: 1 },
      { file: 'ci/rejected.xml', accepted: true, responseCode: 'I0', service: '6.15.1', coverage: 'full', errorCount: 0, warningCount: 1 },
    ]);
    expect(summary.total).toEqual({ files: 2, accepted: 2, acceptedOnGenericChecks: 0, rejected: 0, unreadable: 0, errorCount: 0, warningCount: 2, byCode: {} });
    expect(r.stderr).toContain('ci/missing.xml: no such file or directory');
  });

  it('--format github: a workflow annotation per finding, with the command characters escaped', async () => {
    const r = await runIn(tmp, ['--format', 'github', '--mode', 'all', '--context', 'context.json', 'ci/rejected.xml', 'ci/accepted.xml']);
    expect(r.code).toBe(1);
    const annotations = r.stdout.trimEnd().split('\n');
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatch(
      /^::error file=ci\/rejected\.xml,title=E061510 at \/Request\/Body\/UpdateSecurityCredentialsKRP\/ReplacementCertificates\/SupplierOrNetworkOperatorCertificates\/DigitalSigningCertificate::Certificate Party \/ MPAN mismatch/,
    );
    expect(r.stderr).toMatch(/^2 requests: 1 accepted, 1 rejected/);
    const hostile = 'ci/a,b:c%d\ne.xml';
    writeFileSync(path.join(tmp, hostile), fixtureRequest('no-by-supplier-wrong-operator'));
    const escaped = await runIn(tmp, ['--format', 'github', '--context', 'context.json', hostile]);
    expect(escaped.stdout.split('\n')[0]).toMatch(/^::error file=ci\/a%2Cb%3Ac%25d%0Ae\.xml,title=E061510 at /);
  });

  it('--output FILE: the report goes to the file, nothing to stdout; an unwritable one is a usage error', async () => {
    const r = await runIn(tmp, ['--format', 'json', '--output', 'ci/out.jsonl', '--context', 'context.json', 'ci/accepted.xml']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(path.join(tmp, 'ci/out.jsonl'), 'utf8'))).toMatchObject({ file: 'ci/accepted.xml', responseCode: 'I0' });
    const bad = await runIn(tmp, ['--output', 'no-such-dir/out.txt', '--context', 'context.json', 'ci/accepted.xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--output no-such-dir/out.txt: cannot write: no such file or directory');
  });

  it('without --context: one notice, not one per request', async () => {
    const r = await runIn(tmp, ['ci/accepted.xml', 'ci/rejected.xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('duis-validate: no --context given: no User, Device or registry is known, so every request fails E1 (give --context FILE)\n');
    expect(r.stdout.match(/REJECTED E1 /g)).toHaveLength(2);
  });

  it('an unknown flag gets a "did you mean", in both commands', async () => {
    expect((await runIn(tmp, ['--contxt', 'c.json', 'x.xml'])).stderr).toContain("Unknown option '--contxt'. Did you mean --context?");
    expect((await runIn(tmp, ['--max-warning', '0', 'x.xml'])).stderr).toContain('Did you mean --max-warnings?');
    expect((await runIn(tmp, ['audit', '--outptu', 'f', 'x.xml'])).stderr).toContain('Did you mean --output?');
    expect((await runIn(tmp, ['--zzzzzzzz', 'x.xml'])).stderr).toContain("Unknown option '--zzzzzzzz'. Try --help for the options.");
  });

  it('a malformed context file is reported with its line and column', async () => {
    writeFileSync(path.join(tmp, 'ci', 'broken.json'), '{\n  "users": {\n    "90-B3-D5-1F-30-01-00-00": { "role": "IS" },\n  }\n}');
    const r = await runIn(tmp, ['--context', 'ci/broken.json', 'ci/accepted.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^duis-validate: context file ci\/broken\.json is not valid JSON at line 4, column 3: /);
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
      '3 requests: 2 accepted (1 on generic checks only), 1 rejected (E062106: 1), 0 warnings',
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
    expect(summary.format()).toBe('4 requests: 1 accepted, 3 rejected (E1: 2, E061506: 1), 0 warnings');
    summary.addUnreadable();
    expect(summary.format()).toBe('4 requests: 1 accepted, 3 rejected (E1: 2, E061506: 1), 0 warnings, 1 unreadable');
    expect(printable('a\u2028b')).toBe('a\\u2028b');
  });
});
