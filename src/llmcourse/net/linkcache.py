"""The results of the last link checks, kept in the cache folder so other commands (`show`)
can flag a link known to be dead without going to the network. No httpx here: this module is
on the everyday path.

File: `<cache>/links.json` = {"version": 1, "links": {url: {"status", "code", "final_url",
"error", "checked_at"}}}. A damaged or missing file reads as empty.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from llmcourse import paths

VERSION = 1
DEAD = ("broken",)  # answered with an HTTP error; unreachable, timeout, error prove nothing
FAILED = ("broken", "error", "timeout", "unreachable")  # what `check-links --failed` rechecks


def cache_file() -> Path:
    return paths.resolve().cache / "links.json"


def load() -> dict[str, dict[str, Any]]:
    """url -> its last result (status, code, final_url, error, checked_at)."""
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    links = data.get("links") if isinstance(data, dict) else None
    if not isinstance(links, dict):
        return {}
    return {u: r for u, r in links.items() if isinstance(u, str) and isinstance(r, dict)}


def dead_urls() -> set[str]:
    """URLs whose last check got an HTTP error (4xx/5xx). A link that could not be reached
    (offline, DNS, TLS, refused) is not known to be dead."""
    return {url for url, r in load().items() if r.get("status") in DEAD}


def failed_urls() -> set[str]:
    """URLs whose last check failed in any way (broken, error, timeout, unreachable)."""
    return {url for url, r in load().items() if r.get("status") in FAILED}


def record(results: list[dict[str, Any]], checked_at: datetime | None = None) -> None:
    """Merge these results ({"url", "status", ...}) into the cache. A link found unreachable
    keeps an HTTP error it answered before (and its date). Best effort: a cache that cannot be
    written costs nothing but the flag in `show`."""
    stamp = (checked_at or datetime.now(UTC)).isoformat(timespec="seconds")
    links = load()
    for r in results:
        if r["status"] == "unreachable" and links.get(r["url"], {}).get("status") in DEAD:
            continue  # offline now: the HTTP error it last answered is still what we know
        links[r["url"]] = {
            "status": r["status"],
            "code": r.get("code"),
            "final_url": r.get("final_url"),
            "error": r.get("error"),
            "checked_at": stamp,
        }
    from llmcourse.fsutil import atomic_write

    data = json.dumps({"version": VERSION, "links": links}, indent=1).encode("utf-8")
    with contextlib.suppress(OSError):
        atomic_write(cache_file(), data)
