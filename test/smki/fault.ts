import { CertificateFault } from '../../src/smki/certificate-fault.js';

/** The CertificateFault `run` throws; fails the test when it returns or throws anything else. */
export function thrownFault(run: () => unknown): CertificateFault {
  try {
    run();
  } catch (error) {
    if (error instanceof CertificateFault) return error;
    throw error;
  }
  throw new Error('expected a CertificateFault, nothing was thrown');
}
