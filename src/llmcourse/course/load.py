"""Find, read, validate and cache a course.

A course is either one TOML file holding everything, or a folder with `course.toml` (whose parts
list their topics by id), `topics/<id>.toml` and `notebooks.toml`. Both become the same dict,
which pydantic validates into the dataclasses of `model.py`, and `check.py` checks as a graph.

Validated courses are cached (see `cache.py`) under a fingerprint of the source files' names,
sizes and modification times; a changed file means a new fingerprint and a fresh validation.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import tomllib
import zlib
from pathlib import Path
from typing import Any

from llmcourse import __version__
from llmcourse.course.model import Course
from llmcourse.errors import CourseError
from llmcourse.i18n import msg

CACHE_FORMAT = 2  # bump when the cache layout changes


# A course is data a person wrote: a file larger than this is a mistake or an attack, and
# reading it would take seconds and gigabytes before failing anyway.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_COURSE_BYTES = 64 * 1024 * 1024
_TOPIC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CourseSource:
    """The files a course is read from."""

    def __init__(self, path: Path) -> None:
        path = path.expanduser()
        if not path.exists():
            raise CourseError(msg("err.course_missing", path=path))
        self.path = path
        self.main = path / "course.toml" if path.is_dir() else path
        if not self.main.is_file():
            raise CourseError(msg("err.course_toml", path=path))
        self.bytes_read = 0

    def fingerprint(self) -> str:
        """Changes whenever a source file is added, removed, resized or touched: the plain text
        of those facts rather than a digest (the cache compares it whole, and importing hashlib
        would cost 2 ms at every start-up)."""
        head = (f"{CACHE_FORMAT}|{__version__}|{sys.version_info[:2]}|{marshal.version}|"
                f"{self.path.resolve()}")  # fmt: skip
        if not self.path.is_dir():
            st = self.main.stat()
            return f"{head}|{st.st_size}|{st.st_mtime_ns}"
        entries = [(self.main.name, self.main.stat())]
        notebooks = self.path / "notebooks.toml"
        if notebooks.is_file():
            entries.append((notebooks.name, notebooks.stat()))
        topics = self.path / "topics"
        if topics.is_dir():
            # os.scandir: one cheap stat per file, which matters for a course of 2,000 topics.
            with os.scandir(topics) as it:
                entries += sorted(
                    (e.name, e.stat()) for e in it if e.name.endswith(".toml") and e.is_file()
                )
        return head + "".join(f"|{name}|{st.st_size}|{st.st_mtime_ns}" for name, st in entries)

    def read_raw(self) -> tuple[dict[str, Any], dict[str, Path]]:
        """The course as one dict, and for each topic id the file it came from."""
        if not self.path.is_dir():
            raw = self._read(self.main)
            _number_topics(raw)
            return raw, {}
        raw = self._read(self._inside(self.main))
        origins: dict[str, Path] = {}
        for pi, part in enumerate(raw.get("parts") or []):
            if not isinstance(part, dict) or not isinstance(part.get("topics"), list):
                continue
            topics = []
            for ref in part["topics"]:
                file = self._topic_file(ref, pi + 1)
                topic = self._read(file)
                origins[str(topic.get("id", ref))] = file
                topics.append(topic)
            part["topics"] = topics
        notebooks = self.path / "notebooks.toml"
        if notebooks.is_file():
            extra = self._read(self._inside(notebooks))
            raw.setdefault("notebooks", []).extend(extra.get("notebooks", []))
        _number_topics(raw)
        return raw, origins

    def _topic_file(self, ref: object, part: int) -> Path:
        """topics/<ref>.toml, once `ref` is known to be an id (never `../x` or `/etc/x`)."""
        if not isinstance(ref, str):
            raise CourseError(msg("err.topic_ids", file=self.main, part=part))
        if not _TOPIC_ID.match(ref):
            raise CourseError(msg("course.bad_topic_id", file=self.main, part=part, ref=ref))
        file = self.path / "topics" / f"{ref}.toml"
        if not file.is_file():
            raise CourseError(msg("err.no_topic_file", file=self.main, part=part, topic_file=file))
        return self._inside(file)

    def _inside(self, file: Path) -> Path:
        """`file`, if it really lies in the course folder (a symlink may lead elsewhere)."""
        root = self.path.resolve()
        if not file.resolve().is_relative_to(root):
            raise CourseError(msg("course.outside", file=file, folder=self.path))
        return file

    def _read(self, path: Path) -> dict[str, Any]:
        data = _read_bounded(path, MAX_FILE_BYTES)
        self.bytes_read += len(data)
        if self.bytes_read > MAX_COURSE_BYTES:
            raise _too_big(path, self.bytes_read, MAX_COURSE_BYTES)
        return _parse_toml(path, data)


def _too_big(path: Path, size: int, limit: int) -> CourseError:
    mib = 1024 * 1024
    return CourseError(msg("course.too_big", file=path, size=-(-size // mib), limit=limit // mib))


def _read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of `path`, refused (without reading them all) when there are over `limit`."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise _too_big(path, size, limit)
            data = f.read(limit + 1)  # a special file may not say its size
    except OSError as e:
        raise CourseError(msg("err.cannot_read", path=path, why=e)) from None
    if len(data) > limit:
        raise _too_big(path, len(data), limit)
    return data


def _parse_toml(path: Path, data: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise CourseError(msg("err.not_toml", path=path, why=e)) from None
    except UnicodeDecodeError as e:
        raise CourseError(msg("err.cannot_read", path=path, why=e)) from None


def _number_topics(raw: dict[str, Any]) -> None:
    """Topics and parts without an explicit number are numbered by their position."""
    parts = raw.get("parts")
    if not isinstance(parts, list):
        return
    for pi, part in enumerate(parts, 1):
        if isinstance(part, dict):
            part.setdefault("number", pi)
            for ti, topic in enumerate(part.get("topics") or [], 1):
                if isinstance(topic, dict):
                    topic.setdefault("number", ti)


def validate_raw(
    raw: dict[str, Any], origin: str, origins: dict[str, Path] | None = None
) -> Course:
    """Build a Course from a dict, or raise CourseError listing every problem."""
    import pydantic

    from llmcourse.course.check import check_course

    origins = origins or {}
    try:
        course = pydantic.TypeAdapter(Course).validate_python(raw)
    except pydantic.ValidationError as e:
        lines = [_describe_error(err, raw, origin, origins) for err in e.errors()]
        raise CourseError(msg("err.not_valid", origin=origin), lines) from None
    problems = check_course(course)
    if problems:
        lines = [_place(p, origin, origins) for p in problems]
        raise CourseError(msg("err.not_valid", origin=origin), lines)
    course.__dict__["origin"] = origin
    return course


def _describe_error(err: Any, raw: Any, origin: str, origins: dict[str, Path]) -> str:
    """A pydantic error as "file: where: what", naming list items by their id."""
    parts: list[str] = []
    node = raw
    for key in err["loc"]:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            label = label if isinstance(label, str) else str(key + 1)
            if parts:
                parts[-1] += f"[{label}]"
            else:
                parts.append(f"[{label}]")
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    where = ".".join(parts) or "(top level)"
    # `parts[x].topics[y]...` reads better as `topics[y]...` with the topic's own file.
    if where.startswith("parts[") and ".topics[" in where:
        where = where[where.index(".topics[") + 1 :]
    from llmcourse.wording import error_text

    field = next((k for k in reversed(err["loc"]) if isinstance(k, str)), None)
    what = error_text(err["type"], field, err.get("ctx"), err["msg"])
    return _place(f"{where}: {what}", origin, origins)


def _place(problem: str, origin: str, origins: dict[str, Path]) -> str:
    if problem.startswith("topics["):
        topic_id = problem[len("topics[") : problem.index("]")]
        if topic_id in origins:
            return f"{origins[topic_id]}: {problem}"
    return f"{origin}: {problem}"


def read_course(path: Path) -> Course:
    """Read and validate a course without the cache (for `validate`)."""
    source = CourseSource(path)
    raw, origins = source.read_raw()
    return validate_raw(raw, str(source.main), origins)


def load_course(path: Path, cache_dir: Path | None) -> Course:
    """Read a course, from the cache when its source files have not changed."""
    from llmcourse.course import cache

    source = CourseSource(path)
    cache_file = None
    try:
        fingerprint = source.fingerprint()
    except OSError as e:
        raise CourseError(msg("err.cannot_read", path=path, why=e)) from None
    if cache_dir is not None:
        key = zlib.crc32(str(source.path.resolve()).encode())  # two courses sharing one: rebuilt
        cache_file = cache_dir / f"course-{key:08x}.bin"
        course = cache.read(cache_file, fingerprint.encode())
    else:
        course = None
    if course is None:
        raw, origins = source.read_raw()
        course = validate_raw(raw, str(source.main), origins)
        if cache_file is not None:
            cache.write(cache_file, fingerprint.encode(), course)
    # Not part of the data: which files it came from, for caches derived from it.
    course.__dict__["origin"] = str(source.main)
    course.__dict__["fingerprint"] = fingerprint
    return course
