/**
 * Every TypeScript block of the README compiles as written, against the package as users import it
 * (`import ... from 'duis-validator'` resolves to the built `dist/` through the package's own exports).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository so that the package resolves its own name; scratch/ is git-ignored.
const DIR = path.join(ROOT, 'scratch', 'readme-blocks');

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
  name: `block-${String(i + 1).padStart(2, '0')}.ts`,
  line: readme.slice(0, m.index).split('\n').length + 1,
  code: m[1]!,
}));

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('README TypeScript blocks', () => {
  it('there are blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('each compiles under strict TypeScript against the built package', () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    for (const block of blocks) writeFileSync(path.join(DIR, block.name), block.code);
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram(
      blocks.map((b) => path.join(DIR, b.name)),
      { ...options, noEmit: true, noUnusedLocals: false },
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = blocks.find((b) => d.file?.fileName.endsWith(b.name));
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      return `README.md:${(block?.line ?? 0) + at}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);
});
