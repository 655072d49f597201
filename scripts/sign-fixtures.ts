/**
 * Writes the signed request fixtures under `fixtures/signed/`, from the unsigned requests and the test
 * PKI's User XML-signing keys (`fixtures/pki/xml-sign-<party>.key.pem`, OU 87):
 *
 * - `no-by-no.xml`: signed by network-operator-a (90-B3-D5-1F-30-02-00-00), its originator;
 * - `supplier-by-supplier-immediate.xml`: signed by supplier (90-B3-D5-1F-30-01-00-00), its originator;
 * - `tampered-supplier-by-supplier.xml`: the previous one with RemotePartyFloorSeqNumber changed after signing,
 *   so its signature no longer verifies (SIGNATURE_INVALID).
 *
 * Byte-for-byte deterministic: ECDSA uses RFC 6979 nonces (@noble/curves, no extra entropy).
 *
 * Usage: tsx scripts/sign-fixtures.ts [--fixtures DIR]   (default: <repo>/fixtures)
 */
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { p256 } from '@noble/curves/nist.js';
import { signRequest } from '../src/signature/index.js';

const DEFAULT_FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

interface SignedFixture {
  /** Unsigned request under `requests/`. */
  readonly request: string;
  /** Signer: `pki/xml-sign-<party>.pem` and `.key.pem`. */
  readonly party: string;
  /** Output under `signed/`. */
  readonly output: string;
}

const FIXTURES: readonly SignedFixture[] = [
  { request: 'no-by-no.xml', party: 'network-operator-a', output: 'no-by-no.xml' },
  { request: 'supplier-by-supplier-immediate.xml', party: 'supplier', output: 'supplier-by-supplier-immediate.xml' },
];

const TAMPERED = {
  from: 'supplier-by-supplier-immediate.xml',
  output: 'tampered-supplier-by-supplier.xml',
  // Raising the floor sequence number after signing: the kind of edit a signature exists to catch.
  search: /<sr:RemotePartyFloorSeqNumber>0<\/sr:RemotePartyFloorSeqNumber>/,
  replace: '<sr:RemotePartyFloorSeqNumber>1000</sr:RemotePartyFloorSeqNumber>',
};

/** A deterministic (RFC 6979) ECDSA P-256 signer over SHA-256 returning raw r||s. */
export function deterministicSigner(privateKeyPem: string): (data: Uint8Array) => Uint8Array {
  const jwk = createPrivateKey(privateKeyPem).export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || typeof jwk.d !== 'string') throw new Error('expected a P-256 private key');
  const secretKey = new Uint8Array(Buffer.from(jwk.d, 'base64url'));
  return (data) => p256.sign(data, secretKey, { prehash: true, lowS: true, format: 'compact' });
}

/** The signed fixtures, file name -> content. Reads `fixturesDir`, writes nothing. */
export function buildSignedFixtures(fixturesDir: string = DEFAULT_FIXTURES_DIR): Map<string, string> {
  const read = (name: string): string => readFileSync(path.join(fixturesDir, name), 'utf8');
  const out = new Map<string, string>();
  for (const fixture of FIXTURES) {
    const signed = signRequest(read(path.join('requests', fixture.request)), {
      sign: deterministicSigner(read(path.join('pki', `xml-sign-${fixture.party}.key.pem`))),
      certificate: read(path.join('pki', `xml-sign-${fixture.party}.pem`)),
    });
    out.set(fixture.output, signed);
  }
  const original = out.get(TAMPERED.from)!;
  if (!TAMPERED.search.test(original)) throw new Error(`${TAMPERED.from} has no RemotePartyFloorSeqNumber 0 to tamper with`);
  out.set(TAMPERED.output, original.replace(TAMPERED.search, TAMPERED.replace));
  return out;
}

/** Builds and writes the signed fixtures to `<fixturesDir>/signed/`; returns the paths written. */
export function writeSignedFixtures(fixturesDir: string = DEFAULT_FIXTURES_DIR): string[] {
  const dir = path.join(fixturesDir, 'signed');
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of buildSignedFixtures(fixturesDir)) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    written.push(file);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--fixtures');
  const dir = i === -1 ? DEFAULT_FIXTURES_DIR : args[i + 1];
  if (!dir) {
    process.stderr.write('usage: tsx scripts/sign-fixtures.ts [--fixtures DIR]\n');
    process.exit(2);
  }
  for (const file of writeSignedFixtures(path.resolve(dir))) process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}
