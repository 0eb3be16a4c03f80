"""`l10n-qa files` and `l10n-qa config show`: what would be checked, and with which settings, and why.

Both answer the questions people ask when a tool silently does something unexpected ("is this file
checked at all?", "where does this severity come from?"), so every value says where it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from l10n_qa.config import Config
from l10n_qa.discover import Discovery, FileTask, locale_from_path
from l10n_qa.engine import FileResult, load_document
from l10n_qa.formats import LoadHints, format_for
from l10n_qa.settings import Settings, covers
from l10n_qa.suppress import glob_regex

_BILINGUAL = {"po": "in the file (msgid)", "xliff": "in the file (<source>)"}


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: str
    format: str
    locale: str
    locale_from: str
    source_locale: str
    source_locale_from: str
    source: str
    content_set: str
    content_type: str
    error: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _read_head(task: FileTask) -> bytes:
    try:
        with open(task.real_path, "rb") as handle:
            return handle.read(4096)
    except OSError:
        return b""


def describe_file(task: FileTask, discovery: Discovery) -> FileInfo | None:
    """What `check` would make of one file (a task of the run's plan, so its source is known); None for
    a file met while walking that is not ours, or a source file listed for its missing translations."""
    plan = task.pairing
    if plan is not None and plan.missing:
        return None
    fmt = format_for(task.path, _read_head(task))
    if fmt is None and not task.explicit:
        return None
    content_set = discovery.content_set_for(Path(task.real_path))
    set_name = content_set.name if content_set else ""
    hints = task.hints
    if hints.target_locale is None:
        hint_origin = ""
    elif content_set and "{locale}" in content_set.target and hints.target_locale != locale_from_path(task.path):
        hint_origin = f"content set {set_name}"
    else:
        hint_origin = "path"
    source_hint_origin = "config" if discovery.config.path else "default"
    if plan is not None and plan.source_shown:
        source = plan.source_shown
    elif plan is not None and plan.expected:
        source = f"missing: {plan.expected}"
    else:
        source = _BILINGUAL.get(fmt or "", f"pattern {content_set.source}" if content_set and content_set.source else "")
    base = dict(path=task.path, format=fmt or "unsupported", source=source, content_set=set_name,
                content_type=hints.content_type or "ui")
    if fmt is None:
        return FileInfo(**base, locale="", locale_from="", source_locale="", source_locale_from="",
                        error="unsupported file format")
    result = FileResult()
    document = load_document(task, result)
    if document is None:
        error = str(result.errors[0]) if result.errors else "cannot be read"
        return FileInfo(**base, locale=str(hints.target_locale or ""), locale_from=hint_origin,
                        source_locale=str(hints.source_locale or ""), source_locale_from=source_hint_origin,
                        error=error)
    # What the file declares itself: load it again without the hints.
    bare = load_document(FileTask(task.path, task.real_path, LoadHints(None, None, hints.content_type), task.explicit),
                         FileResult())
    declared_target = bare.target_locale if bare else None
    declared_source = bare.source_locale if bare else None
    locale = document.target_locale
    base["content_type"] = _content_type(task, fmt, document)
    return FileInfo(
        **base,
        locale=str(locale or ""),
        locale_from="the file" if declared_target is not None else (hint_origin or "unknown"),
        source_locale=str(document.source_locale or ""),
        source_locale_from="the file" if declared_source is not None else source_hint_origin,
    )


def _content_type(task: FileTask, fmt: str, document) -> str:
    """The content type `check` gives the file's segments (policy, reply, article, ui), which the legal
    and register checks depend on: what the loader set (a catalog's or reply file's), or, for a
    one-language file that `check` pairs with its source, the pairing's guess from the path."""
    from l10n_qa.formats import MONOLINGUAL
    from l10n_qa.pairing import guess_content_type

    if task.hints.content_type:
        return task.hints.content_type
    if fmt in MONOLINGUAL or (document.blocks is not None and not document.segments):
        return guess_content_type(task.path, fmt)
    return document.segments[0].content_type if document.segments else "ui"


def describe_config(config: Config, settings: Settings, path: Path | None, discovery: Discovery) -> dict:
    """The resolved configuration with the origin of each value (a config line, or `default`)."""

    def origin(key: str) -> str:
        if config.path is None:
            return "default"
        top = key.split(".")[0].split("[")[0]
        line = config.lines.get(key) or config.lines.get(top)
        # A merged config (extends, nested folders) says which of its files set the value.
        where = config.key_files.get(key) or config.key_files.get(top) or config.path
        return f"{where}:{line}" if line else "default"

    def value(key: str, shown, is_set: bool) -> dict:
        return {"key": key, "value": shown, "from": origin(key) if is_set else "default"}

    values = [
        value("source_locale", str(config.source_locale or "en"), "source_locale" in config.lines),
        value("target_locales", [str(loc) for loc in config.target_locales], bool(config.target_locales)),
        value("content", [{"name": c.name, "type": c.type, "target": c.target, "source": c.source}
                          for c in config.content], bool(config.content)),
        value("exclude", list(config.exclude), bool(config.exclude)),
        value("select", list(config.select) or "every rule", bool(config.select)),
        value("ignore", list(config.ignore), bool(config.ignore)),
        value("fail_on", config.fail_on, "fail_on" in config.lines),
        value("enforced", list(config.enforced), bool(config.enforced)),
        value("suppress", [{"path": s.path, "pointer": s.pointer, "rules": list(s.rules), "reason": s.reason,
                            "until": s.until} for s in config.suppress], bool(config.suppress)),
        value("baseline", config.baseline, config.baseline is not None),
        value("glossaries", [_glossary_shown(p) for p in config.glossaries], bool(config.glossaries)),
        value("legal", _legal_shown(config.legal), config.legal is not None),
        value("rule_packs", [_pack_shown(p) for p in settings.rule_packs], config.rule_packs is not None),
        value("markets", {k: list(v) for k, v in config.markets.items()}, bool(config.markets)),
        value("formality", dict(config.formality), bool(config.formality)),
    ]
    rules = []
    for rule_id in settings.registry:
        overrides = sorted((t for t in config.severity if t == rule_id or rule_id.startswith(t + ".")), key=len)
        if rule_id not in settings.enabled:
            if overrides and config.severity[overrides[-1]] == "off":
                switched_off_by = f"severity.{overrides[-1]}"
            elif config.select and not any(covers(t, rule_id) for t in config.select):
                switched_off_by = "select"
            else:
                switched_off_by = "ignore"
            rules.append({"rule": rule_id, "severity": "off", "from": origin(switched_off_by), "enforced": False})
            continue
        severity = settings.severities[rule_id].label
        rules.append({"rule": rule_id, "severity": severity,
                      "from": origin(f"severity.{overrides[-1]}") if overrides else "default",
                      "enforced": rule_id in settings.enforced})
    result = {"config": config.path, "root": str(config.root), "values": values, "rules": rules}
    if config.files:
        result["merged"] = list(config.files)  # base first: what `extends:` and the folders above added
    if path is not None:
        task = discovery.task(path)
        info = describe_file(task, discovery)
        file_part = info.as_dict() if info else {"path": task.path, "format": "unsupported"}
        file_part["excluded"] = discovery.excluded(path)
        key = path.resolve()
        try:
            relative = key.relative_to(config.root).as_posix()
        except ValueError:
            relative = key.as_posix()
        file_part["suppress"] = [f"{config.path}:{s.line}" for s in config.suppress
                                 if glob_regex(s.path).match(relative)]
        result["file"] = file_part
    return result


def _glossary_shown(path: str) -> str:
    from l10n_qa.packs.loading import display_path

    return display_path(path)


def _legal_shown(paths):
    """The legal packs of the run: built-in ones by name, others by path (none: switched off)."""
    from l10n_qa.packs import legal

    if paths is None:
        return [f"built-in:{name}" for name in legal.builtin_names()]
    builtin = {path: name for path, name in zip(legal.builtin_paths(), legal.builtin_names())}
    from l10n_qa.config import relative as shown_path

    return [f"built-in:{builtin[p]}" if p in builtin else shown_path(Path(p)) for p in paths] or "none"


def _pack_shown(path: str) -> str:
    from l10n_qa.packs.rulepack import display_path

    return display_path(path)
