"""`l10n-qa init`: guesses the layout, writes a valid commented config, never overwrites without --force."""

from __future__ import annotations

import subprocess
import sys

import yaml

from content_helpers import write_tree


def l10n_qa(*args, cwd):
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_init_guesses_the_layout_and_check_uses_it(tmp_path):
    write_tree(tmp_path, {
        "help/en-US/billing/refunds.md": "Refunds take 14 days.\n",
        "help/en-US/start.md": "Welcome!\n",
        "help/de-DE/billing/refunds.md": "Erstattungen dauern 30 Tage.\n",
        "help/fr-FR/start.md": "Bienvenue\u202f!\n",
        "replies/en-US.yaml": "hello: Hello!\n",
        "replies/de-DE.yaml": "hello: Hallo!\n",
        "legal/privacy.md": "We keep data for 30 days.\n",
        "legal/privacy.de-DE.md": "Wir speichern Daten 30 Tage lang.\n",
        "README.md": "# Our help center\n",
    })
    (tmp_path / ".git").mkdir()
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Source locale: en-US (the locale with the most files)",
        "Target locales: de-DE, fr-FR",
        "Content set 'help': help/{locale}/**/*.md (article, 4 files)",
        "Content set 'legal': legal/*.{locale}.md (policy, 1 file)",
        "Content set 'replies': replies/{locale}.yaml (reply, 2 files)",
        "Wrote l10n-qa.yaml. Check it, then run `l10n-qa check`.",
    ]
    text = (tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8")
    assert text.startswith("# l10n-qa configuration, written by `l10n-qa init`")
    config = yaml.safe_load(text)
    assert config["source_locale"] == "en-US" and config["target_locales"] == ["de-DE", "fr-FR"]
    assert config["content"][0] == {"name": "help", "type": "article", "source": "help/en-US/**/*.md",
                                    "target": "help/{locale}/**/*.md"}
    checked = l10n_qa("check", "-q", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines() == [
        "help/de-DE/billing/refunds.md:1:21: error   number.changed               number `30` does not match the source's `14`",
        "help/en-US/billing/refunds.md:1:1: warning completeness.no-translation  no fr-FR translation: "
        "help/fr-FR/billing/refunds.md does not exist",
        "help/en-US/start.md:1:1: warning completeness.no-translation  no de-DE translation: help/de-DE/start.md does not exist",
    ]  # legal/ and replies/ have no fr-FR file at all: a set is judged by the locales it has, not target_locales


def test_init_never_overwrites_without_force(tmp_path):
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: de\n", encoding="utf-8")
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 2
    assert "l10n-qa.yaml already exists; use --force to overwrite it" in result.stderr
    assert (tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8") == "source_locale: de\n"
    result = l10n_qa("init", "--force", cwd=tmp_path)
    assert result.returncode == 0
    assert "Found no files with a locale in their path" in result.stdout
    assert yaml.safe_load((tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8"))["source_locale"] == "en-US"
