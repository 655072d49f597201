/**
 * Terminal-safe text. Messages quote values from the request and file names come from the file system: control
 * characters (which could move the cursor or rewrite the screen), line separators and bidirectional overrides
 * are shown as escapes instead of being interpreted.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export interface WritableLike {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** A `\r`-updated progress line on stderr for long batches on a terminal. */
export class Progress {
  private visible = false;
  private lastDraw = 0;

  constructor(
    private readonly stream: WritableLike,
    private readonly total: number,
    readonly enabled: boolean,
    private readonly intervalMs = 100,
  ) {}

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.visible && done < this.total && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.stream.write(`\r\u001B[Kvalidated ${done}/${this.total}`);
    this.visible = true;
  }

  clear(): void {
    if (!this.visible) return;
    this.stream.write('\r\u001B[K');
    this.visible = false;
  }
}

/** Writes to stdout and stderr, first clearing the progress line where it would get in the way. */
export class Output {
  constructor(
    private readonly stdout: WritableLike,
    private readonly stderr: WritableLike,
    private readonly progress?: Progress,
  ) {}

  out(text: string): void {
    if (this.stdout.isTTY) this.progress?.clear();
    this.stdout.write(text);
  }

  err(text: string): void {
    this.progress?.clear();
    this.stderr.write(text);
  }
}
