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
      // Seeded campaigns and oracle agreement (pkijs, xmldom, fast-check): seconds per run, and they cover nearly every
      // mutant, so each mutant would pay for them. They stay in npm test; the score here is what the unit tests pin.
      'test/fuzz/**',
      'test/smki/pkijs-agreement.test.ts',
      'test/smki/fuzz.test.ts',
      'test/signature/soundness.property.test.ts',
      'test/fixtures/generate-fixtures.test.ts',
    ],
    testTimeout: 30_000,
    pool: 'threads',
    // One module cache per worker, as in npm test: each mutant run re-imports nothing but the mutated module's tests.
    isolate: false,
  },
});
