import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Says once, before the run, why a group of tests will be skipped: DCC's reference material (schemas, the 297 RTDS
 * templates, the SRV matrix) is read in place from `../shared/reference/` beside the repository and never copied
 * in, so a clone without it skips the comparisons with it.
 */
export default function setup(): void {
  const reference = fileURLToPath(new URL('../../shared/reference/duis/', import.meta.url));
  if (!existsSync(reference)) {
    console.info(
      `duis-validator: ${reference} is absent, so the tests that compare with DCC's DUIS and MMC schemas, ` +
        'RTDS templates and SRV matrix are skipped (their own fixtures still run).',
    );
  }
}
