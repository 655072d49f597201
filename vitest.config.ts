import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    // Worker threads sharing their module cache across test files: the suite imports the library and its test
    // oracles (pkijs, xmldom, xml-crypto, xmllint-wasm) once per worker instead of once per file, which halves the
    // run on two cores. Tests keep no state in modules beyond caches keyed by content.
    pool: 'threads',
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
