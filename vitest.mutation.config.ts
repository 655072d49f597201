import { defineConfig } from 'vitest/config';

// The suite Stryker runs for each mutant: every test that decides something about the mutated modules, without
// the campaigns and process-spawning tests whose cost is per run, not per assertion (they run in npm test).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: [
      'test/package/**', // packs and installs the tarball
      'test/cli/cli.test.ts', // spawns the built binary
      'test/cli/audit-html.test.ts', // drives a browser
      'test/infoset/**', // 1,200-document differential against xmldom and libxml2
      'test/fuzz/xsd-differential.test.ts', // 600 mutants through libxml2
      'test/conformance/**', // xmllint batches over every schema variant
      'test/examples/**', // an HTTP server
      'test/docs/**', // the README and TSDoc, not behaviour
    ],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
