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
        "Source locale: en-US (English, and as complete as any locale)",
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


def _docusaurus(tmp_path, with_config: bool):
    files = {
        "docs/intro.md": "# Intro\n\nWelcome to AdGuard VPN.\n",
        "docs/vpn/logs.md": "# Logs\n\nSend us the logs.\n",
        "docs/vpn/overview.md": "# Overview\n\nIt protects your traffic.\n",
    }
    for locale, names in {"cs": ["intro", "vpn/logs", "vpn/overview", "vpn/extra"], "de": ["intro", "vpn/logs"]}.items():
        for name in names:
            files[f"i18n/{locale}/docusaurus-plugin-content-docs/current/{name}.md"] = f"# {locale} {name}\n\nText.\n"
    if with_config:
        files["docusaurus.config.js"] = "module.exports = {\n  i18n: {defaultLocale: 'en', locales: ['en', 'cs', 'de']},\n};\n"
    write_tree(tmp_path, files)
    (tmp_path / ".git").mkdir()


def test_init_on_docusaurus_takes_the_unlocalized_docs_as_the_source(tmp_path):
    _docusaurus(tmp_path, with_config=True)
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Source locale: en (the files with no locale in their path (docs/**/*.md); defaultLocale in docusaurus.config.js)",
        "Target locales: cs, de",
        "Content set 'i18n': i18n/{locale}/docusaurus-plugin-content-docs/current/**/*.md (article, 6 files)",
        "Wrote l10n-qa.yaml. Check it, then run `l10n-qa check`.",
    ]
    text = (tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8")
    assert "# Chosen because: the files with no locale in their path (docs/**/*.md); defaultLocale in " \
           "docusaurus.config.js." in text
    config = yaml.safe_load(text)
    assert config["source_locale"] == "en"
    assert config["content"] == [{"name": "i18n", "type": "article", "source": "docs/**/*.md",
                                  "target": "i18n/{locale}/docusaurus-plugin-content-docs/current/**/*.md"}]
    checked = l10n_qa("check", "-q", "--fail-on", "warning", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines() == [
        "docs/vpn/overview.md:1:1: warning completeness.no-translation  no de translation: "
        "i18n/de/docusaurus-plugin-content-docs/current/vpn/overview.md does not exist",
        "i18n/cs/docusaurus-plugin-content-docs/current/vpn/extra.md:1:1: warning completeness.orphan          "
        "the source of this translation is gone: docs/vpn/extra.md does not exist",
    ]


def test_init_on_docusaurus_without_its_config_warns_that_english_is_assumed(tmp_path):
    _docusaurus(tmp_path, with_config=False)
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Source locale: en (the files with no locale in their path (docs/**/*.md); assumed: no site " \
                       "config names it)"
    assert lines[1] == ("Warning: the source locale is a weak guess: the source files (docs/**/*.md) have no locale in "
                        "their path and no site config names their language; en is assumed. Check source_locale in "
                        "l10n-qa.yaml.")
    assert "# A weak guess: " in (tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8")


def test_init_on_hugo_takes_the_files_without_suffix_as_the_source(tmp_path):
    write_tree(tmp_path, {
        "hugo.toml": 'defaultContentLanguage = "en"\n',
        "content/refunds.md": "Refunds take 14 days.\n", "content/refunds.de.md": "Erstattungen dauern 14 Tage.\n",
        "content/shipping.md": "Shipping is free.\n", "content/shipping.de.md": "Der Versand ist kostenlos.\n",
        "content/contact.md": "Write to us.\n", "content/contact.de.md": "Schreiben Sie uns.\n",
        "content/contact.fr.md": "Écrivez-nous.\n",
    })
    (tmp_path / ".git").mkdir()
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Source locale: en (the files with no locale in their path (content/*.md); defaultLocale in hugo.toml)",
        "Target locales: de, fr"]
    config = yaml.safe_load((tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8"))
    assert config["content"] == [{"name": "content", "type": "article", "source": "content/*.md",
                                  "target": "content/*.{locale}.md"}]
    checked = l10n_qa("check", "-q", "--fail-on", "warning", cwd=tmp_path)
    assert checked.stdout.splitlines() == [
        "content/refunds.md:1:1: warning completeness.no-translation  no fr translation: content/refunds.fr.md does not exist",
        "content/shipping.md:1:1: warning completeness.no-translation  no fr translation: content/shipping.fr.md does not exist",
    ], checked.stderr


def test_init_prefers_english_and_en_us_when_as_complete_and_names_policies(tmp_path):
    files = {}
    for locale in ("en-CA", "en-US", "nb", "pt-BR"):
        files[f"{locale}/privacy_notice.md"] = "We keep your data for 30 days.\n"
        files[f"{locale}/terms_of_use.md"] = "You may cancel at any time.\n"
    files["pt-BR/extra_page.md"] = "Página extra.\n"  # a page only one translation added
    write_tree(tmp_path, files)
    (tmp_path / ".git").mkdir()
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "Source locale: en-US (English, and as complete as any locale)",
        "Target locales: en-CA, nb, pt-BR",
        "Content set 'markdown': {locale}/**/*.md (policy, 9 files)",
    ]
    config = yaml.safe_load((tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8"))
    assert config["content"][0]["type"] == "policy" and config["content"][0]["source"] == "en-US/**/*.md"


def test_init_quotes_a_locale_yaml_reads_as_a_boolean(tmp_path):
    write_tree(tmp_path, {"help/en/a.md": "Hello there.\n", "help/en/b.md": "Bye now.\n",
                          "help/no/a.md": "Hei der.\n", "help/de/a.md": "Hallo.\n", "help/de/b.md": "Tschüss.\n"})
    (tmp_path / ".git").mkdir()
    result = l10n_qa("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8")
    assert 'target_locales: [de, "no"]' in text
    assert yaml.safe_load(text)["target_locales"] == ["de", "no"]
    checked = l10n_qa("check", "-q", "--fail-on", "warning", cwd=tmp_path)
    assert checked.stdout.splitlines() == [
        "help/en/b.md:1:1: warning completeness.no-translation  no no translation: help/no/b.md does not exist",
    ], checked.stderr


def test_init_checks_its_guess_before_it_replaces_a_config(tmp_path):
    # The guess is written to a trial file and loaded back; only a valid one takes the config's name.
    write_tree(tmp_path, {"l10n-qa.yaml": "source_locale: de\n", "help/en/a.md": "Hello there.\n",
                          "help/de/a.md": "Hallo.\n"})
    (tmp_path / ".git").mkdir()
    result = l10n_qa("init", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "help", "l10n-qa.yaml"]
    assert yaml.safe_load((tmp_path / "l10n-qa.yaml").read_text(encoding="utf-8"))["source_locale"] == "en"


def test_init_on_the_samples_without_their_config_picks_english(tmp_path):
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).parent.parent / "samples", tmp_path / "samples")
    (tmp_path / "samples" / "l10n-qa.yaml").unlink()
    (tmp_path / "samples" / ".git").mkdir()
    result = l10n_qa("init", cwd=tmp_path / "samples")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # pt-BR has one more article (an orphan of its own): that does not make it the source.
    assert lines[0] == "Source locale: en-US (English, and as complete as any locale)"
    assert lines[1] == "Target locales: ar, de, es-ES, fr, he-IL, it-IT, ja, nl-NL, pt-BR"
