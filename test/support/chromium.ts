/**
 * A real headless Chromium for the tests of the HTML reports: Debian's `chromium` (or any `chromium-browser` /
 * `google-chrome` on PATH), installed on first use with apt-get when missing (root + apt-get only); callers skip
 * cleanly otherwise, with the reason.
 *
 * Driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: commands on fd 3, answers and events on
 * fd 4, each message JSON ending in NUL), so no npm dependency and no debugging port. Every browser-side network
 * stack that could phone home is switched off, and a proxy on a closed loopback port catches anything left: the
 * browser reaches nothing off this machine whatever the page does. A {@link Page} records every request its page
 * makes (Network domain) and pauses each one (Fetch domain): the page's own `file:` URL goes on, anything else
 * fails, and the test sees the list.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The first Chromium on PATH, or undefined. */
export function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export type ChromiumAvailability = { readonly ok: true; readonly executable: string } | { readonly ok: false; readonly reason: string };

let availability: ChromiumAvailability | undefined;

/**
 * Whether a Chromium can run here: found on PATH, or installed once with `apt-get install chromium` when missing
 * and we are root with apt-get (up to 10 minutes: the package and its libraries are large). Cached per process.
 */
export function ensureChromium(): ChromiumAvailability {
  if (availability) return availability;
  let executable = findChromium();
  if (!executable) {
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
      availability = { ok: false, reason: 'no chromium on PATH (chromium, chromium-browser, google-chrome), and apt-get cannot install it here (needs root and apt-get)' };
      return availability;
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (...args: string[]) => spawnSync('apt-get', args, { stdio: 'ignore', timeout: 600_000, env }).status === 0;
    if (!apt('install', '-y', '-qq', 'chromium')) {
      apt('update', '-qq');
      apt('install', '-y', '-qq', 'chromium');
    }
    executable = findChromium();
    if (!executable) {
      availability = { ok: false, reason: 'chromium is not on PATH and `apt-get install -y chromium` did not install it' };
      return availability;
    }
  }
  const version = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  availability =
    version.status === 0 && /chrom/i.test(version.stdout)
      ? { ok: true, executable }
      : { ok: false, reason: `${executable} --version failed: ${(version.stderr || version.stdout || String(version.error)).trim()}` };
  return availability;
}

/** Flags for a quiet, offline, reproducible headless browser. */
function flags(userDataDir: string): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--metrics-recording-only',
    '--no-pings',
    '--safebrowsing-disable-auto-update',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,InterestFeedContentSuggestions,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
    // Anything the flags above missed goes to a closed port on loopback, never off the machine.
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--hide-scrollbars',
    '--mute-audio',
    '--force-color-profile=srgb',
    '--font-render-hinting=none',
    'about:blank',
  ];
}

interface Pending {
  readonly resolve: (value: Record<string, unknown>) => void;
  readonly reject: (error: Error) => void;
  readonly method: string;
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

/** One browser process and its DevTools pipe. */
export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private buffer = '';
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
    readonly stderr: () => string,
  ) {
    const input = child.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    this.exit = new Promise((resolve) =>
      child.once('exit', () => {
        this.exited = true;
        for (const p of this.pending.values()) p.reject(new Error(`chromium exited during ${p.method}: ${this.stderr().slice(-2000)}`));
        this.pending.clear();
        resolve();
      }),
    );
  }

  /** Starts `executable` headless; resolves once the DevTools pipe answers. */
  static async launch(executable: string): Promise<Chromium> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'duis-chromium-'));
    const child = spawn(executable, flags(userDataDir), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    const browser = new Chromium(child, userDataDir, () => stderr);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await browser.send('Browser.getVersion', {}, undefined, 60_000);
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const message = JSON.parse(text) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: Record<string, unknown>;
        error?: { message: string };
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        if (!p) continue;
        this.pending.delete(message.id);
        if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
        else p.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
      }
    }
  }

  /** Sends one DevTools command (to a page when `sessionId` is given) and resolves to its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`chromium has exited; cannot send ${method}`));
    const id = this.nextId++;
    const output = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from chromium in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      output.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Calls `listener` for every `method` event; returns the function that stops it. */
  on(method: string, listener: Listener): () => void {
    const set = this.listeners.get(method) ?? new Set();
    set.add(listener);
    this.listeners.set(method, set);
    return () => set.delete(listener);
  }

  /** A new tab, `width` x `height` CSS pixels, with request recording and interception on. */
  async newPage(width = 1280, height = 900): Promise<Page> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const page = new Page(this, targetId, sessionId);
    await page.init(width, height);
    return page;
  }

  /** Closes the browser (killing the process we started if it does not go), and removes its profile. */
  async close(): Promise<void> {
    if (!this.exited) {
      await this.send('Browser.close', {}, undefined, 10_000).catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exit;
      clearTimeout(timer);
    }
    rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** A request the page made. */
export interface PageRequest {
  readonly url: string;
  readonly type: string | undefined;
}

/** One tab: navigation, evaluation, typing, screenshots; every request, console message, error and dialog recorded. */
export class Page {
  /** Every request the page made, as the Network domain saw it (the document itself included). */
  readonly requests: PageRequest[] = [];
  /** URLs the Fetch domain paused and failed: anything but the page's own document. */
  readonly blocked: string[] = [];
  readonly dialogs: string[] = [];
  readonly errors: string[] = [];
  readonly console: string[] = [];
  private allowed = new Set<string>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly browser: Chromium,
    private readonly targetId: string,
    readonly sessionId: string,
  ) {
    const mine = (listener: (params: Record<string, unknown>) => void): Listener => (params, session) => {
      if (session === sessionId) listener(params);
    };
    this.stops.push(
      browser.on(
        'Network.requestWillBeSent',
        mine((p) => {
          const request = p.request as { url: string };
          this.requests.push({ url: request.url, type: p.type as string | undefined });
        }),
      ),
      browser.on(
        'Fetch.requestPaused',
        mine((p) => {
          const { requestId, request } = p as { requestId: string; request: { url: string } };
          const url = request.url.replace(/#.*$/, '');
          if (this.allowed.has(url)) void this.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
          else {
            this.blocked.push(request.url);
            void this.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
          }
        }),
      ),
      browser.on(
        'Page.javascriptDialogOpening',
        mine((p) => {
          this.dialogs.push(String(p.message));
          void this.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => undefined);
        }),
      ),
      browser.on(
        'Runtime.exceptionThrown',
        mine((p) => {
          const details = p.exceptionDetails as { text?: string; exception?: { description?: string } };
          this.errors.push(details.exception?.description ?? details.text ?? 'exception');
        }),
      ),
      browser.on(
        'Runtime.consoleAPICalled',
        mine((p) => {
          const args = (p.args as { value?: unknown; description?: string }[]).map((a) => String(a.value ?? a.description ?? ''));
          this.console.push(`${String(p.type)}: ${args.join(' ')}`);
        }),
      ),
      browser.on(
        'Log.entryAdded',
        mine((p) => {
          const entry = p.entry as { level: string; source: string; text: string };
          this.console.push(`${entry.level} ${entry.source}: ${entry.text}`);
        }),
      ),
    );
  }

  send(method: string, params: Record<string, unknown> = {}, timeoutMs?: number): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId, timeoutMs);
  }

  async init(width: number, height: number): Promise<void> {
    await Promise.all([this.send('Page.enable'), this.send('Runtime.enable'), this.send('Network.enable'), this.send('Log.enable')]);
    await this.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  }

  /** Loads `url` (only its document may be fetched) and waits for its load event. */
  async goto(url: string, timeoutMs = 30_000): Promise<void> {
    this.allowed = new Set([url.replace(/#.*$/, '')]);
    const loaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${url}: no load event in ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.browser.on('Page.loadEventFired', (_p, session) => {
        if (session !== this.sessionId) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
    const { errorText } = (await this.send('Page.navigate', { url })) as { errorText?: string };
    if (errorText) throw new Error(`${url}: ${errorText}`);
    await loaded;
  }

  /** Evaluates `expression` in the page and returns its value (JSON-serialisable); a thrown error is rethrown. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** Types `text` into the element matching `selector`, as a keyboard would (focus, then text input events). */
  async type(selector: string, text: string): Promise<void> {
    await this.evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.focus(); e.select?.(); })()`);
    await this.send('Input.insertText', { text });
  }

  /** A PNG of the whole page (beyond the viewport) written to `file`; resolves to its size in bytes. */
  async screenshot(file: string): Promise<number> {
    const { cssContentSize } = (await this.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number; height: number } };
    const clip = { x: 0, y: 0, width: Math.ceil(cssContentSize.width), height: Math.ceil(cssContentSize.height), scale: 1 };
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true, fromSurface: true }, 60_000)) as {
      data: string;
    };
    const png = Buffer.from(data, 'base64');
    writeFileSync(file, png);
    return png.length;
  }

  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
  }
}
