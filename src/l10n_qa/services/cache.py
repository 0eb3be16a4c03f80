"""A local cache of service answers, so a re-run sends only what changed.

One SQLite file (`<cache_dir>/languagetool.sqlite3`): safe for the worker processes of one run and
for runs side by side (SQLite locks the file), and one file instead of one per segment. Keys are
whatever identifies an answer completely — for LanguageTool the server URL, language, disabled
rules and the annotated text — hashed, so no text is readable from the keys.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL)"
_README = ("Cache of l10n-qa (answers of LanguageTool). Safe to delete at any time; "
           "add this folder to .gitignore.\n")


class CacheError(Exception):
    pass


class ResultCache:
    def __init__(self, folder: str, name: str = "languagetool"):
        path = Path(folder)
        try:
            path.mkdir(parents=True, exist_ok=True)
            readme = path / "README.txt"
            if not readme.exists():
                readme.write_text(_README, encoding="utf-8")
            self._db = sqlite3.connect(path / f"{name}.sqlite3", timeout=30, check_same_thread=False)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot use the cache folder {folder} ({exc}); answers are not cached") from None
        self._lock = threading.Lock()
        self.path = path / f"{name}.sqlite3"

    @staticmethod
    def _hash(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, object]:
        hashed = {self._hash(k): k for k in keys}
        found: dict[str, object] = {}
        items = list(hashed)
        with self._lock:
            try:
                for start in range(0, len(items), 500):  # SQLite's limit on bound parameters
                    chunk = items[start:start + 500]
                    rows = self._db.execute(
                        f"SELECT key, value FROM answers WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                    for key, value in rows:
                        found[hashed[key]] = json.loads(value)
            except (sqlite3.Error, ValueError):
                return found  # a broken cache only costs time
        return found

    def put_many(self, values: dict[str, object]) -> None:
        if not values:
            return
        now = time.time()
        rows = [(self._hash(k), json.dumps(v, ensure_ascii=False), now) for k, v in values.items()]
        with self._lock:
            try:
                self._db.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", rows)
                self._db.commit()
            except sqlite3.Error:
                pass  # e.g. a read-only or full disk: the run goes on without caching

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
