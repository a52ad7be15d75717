"""The course cache: a validated course in a form that loads fast.

Plain tuples, dicts and strings in `marshal` format (decoded in C, no classes to look up), with
each topic's concepts and resources in a blob of their own that is decoded only when that topic
is read. Objects are made without running their `__init__`: the data was validated before it
was cached, and the file carries a checksum so that damage is noticed, never trusted.

A cache file (`read_blob`/`write_blob`, also used for the search index) is: the key it was
written under (here the source fingerprint), a CRC-32 of the payload, the payload.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from llmcourse.course.model import (
    Concept,
    Course,
    CourseLink,
    Credit,
    Link,
    Notebook,
    Part,
    Resource,
    Topic,
)

T = TypeVar("T")

# Field names in declaration order: what a packed tuple holds.
_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls))
    for cls in (Link, Concept, Resource, Notebook, CourseLink, Credit)
}
_TOPIC_HEAD = ("id", "number", "title", "summary", "anchor", "prerequisites", "keywords")
_COURSE_HEAD = (
    "id",
    "edition",
    "languages",
    "title",
    "summary",
    "web_url",
    "origin",
    "fingerprint",
)


def _make(cls: type[T], values: Any, names: tuple[str, ...] | None = None) -> T:
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names or _NAMES[cls], values, strict=True))
    return obj


def _flat(obj: Any, names: tuple[str, ...] | None = None) -> tuple[Any, ...]:
    return tuple(getattr(obj, n) for n in (names or _NAMES[type(obj)]))


def _links(links: tuple[Link, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((link.title, link.url) for link in links)


def _unlinks(packed: tuple[tuple[str, str], ...]) -> tuple[Link, ...]:
    return tuple(_make(Link, p) for p in packed)


def _pack_details(topic: Topic) -> bytes:
    concepts = tuple((*_flat(c)[:3], _links(c.links)) for c in topic.concepts)
    resources = tuple((*_flat(r)[:-1], _links(r.links)) for r in topic.resources)
    return marshal.dumps((concepts, resources))


def _details_loader(blob: bytes) -> Any:
    def load() -> tuple[tuple[Concept, ...], tuple[Resource, ...]]:
        concepts, resources = marshal.loads(blob)
        return (
            tuple(_make(Concept, (*c[:3], _unlinks(c[3]))) for c in concepts),
            tuple(_make(Resource, (*r[:-1], _unlinks(r[-1]))) for r in resources),
        )

    return load


def pack(course: Course) -> bytes:
    parts = tuple(
        (
            _flat(p, ("id", "number", "title", "summary")),
            tuple((_flat(t, _TOPIC_HEAD), _pack_details(t)) for t in p.topics),
        )
        for p in course.parts
    )
    return marshal.dumps(
        (
            _flat(course, _COURSE_HEAD),
            _flat(course.credit),
            tuple(_flat(link) for link in course.links),
            parts,
            tuple(_flat(nb) for nb in course.notebooks),
            course.resource_topics,
        )
    )


def unpack(payload: bytes | memoryview) -> Course:
    head, credit, links, parts, notebooks, resource_topics = marshal.loads(payload)
    built_parts = []
    for part_head, topics in parts:
        built_topics = []
        for topic_head, blob in topics:
            topic = _make(Topic, topic_head, _TOPIC_HEAD)
            topic.__dict__["_details"] = _details_loader(blob)
            built_topics.append(topic)
        built_parts.append(
            _make(
                Part,
                (*part_head, tuple(built_topics)),
                ("id", "number", "title", "summary", "topics"),
            )
        )
    course = _make(Course, head, _COURSE_HEAD)
    course.__dict__.update(
        credit=_make(Credit, credit),
        links=tuple(_make(CourseLink, link) for link in links),
        parts=tuple(built_parts),
        notebooks=tuple(_make(Notebook, nb) for nb in notebooks),
        resource_topics=resource_topics,
    )
    return course


def trusted_folder(folder: Path) -> bool:
    """Whether a cache in `folder` can be believed: the folder belongs to this user and no
    one else can write to it. The checksum catches damage, not tampering; a cache is used
    without validating it again, so only from a folder nobody else could have written."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    if os.name == "nt":  # no owner or mode bits to compare; the profile folder is private
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read_blob(file: Path, key: bytes) -> memoryview | None:
    """The payload of a cache file written under `key`, or None when the file is missing,
    was written under another key (stale), does not match its checksum (damaged), or lies in
    a folder that is not the user's own (untrusted)."""
    if not trusted_folder(file.parent):
        return None
    try:
        blob = file.read_bytes()
    except OSError:
        return None
    n = len(key)
    if blob[:n] != key or blob[n : n + 4] != _checksum(memoryview(blob)[n + 4 :]):
        return None
    return memoryview(blob)[n + 4 :]  # a view: no copy of what may be megabytes


def write_blob(file: Path, key: bytes, payload: bytes) -> None:
    """Write a cache file atomically, best effort: a cache that cannot be written only costs
    speed."""
    from llmcourse.fsutil import atomic_write

    with contextlib.suppress(OSError):
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if trusted_folder(file.parent):  # else it would never be read back: do not write
            atomic_write(file, key + _checksum(payload) + payload)


def _checksum(data: bytes | memoryview) -> bytes:
    # CRC-32 catches what happens to a local cache (truncation, a flipped bit, a half-written
    # file) at a third of sha256's cost, which counts for a course of 2,000 topics. Tampering
    # is kept out by where a cache may live (`trusted_folder`), not by the checksum.
    return zlib.crc32(data).to_bytes(4, "big")


def read(file: Path, fingerprint: bytes) -> Course | None:
    """The cached course, or None when the file is missing, stale or damaged."""
    payload = read_blob(file, fingerprint)
    if payload is None:
        return None
    try:
        return unpack(payload)
    except Exception:  # a cache from another version of the format: rebuild
        return None


def write(file: Path, fingerprint: bytes, course: Course) -> None:
    write_blob(file, fingerprint, pack(course))
