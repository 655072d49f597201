/**
 * Debian's xmlsec1 (libxmlsec1, OpenSSL backend): a third-party XML-DSig implementation standing in for what a DCC
 * side verifier accepts. Installed on first use when missing (root + apt-get only); callers skip cleanly otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function present(): boolean {
  return spawnSync('xmlsec1', ['--version'], { stdio: 'ignore' }).status === 0;
}

let available: boolean | undefined;

/** Whether xmlsec1 can run here, installing it with apt-get once when it is missing and we are root. */
export function ensureXmlsec1(): boolean {
  if (available !== undefined) return available;
  if (!present() && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const apt = (...args: string[]) =>
      spawnSync('apt-get', args, { stdio: 'ignore', timeout: 240_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
    if (!apt('install', '-y', '-qq', 'xmlsec1')) {
      apt('update', '-qq');
      apt('install', '-y', '-qq', 'xmlsec1');
    }
  }
  available = present();
  return available;
}

/** Runs xmlsec1 with `args`; the status and everything it printed. */
export function xmlsec1(args: readonly string[]): { ok: boolean; output: string } {
  const run = spawnSync('xmlsec1', args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** Whether xmlsec1 verifies the signature of `xml` under the key of the certificate at `certificatePath`. */
export function xmlsec1Verifies(xml: string, certificatePath: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'duis-xmlsec1-'));
  try {
    const file = path.join(dir, 'signed.xml');
    writeFileSync(file, xml);
    return xmlsec1(['--verify', '--pubkey-cert-pem', certificatePath, file]).ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
