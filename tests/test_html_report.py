"""The HTML report rendered in a real headless Chromium, driven by Selenium: what a localization
manager sees — totals, charts, the heat map, filtering, right-to-left targets — and that the page
asks for nothing over the network.

Needs Debian's `chromium` and `chromium-driver` packages (.ci/run installs them); without them the
browser tests are skipped, and the static checks at the end still run.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_po
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
