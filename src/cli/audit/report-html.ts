/**
 * The audit as one self-contained HTML page for a compliance lead: totals, two server-rendered SVG charts, the
 * devices needing action, the devices not checked (and, folded away, the correct ones), and the unreadable inputs.
 *
 * Offline by construction: no external script, style, font or image; a Content-Security-Policy meta allows
 * nothing but the page's own inline style and script (by hash), so even a value that escaped its escaping could
 * neither run nor load anything. Readable without JavaScript (every table is in the HTML); the inline script only
 * adds filtering (text and status, also from a `#q=...&status=...` fragment). Deterministic: the same report
 * always gives the same page, so there is no timestamp.
 *
 * Every value from the inputs (file names, Entity IDs, MPANs, messages) is shown through `printable` (control and
 * bidirectional characters as escapes, as in the text report) and HTML-escaped; the JSON data block escapes `<`,
 * `>` and `&` so no `</script>` can close it.
 */
import { createHash } from 'node:crypto';
import { describeAction, describeExpectation, describeReason } from '../../audit/describe.js';
import type { AuditProblem, AuditReport, DeviceAudit, NotCheckedReason, SlotAudit } from '../../audit/model.js';
import { printable } from '../terminal.js';
import { PROGRAM, VERSION } from '../usage.js';
import { deviceRecord } from './reports.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a double-quoted attribute: terminal-unsafe characters shown as escapes, then escaped. */
export function escapeHtml(value: string): string {
  return printable(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const h = escapeHtml;

/**
 * JSON safe inside a `<script>` element: `<` (so no `</script>` or `<!--`), `>` and `&` as `\u` escapes, and every
 * character past ASCII too (line separators, bidirectional overrides): the block is plain ASCII whatever the inputs.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Status = DeviceAudit['status'];

const STATUS_LABEL: Readonly<Record<Status, string>> = {
  'wrong-network-operator': 'Wrong Network Operator',
  'not-checked': 'Not checked',
  correct: 'Correct',
};

const HOLDER_IS: Readonly<Record<SlotAudit['holderIs'], string>> = {
  expected: 'expected',
  acb: "still the DCC's ACB",
  other: 'wrong party',
};

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #fff; --panel: #f6f8fa; --line: #d0d7de;
  --wrong: #c62828; --correct: #2e7d32; --unchecked: #8a6d00; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d;
  --wrong: #ff6b6b; --correct: #56d364; --unchecked: #e3b341; --accent: #58a6ff; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; }
h3 { font-size: 1rem; margin: 0 0 8px; }
.note { color: var(--muted); margin: 0 0 16px; max-width: 75ch; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
.totals { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; }
.totals > div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.totals dt { color: var(--muted); font-size: 0.85rem; }
.totals dd { margin: 0; font-size: 1.8rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.totals .wrong dd { color: var(--wrong); }
.totals .correct dd { color: var(--correct); }
.totals .unchecked dd { color: var(--unchecked); }
.reasons { margin: 12px 0 0; padding-left: 20px; color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; flex: 1 1 560px; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: 8px; }
svg.chart { display: block; width: 100%; max-width: 560px; height: auto; }
svg.chart text { fill: var(--fg); font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
svg.chart .bar.wrong, svg.chart .swatch.wrong { fill: var(--wrong); }
svg.chart .bar.correct, svg.chart .swatch.correct { fill: var(--correct); }
svg.chart .axis { stroke: var(--line); }
.empty { color: var(--muted); font-style: italic; }
#filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; padding: 10px 0; background: var(--bg); border-bottom: 1px solid var(--line); }
#filters label { display: flex; gap: 8px; align-items: center; }
#filters input, #filters select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
#filters input { width: 28ch; }
#filters output { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-size: 0.85rem; color: var(--muted); position: sticky; top: 0; }
td.num { font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-left: 18px; }
.slot + .slot { margin-top: 2px; }
td.action { min-width: 30ch; }
.tag { display: inline-block; font-size: 0.75rem; padding: 0 6px; border-radius: 10px; border: 1px solid currentColor; margin-left: 4px; }
.tag.other, .tag.acb { color: var(--wrong); }
.tag.expected { color: var(--correct); }
.srv { font-weight: 600; }
.source, .where { color: var(--muted); overflow-wrap: anywhere; }
td code { white-space: nowrap; }
.count { color: var(--muted); font-weight: normal; }
details > summary { cursor: pointer; font-size: 1.25rem; font-weight: 600; margin: 32px 0 8px; }
footer { max-width: 1400px; margin: 32px auto; padding: 0 24px; color: var(--muted); font-size: 0.85rem; }
@media print { #filters { display: none !important; } th { position: static; } }
`;

/**
 * The filter: a text query (every whitespace-separated term must occur in the row's text or its record's source,
 * status, reason, Device Type or counter; Entity IDs match with or without hyphens) and a status. Read from and
 * written to the fragment (`#q=...&status=...`), so a filtered view can be bookmarked and a test can drive it.
 */
const SCRIPT = String.raw`
(function () {
  'use strict';
  var node = document.getElementById('audit-data');
  var data;
  try { data = JSON.parse(node.textContent); } catch (e) { return; }
  var form = document.getElementById('filters');
  var q = document.getElementById('q');
  var status = document.getElementById('status');
  var total = document.getElementById('shown-total');
  var sections = [].slice.call(document.querySelectorAll('section[data-status]'));
  var rows = [].slice.call(document.querySelectorAll('tr[data-index]'));
  var statuses = [].slice.call(status.options).map(function (o) { return o.value; });
  var compact = function (s) { return s.replace(/[-:\s]/g, ''); };
  var texts = rows.map(function (row) {
    var r = data.devices[Number(row.getAttribute('data-index'))] || {};
    var text = (row.textContent + ' ' + [r.source, r.status, r.reason, r.deviceType, r.counter].join(' ')).toLowerCase();
    return { text: text, compact: compact(text) };
  });
  function matches(i, term) {
    if (texts[i].text.indexOf(term) >= 0) return true;
    var c = compact(term);
    return c.length > 0 && texts[i].compact.indexOf(c) >= 0;
  }
  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var want = status.value;
    var shown = {};
    var visible = 0;
    rows.forEach(function (row, i) {
      var st = row.getAttribute('data-status');
      var ok = (want === 'all' || want === st) && terms.every(function (t) { return matches(i, t); });
      row.hidden = !ok;
      if (ok) { shown[st] = (shown[st] || 0) + 1; visible += 1; }
    });
    sections.forEach(function (section) {
      var st = section.getAttribute('data-status');
      var n = shown[st] || 0;
      section.hidden = !(want === 'all' || want === st);
      var out = section.querySelector('[data-shown]');
      if (out) out.textContent = String(n);
      var none = section.querySelector('.no-match');
      if (none) none.hidden = n > 0 || !section.querySelector('tr[data-index]');
      var details = section.querySelector('details');
      if (details && n > 0 && (want === st || terms.length > 0)) details.open = true;
    });
    total.textContent = visible + ' of ' + rows.length + ' devices shown';
    total.setAttribute('data-visible', String(visible));
    document.body.setAttribute('data-visible-rows', String(visible));
  }
  function readFragment() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) return;
      try { params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')); } catch (e) { /* ignore */ }
    });
    q.value = params.q || '';
    status.value = statuses.indexOf(params.status) >= 0 ? params.status : 'all';
    apply();
  }
  function writeFragment() {
    var parts = [];
    if (q.value) parts.push('q=' + encodeURIComponent(q.value));
    if (status.value !== 'all') parts.push('status=' + encodeURIComponent(status.value));
    try { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search); } catch (e) { /* ignore */ }
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  q.addEventListener('input', function () { apply(); writeFragment(); });
  status.addEventListener('change', function () { apply(); writeFragment(); });
  window.addEventListener('hashchange', readFragment);
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== q && !(document.activeElement && /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName))) {
      e.preventDefault();
      q.focus();
    }
  });
  form.hidden = false;
  readFragment();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Nothing but this page's own inline style and script; no fetch of any kind, no form submission, no base URL. */
const CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "img-src 'none'",
  "font-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------------------------
// Charts: horizontal bars, labels and values as <text>, the numbers also in data- attributes. Fixed geometry and
// numbers rounded to one decimal: the same summary always draws the same SVG.

const fmt = (n: number) => String(Math.round(n * 10) / 10);
const CHART_WIDTH = 560;
const VALUE_ROOM = 48;
const CHAR = 7.3; // 12px monospace advance, near enough for layout
const MAX_LABEL = 34;

const clip = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);
const labelWidth = (labels: readonly string[]) => Math.min(MAX_LABEL * CHAR, Math.max(80, labels.reduce((m, l) => Math.max(m, clip(l).length), 0) * CHAR)) + 12;

interface Bar {
  readonly series: 'wrong' | 'correct';
  readonly value: number;
}

function barsSvg(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly groups: readonly { readonly label: string; readonly attributes: string; readonly tooltip: string; readonly bars: readonly Bar[] }[];
  readonly legend: readonly { readonly series: Bar['series']; readonly text: string }[];
}): string {
  const { groups } = options;
  const left = labelWidth(groups.map((g) => g.label));
  const barRoom = CHART_WIDTH - left - VALUE_ROOM;
  const max = groups.reduce((m, g) => g.bars.reduce((n, b) => Math.max(n, b.value), m), 1);
  const BAR = 16;
  const GAP = 3;
  const GROUP_GAP = 12;
  const top = options.legend.length > 1 ? 28 : 8;
  const parts: string[] = [];
  let legendX = left;
  for (const item of options.legend) {
    if (options.legend.length < 2) break;
    parts.push(
      `<rect class="swatch ${item.series}" x="${fmt(legendX)}" y="6" width="12" height="12" fill="${item.series === 'wrong' ? '#c62828' : '#2e7d32'}"/>`,
      `<text x="${fmt(legendX + 18)}" y="16">${h(item.text)}</text>`,
    );
    legendX += 18 + item.text.length * CHAR + 24;
  }
  let y = top;
  for (const group of groups) {
    const height = group.bars.length * BAR + (group.bars.length - 1) * GAP;
    const bars = group.bars.map((bar, i) => {
      const by = y + i * (BAR + GAP);
      const width = (bar.value / max) * barRoom;
      return (
        `<rect class="bar ${bar.series}" x="${fmt(left)}" y="${fmt(by)}" width="${fmt(width)}" height="${BAR}" fill="${bar.series === 'wrong' ? '#c62828' : '#2e7d32'}"/>` +
        `<text class="bar-value" data-series="${bar.series}" x="${fmt(left + width + 6)}" y="${fmt(by + BAR - 4)}">${bar.value}</text>`
      );
    });
    parts.push(
      `<g class="bar-group" ${group.attributes}><title>${h(group.tooltip)}</title>` +
        `<text class="bar-label" x="${fmt(left - 8)}" y="${fmt(y + height / 2 + 4)}" text-anchor="end">${h(clip(group.label))}</text>` +
        `${bars.join('')}</g>`,
    );
    y += height + GROUP_GAP;
  }
  const height = y - GROUP_GAP + 8;
  parts.push(`<line class="axis" x1="${fmt(left)}" y1="${top - 4}" x2="${fmt(left)}" y2="${fmt(height - 4)}" stroke="#d0d7de"/>`);
  return (
    `<svg class="chart" data-chart="${options.id}" viewBox="0 0 ${CHART_WIDTH} ${fmt(height)}" width="${CHART_WIDTH}" height="${fmt(height)}" ` +
    `role="img" aria-labelledby="${options.id}-title ${options.id}-desc">` +
    `<title id="${options.id}-title">${h(options.title)}</title><desc id="${options.id}-desc">${h(options.description)}</desc>` +
    `${parts.join('')}</svg>`
  );
}

function distributorChart(report: AuditReport): string {
  const rows = report.summary.byDistributor;
  if (rows.length === 0) return '<p class="empty" data-chart="by-distributor">No device was checked, so there is nothing to chart.</p>';
  const names = new Map<string, string>();
  for (const d of report.devices) if (d.distributorId && d.distributorName && !names.has(d.distributorId)) names.set(d.distributorId, d.distributorName);
  const label = (id: string) => (id === 'registration-data' ? 'registration data' : names.has(id) ? `${id} ${names.get(id)}` : id);
  return barsSvg({
    id: 'by-distributor',
    title: 'Wrong and correct devices by distributor',
    description: rows.map((r) => `${label(r.distributor)}: ${r.wrong} wrong, ${r.correct} correct`).join('; '),
    legend: [
      { series: 'wrong', text: 'wrong Network Operator' },
      { series: 'correct', text: 'correct' },
    ],
    groups: rows.map((r) => ({
      label: label(r.distributor),
      attributes: `data-distributor="${h(r.distributor)}" data-wrong="${r.wrong}" data-correct="${r.correct}"`,
      tooltip: `${label(r.distributor)}: ${plural(r.wrong, 'device')} wrong, ${r.correct} correct`,
      bars: [
        { series: 'wrong', value: r.wrong },
        { series: 'correct', value: r.correct },
      ],
    })),
  });
}

function holderChart(report: AuditReport): string {
  const rows = report.summary.wrongByHolder;
  if (rows.length === 0) return '<p class="empty" data-chart="by-holder">No device holds a wrong Network Operator certificate.</p>';
  const acb = new Set(report.devices.flatMap((d) => d.slots.filter((s) => s.holderIs === 'acb').map((s) => s.holder)));
  const label = (holder: string) => (acb.has(holder) ? `${holder} (ACB)` : holder);
  return barsSvg({
    id: 'by-holder',
    title: 'Devices with a wrong Network Operator certificate, by the party holding it',
    description: rows.map((r) => `${label(r.holder)}: ${plural(r.devices, 'device')}`).join('; '),
    legend: [{ series: 'wrong', text: 'devices' }],
    groups: rows.map((r) => ({
      label: label(r.holder),
      attributes: `data-holder="${h(r.holder)}" data-devices="${r.devices}"`,
      tooltip: `${label(r.holder)} holds Network Operator slots on ${plural(r.devices, 'device')}`,
      bars: [{ series: 'wrong', value: r.devices }],
    })),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Tables.

const dash = '<span class="empty">none</span>';
const code = (value: string | null | undefined) => (value ? `<code>${h(value)}</code>` : dash);

function distributorCell(d: DeviceAudit): string {
  if (!d.distributorId) return dash;
  return `<code>${h(d.distributorId)}</code>${d.distributorName ? ` ${h(d.distributorName)}` : ''}`;
}

function slotsCell(d: DeviceAudit): string {
  if (d.slots.length > 0) {
    return d.slots
      .map(
        (s) =>
          `<div class="slot" data-slot="${h(s.slot)}" data-holder-is="${h(s.holderIs)}">${h(s.slot)}: <code>${h(s.holder)}</code>` +
          `<span class="tag ${h(s.holderIs)}">${h(HOLDER_IS[s.holderIs])}</span></div>`,
      )
      .join('');
  }
  const shown = Object.entries(d.holder);
  if (shown.length === 0) return '<span class="empty">no Network Operator slot shown</span>';
  return shown.map(([slot, holder]) => `<div class="slot" data-slot="${h(slot)}">${h(slot)}: <code>${h(holder)}</code></div>`).join('');
}

function expectedCell(d: DeviceAudit): string {
  const where = describeExpectation(d);
  const parties = d.expected.length > 0 ? d.expected.map((e) => `<code>${h(e)}</code>`).join(' or ') : dash;
  return `${parties}${where ? `<div class="where">from ${h(where)}</div>` : ''}`;
}

function actionCell(d: DeviceAudit): string {
  if (d.actions.length === 0) return dash;
  return `<ul>${d.actions.map((a) => `<li data-action="${h(a.kind)}" data-srv="${h(a.srv)}"><span class="srv">${h(a.srv)}</span>: ${h(describeAction(a))}</li>`).join('')}</ul>`;
}

const sourceCell = (d: DeviceAudit) => `<span class="source">${h(d.source)}</span> <span class="source">(counter ${h(d.counter)})</span>`;

interface Column {
  readonly head: string;
  readonly cell: (d: DeviceAudit) => string;
  readonly class?: string;
}

const COLUMNS: Readonly<Record<Status, readonly Column[]>> = {
  'wrong-network-operator': [
    { head: 'Device', cell: (d) => code(d.deviceId) },
    { head: 'MPAN', cell: (d) => code(d.mpan) },
    { head: 'Distributor', cell: distributorCell },
    { head: 'Slots and holders', cell: slotsCell },
    { head: 'Expected', cell: expectedCell },
    { head: 'Action', cell: actionCell, class: 'action' },
    { head: 'Source', cell: sourceCell },
  ],
  'not-checked': [
    { head: 'Device', cell: (d) => code(d.deviceId) },
    { head: 'Device Type', cell: (d) => code(d.deviceType) },
    { head: 'MPAN', cell: (d) => code(d.mpan) },
    { head: 'Distributor', cell: distributorCell },
    { head: 'Reason', cell: (d) => (d.status === 'not-checked' ? `<span data-reason="${h(d.reason)}">${h(describeReason(d.reason))}</span>` : '') },
    { head: 'Slots shown', cell: slotsCell },
    { head: 'Source', cell: sourceCell },
  ],
  correct: [
    { head: 'Device', cell: (d) => code(d.deviceId) },
    { head: 'Device Type', cell: (d) => code(d.deviceType) },
    { head: 'MPAN', cell: (d) => code(d.mpan) },
    { head: 'Distributor', cell: distributorCell },
    { head: 'Slots and holders', cell: slotsCell },
    { head: 'Expected', cell: expectedCell },
    { head: 'Source', cell: sourceCell },
  ],
};

const SECTIONS: readonly { readonly status: Status; readonly id: string; readonly title: string; readonly none: string; readonly folded?: true }[] = [
  { status: 'wrong-network-operator', id: 'needing-action', title: 'Devices needing action', none: 'No device holds a wrong Network Operator certificate.' },
  { status: 'not-checked', id: 'not-checked', title: 'Devices not checked', none: 'Every device was checked.' },
  { status: 'correct', id: 'correct', title: 'Correct devices', none: 'No device was found correct.', folded: true },
];

function deviceSection(report: AuditReport, section: (typeof SECTIONS)[number]): string {
  const columns = COLUMNS[section.status];
  const rows = report.devices.flatMap((d, index) =>
    d.status === section.status
      ? [`<tr data-index="${index}" data-status="${h(d.status)}" data-device-id="${h(d.deviceId)}">${columns.map((c) => `<td${c.class ? ` class="${c.class}"` : ''}>${c.cell(d)}</td>`).join('')}</tr>`]
      : [],
  );
  const count = report.summary.byStatus[section.status];
  const heading = `${h(section.title)} <span class="count">(<span data-shown="${section.status}">${count}</span> of <span data-count="${section.status}">${count}</span>)</span>`;
  const body =
    rows.length === 0
      ? `<p class="empty">${h(section.none)}</p>`
      : `<div class="table-wrap"><table data-table="${section.status}"><thead><tr>${columns.map((c) => `<th scope="col">${h(c.head)}</th>`).join('')}</tr></thead>` +
        `<tbody>\n${rows.join('\n')}\n</tbody></table></div><p class="empty no-match" hidden>No device here matches the filter.</p>`;
  return section.folded
    ? `<section id="${section.id}" data-status="${section.status}"><details><summary>${heading}</summary>\n${body}\n</details></section>`
    : `<section id="${section.id}" data-status="${section.status}" aria-labelledby="${section.id}-h"><h2 id="${section.id}-h">${heading}</h2>\n${body}\n</section>`;
}

function filters(report: AuditReport): string {
  const by = report.summary.byStatus;
  const option = (value: Status) => `<option value="${value}">${h(STATUS_LABEL[value])} (${by[value]})</option>`;
  return (
    `<form id="filters" role="search" hidden>` +
    `<label>Filter <input id="q" type="search" placeholder="device, MPAN, Entity ID, file…" autocomplete="off" spellcheck="false" aria-describedby="shown-total"></label>` +
    `<label>Status <select id="status"><option value="all">All statuses (${report.summary.devices})</option>` +
    `${option('wrong-network-operator')}${option('not-checked')}${option('correct')}</select></label>` +
    `<output id="shown-total" aria-live="polite" data-visible="${report.devices.length}">${report.devices.length} of ${report.devices.length} devices shown</output>` +
    `</form>`
  );
}

function problemsSection(problems: readonly AuditProblem[]): string {
  const rows = problems.map((p) => {
    const first = p.findings[0];
    const more = p.findings.length > 1 ? ` <span class="count">(and ${plural(p.findings.length - 1, 'more finding')})</span>` : '';
    return (
      `<tr data-problem><td><span class="source">${h(p.source)}</span></td><td>${first ? code(first.code) : dash}</td>` +
      `<td>${first ? h(first.message) : ''}${more}</td></tr>`
    );
  });
  const body =
    rows.length === 0
      ? '<p class="empty">Every input was read.</p>'
      : `<div class="table-wrap"><table data-table="problems"><thead><tr><th scope="col">Input</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead>` +
        `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
  return `<section id="problems" aria-labelledby="problems-h"><h2 id="problems-h">Unreadable inputs <span class="count">(<span data-count="problems">${problems.length}</span>)</span></h2>\n${body}\n</section>`;
}

function totals(report: AuditReport): string {
  const s = report.summary;
  const card = (key: string, label: string, value: number, cls = '') =>
    `<div class="${cls}" data-kind="${key}"><dt>${h(label)}</dt><dd><span data-total="${key}">${value}</span></dd></div>`;
  const reasons = (Object.entries(s.byReason) as [NotCheckedReason, number][]).map(
    ([reason, n]) => `<li><span data-reason="${h(reason)}">${n}</span> ${h(describeReason(reason))} <code>${h(reason)}</code></li>`,
  );
  return (
    `<section id="totals" aria-labelledby="totals-h"><h2 id="totals-h">Totals</h2><dl class="totals">` +
    card('devices', 'Devices', s.devices) +
    card('responses', 'Responses', s.responses) +
    card('correct', 'Correct', s.byStatus.correct, 'correct') +
    card('wrong-network-operator', 'Wrong Network Operator', s.byStatus['wrong-network-operator'], 'wrong') +
    card('not-checked', 'Not checked', s.byStatus['not-checked'], 'unchecked') +
    card('problems', 'Unreadable inputs', s.problems, s.problems > 0 ? 'wrong' : '') +
    `</dl>${reasons.length > 0 ? `<p class="note">Not checked, by reason:</p><ul class="reasons">${reasons.join('')}</ul>` : ''}</section>`
  );
}

/** The data the filter script reads: the summary, each device as in the JSON report, the problems' findings. */
function auditData(report: AuditReport): unknown {
  return {
    summary: report.summary,
    devices: report.devices.map(deviceRecord),
    problems: report.problems.map((p) => ({
      source: p.source,
      findings: p.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...(f.path === undefined ? {} : { path: f.path }) })),
    })),
  };
}

/** The self-contained HTML report: one page, no network, the same page for the same report. */
export function formatAuditHtml(report: AuditReport): string {
  const s = report.summary;
  const wrong = s.byStatus['wrong-network-operator'];
  const title = `Network Operator certificate audit: ${wrong} wrong of ${plural(s.devices, 'device')}`;
  const headline =
    wrong > 0
      ? `${plural(wrong, 'device')} ${wrong === 1 ? 'holds' : 'hold'} another party's certificates in the Network Operator slots and ${wrong === 1 ? 'needs' : 'need'} action.`
      : 'No device holds a wrong Network Operator certificate.';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="${h(PROGRAM)} ${h(VERSION)}">`,
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body data-visible-rows="${report.devices.length}">`,
    '<header>',
    '<h1>Network Operator certificate audit</h1>',
    `<p class="note">Generated by <code>${h(PROGRAM)} audit</code> ${h(VERSION)} from ${plural(s.responses, 'response')} ` +
      `(${plural(s.devices, 'device')}, each judged on its latest response by OriginatorCounter). ` +
      'The page carries no date or time: the same audit always gives the same page. It loads nothing from the network.</p>',
    `<p><strong>${h(headline)}</strong></p>`,
    '</header>',
    '<main>',
    totals(report),
    '<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Charts</h2><div class="charts">',
    `<figure><figcaption>Wrong vs correct, by distributor</figcaption>${distributorChart(report)}</figure>`,
    `<figure><figcaption>Wrong devices, by the party holding the slots</figcaption>${holderChart(report)}</figure>`,
    '</div></section>',
    `<section id="devices" aria-label="Devices"><h2>Devices</h2>${filters(report)}`,
    ...SECTIONS.map((section) => deviceSection(report, section)),
    '</section>',
    problemsSection(report.problems),
    '</main>',
    `<footer>${h(PROGRAM)} ${h(VERSION)}. Actions name the party that must send the request: 6.15.1 to replace a Network Operator's certificates, ` +
      "6.21 for a Supplier to hand the slots over from the DCC's ACB.</footer>",
    `<script type="application/json" id="audit-data">${scriptJson(auditData(report))}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
