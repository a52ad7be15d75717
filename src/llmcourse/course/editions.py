"""New editions of the course: give a parsed README the ids of the course it replaces, show
what changed, store it, and switch the active course.

Progress is keyed by ids, so carrying it over means reusing ids: a new topic that matches an
existing one (same title or anchor, a similar title, a known rename, or shared resource URLs)
takes the existing topic's id, a resource whose URL the current course already has takes that
resource's id, and everything new gets a fresh id that no existing node has ever used. The
learner's marks then apply to the new edition without rewriting the progress file.

Editions live in `<data>/editions/<edition-id>/course.toml` (one TOML file in the format that
`load.py` reads). The config key `course` names the active one; `previous_course` the one
before it, so the learner can switch back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llmcourse import config, paths
from llmcourse.course.model import Course, Localized
from llmcourse.course.text import norm
from llmcourse.errors import CourseError, LlmcourseError, UsageError

DEFAULT_SOURCE = "https://raw.githubusercontent.com/mlabonne/llm-course/main/README.md"

# Topics the course renamed between editions: old English title -> new English title
# (compared after normalising case and punctuation).
KNOWN_RENAMES: dict[str, str] = {
    "reinforcement learning from human feedback": "preference alignment",
    "building an instruction dataset": "post training datasets",
}


@dataclass
class Change:
    id: str
    title: str
    old_title: str = ""
    topic: str = ""  # for resources: the topic it belongs to


@dataclass
class Diff:
    topics_added: list[Change] = field(default_factory=list)
    topics_removed: list[Change] = field(default_factory=list)
    topics_renamed: list[Change] = field(default_factory=list)
    resources_added: list[Change] = field(default_factory=list)
    resources_removed: list[Change] = field(default_factory=list)
    marks_total: int = 0
    marks_kept: list[str] = field(default_factory=list)
    marks_lost: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.topics_added or self.topics_removed or self.topics_renamed
            or self.resources_added or self.resources_removed
        )  # fmt: skip


@dataclass
class Plan:
    """A validated new edition, not yet stored."""

    edition: str
    source: str
    raw: dict[str, Any]
    course: Course
    diff: Diff
    current_origin: str


# -- text matching -------------------------------------------------------------------------


def _strip_number(anchor: str) -> str:
    return re.sub(r"^\d+-", "", anchor)


def _url_key(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/")


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(norm(a), norm(b)))


def _best_title_sim(new_title: str, old: Localized) -> float:
    return max((_similarity(new_title, t) for t in old.values() if t), default=0.0)


def _renamed(new_title: str, old: Localized) -> bool:
    n = norm(new_title)
    return any(KNOWN_RENAMES.get(norm(t)) == n for t in old.values())


# -- building an edition ---------------------------------------------------------------------


class _Fresh:
    """Fresh ids: slugs unique among the new edition and every id the old courses used."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.used = set(reserved)

    def make(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def build_edition(
    raw: dict[str, Any],
    current: Course,
    builtin: Course,
    source: str,
    text_digest: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """`raw` (from readme.parse_readme) with ids carried over from `current`, translations
    from `current` or `builtin`, numbers, edition and credit filled in."""
    lang = raw["languages"][0]
    today = today or dt.datetime.now(dt.UTC).date()
    edition = f"{today.isoformat()}-{text_digest[:8]}"
    reserved = _all_ids(current) | _all_ids(builtin)
    fresh = _Fresh(reserved)
    concept_fresh = _Fresh(_concept_ids(current) | _concept_ids(builtin))

    new_topics = [t for p in raw["parts"] for t in p["topics"]]
    topic_match = _match_topics(new_topics, current, lang)  # index -> old topic id
    for i, topic in enumerate(new_topics):
        old_id = topic_match.get(i)
        topic["id"] = old_id or fresh.make(topic["id"])

    _assign_parts(raw, current, topic_match, fresh)
    _assign_resources(new_topics, current, topic_match, fresh)
    for i, topic in enumerate(new_topics):
        old = current.topics.get(topic_match[i]) if i in topic_match else None
        _assign_concepts(topic, old, concept_fresh)
    _assign_notebooks(raw, current, new_topics, fresh)
    old_links = {_url_key(link.url): link.id for link in current.links}
    for link in raw["links"]:
        old_id = old_links.pop(_url_key(link["url"]), None)
        link["id"] = old_id or fresh.make(link["id"])

    # Numbers, carried-over fields and translations.
    topic_ids = {t["id"] for t in new_topics}
    for pi, part in enumerate(raw["parts"], 1):
        part["number"] = pi
        for ti, topic in enumerate(part["topics"], 1):
            topic["number"] = ti
            old = current.topics.get(topic["id"])
            if old is not None:
                prereqs = [p for p in old.prerequisites if p in topic_ids and p != topic["id"]]
                if prereqs:
                    topic["prerequisites"] = prereqs
                if old.keywords:
                    topic["keywords"] = list(old.keywords)
    _translate(raw, current, builtin, lang)

    credit = current.credit
    raw["edition"] = edition
    raw["credit"] = {
        "author": credit.author,
        "repository": credit.repository,
        "url": credit.url,
        "license": credit.license,
        "note": {
            "en": (
                f"Parsed by llmcourse on {today.isoformat()} from the course README at {source}. "
                f"Titles, summaries and descriptions are quoted from the course README by "
                f"{credit.author} ({credit.repository}, {credit.license}); llmcourse only "
                "arranged them. Chinese titles and summaries, where present, come from "
                "llmcourse's built-in course."
            ),
            "zh-TW": (
                f"由 llmcourse 於 {today.isoformat()} 從課程 README（{source}）解析而成。"
                f"標題、摘要與說明皆引用自 {credit.author} 的課程 README"
                f"（{credit.repository}，{credit.license}），llmcourse 只負責編排。"
                "若有中文標題與摘要，則取自 llmcourse 內建的課程。"
            ),
        },
    }
    return raw


def _all_ids(course: Course) -> set[str]:
    ids = {p.id for p in course.parts} | set(course.topics) | set(course.resources)
    return ids | set(course.notebook_map) | {link.id for link in course.links}


def _concept_ids(course: Course) -> set[str]:
    return {c.id for t in course.topics.values() for c in t.concepts}


def _match_topics(new_topics: list[dict[str, Any]], current: Course, lang: str) -> dict[int, str]:
    """Pair new topics with current ones, best evidence first, each used once."""
    candidates: list[tuple[float, int, str]] = []
    for i, new in enumerate(new_topics):
        title = new["title"][lang]
        anchor = _strip_number(new.get("anchor", ""))
        urls = {_url_key(r["url"]) for r in new["resources"]}
        for old in current.topics.values():
            old_urls = {_url_key(r.url) for r in old.resources}
            shared = len(urls & old_urls)
            share = shared / max(1, min(len(urls), len(old_urls)))
            sim = _best_title_sim(title, old.title)
            exact = sim == 100 or (anchor and anchor == _strip_number(old.anchor))
            if exact or _renamed(title, old.title):
                score = 200.0 + share
            elif sim >= 85 or (shared >= 2 and share >= 0.4) or (sim >= 60 and shared >= 1):
                score = sim + 100 * share
            else:
                continue
            candidates.append((score, i, old.id))
    matched: dict[int, str] = {}
    taken: set[str] = set()
    for _, i, old_id in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in matched and old_id not in taken:
            matched[i] = old_id
            taken.add(old_id)
    return matched


def _assign_parts(
    raw: dict[str, Any], current: Course, topic_match: Mapping[int, str], fresh: _Fresh
) -> None:
    """A part takes the id of the current part most of its matched topics came from."""
    index = 0
    taken: set[str] = set()
    for part in raw["parts"]:
        votes: dict[str, int] = {}
        for _ in part["topics"]:
            if index in topic_match:
                old_part = current.part_of(topic_match[index]).id
                votes[old_part] = votes.get(old_part, 0) + 1
            index += 1
        free = [v for v in votes.items() if v[0] not in taken]
        best = max(free, key=lambda v: v[1], default=None)
        if best is not None:
            part["id"] = best[0]
            taken.add(best[0])
        else:
            part["id"] = fresh.make(part["id"])


def _assign_resources(
    new_topics: list[dict[str, Any]],
    current: Course,
    topic_match: Mapping[int, str],
    fresh: _Fresh,
) -> None:
    by_url: dict[str, list[tuple[str, str]]] = {}  # url -> [(resource id, topic id)]
    for old_topic in current.topics.values():
        for old_res in old_topic.resources:
            by_url.setdefault(_url_key(old_res.url), []).append((old_res.id, old_topic.id))
    taken: set[str] = set()
    # First the same URL in the matching topic, then the same URL anywhere.
    for same_topic in (True, False):
        for i, topic in enumerate(new_topics):
            for res in topic["resources"]:
                if res.get("_matched"):
                    continue
                for old_id, old_topic_id in by_url.get(_url_key(res["url"]), []):
                    if old_id in taken or (same_topic and old_topic_id != topic_match.get(i)):
                        continue
                    res["id"], res["_matched"] = old_id, True
                    taken.add(old_id)
                    break
    for topic in new_topics:
        for res in topic["resources"]:
            if not res.pop("_matched", False):
                res["id"] = fresh.make(res["id"])


def _assign_concepts(topic: dict[str, Any], old: Any, fresh: _Fresh) -> None:
    lang_names: dict[str, str] = {}
    if old is not None:
        for c in old.concepts:
            for name in c.name.values():
                lang_names.setdefault(norm(name), c.id)
    for concept in topic["concepts"]:
        name = next(iter(concept["name"].values()))
        old_id = lang_names.pop(norm(name), None)
        if old_id is not None:
            # Drop the other names of the same concept so it is used once.
            lang_names = {k: v for k, v in lang_names.items() if v != old_id}
        concept["id"] = old_id or fresh.make(concept["id"])


def _assign_notebooks(
    raw: dict[str, Any], current: Course, new_topics: list[dict[str, Any]], fresh: _Fresh
) -> None:
    topic_ids = {t["id"] for t in new_topics}
    url_topic = {_url_key(r["url"]): t["id"] for t in new_topics for r in t["resources"]}
    old_by_colab: dict[str, list[Any]] = {}
    for nb in current.notebooks:
        old_by_colab.setdefault(_url_key(nb.colab_url), []).append(nb)
    taken: set[str] = set()
    for nb in raw["notebooks"]:
        title = next(iter(nb["title"].values()))
        options = [o for o in old_by_colab.get(_url_key(nb["colab_url"]), []) if o.id not in taken]
        options.sort(key=lambda o: -_best_title_sim(title, o.title))
        if options and (len(options) == 1 or _best_title_sim(title, options[0].title) >= 60):
            old = options[0]
            nb["id"] = old.id
            taken.add(old.id)
            topics = [t for t in old.topics if t in topic_ids]
        else:
            nb["id"] = fresh.make(nb["id"])
            topics = []
        if not topics and (t := url_topic.get(_url_key(nb.get("article_url", "")))):
            topics = [t]
        nb["topics"] = topics


def _translate(raw: dict[str, Any], current: Course, builtin: Course, lang: str) -> None:
    """Copy the other languages' text of matched nodes (from `current`, else `builtin`)."""

    def copy(target: dict[str, Any], keys: tuple[str, ...], *olds: Any) -> None:
        for key in keys:
            for old in olds:
                if old is None:
                    continue
                for other, text in getattr(old, key).items():
                    if other != lang and text and other not in target[key]:
                        target[key][other] = text

    def part(pid: str) -> list[Any]:
        return [next((p for p in c.parts if p.id == pid), None) for c in (current, builtin)]

    copy(raw, ("title",), current, builtin)
    for p in raw["parts"]:
        copy(p, ("title", "summary"), *part(p["id"]))
        for t in p["topics"]:
            olds = [c.topics.get(t["id"]) for c in (current, builtin)]
            # A renamed topic has moved on: its old translation would describe the old topic.
            title = t["title"][lang]
            same = [o for o in olds if o and _similarity(title, o.title.get(lang, "")) >= 85]
            copy(t, ("title", "summary"), *same)
            for concept in t["concepts"]:
                concepts = [
                    next((x for x in o.concepts if x.id == concept["id"]), None) if o else None
                    for o in olds
                ]
                copy(concept, ("name", "summary"), *concepts)
            for res in t["resources"]:
                found = [c.resources.get(res["id"], (None, None))[1] for c in (current, builtin)]
                copy(res, ("title", "summary"), *found)
    for nb in raw["notebooks"]:
        copy(nb, ("title", "summary"), *(c.notebook_map.get(nb["id"]) for c in (current, builtin)))
    for link in raw["links"]:
        own = [next((x for x in c.links if x.id == link["id"]), None) for c in (current, builtin)]
        copy(link, ("title",), *own)


# -- the whole plan ----------------------------------------------------------------------------


def plan_update(
    text: str,
    source: str,
    current: Course,
    builtin: Course,
    statuses: Mapping[str, str],
    lang: str,
) -> Plan:
    """Parse, carry ids over, validate and compare: nothing is written."""
    from llmcourse.course.load import validate_raw
    from llmcourse.course.readme import parse_readme

    raw = parse_readme(text, source)
    digest = hashlib.sha256(text.encode()).hexdigest()
    raw = build_edition(raw, current, builtin, source, digest)
    course = validate_raw(raw, source)
    diff = compare(current, course, statuses, lang)
    return Plan(raw["edition"], source, raw, course, diff, current.origin)


def compare(old: Course, new: Course, statuses: Mapping[str, str], lang: str) -> Diff:
    diff = Diff()
    for tid, topic in new.topics.items():
        title = new.text(topic.title, lang)
        if tid not in old.topics:
            diff.topics_added.append(Change(tid, title))
        else:
            old_title = old.text(old.topics[tid].title, lang)
            if norm(old_title) != norm(title):
                diff.topics_renamed.append(Change(tid, title, old_title))
    for tid, topic in old.topics.items():
        if tid not in new.topics:
            diff.topics_removed.append(Change(tid, old.text(topic.title, lang)))
    for rid, (topic, res) in new.resources.items():
        if rid not in old.resources:
            diff.resources_added.append(Change(rid, new.text(res.title, lang), topic=topic.id))
    for rid, (topic, res) in old.resources.items():
        if rid not in new.resources:
            diff.resources_removed.append(Change(rid, old.text(res.title, lang), topic=topic.id))
    known = set(new.topics) | set(new.resources) | set(new.notebook_map)
    for node_id, status in sorted(statuses.items()):
        if status == "todo":
            continue
        diff.marks_total += 1
        (diff.marks_kept if node_id in known else diff.marks_lost).append(node_id)
    return diff


# -- storing and switching ---------------------------------------------------------------------


def editions_dir() -> Path:
    return paths.resolve().data / "editions"


def install(plan: Plan) -> Path:
    """Write the edition atomically, check it reads back, then make it the active course."""
    import tomli_w

    from llmcourse.course.load import read_course

    root = editions_dir()
    final = root / plan.edition
    tmp = root / f".tmp-{plan.edition}-{os.getpid()}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        file = tmp / "course.toml"
        with file.open("wb") as f:
            f.write(b"# A course edition parsed from the course README by `llmcourse update`.\n")
            tomli_w.dump(plan.raw, f)
            f.flush()
            os.fsync(f.fileno())
        read_course(file)  # what was written must read back as a valid course
        if final.exists():
            shutil.rmtree(final)  # the same edition id: the same text, parsed again
        os.replace(tmp, final)
    except OSError as e:
        raise LlmcourseError(f"cannot store the new edition in {root}: {e}") from None
    except CourseError as e:
        message = f"the stored edition does not read back: {e.message}"
        raise CourseError(message, e.details) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    path = final / "course.toml"
    _switch_to(str(path))
    return path


def _active_setting() -> str:
    value = config.load().get("course")
    return value if isinstance(value, str) and value else "builtin"


def _switch_to(target: str) -> None:
    current = _active_setting()
    if current == target:
        return
    try:
        config.update(course=target, previous_course=current)
    except OSError as e:
        raise LlmcourseError(f"cannot save the settings: {e}") from None


@dataclass
class EditionInfo:
    id: str
    path: str
    active: bool
    previous: bool


def list_editions() -> list[EditionInfo]:
    """The built-in course and every stored edition, newest last."""
    settings = config.load()
    active = settings.get("course") or "builtin"
    previous = settings.get("previous_course") or ""
    out = [EditionInfo("builtin", "builtin", active == "builtin", previous == "builtin")]
    root = editions_dir()
    if root.is_dir():
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        for folder in folders:
            path = str(folder / "course.toml")
            out.append(EditionInfo(folder.name, path, active == path, previous == path))
    return out


def switch(target: str) -> str:
    """Make `target` (builtin, previous, or a stored edition id) the active course."""
    from llmcourse.course.load import read_course

    if target == "builtin":
        setting = "builtin"
    elif target == "previous":
        setting = config.load().get("previous_course") or ""
        if not isinstance(setting, str) or not setting:
            raise UsageError("there is no previous course to switch back to")
    else:
        folder = editions_dir() / target
        if target.startswith(".") or "/" in target or not (folder / "course.toml").is_file():
            known = ", ".join(e.id for e in list_editions())
            raise UsageError(f"no edition {target!r}", [f"known: {known}"])
        setting = str(folder / "course.toml")
    if setting != "builtin":
        read_course(Path(setting))  # never switch to a course that does not load
    _switch_to(setting)
    return setting
