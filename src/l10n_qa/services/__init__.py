"""Services outside the process that some checks consult: a LanguageTool server, Hunspell dictionaries,
and the local cache of their answers.

Checks never talk to a service directly at import time: the engine prepares the services once per run
in the main process (`prepared`), so an unreachable server is found once, reported once, and every
other check still runs; worker processes only receive the prepared, picklable options.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from l10n_qa.model import InputError, Report

if TYPE_CHECKING:
    from l10n_qa.settings import Settings


@contextmanager
def prepared(settings: "Settings", workers: int, report: Report) -> Iterator["Settings"]:
    """Settings whose LanguageTool options point at a reachable server (or None, with one notice or error).

    Without a URL, a local server is started through language-tool-python for the run and stopped at
    its end. The concurrency limit is for the whole run, so it is shared out between worker processes.
    """
    from l10n_qa.checks.grammar import languagetool as grammar_checker

    options = settings.languagetool
    if options is None or not any(rule.id in settings.enabled for rule in grammar_checker.rules):
        yield dataclasses.replace(settings, languagetool=None)
        return
    from l10n_qa.services.languagetool import LanguageToolUnavailable, connect

    try:
        server = connect(options)
    except LanguageToolUnavailable as exc:
        if options.required:
            report.errors.append(InputError(exc.where, exc.message))
        else:
            report.notices.append(f"{exc.where}: {exc.message}")
        yield dataclasses.replace(settings, languagetool=None)
        return
    try:
        ready = dataclasses.replace(server.options, concurrency=max(1, options.concurrency // max(1, workers)))
        yield dataclasses.replace(settings, languagetool=ready)
    finally:
        server.close()
