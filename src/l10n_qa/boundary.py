"""The per-file boundary: nothing that goes wrong with one file may end the run (design §10).

Loaders and checks report the problems they expect (LoadError, GlossaryError, ...) themselves. What
they do not expect — a bug of ours met by a strange input, a recursion or memory limit — is caught
here and becomes an `errors` entry of that file, so every other file is still checked and reported
and the exit code is 2 (an input problem), never 1 (findings) and never a traceback.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from l10n_qa.model import InputError


def describe_exception(exc: BaseException) -> str:
    """A one-line human description of an unexpected exception, with where in our code it happened."""
    if isinstance(exc, RecursionError):
        return "nesting too deep to process"
    if isinstance(exc, MemoryError):
        return "the file needs more memory than is available"
    text = str(exc).split("\n")[0].strip()
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:  # the innermost frame of our own package: what a bug report needs, in one line
        ours = [f for f in frames if "l10n_qa" in f.filename.replace("\\", "/")]
        frame = (ours or frames)[-1]
        module = frame.filename.replace("\\", "/").rsplit("/l10n_qa/", 1)[-1]
        where = f" (at {module}:{frame.lineno})"
    return f"{type(exc).__name__}{': ' + text if text else ''}{where}"


def internal_error(path: str, exc: BaseException, what: str = "could not be checked") -> InputError:
    return InputError(path, f"{what}: internal error, please report it: {describe_exception(exc)}")


def check_failure(path: str, rule: str, exc: BaseException, line: int | None = None) -> InputError:
    """The errors entry of a check that raised on one segment; the file's other findings are kept."""
    return InputError(path, f"check {rule} failed on this text: internal error, please report it: "
                      f"{describe_exception(exc)}", line)


def guarded(check_one: Callable, make_result: Callable, task, *args, **kwargs):
    """`check_one(task, ...)`, or a result holding only an errors entry for the task's file if it raises.

    KeyboardInterrupt and SystemExit pass through: the user stopping the run is not a file's problem.
    """
    try:
        return check_one(task, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - this is the boundary: everything becomes an errors entry
        result = make_result()
        result.path = task.path
        result.errors.append(internal_error(task.path, exc))
        return result
