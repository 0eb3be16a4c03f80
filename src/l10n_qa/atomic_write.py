"""Writing an output file (a report, a baseline) so that nothing is lost or clobbered (design §10).

A regular file is written to a temporary file in the same folder and renamed over the target: a run
that dies half-way leaves the previous file whole, and a reader never sees half a report. A device or
named pipe (`-o /dev/null`, `/dev/stdout`, a shell's `>(…)`), or a link to one, is written into,
never replaced: renaming over it would swap the system's device node for a regular file. Any other
symbolic link is refused: replacing it would cut the link, writing through it could overwrite
whatever it points at (an input file).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, TextIO

from l10n_qa.safe_read import kind_of


class WriteRefused(OSError):
    """The target is something l10n-qa will not write over; `strerror` says what it is."""


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: str | Path, write: Callable[[TextIO], None], *, prefix: str = ".l10n-qa-") -> None:
    """Call `write(handle)` to fill `path` (UTF-8, `\\n` line ends). Raises OSError (WriteRefused for
    a target of the wrong kind); any exception from `write` leaves a regular target as it was."""
    target = Path(path)
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISLNK(status.st_mode):
        try:
            status = os.stat(target)  # /dev/stdout and /dev/fd/N are links to what is to be written into
        except OSError:
            status = None
        if status is None or stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode):
            raise WriteRefused(0, "is a symbolic link; not replaced (give the path of the file itself)")
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteRefused(0, "is a folder")
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISSOCK(status.st_mode):
            raise WriteRefused(0, f"is {kind_of(status.st_mode)}")
        with open(target, "w", encoding="utf-8", newline="\n") as handle:  # a device or pipe: write into it
            write(handle)
        return
    mode = stat.S_IMODE(status.st_mode) if status is not None else _new_file_mode()
    handle_number, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle_number, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), mode)  # mkstemp makes 0600; an output keeps the usual permissions
            write(handle)
        os.replace(temporary, target)
        temporary = None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
