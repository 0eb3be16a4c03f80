"""The CI templates shipped in the repository, run as CI runs them: the GitHub Action (action.yml),
the reusable GitLab CI template (ci/gitlab/l10n-qa.gitlab-ci.yml) and the Dockerfile.

Each template's shell lines are executed with bash in a temporary checkout holding the samples, with
the variables the CI would set. Only `pip install` is replaced, by a recorder, since the package is
already installed here and the test runs offline; the recorder checks what would be installed is
this project. `uses:` steps (setup-python, upload-sarif) cannot run outside GitHub: the test checks
they are given the files the other steps write.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from test_cli import l10n_qa
from test_reporters import sarif_errors

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GITLAB = yaml.safe_load((ROOT / "ci" / "gitlab" / "l10n-qa.gitlab-ci.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@pytest.fixture
def checkout(tmp_path):
    """A repository holding the samples, and a PATH whose `python -m pip install` only records its arguments."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "samples", repo / "samples")
    (repo / ".git").mkdir()
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "python").write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" >> "$PIP_RECORD"\n', encoding="utf-8")
    (shims / "python").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "GITHUB_SHA", "CI_COMMIT_SHA")}
    env["PATH"] = os.pathsep.join([str(shims), str(Path(sys.executable).parent), os.environ["PATH"]])
    env["PIP_RECORD"] = str(tmp_path / "pip-args.txt")
    return repo, env


def samples_json(repo: Path) -> dict:
    return json.loads(l10n_qa("check", "samples", "--format", "json", "--fail-on", "never", cwd=repo).stdout)


def evaluate(expression: str, inputs: dict, outputs: dict) -> str:
    """The few GitHub expressions action.yml uses: inputs.X, steps.ID.outputs.X and `!=` with a literal."""
    if m := re.fullmatch(r"(.+?)\s*!=\s*'(.*)'", expression):
        return "true" if evaluate(m.group(1), inputs, outputs) != m.group(2) else "false"
    if m := re.fullmatch(r"inputs\.([\w-]+)", expression):
        return inputs[m.group(1)]
    if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
        return outputs.get(m.group(1), {}).get(m.group(2), "")
    raise AssertionError(f"expression the test cannot evaluate: {expression}")


def run_action(repo: Path, env: dict, **given: str) -> tuple[list[subprocess.CompletedProcess], dict, dict]:
    """Run the action's `run:` steps in order as the runner does: inputs with their defaults, step
    outputs read from $GITHUB_OUTPUT, a step's `if` honoured. Returns the results, outputs, inputs."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    assert set(given) <= set(inputs), "unknown input"
    inputs.update(given)
    outputs: dict[str, dict] = {}
    results = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step:
            continue
        condition = step.get("if")
        if condition and evaluate(EXPRESSION.fullmatch(condition.strip()).group(1), inputs, outputs) != "true":
            continue
        output_file = repo.parent / f"output-{len(results)}"
        output_file.write_text("")
        step_env = {**env, "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(output_file), "GITHUB_WORKSPACE": str(repo)}
        for name, value in step.get("env", {}).items():
            step_env[name] = EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs, outputs), value)
        assert step["shell"] == "bash"
        # The runner's bash: `bash --noprofile --norc -eo pipefail {0}`.
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo,
                                env=step_env, capture_output=True, text=True, timeout=120)
        results.append(result)
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        if result.returncode != 0:
            break
    return results, outputs, inputs


def recorded_pip(env: dict) -> list[str]:
    return Path(env["PIP_RECORD"]).read_text().split("\n")[:-1]


def test_the_action_installs_itself_checks_uploads_sarif_and_annotates(checkout):
    repo, env = checkout
    results, outputs, inputs = run_action(repo, env, paths="samples")
    install, check, fail = results
    assert install.returncode == 0 and recorded_pip(env)[:2] == ["-m", "pip"]
    assert recorded_pip(env)[-1] == str(ROOT)  # the action's own checkout, no package index name
    assert (ROOT / "pyproject.toml").is_file()
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["l10n-qa"]

    expected = samples_json(repo)
    assert outputs["check"] == {"exit-code": "1"}
    assert check.returncode == 0, check.stderr  # the step records the code; the last step fails the job
    sarif = json.loads((repo / inputs["sarif-file"]).read_text())
    assert sarif_errors(sarif) == []
    assert len(sarif["runs"][0]["results"]) == expected["summary"]["findings"]
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::")]
    levels = {"error": "::error ", "warning": "::warning ", "info": "::notice "}
    for severity, prefix in levels.items():
        assert sum(a.startswith(prefix) for a in annotations) == expected["summary"]["by_severity"][severity]
    assert all("file=samples/" in a for a in annotations)
    assert fail.returncode == 1 and "l10n-qa exited with 1" in fail.stdout

    [upload] = [s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs, {}), upload["with"]["sarif_file"]) == "l10n-qa.sarif"
    assert "inputs.upload-sarif == 'true'" in upload["if"] and "!cancelled()" in upload["if"]
    [setup] = [s for s in ACTION["runs"]["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert evaluate(EXPRESSION.fullmatch(setup["with"]["python-version"]).group(1), inputs, {}) == "3.11"
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def test_the_action_passes_when_asked_to_fail_on_nothing_and_prints_text(checkout):
    repo, env = checkout
    results, outputs, _ = run_action(repo, env, paths="samples", args="--fail-on never", annotate="false")
    assert len(results) == 2  # the failing step is skipped
    assert outputs["check"] == {"exit-code": "0"}
    assert "::error" not in results[1].stdout and "placeholder.missing" in results[1].stdout


def test_the_action_does_not_run_its_inputs_as_shell(checkout):
    repo, env = checkout
    results, outputs, _ = run_action(repo, env, paths="samples/widget $(touch pwned); touch pwned2")
    assert not (repo / "pwned").exists() and not (repo / "pwned2").exists()
    assert outputs["check"] == {"exit-code": "2"}  # "$(touch" is no file: a usage error, said as such
    assert results[-1].returncode == 2


def gitlab_job(name: str = "l10n-qa") -> tuple[dict, dict]:
    """The job with `extends:` resolved as GitLab does (a shallow merge), and its variables."""
    job = dict(GITLAB[name])
    while "extends" in job:
        base = GITLAB[job.pop("extends")]
        job = {**base, **job}
    return job, {**GITLAB.get("variables", {}), **job.get("variables", {})}


def run_gitlab(repo: Path, env: dict, **variables: str) -> tuple[list[subprocess.CompletedProcess], dict]:
    job, defaults = gitlab_job()
    job_env = {**env, **defaults, **variables}
    results = []
    for line in job.get("before_script", []) + job["script"]:
        # A runner runs the lines in one shell that stops at the first failing line.
        results.append(subprocess.run(["bash", "-e", "-c", line], cwd=repo, env=job_env, capture_output=True,
                                      text=True, timeout=120))
        if results[-1].returncode != 0:
            break
    return results, job


def test_the_gitlab_template_writes_code_quality_and_junit_reports(checkout):
    repo, env = checkout
    results, job = run_gitlab(repo, env, L10N_QA_PIP_SPEC=f"git+file://{ROOT}", L10N_QA_PATHS="samples")
    assert [r.returncode for r in results] == [0, 0, 1]  # the check fails the job: the samples have errors
    assert recorded_pip(env)[-1] == f"git+file://{ROOT}"
    assert job["artifacts"]["when"] == "always" and job["stage"] == "test"
    reports = job["artifacts"]["reports"]
    expected = samples_json(repo)
    issues = json.loads((repo / reports["codequality"]).read_text())
    assert len(issues) == expected["summary"]["findings"]
    for issue in issues:  # what GitLab's Code Quality widget requires of each issue
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert (repo / issue["location"]["path"]).is_file() and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    suites = ET.parse(repo / reports["junit"]).getroot()
    assert suites.tag == "testsuites"
    cases = suites.findall("testsuite/testcase")
    assert cases and all(c.get("name") and c.get("classname") for c in cases)
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) >= expected["summary"]["by_severity"]["error"]
    assert set(reports.values()) <= set(job["artifacts"]["paths"])


def test_the_gitlab_template_says_where_to_install_from(checkout):
    repo, env = checkout
    results, _ = run_gitlab(repo, env)
    assert [r.returncode for r in results] == [1]
    assert "set L10N_QA_PIP_SPEC to what pip installs l10n-qa from" in results[0].stderr
    assert not Path(env["PIP_RECORD"]).exists()


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [tuple(line.split(None, 1)) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_dockerfile_copies_what_the_package_build_needs_and_runs_the_cli():
    instructions = dockerfile_instructions()
    copied = [part for op, args in instructions if op == "COPY" for part in args.split()[:-1]]
    for path in copied:
        assert (ROOT / path).exists(), f"the Dockerfile copies {path}, which does not exist"
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    needed = {"pyproject.toml", "README.md", *(p.split("/")[0] for p in build["packages"]), *build["force-include"]}
    assert needed <= set(copied)  # the README is the package's readme, the data packs are force-included
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert all(f"!{p}" in ignored or f"!{p}/" in ignored for p in needed)
    [entrypoint] = [json.loads(args) for op, args in instructions if op == "ENTRYPOINT"]
    [command] = [json.loads(args) for op, args in instructions if op == "CMD"]
    assert entrypoint == ["l10n-qa"] and command[0] == "check"
    assert "l10n-qa" in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    [base] = [args for op, args in instructions if op == "FROM"]
    assert base.startswith("python:3.11")


def docker_usable() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not docker_usable(), reason="no Docker daemon to build the image with")
def test_the_docker_image_checks_the_samples(tmp_path):
    tag = "l10n-qa-test:latest"
    build = subprocess.run(["docker", "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr
    result = subprocess.run(["docker", "run", "--rm", "-v", f"{ROOT / 'samples'}:/work/samples:ro", tag,
                             "check", "samples", "--format", "json", "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and json.loads(result.stdout)["summary"]["findings"] > 20
