"""`check --shard K/N` and `l10n-qa merge`: N shard runs merged give what one run gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from content_helpers import write_tree
from l10n_qa.shard import Shard, ShardError, file_key, shard_of
from test_cli import l10n_qa

ROOT = Path(__file__).resolve().parent.parent

# Several sources, two locales, some translations missing, one broken placeholder: files land in
# every shard, and the tree-wide "no translation" findings must each come out exactly once.
TREE = {
    "l10n-qa.yaml": "source_locale: en-US\n",
    **{f"help/en-US/article-{n}.md": f"# Article {n}\n\nOpen **Settings** to see order {n}.\n" for n in range(8)},
    **{f"help/de-DE/article-{n}.md": f"# Artikel {n}\n\nÖffnen Sie **Einstellungen**, um Bestellung {n} zu sehen.\n"
       for n in range(8) if n not in (2, 5)},
    **{f"help/fr-FR/article-{n}.md": f"# Article {n}\n\nOuvrez **Paramètres** pour voir la commande {n}.\n"
       for n in range(8) if n != 6},
    "help/de-DE/article-7.md": "# Artikel 7\n\nÖffnen Sie **Einstellungen**, um Bestellung 8 zu sehen.\n",
}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _without_run(report: dict) -> dict:
    """A report minus `run` (which shard, when, how long): everything else must be the same."""
    return {key: value for key, value in report.items() if key != "run"}


def _shards_and_merge(repo: Path, out: Path, count: int, *args: str):
    """Run every shard with `args` (each writing JSON), then merge them; (shard results, merge result)."""
    shard_runs = []
    for index in range(1, count + 1):
        shard_runs.append(l10n_qa("check", *args, "--no-progress", "--shard", f"{index}/{count}",
                                  "-f", f"json:{out / f'shard-{index}.json'}", cwd=repo))
    merged = l10n_qa("merge", *(str(out / f"shard-{i}.json") for i in range(1, count + 1)),
                     "-f", f"json:{out / 'merged.json'}", "-f", f"sarif:{out / 'merged.sarif'}",
                     "-f", f"html:{out / 'merged.html'}", cwd=repo)
    return shard_runs, merged


@pytest.fixture
def samples_repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "samples", repo / "samples")
    (repo / ".git").mkdir()
    return repo


def test_three_shards_merged_equal_one_run_on_the_samples(samples_repo, tmp_path):
    one = l10n_qa("check", "samples", "--no-progress", "-f", f"json:{tmp_path / 'one.json'}",
                  "-f", f"sarif:{tmp_path / 'one.sarif'}", cwd=samples_repo)
    shard_runs, merged = _shards_and_merge(samples_repo, tmp_path, 3, "samples")
    assert one.returncode == 1, one.stderr
    assert merged.returncode == one.returncode, merged.stderr
    single, combined = _json(tmp_path / "one.json"), _json(tmp_path / "merged.json")
    assert _without_run(combined) == _without_run(single)
    assert combined["summary"]["findings"] == single["summary"]["findings"] > 0
    # Each shard checked a real part of the tree, and the parts do not overlap.
    parts = [_json(tmp_path / f"shard-{i}.json") for i in (1, 2, 3)]
    assert all(part["summary"]["files"] > 0 for part in parts)
    assert sorted(p for part in parts for p in part["paths"]) == single["paths"]
    assert [part["run"]["shard"] for part in parts] == ["1/3", "2/3", "3/3"]
    assert sum(part["summary"]["findings"] for part in parts) == single["summary"]["findings"]
    # SARIF of the merge carries the same results as the run's own SARIF.
    results = lambda sarif: [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                              r["locations"][0]["physicalLocation"]["region"]["startLine"])
                             for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]]
    assert results(tmp_path / "merged.sarif") == results(tmp_path / "one.sarif")
    assert "<html" in (tmp_path / "merged.html").read_text(encoding="utf-8")


def test_missing_translations_come_from_the_shard_that_owns_the_source(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, TREE)
    (repo / ".git").mkdir()
    one = l10n_qa("check", "--no-progress", "--fail-on", "warning", "-f", f"json:{tmp_path / 'one.json'}", cwd=repo)
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 3, "--fail-on", "warning")
    single, combined = _json(tmp_path / "one.json"), _json(tmp_path / "merged.json")
    missing = [(f["path"], f["locale"], f["line"], f["column"]) for f in single["findings"]
               if f["rule"] == "completeness.no-translation"]
    assert missing == [("help/en-US/article-2.md", "de-DE", 1, 1), ("help/en-US/article-5.md", "de-DE", 1, 1),
                       ("help/en-US/article-6.md", "fr-FR", 1, 1)]
    assert [(f["rule"], f["path"], f["line"]) for f in single["findings"] if f["rule"].startswith("number.")] == [
        ("number.changed", "help/de-DE/article-7.md", 3)]
    assert (one.returncode, merged.returncode) == (1, 1), merged.stderr
    assert _without_run(combined) == _without_run(single)
    for index in (1, 2, 3):
        part = _json(tmp_path / f"shard-{index}.json")
        owned = [(f["path"], f["locale"]) for f in part["findings"] if f["rule"] == "completeness.no-translation"]
        assert owned == [(path, locale) for path, locale, _, _ in missing if shard_of(path, 3) == index]


def test_a_shard_is_the_same_files_whatever_the_working_directory(samples_repo, tmp_path):
    from_repo = l10n_qa("check", "samples", "--shard", "2/3", "--fail-on", "never", "-f", "json", cwd=samples_repo)
    from_samples = l10n_qa("check", ".", "--shard", "2/3", "--fail-on", "never", "-f", "json",
                           cwd=samples_repo / "samples")
    assert from_repo.returncode == from_samples.returncode == 0, from_repo.stderr + from_samples.stderr
    paths = json.loads(from_repo.stdout)["paths"]
    assert paths and [f"samples/{p}" for p in json.loads(from_samples.stdout)["paths"]] == paths


def test_shard_keys_are_paths_relative_to_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "help").mkdir()
    monkeypatch.chdir(tmp_path / "help")
    assert file_key("x.md", tmp_path) == "help/x.md"
    assert file_key(str(tmp_path / "help" / "x.md"), tmp_path) == "help/x.md"
    # One file's shard never changes with N's other shards: every key has exactly one owner.
    owners = {key: [i for i in range(1, 5) if Shard(i, 4).owns(key)] for key in ("a.md", "help/x.md", "z/y.po")}
    assert all(len(found) == 1 for found in owners.values())


@pytest.mark.parametrize("value, message", [
    ("0/3", "--shard 0/3: K must be between 1 and N"),
    ("4/3", "--shard 4/3: K must be between 1 and N"),
    ("1/0", "--shard 1/0: K must be between 1 and N"),
    ("2", "--shard: expected K/N such as 1/4, got '2'"),
    ("a/b", "--shard: expected K/N such as 1/4, got 'a/b'"),
])
def test_a_bad_shard_is_a_usage_error(samples_repo, value, message):
    result = l10n_qa("check", "samples", "--shard", value, cwd=samples_repo)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(ShardError):
        Shard.parse(value)


def test_more_shards_than_files_leaves_empty_shards_that_still_merge(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, {"help/en-US/a.md": "Order 5.\n", "help/de-DE/a.md": "Bestellung 6.\n"})
    (repo / ".git").mkdir()
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 4)
    codes = sorted(run.returncode for run in shard_runs)
    assert codes == [0, 0, 0, 1], [run.stderr for run in shard_runs]  # one shard has the file
    assert merged.returncode == 1, merged.stderr
    combined = _json(tmp_path / "merged.json")
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in combined["findings"]] == [
        ("number.changed", "help/de-DE/a.md", 1, 12)]
    assert combined["summary"]["files"] == 1


def test_a_run_with_nothing_to_check_fails_in_the_shards_or_the_merge(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, {"help/en-US/a.md": "Order 5.\n", "help/de-DE/a.md": "Bestellung 5.\n"})
    (repo / ".git").mkdir()
    # Articles: the path tells every shard before reading that no file is Japanese, as one run would.
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 2, "--locale", "ja")
    assert [run.returncode for run in shard_runs] == [2, 2]
    assert all("nothing to check: no file in the current folder is in the locale(s) ja" in run.stderr
               for run in shard_runs)
    assert merged.returncode == 2 and f"{tmp_path / 'shard-1.json'}: cannot read" in merged.stderr
    # Catalogs: their header decides, so a shard learns only by reading its own files; the merge
    # is where the whole run is seen to have checked nothing.
    catalogs = tmp_path / "catalogs"
    write_tree(catalogs, {f"locale/{lang}/LC_MESSAGES/app.po": f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n\n'
                          'msgid "Order 5"\nmsgstr "Order 5"\n' for lang in ("de", "fr", "it", "nl")})
    (catalogs / ".git").mkdir()
    out = tmp_path / "catalog-reports"
    out.mkdir()
    shard_runs, merged = _shards_and_merge(catalogs, out, 2, "--locale", "ja")
    assert [run.returncode for run in shard_runs] == [0, 0], [run.stderr for run in shard_runs]
    assert merged.returncode == 2
    assert "nothing to check: no shard checked a file" in merged.stderr


def test_input_errors_are_said_once_and_fail_the_merge(tmp_path):
    # A broken source is reported by each of its translations: German and Dutch land in different
    # shards, and the merge says it once, as one run does.
    repo = tmp_path / "repo"
    write_tree(repo, {**TREE, "replies/en-US.yaml": "greeting: [unclosed\n", "replies/de-DE.yaml": "greeting: Hallo\n",
                      "replies/nl-NL.yaml": "greeting: Hoi\n",
                      "locale/it/LC_MESSAGES/widget.po": 'msgid "Hello"\nmsgstr "Ciao" "x"\n"\nmsgid\n'})
    (repo / ".git").mkdir()
    assert shard_of("replies/de-DE.yaml", 3) != shard_of("replies/nl-NL.yaml", 3)
    one = l10n_qa("check", "--no-progress", "-f", f"json:{tmp_path / 'one.json'}", cwd=repo)
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 3)
    assert one.returncode == merged.returncode == 2
    single, combined = _json(tmp_path / "one.json"), _json(tmp_path / "merged.json")
    assert [(e["path"], e["line"]) for e in combined["errors"]] == [
        ("locale/it/LC_MESSAGES/widget.po", 2), ("replies/en-US.yaml", 2)]
    reported = [e["path"] for i in (1, 2, 3) for e in _json(tmp_path / f"shard-{i}.json")["errors"]]
    assert reported.count("replies/en-US.yaml") == 2  # by both shards, said once when merged
    assert _without_run(combined) == _without_run(single)


def test_baseline_stale_entries_are_those_one_run_finds_stale(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, {**TREE, "help/fr-FR/article-3.md": "# Article 3\n\nOuvrez **Paramètres** pour voir la commande 9.\n"})
    (repo / ".git").mkdir()
    created = l10n_qa("baseline", "create", cwd=repo)
    assert created.returncode == 0, created.stderr
    # Two recorded problems go away: one fixed in a file one shard checks, one in a deleted file,
    # which every shard judges (and calls stale) on its own.
    (repo / "help/de-DE/article-7.md").write_text(TREE["help/de-DE/article-7.md"].replace("8", "7"), encoding="utf-8")
    (repo / "help/fr-FR/article-3.md").unlink()
    args = ("--baseline", "l10n-qa-baseline.json")
    one = l10n_qa("check", *args, "--no-progress", "-f", f"json:{tmp_path / 'one.json'}", cwd=repo)
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 3, *args)
    single, combined = _json(tmp_path / "one.json"), _json(tmp_path / "merged.json")
    assert [(e["path"], e["rule"]) for e in single["baseline"]["stale"]] == [
        ("help/de-DE/article-7.md", "number.changed"), ("help/fr-FR/article-3.md", "number.changed")]
    parts = [_json(tmp_path / f"shard-{i}.json")["baseline"]["stale"] for i in (1, 2, 3)]
    assert sum(len(part) for part in parts) == 4  # the deleted file's entry in each shard, the fixed one once
    assert combined["baseline"] == single["baseline"]
    assert _without_run(combined) == _without_run(single)
    assert merged.returncode == one.returncode == 0


def test_min_severity_hidden_findings_still_decide_the_merged_exit_code(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, TREE)
    (repo / ".git").mkdir()
    args = ("--min-severity", "error", "--fail-on", "warning")
    one = l10n_qa("check", *args, "--no-progress", "-f", f"json:{tmp_path / 'one.json'}", cwd=repo)
    shard_runs, merged = _shards_and_merge(repo, tmp_path, 2, *args)
    single, combined = _json(tmp_path / "one.json"), _json(tmp_path / "merged.json")
    assert single["summary"]["hidden_below_min_severity"]["by_severity"]["warning"] == 3
    assert _without_run(combined) == _without_run(single)
    assert one.returncode == merged.returncode == 1


@pytest.fixture
def shard_reports(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, TREE)
    (repo / ".git").mkdir()
    for index in (1, 2):
        result = l10n_qa("check", "--no-progress", "--shard", f"{index}/2", "-f", f"json:{tmp_path / f'{index}.json'}",
                         cwd=repo)
        assert result.returncode in (0, 1), result.stderr
    return repo, tmp_path / "1.json", tmp_path / "2.json"


def _refused(repo: Path, *reports: Path) -> str:
    result = l10n_qa("merge", *map(str, reports), "-f", "json", cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def test_merge_refuses_a_missing_or_duplicated_shard(shard_reports):
    repo, first, second = shard_reports
    assert "shard 2/2 missing: merge needs the reports of all 2 shards" in _refused(repo, first)
    assert f"shard 1/2 is given twice: {first} and {first}" in _refused(repo, first, first, second)


def test_merge_refuses_reports_of_other_settings_or_versions(shard_reports, tmp_path):
    repo, first, second = shard_reports
    other = tmp_path / "other.json"
    result = l10n_qa("check", "--no-progress", "--shard", "2/2", "--ignore", "number", "-f", f"json:{other}", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    assert "were checked with different settings" in _refused(repo, first, other)
    older = tmp_path / "older.json"
    data = _json(second)
    data["tool"]["version"] = "0.0.1"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert f"{older} was written by l10n-qa 0.0.1" in _refused(repo, first, older)
    three = tmp_path / "three.json"
    result = l10n_qa("check", "--no-progress", "--shard", "2/3", "-f", f"json:{three}", cwd=repo)
    assert "different settings" in _refused(repo, first, three)


def test_merge_refuses_what_is_not_a_shard_report(shard_reports, tmp_path):
    repo, first, second = shard_reports
    whole = tmp_path / "whole.json"
    l10n_qa("check", "--no-progress", "-f", f"json:{whole}", cwd=repo)
    assert f"{whole}: not a shard report" in _refused(repo, whole, first)
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{\n  not json", encoding="utf-8")
    assert f"{garbage}:2: not an l10n-qa JSON report" in _refused(repo, first, garbage)
    assert f"{tmp_path / 'absent.json'}: cannot read" in _refused(repo, first, tmp_path / "absent.json")
    sarif = tmp_path / "qa.sarif"
    sarif.write_text('{"version": "2.1.0", "runs": []}', encoding="utf-8")
    assert f"{sarif}: not an l10n-qa JSON report" in _refused(repo, first, sarif)
    # The inputs are never modified.
    assert garbage.read_text(encoding="utf-8") == "{\n  not json"


# --- The CI recipes: docs/ci.md's matrix examples and the GitLab template's shard jobs, run ----------


def _run_lines(lines, repo: Path, env: dict) -> list:
    """Shell lines as a CI runner runs them: bash, stopping at the first failing line."""
    results = []
    for line in lines:
        results.append(subprocess.run(["bash", "-e", "-c", line], cwd=repo, env=env, capture_output=True, text=True,
                                      timeout=120))
        if results[-1].returncode != 0:
            break
    return results


def _documented(key: str) -> dict:
    """The docs/ci.md YAML block that defines `key` (a workflow job or a GitLab job) with steps or a script."""
    from test_ci_commands import workflow_blocks

    for block in workflow_blocks():
        if isinstance(block, dict):
            jobs = block.get("jobs", block)
            if isinstance(jobs.get(key), dict) and ("steps" in jobs[key] or "script" in jobs[key]):
                return jobs
    raise AssertionError(f"docs/ci.md has no job {key!r}")


def _ci_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return env


def _single_run(repo: Path) -> tuple[int, dict]:
    """What one run over the checkout reports, as the documented jobs run it (from the root, no paths)."""
    result = l10n_qa("check", "--no-progress", "-f", "json", cwd=repo)
    return result.returncode, json.loads(result.stdout)


def test_documented_github_matrix_merges_to_the_single_run(samples_repo):
    jobs = _documented("merge")
    shard_job, merge_job = jobs["check"], jobs["merge"]
    shards = shard_job["strategy"]["matrix"]["shard"]
    assert merge_job["needs"] == "check" and "cancelled()" in merge_job["if"]
    check_step = next(s for s in shard_job["steps"] if s.get("name") == "Check one shard")
    upload = next(s for s in shard_job["steps"] if "upload-artifact" in s.get("uses", ""))
    env = _ci_env()
    for shard in shards:
        expand = lambda text: text.replace("${{ matrix.shard }}", str(shard)).replace(
            "${{ strategy.job-total }}", str(len(shards)))
        [result] = _run_lines([expand(check_step["run"])], samples_repo, env)
        assert result.returncode == 0, result.stderr  # findings are left to the merge job
        # download-artifact with merge-multiple puts every shard's file into `path`.
        download = next(s for s in merge_job["steps"] if "download-artifact" in s.get("uses", ""))
        folder = samples_repo / download["with"]["path"]
        folder.mkdir(exist_ok=True)
        (samples_repo / expand(upload["with"]["path"])).rename(folder / expand(upload["with"]["path"]))
    merge_step = next(s for s in merge_job["steps"] if s.get("name") == "Merge the shards")
    [merged] = _run_lines([merge_step["run"]], samples_repo, env)
    code, single = _single_run(samples_repo)
    assert merged.returncode == code == 1, merged.stderr
    sarif = next(s for s in merge_job["steps"] if "upload-sarif" in s.get("uses", ""))["with"]["sarif_file"]
    results = json.loads((samples_repo / sarif).read_text(encoding="utf-8"))["runs"][0]["results"]
    assert len(results) == single["summary"]["findings"] > 0
    assert merged.stdout.count("::error ") == single["summary"]["by_severity"]["error"]


@pytest.mark.parametrize("where", ["docs", "template"])
def test_gitlab_parallel_shards_merge_to_the_single_run(samples_repo, where):
    if where == "docs":
        jobs = _documented("l10n-qa-merge")
        shard_job, merge_job, variables = jobs["l10n-qa-shard"], jobs["l10n-qa-merge"], {}
        count = shard_job["parallel"]
        assert merge_job["needs"] == ["l10n-qa-shard"] and merge_job["when"] == "always"
    else:
        from test_ci_templates import gitlab_job

        (shard_job, variables), (merge_job, _) = gitlab_job(".l10n-qa-shard"), gitlab_job(".l10n-qa-merge")
        count = 3
        assert merge_job["when"] == "always"
    env = {**_ci_env(), **variables, "CI_NODE_TOTAL": str(count)}
    install = [line for line in shard_job["script"] if line.startswith("pip install")]
    assert install == ([] if where == "template" else [shard_job["script"][0]])
    for index in range(1, count + 1):
        results = _run_lines([line for line in shard_job["script"] if line not in install], samples_repo,
                             {**env, "CI_NODE_INDEX": str(index)})
        assert [r.returncode for r in results] == [0], results[-1].stderr
    assert sorted(p.name for p in samples_repo.glob(shard_job["artifacts"]["paths"][0])) == [
        f"l10n-qa-shard-{i}.json" for i in range(1, count + 1)]
    results = _run_lines([line for line in merge_job["script"] if not line.startswith("pip install")],
                         samples_repo, env)
    code, single = _single_run(samples_repo)
    assert [r.returncode for r in results] == [code] == [1], results[-1].stderr
    reports = merge_job["artifacts"]["reports"]
    assert len(json.loads((samples_repo / reports["codequality"]).read_text())) == single["summary"]["findings"]
    assert (samples_repo / reports["junit"]).read_text(encoding="utf-8").startswith("<?xml")
