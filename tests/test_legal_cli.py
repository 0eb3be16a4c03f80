"""Legal packs end to end: the command line on a help-center policy, explain, config on/off, a
company's own legal list, a broken pack, and the packs shipped in the installed package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def policy_tree(tmp_path: Path, source: str, target: str, locale: str = "de-DE") -> None:
    for tag, text in (("en-US", source), (locale, target)):
        folder = tmp_path / "help" / tag
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "privacy.md").write_text(f"# Privacy\n\n{text}\n", encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)  # the repository root: no config from above


def test_wrong_term_and_article_in_a_german_policy(tmp_path):
    policy_tree(tmp_path, "Our processor deletes the data under Article 17(1)(a) GDPR.",
                "Unser Datenverarbeiter löscht die Daten nach Art. 18 Abs. 1 lit. a DSGVO.")
    result = run("check", "help/de-DE/privacy.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    findings = [(f["rule"], f["line"], f["column"], f["suggestion"]) for f in json.loads(result.stdout)["findings"]
                if f["category"] == "legal"]
    assert findings == [
        ("legal.non-official-term", 3, 7, "write `Auftragsverarbeiter`"),
        ("legal.article-reference", 3, 46, "cite Article 17(1)(a) GDPR as the source does"),
    ]
    text = run("check", "help/de-DE/privacy.md", "--no-progress", cwd=tmp_path).stdout
    assert "Art. 4(8), Art. 28 GDPR" in text and "Article 18(1)(a)" in text and "Article 17(1)(a)" in text


def test_explain_cites_the_regulation_and_article():
    result = run("explain", "legal.wrong-term", cwd=ROOT)
    assert result.returncode == 0
    assert "Regulation (EU) 2016/679" in result.stdout and "Art. 4(7)" in result.stdout
    listing = run("rules", "--format", "json", cwd=ROOT)
    ids = {rule["id"] for rule in json.loads(listing.stdout) if rule["category"] == "legal"}
    assert ids == {"legal.wrong-term", "legal.non-official-term", "legal.missing-term", "legal.law-name",
                   "legal.wrong-law", "legal.article-reference", "legal.invariant"}


def test_config_switches_the_packs_off(tmp_path):
    policy_tree(tmp_path, "The controller decides.", "Le contrôleur décide.", "fr-FR")
    assert run("check", "help/fr-FR/privacy.md", "--format", "json", cwd=tmp_path).returncode == 1
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\nlegal: false\n", encoding="utf-8")
    result = run("check", "help/fr-FR/privacy.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\nlegal: [lgpd]\n", encoding="utf-8")
    assert run("check", "help/fr-FR/privacy.md", "--format", "json", cwd=tmp_path).returncode == 0


def test_a_company_legal_list(tmp_path):
    policy_tree(tmp_path, "You receive a service credit under Section 7.2 of the MSA.",
                "Sie erhalten einen Gutschein nach Section 7.2 des MSA.")
    (tmp_path / "contracts.yaml").write_text(
        "id: contracts\nlaw: msa\nsource_locale: en\nlaws:\n  - id: msa\n    title: Master Services Agreement\n"
        "    names: {en: [MSA], de: [Rahmenvertrag]}\n    abbreviation: {de: Rahmenvertrag}\n"
        "entries:\n  - id: service-credit\n    source: service credit\n    article: Section 7.2\n"
        "    translations:\n      de: Servicegutschrift\n    forbidden:\n"
        "      de: [{term: Gutschein, severity: error, reason: \"a voucher, not the contractual credit\"}]\n",
        encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\nlegal: [gdpr, contracts.yaml]\n", encoding="utf-8")
    result = run("check", "help/de-DE/privacy.md", "--format", "json", cwd=tmp_path)
    findings = [(f["rule"], f["column"], f["suggestion"]) for f in json.loads(result.stdout)["findings"]]
    assert findings == [("legal.wrong-term", 20, "write `Servicegutschrift`"),
                        ("legal.law-name", 51, "write `Rahmenvertrag`")]
    message = json.loads(result.stdout)["findings"][0]["message"]
    assert "Section 7.2 MSA" in message and "contracts.yaml:10" in message


def test_a_broken_legal_list_is_an_input_error_with_its_line(tmp_path):
    policy_tree(tmp_path, "The controller decides.", "Le responsable du traitement décide.", "fr-FR")
    (tmp_path / "bad.yaml").write_text("id: bad\nentries:\n  - source: x\n    forbidden:\n"
                                       "      fr: [{term: y, severity: fatal}]\n", encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\nlegal: [bad.yaml]\n", encoding="utf-8")
    result = run("check", "help/fr-FR/privacy.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.yaml:5: forbidden.fr: `severity` must be error or warning, got 'fatal'" in result.stderr
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\nlegal: [nosuch]\n", encoding="utf-8")
    result = run("check", "help/fr-FR/privacy.md", cwd=tmp_path)
    assert result.returncode == 2 and "built-in: ccpa, eu-consumer, gdpr, lgpd, uk" in result.stderr


def test_the_wheel_ships_the_legal_packs(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    import zipfile

    (wheel,) = tmp_path.glob("l10n_qa-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"l10n_qa/_data/rules/legal/{name}.yaml" for name in ("gdpr", "lgpd", "eu-consumer", "uk", "ccpa")} <= names
