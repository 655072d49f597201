import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the tarball as `npm publish` would, installs it in a fresh project and uses it the three ways users do:
// `import`, `require` and the `duis-validate` bin. Needs `npm run build` first (npm test does it).
const repo = new URL('../..', import.meta.url).pathname;
let project: string;

function run(command: string, args: string[], cwd = project): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'duis-validator-smoke-'));
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', project], repo).trim().split('\n').at(-1)!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(project, tarball)]);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const request = readFileSync(new URL('../../fixtures/requests/no-by-supplier-wrong-operator.xml', import.meta.url), 'utf8');
const context = readFileSync(new URL('../../fixtures/context.example.json', import.meta.url), 'utf8');

describe('the packed tarball', () => {
  it('ships only dist, schemas and the docs', () => {
    const files = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], repo))[0].files.map((f: { path: string }) => f.path);
    expect(files.every((f: string) => /^(dist\/|schemas\/|README\.md|CHANGELOG\.md|LICENSE|package\.json)/.test(f))).toBe(true);
    expect(files).toContain('schemas/duis-6.15.1.xsd');
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
