import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json-position.js';

const valid = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('jsonErrorPosition', () => {
  it('points at the offending character, 1-based line and column', () => {
    expect(jsonErrorPosition('{\n  "a": ,\n}')).toEqual({ line: 2, column: 8, offset: 9 });
    expect(jsonErrorPosition('{"a": 1')).toEqual({ line: 1, column: 8, offset: 7 });
    expect(jsonErrorPosition('{"a": tru}')).toMatchObject({ line: 1, column: 10 });
    expect(jsonErrorPosition('[1, 2,]')).toMatchObject({ column: 7 });
    expect(jsonErrorPosition('{"a": "\\x"}')).toMatchObject({ column: 9 });
    expect(jsonErrorPosition('{} x')).toMatchObject({ column: 4 });
  });

  it('a deeply nested document does not overflow the stack', () => {
    expect(jsonErrorPosition(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeUndefined();
    expect(jsonErrorPosition(`${'['.repeat(200_000)}`)).toMatchObject({ offset: 200_000 });
  });

  it('agrees with JSON.parse on what is valid, over generated JSON and its corruptions', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', ' ', '-', '0', 'e', '{', '['), (json, at, insert) => {
        const text = json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1));
        expect(jsonErrorPosition(text) === undefined).toBe(valid(text));
      }),
      { numRuns: 5_000, seed: 12 },
    );
  });
});
