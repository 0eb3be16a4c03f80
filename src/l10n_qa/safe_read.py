"""Reading one input file without hanging or exhausting memory (design §10).

A named pipe blocks `open()` for ever, `/dev/zero` never ends, a 4 GB file fills memory: so a file
is opened without blocking, must be a regular file, and is read only up to `limits.max_file_bytes()`.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from contextvars import ContextVar

from l10n_qa import limits

# What `-` reads instead of standard input, when set: an editor's buffer in `l10n-qa server`, whose
# standard input is the LSP channel. The buffer then goes through the very path of
# `check - --stdin-filename FILE` (a file read from `-` is never sent to a process pool).
_provided_stdin: ContextVar[bytes | None] = ContextVar("provided_stdin", default=None)


@contextmanager
def stdin_text(data: bytes):
    """Within the block, reading standard input gives `data`."""
    token = _provided_stdin.set(data)
    try:
        yield
    finally:
        _provided_stdin.reset(token)


# POSIX PATH_MAX and NAME_MAX as Linux and macOS set them (4096 with the NUL, 255); not tunable limits
# of ours, so not in limits.py.
_PATH_MAX_BYTES = 4096
_NAME_MAX_BYTES = 255


class ReadRefused(Exception):
    """A file deliberately not read; `message` says why, for the report's errors entry."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def too_large_message(limit: int) -> str:
    return (f"larger than {limit / (1024 * 1024):g} MB: not read (raise L10N_QA_MAX_FILE_MB if it is real "
            "content)")


def read_regular_file(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default: the configured limit).

    Raises ReadRefused for anything else, OSError if it cannot be opened or read.
    """
    limit = limits.max_file_bytes() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # non-blocking: opening a FIFO with no writer returns at once
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(f"{kind_of(info.st_mode)}, not a regular file: not read")
        if info.st_size > limit:
            raise ReadRefused(too_large_message(limit))
        chunks = []
        size = 0
        while size <= limit:  # the file may grow while it is read: never past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ReadRefused(too_large_message(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


# What standard input held, by the name the report shows for it (--stdin-filename): the text report
# quotes lines from it, not from a file of that name on disk, which is not what was checked (D74).
_stdin_copies: dict[str, bytes] = {}


def remember_stdin(shown_path: str, data: bytes) -> None:
    _stdin_copies[shown_path] = data


def stdin_copy(shown_path: str) -> bytes | None:
    """The bytes checked from standard input under this name in this process, or None."""
    return _stdin_copies.get(shown_path)


def read_stdin(limit: int | None = None) -> bytes:
    """Standard input, at most `limit` bytes; closed or missing standard input is a ReadRefused."""
    import sys

    limit = limits.max_file_bytes() if limit is None else limit
    provided = _provided_stdin.get()
    if provided is not None:
        if len(provided) > limit:
            raise ReadRefused(too_large_message(limit))
        return provided
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # `<&-` in a shell, a CI step without standard input
        raise ReadRefused("cannot read standard input: it is closed")
    try:
        data = stream.read(limit + 1)
    except (OSError, ValueError) as exc:  # ValueError: reading a closed file
        raise ReadRefused(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        raise ReadRefused(too_large_message(limit))
    return data


def unusable_path_reason(text: str) -> str | None:
    """Why `text` can never name a file on this system, or None.

    The OS refuses such names with ValueError (a NUL byte) or OSError ENAMETOOLONG, which `Path.is_file`
    does not swallow; checking the text first lets a config value be rejected with its key and line.
    """
    if "\0" in text:
        return "contains a NUL character, which no file name can hold"
    encoded = os.fsencode(text)
    if len(encoded) >= _PATH_MAX_BYTES:
        return f"is {len(encoded)} bytes long, more than a path can be ({_PATH_MAX_BYTES - 1})"
    longest = max((len(part) for part in encoded.split(os.fsencode(os.sep))), default=0)
    if longest > _NAME_MAX_BYTES:
        return f"has a name of {longest} bytes, more than a file name can be ({_NAME_MAX_BYTES})"
    return None
