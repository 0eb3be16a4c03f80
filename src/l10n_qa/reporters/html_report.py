"""One self-contained HTML page for localization managers: open it from a CI artifact or an e-mail.

Totals, findings by locale and by category (inline SVG bar charts, stacked by severity), a
locale × category heat map (a click filters the list), then every finding with its source and target
side by side, grouped by file, filterable by locale (a language such as `ar` takes in `ar-SA`),
severity, category and text, and paginated so that a run with tens of thousands of findings stays
quick to search. Each text carries its locale's `lang` and `dir`, so Arabic or Hebrew targets render
right to left; control, bidi and zero-width characters (ESC, U+202E and kin) are shown as visible
`<U+202E>` marks, never applied, so the report cannot be made to show a disguised text; right-to-left
words quoted in English messages are isolated in `<bdi>`. Everything is inline — styles, script, charts — and a Content-Security-Policy
forbids the page any network request.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from html import escape
from typing import TextIO

import regex

from l10n_qa import __version__
from l10n_qa.model import CATEGORIES, Finding, Locale, Report
from l10n_qa.reporters.visible import INVISIBLE

SEVERITIES = ("error", "warning", "info")
_COLOURS = {"error": "#c62828", "warning": "#d98200", "info": "#1f6fb2"}
PAGE_SIZE = 500  # findings per page: a search re-lays out at most this many rows
# A run of right-to-left text (strong R/AL letters, with the digits, spaces and separators inside it),
# isolated in an English message so its neighbours' punctuation stays in place.
_RTL_RUN = regex.compile(r"[\p{bc=R}\p{bc=AL}](?:[\p{bc=R}\p{bc=AL}\p{bc=NSM}\p{bc=AN}\p{bc=EN}\p{bc=WS}\p{bc=CS}]*"
                         r"[\p{bc=R}\p{bc=AL}\p{bc=NSM}\p{bc=AN}\p{bc=EN}])?")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=256)
def _direction(tag: str) -> str:
    try:
        return Locale.parse(tag).direction if tag else "ltr"
    except ValueError:
        return "ltr"


def _show(text: str) -> str:
    """Escaped for HTML, every control, bidi or zero-width character (the set the text report shows,
    reporters.visible) replaced by a visible mark: bidi controls would reorder the page (Trojan Source,
    CVE-2021-42574, a disguised "exe.pdf"), ESC and other controls would be invisible or garbage."""
    return INVISIBLE.sub(
        lambda m: f'<span class="ctl" title="invisible character">&lt;U+{ord(m.group()):04X}&gt;</span>', escape(text))


def _prose(text: str) -> str:
    """An English message or suggestion: shown, with each right-to-left run it quotes isolated."""
    parts, done = [], 0
    for run in _RTL_RUN.finditer(text):
        parts.append(_show(text[done:run.start()]) + "<bdi>" + _show(run.group()) + "</bdi>")
        done = run.end()
    return "".join(parts) + _show(text[done:])


def _text_cell(css_class: str, text: str, tag: str, matched: str = "") -> str:
    """A text in its own language and direction, the matched part marked."""
    lang = f' lang="{escape(tag)}"' if tag else ""
    body = _show(text)
    at = text.find(matched) if matched else -1
    if at >= 0:
        body = (_show(text[:at]) + "<mark>" + _show(matched) + "</mark>" + _show(text[at + len(matched):]))
    return f'<td class="{css_class}"{lang} dir="{_direction(tag)}"><div class="text">{body}</div></td>'


def _bar_chart(chart_id: str, title: str, rows: list[tuple[str, Counter]], filter_key: str) -> str:
    """Horizontal bars, one per row label, stacked error/warning/info, drawn as inline SVG."""
    if not rows:
        return f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption><p class="empty">No findings.</p></figure>'
    label_width, bar_width, row_height = 130, 300, 26
    biggest = max(sum(c.values()) for _, c in rows) or 1
    height = row_height * len(rows) + 8
    parts = [f'<svg class="bars" role="img" aria-label="{escape(title)}" viewBox="0 0 {label_width + bar_width + 60} {height}" '
             f'width="{label_width + bar_width + 60}" height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, counts) in enumerate(rows):
        y = 4 + i * row_height
        total = sum(counts.values())
        parts.append(f'<g class="bar" data-{filter_key}="{escape(label)}" tabindex="0"><title>{escape(label)}: '
                     + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s]) + "</title>")
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" class="label">{escape(label)}</text>')
        x = float(label_width)
        for severity in SEVERITIES:
            if counts[severity]:
                width = bar_width * counts[severity] / biggest
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_height - 8}" '
                             f'fill="{_COLOURS[severity]}" class="{severity}"/>')
                x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 17}" class="count">{total}</text></g>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{_COLOURS[s]}"></i>{s}</span>' for s in SEVERITIES)
    return (f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>{"".join(parts)}'
            f'<div class="legend">{legend}</div></figure>')


def _heat_map(findings: list[Finding], locales: list[str], categories: list[str]) -> str:
    if not findings:
        return '<p class="empty">No findings.</p>'
    cells = Counter((f.locale or "?", f.category) for f in findings)
    worst: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.locale or "?", f.category)
        if key not in worst or SEVERITIES.index(f.severity.label) < SEVERITIES.index(worst[key]):
            worst[key] = f.severity.label
    biggest = max(cells.values())
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in categories)
    rows = []
    for locale in locales:
        row = [f'<th scope="row" dir="ltr">{escape(locale)}</th>']
        for category in categories:
            count = cells[(locale, category)]
            if not count:
                row.append(f'<td class="cell zero" data-locale="{escape(locale)}" data-category="{escape(category)}"></td>')
                continue
            # The hue says how bad the worst finding is, the strength how many there are: a cell of a
            # hundred info findings stays blue, one error is red.
            severity = worst[(locale, category)]
            strength = 0.25 + 0.75 * count / biggest
            ink = "#fff" if strength > 0.55 else "#222"
            red, green, blue = (int(_COLOURS[severity][i:i + 2], 16) for i in (1, 3, 5))
            row.append(f'<td class="cell worst-{severity}" data-locale="{escape(locale)}" data-category="{escape(category)}" '
                       f'data-count="{count}" data-worst="{severity}" '
                       f'style="background:rgba({red},{green},{blue},{strength:.2f});color:{ink}" '
                       f'title="{escape(locale)} · {escape(category)}: {count}, worst {severity}" tabindex="0">{count}</td>')
        total = sum(cells[(locale, c)] for c in categories)
        row.append(f'<td class="total">{total}</td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    return (f'<div class="scroll"><table class="heat" id="heat-map"><thead><tr><th></th>{head}<th>total</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _finding_row(f: Finding, *, hidden: bool = False) -> str:
    fix = f'<div class="fix">Fix: {_prose(f.suggestion)}</div>' if f.suggestion else ""
    return (f'<tr class="finding" data-locale="{escape(f.locale or "?")}" data-severity="{f.severity.label}" '
            f'data-category="{escape(f.category)}"{" hidden" if hidden else ""}>'
            f'<td><span class="sev {f.severity.label}">{f.severity.label}</span></td>'
            f'<td class="what"><code>{escape(f.rule)}</code><div class="msg">{_prose(f.message)}</div>{fix}</td>'
            f'<td class="where"><span class="path">{_show(f.path)}</span>:{f.line}:{f.column}'
            f'<div class="loc" dir="ltr">{escape(f.locale or "?")}</div></td>'
            + _text_cell("source", f.source, f.source_locale)
            + _text_cell("target", f.target, f.locale, f.matched)
            + "</tr>")


def _options(values: list[str]) -> str:
    return '<option value="">all</option>' + "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


def _locale_options(locales: list[str]) -> str:
    """Each language that has regional locales first as itself (`ar` picks ar and ar-SA), then its locales."""
    by_language: dict[str, list[str]] = {}
    for locale in locales:
        by_language.setdefault(locale.split("-")[0], []).append(locale)
    options = ['<option value="">all</option>']
    for language, members in by_language.items():
        if members != [language]:
            options.append(f'<option value="{escape(language)}">{escape(language)} (all {len(members)}: '
                           f'{escape(", ".join(members))})</option>')
        options.extend(f'<option value="{escape(m)}">{escape(m)}</option>' for m in members if m != language)
    return "".join(options)


def _generated() -> str:
    """When and from which commit: SOURCE_DATE_EPOCH for reproducible builds, the CI's commit variables, else git."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc))
    commit = os.environ.get("GITHUB_SHA") or os.environ.get("CI_COMMIT_SHA") or ""
    if not commit:
        try:
            result = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
            commit = result.stdout.strip() if result.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            commit = ""
    when = f'generated <time id="generated" datetime="{moment.isoformat(timespec="seconds")}">' \
           f'{moment.strftime("%Y-%m-%d %H:%M UTC")}</time>'
    if commit:
        when += f' from commit <code id="commit" title="{escape(commit)}">{escape(commit[:12])}</code>'
    return when


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    findings = report.findings
    counts = report.counts_by_severity()
    by_locale: dict[str, Counter] = {}
    by_category: dict[str, Counter] = {}
    for f in findings:
        by_locale.setdefault(f.locale or "?", Counter())[f.severity.label] += 1
        by_category.setdefault(f.category, Counter())[f.severity.label] += 1
    locales = sorted(by_locale)
    categories = [c for c in CATEGORIES if c in by_category]
    cards = [("findings", len(findings), "total"), ("errors", counts["error"], "error"),
             ("warnings", counts["warning"], "warning"), ("info", counts["info"], "info"),
             ("files checked", report.files, "plain"), ("segments", report.segments, "plain"),
             ("locales", len(locales), "plain")]
    if report.errors:
        cards.append(("files not checked", len(report.errors), "error"))
    if report.suppressed:
        cards.append(("suppressed", len(report.suppressed), "plain"))
    if report.baseline is not None:
        cards.append(("known (baseline)", report.baselined, "plain"))

    w = out.write
    w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
      f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
      f'<meta name="generator" content="l10n-qa {escape(__version__)}">\n'
      '<title>Localization QA report — l10n-qa</title>\n'
      f"<style>{_STYLE}</style>\n"
      "<noscript><style>#findings-table [hidden]{display:table-row-group}"
      "#findings-table tr.finding[hidden]{display:table-row}</style></noscript>\n</head>\n<body>\n")
    w('<header><h1>Localization QA report</h1>'
      f'<p class="meta">l10n-qa {escape(__version__)} · {report.files} files, {report.segments} segments '
      f'checked in {report.seconds:.2f} s · {_generated()}</p></header>\n<main>\n')
    w('<section id="totals" class="cards" aria-label="Totals">')
    for label, value, kind in cards:
        slug = label.split(" ")[0]
        w(f'<div class="card {kind}" id="total-{slug}"><span class="num">{value}</span><span class="label">{escape(label)}</span></div>')
    w("</section>\n")
    w('<section class="charts">'
      + _bar_chart("chart-locale", "Findings by locale", [(loc, by_locale[loc]) for loc in locales], "locale")
      + _bar_chart("chart-category", "Findings by category", [(c, by_category[c]) for c in categories], "category")
      + "</section>\n")
    w(f'<section id="heat"><h2>Locale × category</h2>{_heat_map(findings, locales, categories)}</section>\n')

    w('<section id="findings"><h2>Findings</h2>\n<form class="filters" onsubmit="return false">'
      f'<label>Locale <select id="filter-locale">{_locale_options(locales)}</select></label>'
      f'<label>Severity <select id="filter-severity">{_options([s for s in SEVERITIES if counts[s]])}</select></label>'
      f'<label>Category <select id="filter-category">{_options(categories)}</select></label>'
      '<label>Text <input id="filter-text" type="search" placeholder="rule, file, words…"></label>'
      '<button type="button" id="filter-reset">Show all</button>'
      f'<output id="shown-count">{len(findings)} of {len(findings)} findings</output></form>\n')
    if findings:
        w(f'<nav class="pager" id="pager" data-page-size="{PAGE_SIZE}"><button type="button" id="page-prev">‹ previous</button>'
          '<span id="page-info"></span><button type="button" id="page-next">next ›</button>'
          '<button type="button" id="collapse-all">collapse all files</button>'
          '<button type="button" id="expand-all">expand all files</button></nav>\n')
        w('<table id="findings-table"><thead><tr><th>Severity</th><th>Rule and message</th><th>Where</th>'
          '<th>Source</th><th>Target</th></tr></thead>\n')
        by_file: dict[str, list[Finding]] = {}
        for f in findings:
            by_file.setdefault(f.path, []).append(f)
        shown_so_far = 0
        for path, group in by_file.items():
            group_counts = Counter(f.severity.label for f in group)
            tally = ", ".join(f"{group_counts[s]} {s}" for s in SEVERITIES if group_counts[s])
            # Rows after the first page start hidden, so that the browser lays out one page on
            # opening a big report; without script a <noscript> style shows them all.
            later = " hidden" if shown_so_far >= PAGE_SIZE else ""
            w(f'<tbody class="file" data-path="{escape(path)}"{later}><tr class="file-head"><th colspan="5">'
              f'<button type="button" class="toggle" aria-expanded="true">{_show(path)}</button> '
              f'<span class="tally">{len(group)} · {tally}</span></th></tr>\n')
            for f in group:
                w(_finding_row(f, hidden=shown_so_far >= PAGE_SIZE) + "\n")
                shown_so_far += 1
            w("</tbody>\n")
        w("</table>\n")
    else:
        w('<p class="empty" id="no-findings">No findings. ✔</p>\n')
    w("</section>\n")

    if report.errors:
        w('<section id="errors"><h2>Files that could not be checked</h2><ul>')
        for error in report.errors:
            w(f"<li><code>{_show(str(error))}</code></li>")
        w("</ul></section>\n")
    if report.suppressed:
        w(f'<section id="suppressed"><h2>Suppressed ({len(report.suppressed)})</h2><table class="plain">'
          "<thead><tr><th>Finding</th><th>Where</th><th>Reason</th><th>Written at</th></tr></thead><tbody>")
        for item in report.suppressed:
            f = item.finding
            until = f" (until {escape(item.until)})" if item.until else ""
            w(f"<tr><td><code>{escape(f.rule)}</code> {_prose(f.message)}</td><td>{_show(f.path)}:{f.line}:{f.column}</td>"
              f"<td>{_show(item.reason) or '<em>no reason given</em>'}</td><td>{_show(item.origin)}{until}</td></tr>")
        w("</tbody></table></section>\n")
    if report.baseline is not None:
        w(f'<section id="baseline"><h2>Baseline</h2><p>{report.baselined} known findings hidden by '
          f"<code>{escape(report.baseline)}</code>.</p>")
        if report.stale:
            w(f"<p>{len(report.stale)} entries match no finding any more (fixed?); "
              "<code>l10n-qa baseline prune</code> removes them:</p><ul>")
            for entry in report.stale:
                w(f"<li><code>{_show(entry.path)}</code> <code>{escape(entry.rule)}</code> {_show(entry.matched)}</li>")
            w("</ul>")
        w("</section>\n")
    w(f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")


_STYLE = """
:root{--ink:#1d1d1f;--muted:#5f6368;--line:#e3e3e8;--bg:#f6f7f9;--card:#fff;--error:#c62828;--warning:#d98200;--info:#1f6fb2}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK JP",sans-serif;color:var(--ink);background:var(--bg)}
header{padding:20px 28px 8px}
h1{margin:0;font-size:22px}
h2{font-size:17px;margin:0 0 12px}
.meta{margin:4px 0 0;color:var(--muted)}
main{padding:8px 28px 40px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:14px 0;min-width:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;background:none;border:0;padding:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;min-width:120px}
.card .num{display:block;font-size:26px;font-weight:700}
.card .label{color:var(--muted)}
.card.error .num{color:var(--error)}.card.warning .num{color:var(--warning)}.card.info .num{color:var(--info)}
.charts{display:flex;flex-wrap:wrap;gap:28px}
.chart{margin:0;max-width:100%}
figcaption{font-weight:600;margin-bottom:6px}
svg.bars{max-width:100%;height:auto}
svg.bars .label{font-size:12px;fill:var(--ink)}
svg.bars .count{font-size:12px;fill:var(--muted)}
svg.bars .bar{cursor:pointer}
svg.bars .bar:hover rect{opacity:.8}
.legend{display:flex;gap:12px;color:var(--muted);font-size:12px}
.key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:start;vertical-align:top}
thead th{background:#fafafa;font-weight:600;position:sticky;top:0;z-index:1}
table.heat{width:auto}
table.heat td.cell{text-align:center;min-width:64px;cursor:pointer;font-weight:600}
table.heat td.zero{background:#fafafa;cursor:default}
table.heat td.total{text-align:center;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin-bottom:10px}
.filters select,.filters input{font:inherit;padding:3px 6px;max-width:100%}
#shown-count{color:var(--muted)}
.pager{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px;color:var(--muted)}
tr.file-head th{background:#eef1f5;font-weight:600;overflow-wrap:anywhere}
tr.file-head .toggle{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;text-align:start;overflow-wrap:anywhere}
tr.file-head .toggle::before{content:"\\25BE  "}
tbody.collapsed tr.file-head .toggle::before{content:"\\25B8  "}
tr.file-head .tally{font-weight:400;color:var(--muted)}
.sev{display:inline-block;border-radius:4px;padding:1px 7px;color:#fff;font-size:12px;font-weight:600}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
.what code{font-weight:600;overflow-wrap:anywhere}
.msg{margin-top:2px;overflow-wrap:anywhere}
.fix{margin-top:4px;color:#1b7a3d;overflow-wrap:anywhere}
.where{white-space:nowrap;color:var(--muted);font-size:12px}
.where .path{color:var(--ink)}
td.source,td.target{width:30%}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
td.target .text{background:#fffdf3}
mark{background:#ffd54f;border-radius:2px;padding:0 1px}
.ctl{font:11px/1 ui-monospace,monospace;color:#fff;background:#6a1b9a;border-radius:3px;padding:0 2px;unicode-bidi:isolate;direction:ltr}
.empty{color:var(--muted)}
@media (max-width:900px){
  header{padding:14px 12px 4px}
  main{padding:4px 12px 24px}
  section{padding:12px 10px}
  #findings-table thead{display:none}
  #findings-table tr.finding{display:block;border-bottom:1px solid var(--line);padding:4px 0}
  #findings-table tr.finding td{display:block;width:auto;border:0;padding:3px 6px}
  #findings-table td.source::before{content:"Source";display:block;color:var(--muted);font-size:12px}
  #findings-table td.target::before{content:"Target";display:block;color:var(--muted);font-size:12px}
  .where{white-space:normal;overflow-wrap:anywhere}
}
#findings-table tbody[hidden],#findings-table tr.finding[hidden],#findings-table tbody.collapsed tr.finding{display:none}
"""

_SCRIPT = """
(function () {
  var table = document.getElementById('findings-table');
  var rows = table ? Array.prototype.slice.call(table.querySelectorAll('tr.finding')) : [];
  var groups = table ? Array.prototype.slice.call(table.querySelectorAll('tbody.file')) : [];
  var pager = document.getElementById('pager');
  var pageSize = pager ? parseInt(pager.dataset.pageSize, 10) : 500;
  // Lower-cased once: a search then compares strings and lays out one page, not every row.
  var haystack = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var pick = {locale: document.getElementById('filter-locale'),
              severity: document.getElementById('filter-severity'),
              category: document.getElementById('filter-category')};
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('shown-count');
  var page = 0, matching = rows.map(function (_, i) { return i; });
  var onPage = rows.filter(function (row) { return !row.hidden; });
  function fits(row, index, query) {
    var locale = pick.locale.value, rowLocale = row.dataset.locale;
    // "ar" picks every Arabic locale (ar-SA, ar-EG), "ar-SA" that one.
    if (locale && rowLocale !== locale && rowLocale.indexOf(locale + '-') !== 0) { return false; }
    if (pick.severity.value && row.dataset.severity !== pick.severity.value) { return false; }
    if (pick.category.value && row.dataset.category !== pick.category.value) { return false; }
    return !query || haystack[index].indexOf(query) >= 0;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(matching.length / pageSize));
    page = Math.min(Math.max(page, 0), pages - 1);
    var next = matching.slice(page * pageSize, (page + 1) * pageSize).map(function (i) { return rows[i]; });
    var keep = new Set(next);
    onPage.forEach(function (row) { if (!keep.has(row)) { row.hidden = true; } });
    var used = new Set();
    next.forEach(function (row) { row.hidden = false; used.add(row.parentNode); });
    groups.forEach(function (group) { group.hidden = !used.has(group); });
    onPage = next;
    shown.textContent = matching.length + ' of ' + rows.length + ' findings';
    if (pager) {
      document.getElementById('page-info').textContent = 'page ' + (page + 1) + ' of ' + pages +
        (matching.length > pageSize ? ' (' + pageSize + ' per page)' : '');
      document.getElementById('page-prev').disabled = page === 0;
      document.getElementById('page-next').disabled = page >= pages - 1;
    }
  }
  function apply() {
    var query = text.value.trim().toLowerCase();
    matching = [];
    for (var i = 0; i < rows.length; i++) { if (fits(rows[i], i, query)) { matching.push(i); } }
    page = 0;
    render();
  }
  function choose(values) {
    Object.keys(pick).forEach(function (key) { pick[key].value = values[key] || ''; });
    text.value = '';
    apply();
    document.getElementById('findings').scrollIntoView();
  }
  Object.keys(pick).forEach(function (key) { pick[key].addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.getElementById('filter-reset').addEventListener('click', function () { choose({}); });
  if (pager) {
    document.getElementById('page-prev').addEventListener('click', function () { page--; render(); });
    document.getElementById('page-next').addEventListener('click', function () { page++; render(); });
    var fold = function (collapse) {
      groups.forEach(function (group) {
        group.classList.toggle('collapsed', collapse);
        group.querySelector('.toggle').setAttribute('aria-expanded', String(!collapse));
      });
    };
    document.getElementById('collapse-all').addEventListener('click', function () { fold(true); });
    document.getElementById('expand-all').addEventListener('click', function () { fold(false); });
  }
  groups.forEach(function (group) {
    var toggle = group.querySelector('.toggle');
    toggle.addEventListener('click', function () {
      var collapse = !group.classList.contains('collapsed');
      group.classList.toggle('collapsed', collapse);
      toggle.setAttribute('aria-expanded', String(!collapse));
    });
  });
  document.querySelectorAll('table.heat td.cell:not(.zero)').forEach(function (cell) {
    cell.addEventListener('click', function () {
      choose({locale: cell.dataset.locale, category: cell.dataset.category});
    });
  });
  document.querySelectorAll('svg.bars .bar').forEach(function (bar) {
    bar.addEventListener('click', function () {
      choose({locale: bar.dataset.locale, category: bar.dataset.category});
    });
  });
  render();
})();
"""
