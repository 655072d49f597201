/**
 * Statistics a campaign prints (agreement counts, mutant tallies): only with `DUIS_TEST_VERBOSE=1`, so a green
 * `npm test` stays quiet. Failures print their own detail in the assertion.
 */
export function verbose(message: string): void {
  if (process.env.DUIS_TEST_VERBOSE) console.info(message);
}
