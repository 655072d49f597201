import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { replaceCodesSection } from '../../scripts/readme-codes.js';

it('README code table matches src/codes.ts (run `npm run readme:codes` to update)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(replaceCodesSection(readme)).toBe(readme);
});
