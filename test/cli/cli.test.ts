/** The built `duis-validate` binary, run as a user would (test/support/cli.ts). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MPAN_RULE_CODE } from '../../src/codes.js';
import { certificate, exampleContext, fixtureRequest } from '../support/fixtures.js';
import { cli, cliInProcess, ensureBuilt, ROOT } from '../support/cli.js';
import { OFFICIAL_SCHEMA_AVAILABLE, validateWithOfficialSchema } from '../support/xmllint.js';

const CONTEXT = 'fixtures/context.example.json';
const REQUESTS = 'fixtures/requests';

function parseXmlStrict(xml: string): Document {
  const fail = (message: string): never => {
    throw new Error(`not well-formed: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(
    xml,
    'text/xml',
  ) as unknown as Document;
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

let tmp: string;
const inTmp = (name: string): string => path.join(tmp, name);

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(path.join(tmpdir(), 'duis-validate-cli-'));
  // Future dated Network Operator replacement with the wrong operator's certificates: E061506 and E061510 twice.
  writeFileSync(
    inTmp('several-findings.xml'),
    fixtureRequest('no-by-supplier-wrong-operator').replace(
      '<sr:RemotePartyRole>',
      '<sr:ExecutionDateTime>2030-01-15T00:00:00Z</sr:ExecutionDateTime><sr:RemotePartyRole>',
    ),
  );
  // A supplier replacement whose Digital Signing certificate expired in 2024: a library check only.
  writeFileSync(
    inTmp('expired-certificate.xml'),
    fixtureRequest('supplier-by-supplier-immediate').replace(certificate('supplier-ds'), certificate('supplier-ds-expired')),
  );
  writeFileSync(inTmp('malformed.xml'), '<sr:Request');
  const { now: _now, ...withoutNow } = exampleContext();
  writeFileSync(inTmp('context-without-now.json'), JSON.stringify(withoutNow));
  writeFileSync(inTmp('broken.json'), '{ "users": { ');
  const bad = exampleContext() as unknown as Record<string, any>;
  bad.colour = 'blue';
  bad.devices['00-DB-12-34-56-78-90-A0'].mpan = '12345';
  writeFileSync(inTmp('bad-context.json'), JSON.stringify(bad));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// Most tests run the command in process (the same `run` the binary calls); the binary itself is run by the tests
// that are about it: a start, --help, usage errors, worker threads, a closed pipe.
describe('duis-validate', () => {
  it('accepts a valid request: exit 0, one line, summary', () => {
    const r = cli(['--context', CONTEXT, `${REQUESTS}/no-by-no.xml`]);
    expect(r.stdout).toBe(`${REQUESTS}/no-by-no.xml: ACCEPTED I0\n1 request: 1 accepted, 0 rejected, 0 warnings\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects a request with the DUIS code and its message: exit 1', async () => {
    const r = await cliInProcess(['--context', CONTEXT, `${REQUESTS}/no-by-supplier-wrong-operator.xml`, `${REQUESTS}/no-by-no.xml`]);
    expect(r.status).toBe(1);
    const [first, second, summary] = lines(r.stdout);
    expect(first).toMatch(
      new RegExp(
        `^${REQUESTS}/no-by-supplier-wrong-operator\\.xml: REJECTED ${DEFAULT_MPAN_RULE_CODE} Certificate Party / MPAN mismatch.*90-B3-D5-1F-30-03-00-00`,
      ),
    );
    expect(second).toBe(`${REQUESTS}/no-by-no.xml: ACCEPTED I0`);
    expect(summary).toBe(`2 requests: 1 accepted, 1 rejected (${DEFAULT_MPAN_RULE_CODE}: 1), 0 warnings`);
  });

  it('walks a directory for *.xml in sorted order', async () => {
    const r = await cliInProcess(['--context', CONTEXT, REQUESTS]);
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    const files = readdirSync(path.join(ROOT, REQUESTS)).filter((f) => /\.xml$/i.test(f)).sort();
    expect(out.slice(0, -1).map((l) => l.slice(0, l.indexOf(':')))).toEqual(files.map((f) => `${REQUESTS}/${f}`));
    expect(out.at(-1)).toBe(`16 requests: 13 accepted (2 on generic checks only), 3 rejected (E061506: 1, E062106: 1, ${DEFAULT_MPAN_RULE_CODE}: 1), 0 warnings`);
  });

  it('expands quoted globs with *, ? and **', async () => {
    const star = await cliInProcess(['--context', CONTEXT, `${REQUESTS}/no-by-*.xml`]);
    expect(lines(star.stdout).slice(0, -1).map((l) => l.split(':')[0])).toEqual([
      `${REQUESTS}/no-by-no.xml`,
      `${REQUESTS}/no-by-supplier-correct.xml`,
      `${REQUESTS}/no-by-supplier-wrong-operator.xml`,
    ]);
    const globstar = await cliInProcess(['--context', CONTEXT, 'fixtures/**/supplier-by-supplier-?mmediate.xml']);
    expect(globstar.stdout).toBe(
      `${REQUESTS}/supplier-by-supplier-immediate.xml: ACCEPTED I0\n` +
        'fixtures/signed/supplier-by-supplier-immediate.xml: ACCEPTED I0\n2 requests: 2 accepted, 0 rejected, 0 warnings\n',
    );
    expect(globstar.status).toBe(0);
    const none = await cliInProcess(['--context', CONTEXT, `${REQUESTS}/nothing-*.xml`]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('nothing-*.xml: no files match');
  });

  it('reads a request from stdin with -', async () => {
    const r = await cliInProcess(['--context', CONTEXT, '-'], fixtureRequest('future-dated-network-operator'));
    expect(r.status).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^-: REJECTED E061506 Future Dating/);
  });

  it('--json prints one parseable object per request; the summary goes to stderr', async () => {
    const r = await cliInProcess(['--json', '--context', CONTEXT, REQUESTS]);
    expect(r.status).toBe(1);
    const records = lines(r.stdout).map((l) => JSON.parse(l));
    expect(records).toHaveLength(16);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(['file', 'accepted', 'responseCode', 'service', 'coverage', 'findings']);
      expect(Array.isArray(record.findings)).toBe(true);
    }
    const rejected = records.find((x) => x.file === `${REQUESTS}/no-by-supplier-wrong-operator.xml`);
    expect(rejected).toMatchObject({ accepted: false, responseCode: DEFAULT_MPAN_RULE_CODE });
    expect(rejected.findings[0]).toMatchObject({ code: DEFAULT_MPAN_RULE_CODE, severity: 'error' });
    expect(r.stderr).toBe(`16 requests: 13 accepted (2 on generic checks only), 3 rejected (E061506: 1, E062106: 1, ${DEFAULT_MPAN_RULE_CODE}: 1), 0 warnings\n`);
    // --format json is the same.
    expect((await cliInProcess(['--format', 'json', '--context', CONTEXT, REQUESTS])).stdout).toBe(r.stdout);
  });

  it('--format junit prints a well-formed JUnit document with the right counts', async () => {
    const r = await cliInProcess(['--format', 'junit', '--mode', 'all', '--context', CONTEXT, REQUESTS, inTmp('several-findings.xml')]);
    expect(r.status).toBe(1);
    const doc = parseXmlStrict(r.stdout);
    const suite = doc.getElementsByTagName('testsuite')[0]!;
    expect(suite.getAttribute('name')).toBe('duis-validate');
    expect(suite.getAttribute('tests')).toBe('17');
    expect(suite.getAttribute('failures')).toBe('4');
    expect(suite.getAttribute('skipped')).toBe('0');
    expect(doc.getElementsByTagName('testcase')).toHaveLength(17);
    expect(doc.getElementsByTagName('skipped')).toHaveLength(0);
    const failures = Array.from(doc.getElementsByTagName('failure'));
    expect(failures.map((f) => f.getAttribute('type'))).toEqual(['E061506', 'E062106', DEFAULT_MPAN_RULE_CODE, 'E061506']);
    const several = failures[3]!;
    expect((several.parentNode as Element).getAttribute('name')).toBe(inTmp('several-findings.xml'));
    expect(several.getAttribute('message')).toMatch(/^Future Dating/);
    expect(several.textContent!.split('\n')).toHaveLength(3); // every error finding in the body
    expect(r.stderr).toMatch(/^17 requests: 13 accepted \(2 on generic checks only\), 4 rejected/);
  });

  it('--mode all lists every finding, indented with severity, code and path', async () => {
    const first = await cliInProcess(['--context', CONTEXT, inTmp('several-findings.xml')]);
    expect(lines(first.stdout)).toHaveLength(2); // the line and the summary
    const all = await cliInProcess(['--mode', 'all', '--context', CONTEXT, inTmp('several-findings.xml')]);
    expect(all.status).toBe(1);
    const out = lines(all.stdout);
    // The line names the code only: the first finding's message is in the list below, once.
    expect(out[0]).toMatch(/: REJECTED E061506$/);
    const details = out.slice(1, -1);
    expect(details).toHaveLength(3);
    expect(details[0]).toMatch(/^ {2}error E061506 \/Request\/Body\/UpdateSecurityCredentialsKRP\/ExecutionDateTime Future Dating/);
    expect(details[1]).toMatch(new RegExp(`^  error ${DEFAULT_MPAN_RULE_CODE} /Request/.*/DigitalSigningCertificate Certificate Party`));
    expect(details[2]).toMatch(new RegExp(`^  error ${DEFAULT_MPAN_RULE_CODE} /Request/.*/KeyAgreementCertificate Certificate Party`));
  });

  it('--profile dcc turns library checks into warnings', async () => {
    const strict = await cliInProcess(['--context', CONTEXT, inTmp('expired-certificate.xml')]);
    expect(strict.status).toBe(1);
    expect(lines(strict.stdout)[0]).toMatch(/: REJECTED CERTIFICATE_NOT_VALID_NOW .*2024-12-31/);
    const dcc = await cliInProcess(['--profile', 'dcc', '--context', CONTEXT, inTmp('expired-certificate.xml')]);
    expect(dcc.status).toBe(0);
    const [line, warning, summary] = lines(dcc.stdout);
    expect(line).toMatch(/: ACCEPTED I0$/);
    expect(warning).toMatch(/^ {2}warning CERTIFICATE_NOT_VALID_NOW The certificate is not valid/);
    expect(summary).toBe('1 request: 1 accepted, 0 rejected, 1 warning');
  });

  it('--check-validity checks certificate validity against the clock when the context has no now', async () => {
    const context = inTmp('context-without-now.json');
    expect((await cliInProcess(['--context', context, inTmp('expired-certificate.xml')])).status).toBe(0);
    const checked = await cliInProcess(['--check-validity', '--context', context, inTmp('expired-certificate.xml')]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('REJECTED CERTIFICATE_NOT_VALID_NOW');
  });

  it('--mpan-rule-code sets the code of the Certificate Party / MPAN rule', async () => {
    const r = await cliInProcess(['--mpan-rule-code', 'E061599', '--context', CONTEXT, `${REQUESTS}/no-by-supplier-wrong-operator.xml`]);
    expect(r.status).toBe(1);
    // A code outside the code table has no description: the message is the rule's detail alone.
    expect(lines(r.stdout)[0]).toMatch(/: REJECTED E061599 .*the DigitalSigning certificate belongs to 90-B3-D5-1F-30-03-00-00/);
  });

  it('--response prints the DUIS Response of one rejected request, reproducible with the context\'s now', async () => {
    const r = await cliInProcess(['--response', '--context', CONTEXT, `${REQUESTS}/future-dated-network-operator.xml`]);
    expect(r.status).toBe(1);
    const doc = parseXmlStrict(r.stdout);
    const text = (name: string): string | null | undefined => doc.getElementsByTagName(name)[0]?.textContent;
    expect(doc.documentElement!.localName).toBe('Response');
    expect(doc.documentElement!.namespaceURI).toBe('http://www.dccinterface.co.uk/ServiceUserGateway');
    expect(text('sr:ResponseCode')).toBe('E061506');
    expect(text('sr:RequestID')).toBe('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1040');
    expect(text('sr:ResponseDateTime')).toBe('2026-11-25T12:00:00.000Z');
    expect(text('sr:ServiceReferenceVariant')).toBe('6.15.1');
    expect(lines(r.stderr)).toEqual(['1 request: 0 accepted, 1 rejected (E061506: 1), 0 warnings']);
    if (OFFICIAL_SCHEMA_AVAILABLE) {
      const [verdict] = await validateWithOfficialSchema([{ name: 'response', xml: r.stdout }]);
      expect(verdict).toMatchObject({ valid: true });
    }
    // Several documents on one stream would not be one XML document: a usage error pointing to --response-dir.
    const several = await cliInProcess(['--response', '--context', CONTEXT, REQUESTS]);
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('--response-dir');
  });

  it('--response-dir writes one DUIS Response document per request rejected with a DUIS code', async () => {
    const dir = inTmp('responses');
    const r = await cliInProcess(['--response-dir', dir, '--context', CONTEXT, `${REQUESTS}/future-dated-network-operator.xml`, `${REQUESTS}/no-by-no.xml`, `${REQUESTS}/handover-no-wrong-operator.xml`, inTmp('malformed.xml')]);
    expect(r.status).toBe(1);
    // The text report is printed as usual; the responses go to files.
    expect(lines(r.stdout).at(-1)).toBe('4 requests: 1 accepted, 3 rejected (E061506: 1, E062106: 1, XML_MALFORMED: 1), 0 warnings');
    expect(r.stderr).toContain(`2 DUIS Response documents written to ${dir}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['future-dated-network-operator.response.xml', 'handover-no-wrong-operator.response.xml']);
    const codes = files.map((f) => parseXmlStrict(readFileSync(path.join(dir, f), 'utf8')).getElementsByTagName('sr:ResponseCode')[0]?.textContent);
    expect(codes).toEqual(['E061506', 'E062106']);
    if (OFFICIAL_SCHEMA_AVAILABLE) {
      const verdicts = await validateWithOfficialSchema(files.map((f) => ({ name: f, xml: readFileSync(path.join(dir, f), 'utf8') })));
      // E062106 is provisional: not in the V5.4 ResponseCode enumeration, so only the E061506 response validates.
      expect(verdicts.map((v) => v.valid)).toEqual([true, false]);
    }
  });

  it('bad context JSON: exit 2, the message names the file', async () => {
    const r = await cliInProcess(['--context', inTmp('broken.json'), `${REQUESTS}/no-by-no.xml`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`context file ${inTmp('broken.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON at line \\d+, column \\d+: `));
  });

  it('an invalid context: exit 2, every problem listed with its JSON path', async () => {
    const r = await cliInProcess(['--context', inTmp('bad-context.json'), `${REQUESTS}/no-by-no.xml`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is invalid (2 problems)');
    expect(r.stderr).toMatch(/^ {2}\$\.colour: unknown key/m);
    expect(r.stderr).toMatch(/^ {2}\$\.devices\["00-DB-12-34-56-78-90-A0"\]\.mpan: '12345' is not a 13-digit MPAN core/m);
  });

  it('a missing context file: exit 2', async () => {
    const r = await cliInProcess(['--context', inTmp('nothing.json'), `${REQUESTS}/no-by-no.xml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nothing.json: cannot read: no such file');
  });

  it('usage errors exit 2 with a hint', async () => {
    for (const args of [
      ['--bogus', REQUESTS],
      ['--format', 'xml', REQUESTS],
      ['--mode', 'some', REQUESTS],
      ['--profile', 'lenient', REQUESTS],
      ['--json', '--format', 'junit', REQUESTS],
      ['--response', '--json', REQUESTS],
      ['--context'],
      [],
    ]) {
      const r = await cliInProcess(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/^duis-validate: .+\nTry 'duis-validate --help' for more information\.\n$/);
    }
    expect(cli(['--bogus', REQUESTS]).stderr).toContain("Unknown option '--bogus'");
  });

  it('a missing input file is reported and the others are still validated: exit 2', async () => {
    const r = await cliInProcess(['--context', CONTEXT, 'no/such/file.xml', `${REQUESTS}/no-by-no.xml`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(`${REQUESTS}/no-by-no.xml: ACCEPTED I0\n1 request: 1 accepted, 0 rejected, 0 warnings\n`);
    expect(r.stderr).toBe('duis-validate: no/such/file.xml: no such file or directory\n');
  });

  it('--help and --version', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: duis-validate \[options\] FILE\|DIR\|GLOB\|- \.\.\./);
    for (const option of ['--context', '--format', '--json', '--mode', '--profile', '--response', '--mpan-rule-code', '--check-validity']) {
      expect(help.stdout).toContain(option);
    }
    const version = cli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });
});

describe('--signers', () => {
  const SIGNERS = ['--signers', 'fixtures/pki/xml-sign-supplier.pem', '--signers', 'fixtures/pki/xml-sign-network-operator-a.pem'];

  it('verifies signed requests: valid ones accepted, the tampered one SIGNATURE_INVALID', async () => {
    const result = await cliInProcess(['--context', CONTEXT, ...SIGNERS, 'fixtures/signed']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('fixtures/signed/no-by-no.xml: ACCEPTED I0');
    expect(result.stdout).toContain('fixtures/signed/supplier-by-supplier-immediate.xml: ACCEPTED I0');
    expect(result.stdout).toMatch(/tampered-supplier-by-supplier\.xml: REJECTED SIGNATURE_INVALID/);
  });

  it('requires a signature once signers are given', async () => {
    const result = await cliInProcess(['--context', CONTEXT, ...SIGNERS, `${REQUESTS}/no-by-no.xml`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('REJECTED SIGNATURE_MISSING');
  });

  it('a missing signers file or a non-signer certificate is a usage error (exit 2)', async () => {
    expect(await cliInProcess(['--signers', 'fixtures/none.pem', `${REQUESTS}/no-by-no.xml`])).toMatchObject({ status: 2 });
    const device = await cliInProcess(['--signers', 'fixtures/pki/device-esme.pem', `${REQUESTS}/no-by-no.xml`]);
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('device-esme.pem');
  });
});

describe('audit (built binary)', () => {
  it('--jobs 2 spreads the responses over worker threads and reports exactly what one thread does', () => {
    const args = ['audit', '--format', 'json', '--context', 'fixtures/estate/context.json', 'fixtures/estate/responses', 'fixtures/estate/broken'];
    const one = cli(args);
    const two = cli([...args, '--jobs', '2']);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(11);
  });
});

describe('a closed pipe', () => {
  it('`duis-validate ... | head` exits with the status of the results, quietly', () => {
    const dir = inTmp('many');
    mkdirSync(dir, { recursive: true });
    const xml = fixtureRequest('no-by-supplier-wrong-operator');
    for (let i = 0; i < 1500; i++) writeFileSync(path.join(dir, `r${String(i).padStart(4, '0')}.xml`), xml);
    const script = `node ${JSON.stringify(path.join(ROOT, 'dist/cli.js'))} --json --context ${CONTEXT} ${JSON.stringify(dir)} 2>${JSON.stringify(inTmp('pipe-stderr.txt'))} | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const status = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(status.stdout.trim()).toBe('1');
    const stderr = readFileSync(inTmp('pipe-stderr.txt'), 'utf8');
    expect(stderr).not.toMatch(/Error|at /);
    expect(stderr).toMatch(/^1500 requests: 0 accepted, 1500 rejected/);
  });
});
