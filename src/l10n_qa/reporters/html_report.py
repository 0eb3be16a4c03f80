"""One self-contained HTML page for localization managers: open it from a CI artifact or an e-mail.

Totals, findings by locale and by category (inline SVG bar charts, stacked by severity), a
locale × category heat map (a click filters the list), then every finding with its source and target
side by side, filterable by locale, severity, category and text. Each text carries its locale's
`lang` and `dir`, so Arabic or Hebrew targets render right to left. Everything is inline — styles,
script, charts — and a Content-Security-Policy forbids the page any network request.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from html import escape
from typing import TextIO

from l10n_qa import __version__
from l10n_qa.model import CATEGORIES, Finding, Locale, Report

SEVERITIES = ("error", "warning", "info")
_COLOURS = {"error": "#c62828", "warning": "#d98200", "info": "#1f6fb2"}
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=256)
def _direction(tag: str) -> str:
    try:
        return Locale.parse(tag).direction if tag else "ltr"
    except ValueError:
        return "ltr"


def _text_cell(css_class: str, text: str, tag: str, matched: str = "") -> str:
    """A text in its own language and direction, the matched part marked."""
    lang = f' lang="{escape(tag)}"' if tag else ""
    body = escape(text)
    at = text.find(matched) if matched else -1
    if at >= 0:
        body = (escape(text[:at]) + "<mark>" + escape(matched) + "</mark>" + escape(text[at + len(matched):]))
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
            strength = 0.12 + 0.88 * count / biggest
            ink = "#fff" if strength > 0.55 else "#222"
            row.append(f'<td class="cell" data-locale="{escape(locale)}" data-category="{escape(category)}" '
                       f'data-count="{count}" style="background:rgba(198,40,40,{strength:.2f});color:{ink}" '
                       f'title="{escape(locale)} · {escape(category)}: {count}" tabindex="0">{count}</td>')
        total = sum(cells[(locale, c)] for c in categories)
        row.append(f'<td class="total">{total}</td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    return (f'<table class="heat" id="heat-map"><thead><tr><th></th>{head}<th>total</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _finding_row(f: Finding) -> str:
    fix = f'<div class="fix">Fix: {escape(f.suggestion)}</div>' if f.suggestion else ""
    return (f'<tr class="finding" data-locale="{escape(f.locale or "?")}" data-severity="{f.severity.label}" '
            f'data-category="{escape(f.category)}">'
            f'<td><span class="sev {f.severity.label}">{f.severity.label}</span></td>'
            f'<td class="what"><code>{escape(f.rule)}</code><div class="msg">{escape(f.message)}</div>{fix}</td>'
            f'<td class="where"><span class="path">{escape(f.path)}</span>:{f.line}:{f.column}'
            f'<div class="loc" dir="ltr">{escape(f.locale or "?")}</div></td>'
            + _text_cell("source", f.source, f.source_locale)
            + _text_cell("target", f.target, f.locale, f.matched)
            + "</tr>")


def _options(values: list[str]) -> str:
    return '<option value="">all</option>' + "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


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
      f"<style>{_STYLE}</style>\n</head>\n<body>\n")
    w('<header><h1>Localization QA report</h1>'
      f'<p class="meta">l10n-qa {escape(__version__)} · {report.files} files, {report.segments} segments '
      f'checked in {report.seconds:.2f} s</p></header>\n<main>\n')
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
      f'<label>Locale <select id="filter-locale">{_options(locales)}</select></label>'
      f'<label>Severity <select id="filter-severity">{_options([s for s in SEVERITIES if counts[s]])}</select></label>'
      f'<label>Category <select id="filter-category">{_options(categories)}</select></label>'
      '<label>Text <input id="filter-text" type="search" placeholder="rule, file, words…"></label>'
      '<button type="button" id="filter-reset">Show all</button>'
      f'<output id="shown-count">{len(findings)} of {len(findings)} findings</output></form>\n')
    if findings:
        w('<table id="findings-table"><thead><tr><th>Severity</th><th>Rule and message</th><th>Where</th>'
          '<th>Source</th><th>Target</th></tr></thead>\n<tbody>\n')
        for f in findings:
            w(_finding_row(f) + "\n")
        w("</tbody></table>\n")
    else:
        w('<p class="empty" id="no-findings">No findings. ✔</p>\n')
    w("</section>\n")

    if report.errors:
        w('<section id="errors"><h2>Files that could not be checked</h2><ul>')
        for error in report.errors:
            w(f"<li><code>{escape(str(error))}</code></li>")
        w("</ul></section>\n")
    if report.suppressed:
        w(f'<section id="suppressed"><h2>Suppressed ({len(report.suppressed)})</h2><table class="plain">'
          "<thead><tr><th>Finding</th><th>Where</th><th>Reason</th><th>Written at</th></tr></thead><tbody>")
        for item in report.suppressed:
            f = item.finding
            until = f" (until {escape(item.until)})" if item.until else ""
            w(f"<tr><td><code>{escape(f.rule)}</code> {escape(f.message)}</td><td>{escape(f.path)}:{f.line}:{f.column}</td>"
              f"<td>{escape(item.reason) or '<em>no reason given</em>'}</td><td>{escape(item.origin)}{until}</td></tr>")
        w("</tbody></table></section>\n")
    if report.baseline is not None:
        w(f'<section id="baseline"><h2>Baseline</h2><p>{report.baselined} known findings hidden by '
          f"<code>{escape(report.baseline)}</code>.</p>")
        if report.stale:
            w(f"<p>{len(report.stale)} entries match no finding any more (fixed?); "
              "<code>l10n-qa baseline prune</code> removes them:</p><ul>")
            for entry in report.stale:
                w(f"<li><code>{escape(entry.path)}</code> <code>{escape(entry.rule)}</code> {escape(entry.matched)}</li>")
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
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:14px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;background:none;border:0;padding:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;min-width:120px}
.card .num{display:block;font-size:26px;font-weight:700}
.card .label{color:var(--muted)}
.card.error .num{color:var(--error)}.card.warning .num{color:var(--warning)}.card.info .num{color:var(--info)}
.charts{display:flex;flex-wrap:wrap;gap:28px}
.chart{margin:0}
figcaption{font-weight:600;margin-bottom:6px}
svg.bars .label{font-size:12px;fill:var(--ink)}
svg.bars .count{font-size:12px;fill:var(--muted)}
svg.bars .bar{cursor:pointer}
svg.bars .bar:hover rect{opacity:.8}
.legend{display:flex;gap:12px;color:var(--muted);font-size:12px}
.key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:start;vertical-align:top}
thead th{background:#fafafa;font-weight:600;position:sticky;top:0}
table.heat{width:auto}
table.heat td.cell{text-align:center;min-width:64px;cursor:pointer;font-weight:600}
table.heat td.zero{background:#fafafa;cursor:default}
table.heat td.total{text-align:center;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin-bottom:10px}
.filters select,.filters input{font:inherit;padding:3px 6px}
#shown-count{color:var(--muted)}
.sev{display:inline-block;border-radius:4px;padding:1px 7px;color:#fff;font-size:12px;font-weight:600}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
.what code{font-weight:600}
.msg{margin-top:2px}
.fix{margin-top:4px;color:#1b7a3d}
.where{white-space:nowrap;color:var(--muted);font-size:12px}
.where .path{color:var(--ink)}
td.source,td.target{width:30%}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
td.target .text{background:#fffdf3}
mark{background:#ffd54f;border-radius:2px;padding:0 1px}
tr.finding[hidden]{display:none}
.empty{color:var(--muted)}
"""

_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
  var pick = {locale: document.getElementById('filter-locale'),
              severity: document.getElementById('filter-severity'),
              category: document.getElementById('filter-category')};
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('shown-count');
  function apply() {
    var query = text.value.trim().toLowerCase(), count = 0;
    rows.forEach(function (row) {
      var ok = ['locale', 'severity', 'category'].every(function (key) {
        return !pick[key].value || row.dataset[key] === pick[key].value;
      }) && (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !ok;
      if (ok) { count++; }
    });
    shown.textContent = count + ' of ' + rows.length + ' findings';
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
})();
"""
