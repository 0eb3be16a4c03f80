"""Reporters render a finished `Report`; they know nothing of checks and never pick the exit code."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from l10n_qa.model import Report

FORMATS = ("text", "json")


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO, *, color: bool | None, quiet: bool) -> None: ...


def reporter(name: str) -> Reporter:
    module = importlib.import_module(f"l10n_qa.reporters.{name}_report")
    return module.render
