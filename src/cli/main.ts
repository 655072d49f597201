import { run } from './run.js';
import type { WritableLike } from './terminal.js';

/**
 * Standard output that a closed pipe (`duis-validate ... | head`) silences instead of killing: the run finishes and
 * exits with the status its results call for, with no stack trace.
 */
function pipeSafe(stream: NodeJS.WriteStream): WritableLike {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    isTTY: stream.isTTY,
    write: (chunk: string) => (closed ? true : stream.write(chunk)),
  };
}

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: pipeSafe(process.stdout),
  stderr: process.stderr,
});
