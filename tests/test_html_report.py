"""The HTML report rendered in a real headless Chromium, driven by Selenium: what a localization
manager sees — totals, charts, the heat map, filtering, right-to-left targets — and that the page
asks for nothing over the network.

Needs Debian's `chromium` and `chromium-driver` packages (.ci/run installs them); without them the
browser tests are skipped, and the static checks at the end still run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_po
from l10n_qa.model import Finding, Report, Severity
from l10n_qa.reporters import html_report
from test_cli import l10n_qa

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="headless Chromium is not installed (Debian packages chromium and chromium-driver; .ci/run installs them)")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1800")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory):
    """The samples' HTML report and, from the same run, the JSON report to compare it with."""
    folder = tmp_path_factory.mktemp("html")
    html, data = folder / "report.html", folder / "report.json"
    result = l10n_qa("check", "samples", "-f", f"html:{html}", "-f", f"json:{data}", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    return html, json.loads(data.read_text())


def visible_rows(browser):
    from selenium.webdriver.common.by import By

    return [row for row in browser.find_elements(By.CSS_SELECTOR, "#findings-table tr.finding") if row.is_displayed()]


def visible_count(browser, within: str = "#findings-table") -> int:
    """How many findings are laid out, counted in the page (a WebDriver call per row is slow at 15k)."""
    return browser.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll(arguments[0] + ' tr.finding'),"
        " function (row) { return row.getClientRects().length > 0; }).length", within)


@needs_browser
def test_totals_charts_and_heat_map_match_the_json_report(browser, samples_report, tmp_path):
    from selenium.webdriver.common.by import By

    html, report = samples_report
    browser.get(html.as_uri())
    assert browser.title.startswith("Localization QA report")
    summary = report["summary"]
    number = lambda card: browser.find_element(By.CSS_SELECTOR, f"#total-{card} .num").text  # noqa: E731
    total = summary["findings"]
    assert number("findings") == str(total) and total > 20
    assert (number("errors"), number("warnings"), number("info")) == tuple(
        str(summary["by_severity"][s]) for s in ("error", "warning", "info"))
    assert number("files") == str(summary["files"]) and number("locales") == str(len(summary["by_locale"]))

    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-locale g.bar")
    assert {b.get_attribute("data-locale"): int(b.find_element(By.CSS_SELECTOR, "text.count").text) for b in bars} \
        == summary["by_locale"]
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-category g.bar")
    assert {b.get_attribute("data-category"): int(b.find_element(By.CSS_SELECTOR, "text.count").text) for b in bars} \
        == summary["by_category"]
    widths = {b.get_attribute("data-category"): sum(float(r.get_attribute("width")) for r in
                                                     b.find_elements(By.TAG_NAME, "rect")) for b in bars}
    counts = summary["by_category"]  # a bar is as long as its category has findings
    for more, fewer in ((a, b) for a in counts for b in counts if counts[a] > counts[b]):
        assert widths[more] > widths[fewer] > 0

    expected = Counter((f["locale"], f["category"]) for f in report["findings"])
    cells = browser.find_elements(By.CSS_SELECTOR, "#heat-map td.cell")
    shown = {(c.get_attribute("data-locale"), c.get_attribute("data-category")): c.text for c in cells if c.text}
    assert shown == {key: str(count) for key, count in expected.items()}

    assert len(visible_rows(browser)) == total
    assert browser.find_element(By.ID, "shown-count").text == f"{total} of {total} findings"
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


@needs_browser
def test_filters_by_locale_severity_category_text_and_heat_map_click(browser, samples_report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    html, report = samples_report
    browser.get(html.as_uri())
    findings = report["findings"]
    total = len(findings)
    Select(browser.find_element(By.ID, "filter-locale")).select_by_value("ar-SA")
    rows = visible_rows(browser)
    arabic = sum(f["locale"] == "ar-SA" for f in findings)
    assert len(rows) == arabic >= 2
    assert {r.get_attribute("data-locale") for r in rows} == {"ar-SA"}
    assert browser.find_element(By.ID, "shown-count").text == f"{arabic} of {total} findings"

    Select(browser.find_element(By.ID, "filter-locale")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("error")
    Select(browser.find_element(By.ID, "filter-category")).select_by_value("placeholder")
    rows = visible_rows(browser)
    placeholder_errors = sum(f["severity"] == "error" and f["category"] == "placeholder" for f in findings)
    assert len(rows) == placeholder_errors >= 4
    assert {r.find_element(By.CSS_SELECTOR, "td.what code").text for r in rows} == {
        "placeholder.missing", "placeholder.altered"}

    browser.find_element(By.ID, "filter-reset").click()
    browser.find_element(By.ID, "filter-text").send_keys("vorname")
    [row] = visible_rows(browser)
    assert row.find_element(By.CSS_SELECTOR, "td.target mark").text == "{{ticket.requester.vorname}}"

    browser.find_element(By.CSS_SELECTOR, '#heat-map td.cell[data-locale="de-DE"][data-category="encoding"]').click()
    assert Select(browser.find_element(By.ID, "filter-locale")).first_selected_option.get_attribute("value") == "de-DE"
    rows = visible_rows(browser)
    assert len(rows) == 2 and {r.find_element(By.CSS_SELECTOR, "td.what code").text for r in rows} == {"encoding.mojibake"}


@needs_browser
def test_right_to_left_targets_render_right_to_left(browser, samples_report):
    from selenium.webdriver.common.by import By

    html, _ = samples_report
    browser.get(html.as_uri())
    direction = "return getComputedStyle(arguments[0]).direction"
    arabic = browser.find_elements(By.CSS_SELECTOR, 'tr[data-locale="ar-SA"]')[0]
    target = arabic.find_element(By.CSS_SELECTOR, "td.target")
    source = arabic.find_element(By.CSS_SELECTOR, "td.source")
    assert (target.get_attribute("lang"), target.get_attribute("dir")) == ("ar-SA", "rtl")
    assert browser.execute_script(direction, target) == "rtl"
    assert browser.execute_script(direction, source) == "ltr"
    # The first line of the Arabic text starts at the right edge of its cell.
    box = browser.execute_script("""
        var cell = arguments[0].querySelector('.text'), range = document.createRange();
        var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), first = walker.nextNode();
        while (first && first.data.trim().length < 3) { first = walker.nextNode(); }
        range.setStart(first, 0); range.setEnd(first, 3);
        var r = range.getBoundingClientRect(), c = cell.getBoundingClientRect();
        return [c.right - r.right, r.left - c.left];""", target)
    assert box[0] < 5 < box[1]
    japanese = browser.find_elements(By.CSS_SELECTOR, 'tr[data-locale="ja-JP"] td.target')[0]
    assert browser.execute_script(direction, japanese) == "ltr"


@needs_browser
def test_the_page_makes_no_network_request(browser, samples_report):
    html, _ = samples_report
    browser.get(html.as_uri())
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.querySelectorAll('[src], link, iframe, object').length") == 0


@needs_browser
def test_errors_suppressions_and_baseline_sections(browser, tmp_path):
    from selenium.webdriver.common.by import By

    (tmp_path / ".git").mkdir()
    path = write_po(tmp_path / "de.po", "Hi %(name)s!", "Hallo!", "de", "python-format")
    text = path.read_text().replace("#, python-format", "# l10n-qa: disable-next-line placeholder.missing -- "
                                    "the greeting names the customer\n#, python-format")
    path.write_text(text, encoding="utf-8")
    write_po(tmp_path / "fr.po", "Hello!", "Bonjour.", "fr")
    assert l10n_qa("baseline", "create", "fr.po", cwd=tmp_path).returncode == 0
    (tmp_path / "it.po").write_text('msgid "A"\nmsgstr "B" "x"\n"\n', encoding="utf-8")
    result = l10n_qa("check", "de.po", "fr.po", "it.po", "--baseline", "l10n-qa-baseline.json",
                     "-f", "html:r.html", cwd=tmp_path)
    assert result.returncode == 2
    browser.get((tmp_path / "r.html").as_uri())
    assert browser.find_element(By.ID, "no-findings").text.startswith("No findings")
    assert "it.po:2" in browser.find_element(By.ID, "errors").text
    suppressed = browser.find_element(By.ID, "suppressed").text
    assert "placeholder.missing" in suppressed and "the greeting names the customer" in suppressed
    assert "de.po:7" in suppressed  # where the directive is written
    assert "1 known findings hidden by l10n-qa-baseline.json" in browser.find_element(By.ID, "baseline").text


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") or (tag == "link"):
                self.external.append((tag, name, value))


def test_report_is_one_self_contained_file(samples_report):
    html, _ = samples_report
    page = html.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.external == []
    assert "default-src 'none'" in page  # the page's own policy forbids network requests
    assert page.count('dir="rtl"') >= 2 and 'lang="ar-SA"' in page


def test_html_escapes_the_texts_it_shows(tmp_path):
    write_po(tmp_path / "de.po", "Click <b>here</b> & {name}", "<script>alert(1)</script> & {name}", "de")
    result = l10n_qa("check", "de.po", "-f", "html", cwd=tmp_path)
    assert "<script>alert(1)</script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert result.stdout.count("<script>") == 1  # only the report's own script


def finding(rule="placeholder.missing", severity="error", category="placeholder", path="help/de-DE/a.md", line=3,
            locale="de-DE", message="the placeholder {name} is missing", source="Hello {name}", target="Hallo",
            matched="", suggestion="") -> Finding:
    return Finding(rule=rule, category=category, severity=Severity.parse(severity), message=message, path=path,
                   line=line, column=1, end_line=line, end_column=2, locale=locale, source_locale="en-US",
                   segment=f"{path}#{line}", source=source, target=target, suggestion=suggestion, matched=matched,
                   fingerprint=f"{path}{line}{rule}")


def write_report(path: Path, findings: list[Finding]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        html_report.render(Report(findings=findings, files=len({f.path for f in findings}), segments=len(findings)), out)
    return path


def rgb(browser, element) -> tuple[int, int, int]:
    colour = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element)
    return tuple(int(part) for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


@needs_browser
def test_bidi_override_is_shown_as_a_mark_not_applied(browser, samples_report):
    from selenium.webdriver.common.by import By

    html, report = samples_report
    [expected] = [f for f in report["findings"] if f["rule"] == "rtl.bidi-override"]
    assert "\u202e" in expected["target"]
    browser.get(html.as_uri())
    # Not one live override in the page: the disguised "…fdp.exe" cannot render as "…exe.pdf".
    assert browser.execute_script("return document.body.textContent.indexOf('\\u202e')") == -1
    row = browser.find_element(By.XPATH, "//tr[contains(@class,'finding')][.//code[text()='rtl.bidi-override']]")
    target = row.find_element(By.CSS_SELECTOR, "td.target")
    assert "<U+202E>fdp.exe." in target.text
    mark = target.find_element(By.CSS_SELECTOR, ".ctl")
    assert mark.text == "<U+202E>" and mark.value_of_css_property("direction") == "ltr"


@needs_browser
def test_right_to_left_words_in_messages_are_isolated(browser, samples_report, tmp_path):
    from selenium.webdriver.common.by import By

    html, _ = samples_report
    browser.get(html.as_uri())
    row = browser.find_element(By.XPATH, "//tr[contains(@class,'finding')][.//code[text()='culture.christmas-greeting']]")
    isolated = row.find_elements(By.CSS_SELECTOR, ".msg bdi")
    assert [b.text for b in isolated] == ["عيد ميلاد مجيد", "أطيب التمنيات"]
    assert browser.execute_script("return getComputedStyle(arguments[0]).unicodeBidi", isolated[0]) == "isolate"
    # Two Arabic quotes with only neutrals between them stay two runs, in the order the message says.
    page = write_report(tmp_path / "quotes.html", [finding(locale="ar-SA", message='"مرحبا" → "أهلا": use the second')])
    browser.get(page.as_uri())
    first, second = browser.find_elements(By.CSS_SELECTOR, ".msg bdi")
    assert (first.text, second.text) == ("مرحبا", "أهلا")
    assert first.rect["x"] < second.rect["x"]


@needs_browser
def test_heat_map_colour_says_the_worst_severity_not_the_count(browser, tmp_path):
    from selenium.webdriver.common.by import By

    many_info = [finding(rule="typography.ellipsis", severity="info", category="typography", line=n, locale="fr-FR") for n in range(40)]
    one_error = [finding(locale="fr-FR")]
    page = write_report(tmp_path / "heat.html", many_info + one_error)
    browser.get(page.as_uri())
    info = browser.find_element(By.CSS_SELECTOR, '#heat-map td.cell[data-category="typography"]')
    error = browser.find_element(By.CSS_SELECTOR, '#heat-map td.cell[data-category="placeholder"]')
    assert (info.text, info.get_attribute("data-worst")) == ("40", "info")
    assert (error.text, error.get_attribute("data-worst")) == ("1", "error")
    red, green, blue = rgb(browser, info)
    assert blue > red  # blue, as info is everywhere in the report, however many
    red, green, blue = rgb(browser, error)
    assert red > blue and red > green


@needs_browser
def test_language_filter_takes_in_its_regional_locales(browser, samples_report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    html, report = samples_report
    browser.get(html.as_uri())
    arabic = [f for f in report["findings"] if f["locale"].split("-")[0] == "ar"]
    assert {f["locale"] for f in arabic} == {"ar", "ar-SA"}
    Select(browser.find_element(By.ID, "filter-locale")).select_by_value("ar")
    assert len(visible_rows(browser)) == len(arabic)
    Select(browser.find_element(By.ID, "filter-locale")).select_by_value("ar-SA")
    assert len(visible_rows(browser)) == sum(f["locale"] == "ar-SA" for f in arabic)
    Select(browser.find_element(By.ID, "filter-locale")).select_by_value("he")
    assert len(visible_rows(browser)) == sum(f["locale"] == "he-IL" for f in report["findings"]) > 0


@needs_browser
def test_header_says_when_and_from_which_commit(browser, samples_report):
    from selenium.webdriver.common.by import By

    html, _ = samples_report
    browser.get(html.as_uri())
    stamp = datetime.fromisoformat(browser.find_element(By.ID, "generated").get_attribute("datetime"))
    assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 600
    head = os.environ.get("GITHUB_SHA") or os.environ.get("CI_COMMIT_SHA") or subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    commit = browser.find_element(By.ID, "commit")
    assert commit.get_attribute("title") == head and head.startswith(commit.text) and len(commit.text) == 12


@needs_browser
def test_fits_a_700_pixel_window(browser, samples_report):
    html, _ = samples_report
    browser.set_window_size(700, 900)
    try:
        browser.get(html.as_uri())
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] <= 700
    finally:
        browser.set_window_size(1400, 1800)


@needs_browser
def test_fifteen_thousand_findings_stay_quick_to_search(browser, tmp_path):
    from selenium.webdriver.common.by import By

    locales = ("de-DE", "fr-FR", "ar-SA", "ja-JP")
    findings = [finding(path=f"help/{locales[n % 4]}/article-{n // 50:03d}.md", line=n % 50 + 1, locale=locales[n % 4],
                        message=f"the placeholder {{name}} is missing (entry {n})",
                        severity=("error", "warning", "info")[n % 3])
                for n in range(15_000)]
    findings.sort(key=lambda f: (f.path, f.line))
    page = write_report(tmp_path / "big.html", findings)
    browser.get(page.as_uri())
    assert browser.find_element(By.ID, "shown-count").text == "15000 of 15000 findings"
    assert browser.find_element(By.ID, "page-info").text == "page 1 of 30 (500 per page)"
    assert visible_count(browser) == 500
    assert browser.execute_script("return document.documentElement.scrollHeight") < 100_000  # was 1.38 M px
    took = browser.execute_script("""
        var box = document.getElementById('filter-text'), start = performance.now();
        box.value = 'article-017'; box.dispatchEvent(new Event('input'));
        document.body.getBoundingClientRect();  // the layout is part of what the user waits for
        return performance.now() - start;""")
    assert took < 1000, f"a search took {took:.0f} ms"
    matching = sum("article-017" in f.path for f in findings)
    assert browser.find_element(By.ID, "shown-count").text == f"{matching} of 15000 findings"
    assert visible_count(browser) == matching == 50
    browser.find_element(By.ID, "filter-reset").click()
    browser.find_element(By.ID, "page-next").click()
    assert visible_count(browser) == 500
    first = browser.find_element(By.CSS_SELECTOR, "#findings-table tr.finding:not([hidden]) td.where")
    assert first.text.startswith(f"{findings[500].path}:{findings[500].line}:")
    group = browser.find_element(By.CSS_SELECTOR, "#findings-table tbody.file:not([hidden])")
    in_group = visible_count(browser, f'tbody[data-path="{group.get_attribute("data-path")}"]')
    assert in_group > 0
    group.find_element(By.CSS_SELECTOR, ".toggle").click()
    assert group.get_attribute("class") == "file collapsed"
    assert visible_count(browser) == 500 - in_group


# D13 of ../shared/fuzz-repro: terminal escapes, other controls and zero-width characters from content.
ESCAPES_PO = ('msgid "Order 12: Hello"\n'
              'msgstr "Bestellung 13: \x1b]0;owned\x07\x1b[2J\x1b[32mAll checks passed\x1b[0m\u200b"\n')


class _Texts(HTMLParser):
    """The page's text (what a browser renders, outside the report's own script and style)."""

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)


def test_control_and_zero_width_characters_are_shown_as_marks_in_the_html(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "LC_MESSAGES" / "m.po").write_text(ESCAPES_PO, encoding="utf-8")
    result = l10n_qa("check", ".", "-f", "html:r.html", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for invisible in ("\x1b", "\x07", "\u200b"):
        assert invisible not in page
    parser = _Texts()
    parser.feed(page)
    text = "".join(parser.texts)
    assert ("Bestellung 13: <U+001B>]0;owned<U+0007><U+001B>[2J<U+001B>[32mAll checks passed<U+001B>[0m<U+200B>"
            in text)


@needs_browser
def test_control_characters_render_as_marks_in_the_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    report = write_report(tmp_path / "r.html", [finding(
        rule="number.changed", category="number", message="number `13` does not match the source's `12`",
        path="help/de-DE/\x1b[31mred.md", source="Order 12", target="Bestellung 13\x1b[2J\u200b", matched="13")])
    browser.get(report.as_uri())
    assert browser.execute_script("return /[\\u001b\\u200b]/.test(document.body.textContent)") is False
    row = browser.find_element(By.CSS_SELECTOR, "tr.finding")
    target = row.find_element(By.CSS_SELECTOR, "td.target")
    assert target.text == "Bestellung 13<U+001B>[2J<U+200B>"
    assert target.find_element(By.TAG_NAME, "mark").text == "13"
    assert [mark.text for mark in target.find_elements(By.CSS_SELECTOR, ".ctl")] == ["<U+001B>", "<U+200B>"]
    assert row.find_element(By.CSS_SELECTOR, "td.where .path").text == "help/de-DE/<U+001B>[31mred.md"
