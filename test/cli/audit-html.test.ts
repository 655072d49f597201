/**
 * The HTML audit report: unit checks on the string (escaping, determinism, the empty estate, the CSP hashes), then
 * the page in a real headless Chromium (test/support/chromium.ts): the numbers it shows equal the report's, the
 * filter works from typing and from the fragment, it makes no request but its own document, and the hostile
 * file names stay text.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCredentials, type AuditInput } from '../../src/audit/audit.js';
import { describeAction, describeReason } from '../../src/audit/describe.js';
import type { AuditReport, DeviceAudit } from '../../src/audit/model.js';
import { escapeHtml, formatAuditHtml, scriptJson } from '../../src/cli/audit/report-html.js';
import { deviceRecord } from '../../src/cli/audit/reports.js';
import { ACB, buildResponse, meterRows, NO_A, NO_B } from '../support/build-response.js';
import { device, smallEstate, smallEstateContext } from '../support/small-estate.js';
import { Chromium, ensureChromium, type Page } from '../support/chromium.js';

// The estate of src/audit/audit.test.ts, plus inputs whose names try to break out of the page.
const SCRIPT_NAME = '</script><script>alert(1)</script>.xml';
const IMG_NAME = '"><img src=x onerror=alert(2)>.xml';
const COMMENT_NAME = "<!--<script>alert(3)//'.xml";
const BIDI_NAME = 'invoice\u202Egpj.xml';

const estate = (): AuditInput[] => [
  ...smallEstate(),
  // Hostile names: a device not in the context (a not-checked row) and three unreadable inputs (problems).
  { source: SCRIPT_NAME, xml: buildResponse({ device: device(14), rows: meterRows(NO_B) }) },
  { source: IMG_NAME, xml: '<broken' },
  { source: COMMENT_NAME, xml: buildResponse({ rows: [] }) },
  { source: BIDI_NAME, xml: '<?xml version="1.0"?><nope/>' },
];

const auditEstate = (): AuditReport => auditCredentials(estate(), smallEstateContext());

/** The inline script and style, and the hashes the CSP allows. */
function inline(html: string) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  return { script, style, csp, hash };
}

const dataBlock = (html: string) => /<script type="application\/json" id="audit-data">([\s\S]*?)<\/script>/.exec(html)![1]!;

describe('formatAuditHtml: the document', () => {
  const report = auditEstate();
  const html = formatAuditHtml(report);

  it('the estate audits as expected (the page is tested against these numbers)', () => {
    expect(report.summary).toMatchObject({
      responses: 18,
      devices: 14,
      byStatus: { correct: 2, 'wrong-network-operator': 4, 'not-checked': 8 },
      problems: 3,
    });
  });

  it('deterministic: the same report gives the same page, and so does the same estate audited again', () => {
    expect(formatAuditHtml(report)).toBe(html);
    expect(formatAuditHtml(auditEstate())).toBe(html);
  });

  it('hostile names are escaped text: two <script> elements, no <img>, no <!-- in the page', () => {
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<!--');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;.xml');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.xml');
    expect(html).toContain('&lt;!--&lt;script&gt;alert(3)//&#39;.xml');
    // A bidirectional override is shown as an escape, as in the text report.
    expect(html).not.toContain('\u202E');
    expect(html).toContain('invoice\\u202egpj.xml');
  });

  it('the JSON data block has no < > or & at all, and parses back to the JSON report records', () => {
    const block = dataBlock(html);
    expect(block).not.toMatch(/[<>&]/);
    expect(block).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e.xml');
    const data = JSON.parse(block) as { devices: unknown[]; summary: unknown; problems: { source: string }[] };
    expect(data.devices).toEqual(JSON.parse(JSON.stringify(report.devices.map(deviceRecord))));
    expect(data.summary).toEqual(report.summary);
    expect(data.problems.map((p) => p.source)).toEqual([IMG_NAME, COMMENT_NAME, BIDI_NAME]);
  });

  it('the CSP allows nothing but the inline script and style, by their hashes', () => {
    const { script, style, csp, hash } = inline(html);
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `script-src ${hash(script)}`,
      `style-src ${hash(style)}`,
      "img-src 'none'",
      "font-src 'none'",
      "connect-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });

  it('names no URL and nothing to load: no http(s):// but inside escaped input text, no src, href, link or @import', () => {
    // A finding's message may quote a namespace URI: escaped text, never a link. Take out every input-derived text
    // (and the data block); what is left, the page's own markup, names no URL at all.
    expect(html).toContain(escapeHtml(report.problems[2]!.findings[0]!.message));
    let markup = html.replace(dataBlock(html), '');
    const inputs = [...report.devices.map((d) => d.source), ...report.problems.flatMap((p) => [p.source, ...p.findings.map((f) => f.message)])];
    for (const text of inputs) markup = markup.split(escapeHtml(text)).join('');
    expect(markup.replace('http-equiv=', '')).not.toMatch(/https?:/i);
    expect(markup).not.toMatch(/\s(src|href|srcset|action|xlink:href|on\w+)=/i);
    expect(markup).not.toMatch(/<link|@import|url\(/i);
  });

  it('totals and charts are in the HTML itself, numbers in data- attributes', () => {
    expect(html).toContain('<span data-total="devices">14</span>');
    expect(html).toContain('<span data-total="responses">18</span>');
    expect(html).toContain('<span data-total="wrong-network-operator">4</span>');
    expect(html).toContain('<span data-total="problems">3</span>');
    expect(html).toContain('data-distributor="12" data-wrong="3" data-correct="1"');
    expect(html).toContain(`data-holder="${NO_B}" data-devices="2"`);
    expect(html.match(/<tr data-index=/g)).toHaveLength(14);
  });

  it('speaks with describeAction and describeReason', () => {
    for (const d of report.devices) {
      for (const a of d.actions) expect(html).toContain(escapeHtml(describeAction(a)));
      if (d.status === 'not-checked') expect(html).toContain(escapeHtml(describeReason(d.reason)));
    }
  });

  it('an empty estate renders: zeros, no bars, no rows, the empty notes', () => {
    const empty = formatAuditHtml(auditCredentials([], {}));
    expect(empty).toMatch(/^<!doctype html>/);
    for (const key of ['devices', 'responses', 'correct', 'wrong-network-operator', 'not-checked', 'problems']) {
      expect(empty).toContain(`<span data-total="${key}">0</span>`);
    }
    expect(empty).not.toContain('<svg');
    expect(empty).not.toContain('<tr data-index');
    expect(empty).toContain('nothing to chart');
    expect(empty).toContain('Every input was read.');
    expect(JSON.parse(dataBlock(empty))).toMatchObject({ devices: [], problems: [] });
  });

  it('escapeHtml and scriptJson', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(scriptJson({ s: '</script><!--&\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}');
    expect(JSON.parse(scriptJson({ s: '</script><!--&\u2028' }))).toEqual({ s: '</script><!--&\u2028' });
  });
});

describe('formatAuditHtml in headless Chromium', () => {
  const report = auditEstate();
  const html = formatAuditHtml(report);
  const records = report.devices.map(deviceRecord);
  let skipReason = '';
  let browser: Chromium | undefined;
  let dir = '';
  let url = '';
  const pages: Page[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'duis-audit-html-'));
    writeFileSync(path.join(dir, 'audit.html'), html);
    url = pathToFileURL(path.join(dir, 'audit.html')).href;
    const chromium = ensureChromium();
    if (!chromium.ok) {
      skipReason = `headless browser tests skipped: ${chromium.reason}`;
      return;
    }
    browser = await Chromium.launch(chromium.executable);
  }, 700_000);

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    if (process.env.AUDIT_HTML_KEEP) console.log(`audit HTML and screenshot kept in ${dir}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function open(fragment = ''): Promise<Page> {
    const page = await browser!.newPage();
    pages.push(page);
    await page.goto(`${url}${fragment}`);
    expect(await page.evaluate('document.documentElement.getAttribute("data-ready")'), 'the inline script ran').toBe('true');
    return page;
  }

  /** The device IDs of the rows a person sees. */
  const visibleRows = (page: Page) =>
    page.evaluate<string[]>(
      '[...document.querySelectorAll("tr[data-index]")].filter((r) => r.checkVisibility()).map((r) => r.getAttribute("data-device-id"))',
    );

  /** Device IDs whose JSON record mentions `text`: the rows a filter on it must leave. */
  const mentioning = (text: string) => records.filter((r) => JSON.stringify(r).includes(text)).map((r) => r.deviceId as string);

  it('shows the totals, charts and tables of the report; loads nothing but itself; runs no injected script', async ({ skip }) => {
    if (!browser) skip(skipReason);
    const page = await open();
    const s = report.summary;

    const totals = await page.evaluate<Record<string, string>>(
      'Object.fromEntries([...document.querySelectorAll("[data-total]")].filter((e) => e.checkVisibility()).map((e) => [e.dataset.total, e.textContent]))',
    );
    expect(totals).toEqual({
      devices: String(s.devices),
      responses: String(s.responses),
      correct: String(s.byStatus.correct),
      'wrong-network-operator': String(s.byStatus['wrong-network-operator']),
      'not-checked': String(s.byStatus['not-checked']),
      problems: String(s.problems),
    });

    // The bars: label, and the numbers written next to them, per distributor and per holder.
    const distributors = await page.evaluate<{ distributor: string; label: string; wrong: string; correct: string }[]>(
      `[...document.querySelectorAll('svg[data-chart="by-distributor"] g.bar-group')].map((g) => ({
        distributor: g.dataset.distributor,
        label: g.querySelector('.bar-label').textContent,
        wrong: g.querySelector('.bar-value[data-series="wrong"]').textContent,
        correct: g.querySelector('.bar-value[data-series="correct"]').textContent,
      }))`,
    );
    expect(distributors).toEqual([
      { distributor: '12', label: '12 London', wrong: '3', correct: '1' },
      { distributor: '14', label: expect.stringMatching(/^14\b/), wrong: '1', correct: '0' },
      { distributor: 'registration-data', label: 'registration data', wrong: '0', correct: '1' },
    ]);
    expect(distributors.map((d) => [d.distributor, Number(d.correct), Number(d.wrong)])).toEqual(
      s.byDistributor.map((d) => [d.distributor, d.correct, d.wrong]),
    );
    const holders = await page.evaluate<{ holder: string; label: string; devices: string }[]>(
      `[...document.querySelectorAll('svg[data-chart="by-holder"] g.bar-group')].map((g) => ({
        holder: g.dataset.holder, label: g.querySelector('.bar-label').textContent, devices: g.querySelector('.bar-value').textContent }))`,
    );
    expect(holders.map((h) => ({ holder: h.holder, devices: Number(h.devices) }))).toEqual(s.wrongByHolder);
    expect(holders.map((h) => h.label)).toEqual([NO_B, NO_A, `${ACB} (ACB)`]);
    // Bars are drawn to scale: the longest is the largest value.
    const widths = await page.evaluate<number[]>(
      '[...document.querySelectorAll(\'svg[data-chart="by-holder"] rect.bar\')].map((r) => r.getBBox().width)',
    );
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(widths[1]).toBeCloseTo(widths[0]! / 2, 0);

    // Rows: every device once, in its status's table; the correct ones folded away until asked for.
    const rows = await page.evaluate<{ id: string; status: string; table: string; visible: boolean }[]>(
      `[...document.querySelectorAll("tr[data-index]")].map((r) => ({ id: r.dataset.deviceId, status: r.dataset.status,
        table: r.closest("table").dataset.table, visible: r.checkVisibility() }))`,
    );
    expect(rows.map((r) => r.id).sort()).toEqual(records.map((r) => r.deviceId as string).sort());
    for (const r of rows) expect(r.table).toBe(r.status);
    const visible = (status: DeviceAudit['status']) => rows.filter((r) => r.status === status && r.visible).length;
    expect(visible('wrong-network-operator')).toBe(s.byStatus['wrong-network-operator']);
    expect(visible('not-checked')).toBe(s.byStatus['not-checked']);
    expect(visible('correct')).toBe(0);
    expect(rows.filter((r) => r.status === 'correct')).toHaveLength(s.byStatus.correct);

    // The action and reason cells say what describeAction / describeReason say.
    const actions = await page.evaluate<string[]>('[...document.querySelectorAll("li[data-action]")].map((li) => li.textContent)');
    expect(actions).toEqual(report.devices.flatMap((d) => d.actions.map((a) => `${a.srv}: ${describeAction(a)}`)));
    const reasons = await page.evaluate<string[]>('[...document.querySelectorAll("td [data-reason]")].map((e) => e.textContent)');
    expect(reasons).toEqual(report.devices.flatMap((d) => (d.status === 'not-checked' ? [describeReason(d.reason)] : [])));

    // The embedded records, as the page's script reads them, are the JSON report's.
    expect(await page.evaluate('JSON.parse(document.getElementById("audit-data").textContent).devices')).toEqual(JSON.parse(JSON.stringify(records)));

    // Hostile names: shown as text, no element made of them, nothing run, nothing even refused by the CSP.
    const problems = await page.evaluate<string[][]>(
      '[...document.querySelectorAll("tr[data-problem]")].map((r) => [...r.cells].slice(0, 2).map((c) => c.textContent))',
    );
    expect(problems).toEqual([
      [IMG_NAME, 'XML_MALFORMED'],
      [COMMENT_NAME, report.problems[1]!.findings[0]!.code],
      ['invoice\\u202egpj.xml', report.problems[2]!.findings[0]!.code],
    ]);
    expect(await page.evaluate(`[...document.querySelectorAll(".source")].some((e) => e.textContent === ${JSON.stringify(SCRIPT_NAME)})`)).toBe(true);
    expect(await page.evaluate('document.scripts.length')).toBe(2);
    expect(await page.evaluate('document.querySelectorAll("img, iframe, object, embed, link, [src], [href], [onerror]").length')).toBe(0);
    expect(page.dialogs).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(page.console.filter((m) => /refused|content security policy/i.test(m))).toEqual([]);

    // The only request: the page's own document.
    expect(page.requests).toEqual([{ url, type: 'Document' }]);
    expect(page.blocked).toEqual([]);

    const png = path.join(dir, 'audit.png');
    const bytes = await page.screenshot(png);
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBe(bytes);
    expect(bytes).toBeGreaterThan(1000);
    expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }, 120_000);

  it('filters as a person types: an Entity ID, with or without hyphens; then by status; the fragment follows', async ({ skip }) => {
    if (!browser) skip(skipReason);
    const page = await open();
    expect(await visibleRows(page)).toHaveLength(report.summary.byStatus['wrong-network-operator'] + report.summary.byStatus['not-checked']);

    await page.type('#q', NO_B);
    const withNoB = mentioning(NO_B);
    expect(withNoB.length).toBeGreaterThan(2);
    // Every device mentioning NO B, the correct ones too (their folded table opens).
    expect((await visibleRows(page)).sort()).toEqual([...withNoB].sort());
    expect(await page.evaluate('document.getElementById("shown-total").dataset.visible')).toBe(String(withNoB.length));
    expect(await page.evaluate('location.hash')).toBe(`#q=${encodeURIComponent(NO_B)}`);

    await page.type('#q', NO_B.replace(/-/g, '').toLowerCase());
    expect((await visibleRows(page)).sort()).toEqual([...withNoB].sort());

    // Two terms: both must match.
    await page.type('#q', `${NO_B} wrong.xml`);
    expect(await visibleRows(page)).toEqual([device(2)]);

    await page.type('#q', 'no such device anywhere');
    expect(await visibleRows(page)).toEqual([]);
    expect(await page.evaluate('[...document.querySelectorAll(".no-match")].filter((e) => e.checkVisibility()).length')).toBeGreaterThan(0);

    await page.evaluate('(() => { const q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("input")); })()');
    await page.evaluate('(() => { const s = document.getElementById("status"); s.value = "not-checked"; s.dispatchEvent(new Event("change")); })()');
    const notChecked = report.devices.filter((d) => d.status === 'not-checked').map((d) => d.deviceId);
    expect(await visibleRows(page)).toEqual(notChecked);
    expect(await page.evaluate('[...document.querySelectorAll("section[data-status]")].filter((e) => !e.hidden).map((e) => e.dataset.status)')).toEqual([
      'not-checked',
    ]);
    expect(await page.evaluate('location.hash')).toBe('#status=not-checked');
  }, 60_000);

  it('honours #q=...&status=... on load and on a later fragment change', async ({ skip }) => {
    if (!browser) skip(skipReason);
    const page = await open(`#status=wrong-network-operator&q=${encodeURIComponent(ACB)}`);
    expect(await page.evaluate('document.getElementById("q").value')).toBe(ACB);
    expect(await page.evaluate('document.getElementById("status").value')).toBe('wrong-network-operator');
    expect(await visibleRows(page)).toEqual([device(5)]);

    // Hidden fields of the record count too: the reason code and the source file name.
    await page.evaluate('location.hash = "#q=no-mpan"');
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
    expect(await visibleRows(page)).toEqual([device(7)]);
    expect(await page.evaluate('document.getElementById("status").value')).toBe('all');

    await page.evaluate('location.hash = "#status=correct"');
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
    expect(await visibleRows(page)).toEqual(report.devices.filter((d) => d.status === 'correct').map((d) => d.deviceId));
    expect(page.requests.map((r) => r.url)).toEqual([`${url}#status=wrong-network-operator&q=${encodeURIComponent(ACB)}`].map((u) => u.replace(/#.*$/, '')));
    expect(page.blocked).toEqual([]);
    expect(page.errors).toEqual([]);
  }, 60_000);

  it('the CSP is in force: a script the page did not ship neither runs nor fetches', async ({ skip }) => {
    if (!browser) skip(skipReason);
    const page = await open();
    // An inline script added at run time is refused (its hash is not allowed), and so is any fetch.
    const ran = await page.evaluate<boolean>(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      return window.__injected === true;
    })()`);
    expect(ran).toBe(false);
    expect(await page.evaluate('fetch("https://example.invalid/x.json").then(() => "fetched", () => "refused")')).toBe('refused');
    expect(page.console.some((m) => /content security policy/i.test(m))).toBe(true);
    // Refused before any request was made: the page's document is still its only request.
    expect(page.requests).toEqual([{ url, type: 'Document' }]);
    expect(page.blocked).toEqual([]);
  }, 60_000);

  it('readable without JavaScript: every row is in the document, the filter form stays hidden', async ({ skip }) => {
    if (!browser) skip(skipReason);
    const page = await browser!.newPage();
    pages.push(page);
    await page.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(url);
    expect(await page.evaluate('document.documentElement.hasAttribute("data-ready")')).toBe(false);
    expect(await page.evaluate('document.getElementById("filters").checkVisibility()')).toBe(false);
    expect(await page.evaluate('document.querySelectorAll("tr[data-index]").length')).toBe(report.devices.length);
    expect(await page.evaluate('document.querySelector(\'[data-total="wrong-network-operator"]\').textContent')).toBe('4');
  }, 60_000);
});
