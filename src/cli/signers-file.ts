import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createSignerStore, SignerCertificateError, type SignerStore } from '../signature/index.js';

export type LoadSignersResult =
  | { readonly ok: true; readonly store: SignerStore }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `--signers FILE|DIR` (repeatable): PEM certificates of the Users allowed to sign requests. A directory
 * contributes every `*.pem` file directly inside it that holds a certificate (private keys beside them are skipped).
 */
export async function loadSigners(sources: readonly string[], cwd: string): Promise<LoadSignersResult> {
  const files: string[] = [];
  for (const source of sources) {
    const resolved = path.resolve(cwd, source);
    try {
      if ((await stat(resolved)).isDirectory()) {
        const names = (await readdir(resolved)).filter((name) => /\.pem$/i.test(name)).sort();
        files.push(...names.map((name) => path.join(resolved, name)));
      } else {
        files.push(resolved);
      }
    } catch {
      return { ok: false, message: `signers ${source}: no such file or directory` };
    }
  }
  const certificates: { file: string; text: string }[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (text.includes('-----BEGIN CERTIFICATE-----')) certificates.push({ file, text });
  }
  if (certificates.length === 0) return { ok: false, message: `signers ${sources.join(', ')}: no PEM certificate found` };
  for (const { file, text } of certificates) {
    try {
      createSignerStore([text]);
    } catch (error) {
      const reason = error instanceof SignerCertificateError ? error.finding.message : String(error);
      return { ok: false, message: `signers ${path.relative(cwd, file)}: ${reason}` };
    }
  }
  return { ok: true, store: createSignerStore(certificates.map((c) => c.text)) };
}
