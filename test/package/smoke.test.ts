import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the tarball as `npm publish` would, from a clean copy of the repository (what git tracks, no dist/: the
// `prepack` script must build it), installs it in a fresh project and uses it the three ways users do: `import`,
// `require` and the `duis-validate` bin.
const repo = new URL('../..', import.meta.url).pathname;
let project: string;
let clean: string;
let tarball: string;

function run(command: string, args: string[], cwd = project): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'duis-validator-smoke-'));
  clean = mkdtempSync(join(tmpdir(), 'duis-validator-clean-'));
  // The files a clean clone has (tracked, and new files not ignored), without dist/ or any build output.
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repo).split('\0').filter((f) => f && existsSync(join(repo, f)));
  for (const file of files) cpSync(join(repo, file), join(clean, file), { recursive: false });
  symlinkSync(join(repo, 'node_modules'), join(clean, 'node_modules'), 'dir');
  expect(existsSync(join(clean, 'dist'))).toBe(false);
  const name = run('npm', ['pack', '--silent', '--pack-destination', project], clean).trim().split('\n').at(-1)!;
  tarball = join(project, name);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball]);
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  if (clean) rmSync(clean, { recursive: true, force: true });
});

const request = readFileSync(new URL('../../fixtures/requests/no-by-supplier-wrong-operator.xml', import.meta.url), 'utf8');
const context = readFileSync(new URL('../../fixtures/context.example.json', import.meta.url), 'utf8');

describe('the packed tarball', () => {
  it('from a clean clone, ships the built code (prepack builds it), the schemas and the docs, nothing else', () => {
    const files = run('tar', ['-tzf', tarball]).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files.every((f: string) => /^(dist\/|schemas\/|docs\/domain\.md|README\.md|CHANGELOG\.md|SECURITY\.md|LICENSE|package\.json)/.test(f)), files.join(' ')).toBe(true);
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli.js', 'dist/audit-worker.js', 'schemas/duis-6.15.1.xsd', 'schemas/duis-6.21.xsd', 'docs/domain.md']) {
      expect(files).toContain(file);
    }
  });

  it('works with import', () => {
    writeFileSync(join(project, 'request.xml'), request);
    writeFileSync(join(project, 'context.json'), context);
    const script = `import { validateRequest } from 'duis-validator'; import { readFileSync } from 'node:fs';
      const v = validateRequest(readFileSync('request.xml'), JSON.parse(readFileSync('context.json', 'utf8')));
      console.log(v.responseCode);`;
    expect(run('node', ['--input-type=module', '-e', script]).trim()).toBe('E061510');
  });

  it('works with require', () => {
    const script = `const { validateRequest, CODES } = require('duis-validator'); const fs = require('node:fs');
      const v = validateRequest(fs.readFileSync('request.xml'), JSON.parse(fs.readFileSync('context.json', 'utf8')));
      console.log(v.responseCode, CODES.E061510.kind);`;
    expect(run('node', ['-e', script]).trim()).toBe('E061510 duis');
  });

  it('installs the duis-validate bin', () => {
    let status = 0;
    let output = '';
    try {
      run(join(project, 'node_modules/.bin/duis-validate'), ['--context', 'context.json', 'request.xml']);
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      output = e.stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain('REJECTED E061510');
  });
});

describe('the packed bin audits too', () => {
  it('duis-validate audit over the bundled estate, with worker threads', () => {
    let status = 0;
    let output = '';
    try {
      run(join(project, 'node_modules/.bin/duis-validate'), [
        'audit', '--jobs', '2', '--context', join(repo, 'fixtures/estate/context.json'), join(repo, 'fixtures/estate/responses'),
      ]);
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      output = e.stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain('11 devices from 12 responses: 2 correct, 4 wrong Network Operator, 5 not checked');
  });
});

// What a consumer under `tsc --strict` sees of the types is test/types/api.test-d.ts, compiled by npm run typecheck
// against the same built declarations this tarball carries.
