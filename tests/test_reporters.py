"""Every machine format end to end from the command line, read back the way its consumer reads it:
SARIF validated against the official 2.1.0 schema, JUnit parsed as XML, GitHub workflow commands
parsed and unescaped as the Actions runner does, GitLab Code Quality and concise lines parsed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import write_po
from test_cli import l10n_qa

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture
def project(tmp_path):
    """German: a missing placeholder (error); French: a punctuation slip (warning), in a file whose
    name holds the characters workflow commands must escape (`,` and `:`); Italian: unreadable."""
    (tmp_path / ".git").mkdir()
    de = tmp_path / "locale" / "de" / "LC_MESSAGES"
    fr = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    it = tmp_path / "locale" / "it" / "LC_MESSAGES"
    for folder in (de, fr, it):
        folder.mkdir(parents=True)
    write_po(de / "widget.po", "Hi %(name)s, 100% sure?", "Hallo, 100% sicher?", "de", "python-format")
    write_po(fr / "a,b:c.po", "How can we help?", "Comment pouvons-nous vous aider.", "fr")
    (it / "widget.po").write_text('msgid "Hello"\nmsgstr "Ciao" "x"\n"\nmsgid\n', encoding="utf-8")
    return tmp_path


DE = "locale/de/LC_MESSAGES/widget.po"
FR = "locale/fr/LC_MESSAGES/a,b:c.po"
IT = "locale/it/LC_MESSAGES/widget.po"


def sarif_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schema_validator_rejects_what_it_should():
    """The vendored schema really constrains: a made-up level and a missing message are refused."""
    assert sarif_errors({"version": "2.1.0", "runs": []}) == []
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                          "results": [{"ruleId": "r", "level": "fatal"}]}]}
    problems = sarif_errors(bad)
    assert any("'fatal' is not one of" in p for p in problems)
    assert any("'message' is a required property" in p for p in problems)


def test_sarif_is_valid_and_complete(project):
    result = l10n_qa("check", "locale", "--format", "sarif", cwd=project)
    assert result.returncode == 2  # the unreadable Italian file
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "l10n-qa"
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"placeholder.missing", "punctuation.end"}
    missing = rules["placeholder.missing"]
    assert missing["name"] == "PlaceholderMissing"
    assert missing["defaultConfiguration"]["level"] == "error"
    assert missing["shortDescription"]["text"].startswith("A placeholder of the source is missing")
    assert "Copy the placeholder" in missing["help"]["text"]
    assert rules["punctuation.end"]["defaultConfiguration"]["level"] == "warning"
    # Each built-in rule links to its page of the rules reference (relative to the repository root).
    assert missing["helpUri"] == "docs/rules/placeholder.missing.md"
    assert rules["punctuation.end"]["helpUri"] == "docs/rules/punctuation.end.md"
    assert (ROOT / missing["helpUri"]).read_text(encoding="utf-8").startswith("# `placeholder.missing`")
    results = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run["results"]]
    assert results == [
        ("placeholder.missing", "error", DE, 9, 9),
        ("punctuation.end", "warning", "locale/fr/LC_MESSAGES/a%2Cb%3Ac.po", 9, 9 + len("Comment pouvons-nous vous aider")),
    ]
    for r in run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    json_report = json.loads(l10n_qa("check", "locale", "-f", "json", cwd=project).stdout)
    assert [r["partialFingerprints"]["l10nQaFingerprint/v1"] for r in run["results"]] == [
        f["fingerprint"] for f in json_report["findings"]]
    assert run["results"][0]["message"]["text"] == "placeholder `%(name)s` is missing\nFix: add `%(name)s`"
    assert run["columnKind"] == "unicodeCodePoints"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == IT
    assert notification["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_of_the_samples_is_valid():
    result = l10n_qa("check", "samples", "-f", "sarif", cwd=ROOT)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    expected = len(json.loads(l10n_qa("check", "samples", "-f", "json", cwd=ROOT).stdout)["findings"])
    assert len(document["runs"][0]["results"]) == expected
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_of_a_clean_run_is_valid(project):
    result = l10n_qa("check", "locale/de", "-f", "sarif", "--select", "whitespace", cwd=project)
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    assert document["runs"][0]["results"] == []


def test_junit_parses_with_one_case_per_finding_and_file(project):
    result = l10n_qa("check", "locale", "--format", "junit", cwd=project)
    assert result.returncode == 2
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    # The French warning is below --fail-on error: skipped, not failed.
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("3", "1", "1", "1")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", root.get("timestamp"))
    assert float(root.get("time")) > 0
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {DE, FR, IT}
    [case] = suites[DE].findall("testcase")
    assert case.get("name") == "placeholder.missing at 9:9"
    assert case.get("classname") == DE and case.get("line") == "9"
    failure = case.find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "placeholder `%(name)s` is missing"
    assert "source (en): Hi %(name)s, 100% sure?" in failure.text
    assert "fix: add `%(name)s`" in failure.text
    [case] = suites[FR].findall("testcase")
    assert case.find("failure") is None
    assert case.find("skipped").get("message") == "warning below --fail-on error"
    assert case.find("system-out").text.startswith(f"{FR}:")
    # With --fail-on warning the same warning is a failure.
    strict = ET.fromstring(l10n_qa("check", "locale", "-f", "junit", "--fail-on", "warning", cwd=project).stdout)
    assert (strict.get("failures"), strict.get("skipped")) == ("2", "0")
    [case] = {s.get("name"): s for s in strict.findall("testsuite")}[FR].findall("testcase")
    assert case.find("failure").get("type") == "warning"
    [case] = suites[IT].findall("testcase")
    assert case.find("error") is not None and suites[IT].get("errors") == "1"


def test_junit_has_a_passing_case_for_a_clean_file_and_survives_control_characters(tmp_path):
    write_po(tmp_path / "de.po", "Hello", "Hallo", "de")
    write_po(tmp_path / "fr.po", "Press OK", "Appuyez sur \x07OK", "fr")
    result = l10n_qa("check", "de.po", "fr.po", "-f", "junit", cwd=tmp_path)
    root = ET.fromstring(result.stdout)  # a raw U+0007 would make this XML unreadable
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    [clean] = suites["de.po"].findall("testcase")
    assert clean.get("name") == "no findings" and not list(clean)
    details = suites["fr.po"].findall("testcase/failure") + suites["fr.po"].findall("testcase/system-out")
    assert details and "\\x07" in details[0].text


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read one `::name k=v,k=v::data` line the way the GitHub Actions runner does."""
    match = re.fullmatch(r"::([a-z-]+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    name, raw_properties, data = match.groups()
    properties = {}
    for pair in (raw_properties or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                           .replace("%2C", ",").replace("%25", "%"))
    return name, properties, data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_annotations_parse_back_to_the_findings(project):
    result = l10n_qa("check", "locale", "--format", "github", cwd=project)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    commands = [parse_workflow_command(line) for line in lines if line.startswith("::")]
    assert [c[0] for c in commands] == ["error", "warning", "error"]
    name, props, message = commands[0]
    assert props == {"file": DE, "line": "9", "col": "9", "title": "l10n-qa placeholder.missing"}
    assert message == ("placeholder `%(name)s` is missing\nFix: add `%(name)s`\n"
                       "Source (en): Hi %(name)s, 100% sure?")
    name, props, message = commands[1]
    assert props["file"] == FR  # the comma and colon survived
    column = 9 + len("Comment pouvons-nous vous aider")
    assert (props["line"], props["col"], props["endColumn"]) == ("9", str(column), str(column + 1))
    name, props, message = commands[2]
    assert props["file"] == IT and props["line"] == "2"
    # Nothing unescaped that could end a command early.
    raw = [line for line in lines if line.startswith("::")]
    assert all(line.count("::") == 2 for line in raw)
    assert "%25(name)s" in raw[0] and "%0A" in raw[0]
    assert "a%2Cb%3Ac.po" in raw[1]
    assert lines[-1] == "l10n-qa: 1 error, 1 warning, 0 info in 2 files"


def test_github_escaping_of_carriage_returns_and_multi_line_spans():
    from l10n_qa.model import Finding, Report, Severity
    from l10n_qa.reporters.github_report import command, render
    import io

    assert command("error", {"file": "a,b:c%.po", "title": "x"}, "50%\r\ndone") == \
        "::error file=a%2Cb%3Ac%25.po,title=x::50%25%0D%0Adone"
    finding = Finding("markup.missing", "markup", Severity.WARNING, "tag lost", "a.xlf", 3, 5, 4, 2, "de", "en",
                      "k", "s", "t", "", "", "f")
    out = io.StringIO()
    render(Report(findings=[finding], files=1), out)
    name, props, _ = parse_workflow_command(out.getvalue().splitlines()[0])
    assert props == {"file": "a.xlf", "line": "3", "endLine": "4", "title": "l10n-qa markup.missing"}


def test_gitlab_code_quality(project):
    result = l10n_qa("check", "locale", "--format", "gitlab", cwd=project)
    issues = json.loads(result.stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("placeholder.missing", "major", DE, 9), ("punctuation.end", "minor", FR, 9), ("input-error", "critical", IT, 2)]
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
    assert len({i["fingerprint"] for i in issues}) == 3
    assert issues[0]["description"] == "placeholder.missing: placeholder `%(name)s` is missing (fix: add `%(name)s`)"


def test_concise_lines(project):
    result = l10n_qa("check", "locale", "--format", "concise", cwd=project)
    assert result.stdout.splitlines() == [
        f"{DE}:9:9: placeholder.missing [error] placeholder `%(name)s` is missing",
        f"{FR}:9:{9 + len('Comment pouvons-nous vous aider')}: punctuation.end [warning] ends with full stop, "
        "the source ends with question mark",
        f"{IT}:2: error: Syntax error in po file: unescaped double quote found",
    ]


def test_several_formats_in_one_run(project):
    result = l10n_qa("check", "locale", "-f", "concise", "-f", "sarif:out/qa.sarif", "-f", "junit:qa.xml",
                     "-f", "html:qa.html", cwd=project)
    assert result.returncode == 2  # the output folder does not exist
    assert "cannot write out/qa.sarif" in result.stderr
    (project / "out").mkdir()
    result = l10n_qa("check", "locale", "-f", "concise", "-f", "sarif:out/qa.sarif", "-f", "junit:qa.xml",
                     "-f", "html:qa.html", "--fail-on", "never", cwd=project)
    assert result.returncode == 2  # input errors still exit 2 whatever --fail-on says
    assert result.stdout.startswith(f"{DE}:9:9: placeholder.missing")
    assert sarif_errors(json.loads((project / "out" / "qa.sarif").read_text())) == []
    junit = ET.parse(project / "qa.xml").getroot()
    assert (junit.get("failures"), junit.get("skipped")) == ("0", "2")  # --fail-on never: nothing fails
    assert "<!DOCTYPE html>" in (project / "qa.html").read_text()


def test_output_option_and_format_conflicts(project):
    result = l10n_qa("check", "locale/de", "-f", "sarif", "-o", "qa.sarif", cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    assert sarif_errors(json.loads((project / "qa.sarif").read_text())) == []
    result = l10n_qa("check", "locale", "-f", "sarif", "-f", "json", cwd=project)
    assert result.returncode == 2
    assert "only one format can go to standard output" in result.stderr
    result = l10n_qa("check", "locale", "-f", "sarif:x.json", "-f", "json:x.json", cwd=project)
    assert result.returncode == 2 and "same file" in result.stderr
    result = l10n_qa("check", "locale", "-f", "sarif:a.sarif", "-o", "b.sarif", cwd=project)
    assert result.returncode == 2 and "-o has nothing to write" in result.stderr
    result = l10n_qa("check", "locale", "-f", "yaml", cwd=project)
    assert result.returncode == 2
    assert "unknown format 'yaml'" in result.stderr and "sarif" in result.stderr
