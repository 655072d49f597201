import ts from 'typescript';
import { expect, it } from 'vitest';

// The API reference is the TSDoc on the exports (editors show it; `npm run docs` renders it): every export of
// the package entry point must carry a doc comment.
it('every public export has a TSDoc comment', () => {
  const entry = new URL('../../src/index.ts', import.meta.url).pathname;
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const undocumented = exports
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '';
    })
    .map((symbol) => symbol.name)
    .sort();
  expect(undocumented).toEqual([]);
  expect(exports.length).toBeGreaterThan(50);
});
