"""Giving a parsed README the ids of the identity registry: pure, no files.

Progress is keyed by ids, so a learner's marks survive a new edition only if its items keep
their ids. The registry (`Registry`) remembers every id ever given — by the built-in editions
(the seed) and by every update — with what identifies its item:

- a topic: its heading anchors (without the number), its titles in each language, the titles
  it is known to have been renamed to, and the URLs of its resources;
- a resource: its normalised URLs, titles, and the topics it stood in;
- a notebook: its Colab URLs and titles.

A new edition is matched against the whole registry, so an item that comes back after an
edition without it gets its old id, and the learner's marks reattach. Matching looks items up
in indexes (by anchor, title, URL, title words), never compares every pair, and breaks ties the
same way every time (stronger evidence, then the seed, then the id), so the same README yields
the same ids whatever path of updates came before. An item nothing matches gets the slug of
its title; a suffix like `-2` only when two items of the one edition would otherwise collide.

Parts, concepts and course links are not marked by learners: they take the ids of the built-in
editions where they match, else slugs. Translations, prerequisites and keywords come from the
built-in editions too, so an edition's content does not depend on the path either.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from llmcourse.course.model import Course
from llmcourse.course.readme import UniqueIds, slug
from llmcourse.course.text import norm

REGISTRY_FORMAT = 1
KINDS = ("topics", "resources", "notebooks")

# Topics the course renamed between editions: old English title -> new English title
# (compared after normalising case and punctuation).
KNOWN_RENAMES: dict[str, str] = {
    "reinforcement learning from human feedback": "preference alignment",
    "building an instruction dataset": "post training datasets",
}

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ref_src|si)$", re.I)
_NUMBER_PREFIX = re.compile(r"^\d+-")
_SUFFIX = re.compile(r"-\d+$")
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
# A title word in more entries than this says nothing about which one is meant (and would make
# matching quadratic on a hostile README where every title shares it).
_COMMON_WORD = 64
_FUZZY_CANDIDATES = 32

# Evidence, strongest first (scores of a pairing; the greatest wins, each id used once).
_EXACT_TITLE, _ANCHOR, _RENAME = 300.0, 250.0, 240.0
_SAME_URL, _SAME_TITLE_IN_TOPIC = 300.0, 200.0
_SEED_BONUS = 0.5


# -- normal forms ------------------------------------------------------------------------------


def url_key(url: str) -> str:
    """One form for URLs that name the same page: no scheme difference, `www.`, fragment,
    trailing slash or tracking parameters. A URL that does not parse is its own key."""
    try:
        parts = urlsplit(url.strip())
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        query = [(k, v) for k, v in query if not _TRACKING.match(k)]
        host = parts.netloc.lower().removeprefix("www.")
        return urlunsplit(("", host, parts.path.rstrip("/"), urlencode(query), ""))
    except ValueError:
        return url.strip()


def anchor_key(anchor: str) -> str:
    return _NUMBER_PREFIX.sub("", anchor.strip().lower())


def _words(text: str) -> set[str]:
    """Title words for the fuzzy index; Chinese, written without spaces, by character pairs."""
    text = norm(text)
    out = {w for w in text.split() if len(w) > 2 and not _CJK_RUN.search(w)}
    for run in _CJK_RUN.findall(text):
        out.update(a + b for a, b in pairwise(run)) if len(run) > 1 else out.add(run)
    return out


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(norm(a), norm(b)))


# -- the registry ------------------------------------------------------------------------------


@dataclass
class Entry:
    """What identifies one id's item, gathered over every edition that gave it."""

    id: str
    seed: bool = False
    anchors: set[str] = field(default_factory=set)
    titles: dict[str, set[str]] = field(default_factory=dict)  # language -> titles
    renames: set[str] = field(default_factory=set)  # normalised titles it was renamed to
    urls: set[str] = field(default_factory=set)  # url keys (a topic: of its resources)
    topics: set[str] = field(default_factory=set)  # resources: the topics it stood in

    def all_titles(self) -> Iterator[str]:
        for titles in self.titles.values():
            yield from titles

    def add_title(self, lang: str, title: str) -> None:
        if title:
            self.titles.setdefault(lang, set()).add(title)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"titles": {k: sorted(v) for k, v in sorted(self.titles.items())}}
        for name in ("anchors", "renames", "urls", "topics"):
            if values := getattr(self, name):
                out[name] = sorted(values)
        if self.seed:
            out["seed"] = True
        return out

    @classmethod
    def from_json(cls, entry_id: str, data: Mapping[str, Any]) -> Entry:
        def strings(name: str) -> set[str]:
            values = data.get(name) or []
            return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()

        titles = data.get("titles") if isinstance(data.get("titles"), dict) else {}
        return cls(
            id=entry_id,
            seed=data.get("seed") is True,
            anchors=strings("anchors"),
            titles={
                str(lang): {t for t in values if isinstance(t, str)}
                for lang, values in (titles or {}).items()
                if isinstance(values, list)
            },
            renames=strings("renames"),
            urls=strings("urls"),
            topics=strings("topics"),
        )

    def merge(self, other: Entry) -> None:
        self.seed = self.seed or other.seed
        self.anchors |= other.anchors
        for lang, titles in other.titles.items():
            self.titles.setdefault(lang, set()).update(titles)
        self.renames |= other.renames
        self.urls |= other.urls
        self.topics |= other.topics


@dataclass
class Registry:
    """Every id ever given, per kind (topics, resources, notebooks), and the editions seen."""

    topics: dict[str, Entry] = field(default_factory=dict)
    resources: dict[str, Entry] = field(default_factory=dict)
    notebooks: dict[str, Entry] = field(default_factory=dict)
    editions: list[str] = field(default_factory=list)
    seed_courses: list[Course] = field(default_factory=list)  # the built-in editions

    def kind(self, name: str) -> dict[str, Entry]:
        entries: dict[str, Entry] = getattr(self, name)
        return entries

    def record_course(self, course: Course, seed: bool = False) -> None:
        """Remember every topic, resource and notebook of `course` under its id."""
        self.record_raw(course_as_raw(course), seed)
        if course.edition and course.edition not in self.editions:
            self.editions.append(course.edition)

    def record_raw(self, raw: Mapping[str, Any], seed: bool = False) -> None:
        for topic in (t for p in raw["parts"] for t in p["topics"]):
            entry = self._entry("topics", topic["id"], seed)
            entry.anchors.add(anchor_key(topic.get("anchor", "")))
            entry.anchors.discard("")
            for lang, title in topic["title"].items():
                entry.add_title(lang, title)
                if renamed := KNOWN_RENAMES.get(norm(title)):
                    entry.renames.add(renamed)
            for res in topic["resources"]:
                entry.urls.add(url_key(res["url"]))
                r_entry = self._entry("resources", res["id"], seed)
                r_entry.urls.add(url_key(res["url"]))
                r_entry.topics.add(topic["id"])
                for lang, title in res["title"].items():
                    r_entry.add_title(lang, title)
        for nb in raw["notebooks"]:
            n_entry = self._entry("notebooks", nb["id"], seed)
            n_entry.urls.add(url_key(nb["colab_url"]))
            for lang, title in nb["title"].items():
                n_entry.add_title(lang, title)
        edition = raw.get("edition")
        if edition and edition not in self.editions:
            self.editions.append(edition)

    def _entry(self, kind: str, entry_id: str, seed: bool) -> Entry:
        entries = self.kind(kind)
        entry = entries.get(entry_id)
        if entry is None:
            entry = entries[entry_id] = Entry(entry_id)
        entry.seed = entry.seed or seed
        return entry

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": REGISTRY_FORMAT, "editions": list(self.editions)}
        for kind in KINDS:
            out[kind] = {k: e.as_json() for k, e in sorted(self.kind(kind).items())}
        return out

    def merge_json(self, data: Mapping[str, Any]) -> None:
        """Add what a stored registry knows (seed flags come from the built-in editions)."""
        for kind in KINDS:
            stored = data.get(kind)
            if not isinstance(stored, dict):
                continue
            entries = self.kind(kind)
            for entry_id, value in stored.items():
                if not isinstance(value, dict):
                    continue
                entry = Entry.from_json(str(entry_id), value)
                entry.seed = False
                if entry.id in entries:
                    entries[entry.id].merge(entry)
                else:
                    entries[entry.id] = entry
        for edition in data.get("editions") or []:
            if isinstance(edition, str) and edition not in self.editions:
                self.editions.append(edition)


def seeded(
    builtins: Sequence[Course], former_urls: Mapping[str, Sequence[str]] | None = None
) -> Registry:
    """A registry holding the built-in editions, always in the same order, and the links the
    course once gave to resources whose link the data corrects (`former_urls`: id -> URLs)."""
    registry = Registry(seed_courses=list(builtins))
    for course in builtins:
        registry.record_course(course, seed=True)
    for resource_id, urls in (former_urls or {}).items():
        if (entry := registry.resources.get(resource_id)) is not None:
            entry.urls.update(url_key(u) for u in urls)
    return registry


def course_as_raw(course: Course) -> dict[str, Any]:
    """The parts of a Course the registry records, in the shape of a raw course dict."""
    return {
        "edition": course.edition,
        "parts": [
            {
                "topics": [
                    {
                        "id": t.id,
                        "anchor": t.anchor,
                        "title": dict(t.title),
                        "resources": [
                            {"id": r.id, "url": r.url, "title": dict(r.title)} for r in t.resources
                        ],
                    }
                    for t in p.topics
                ]
            }
            for p in course.parts
        ],
        "notebooks": [
            {"id": nb.id, "colab_url": nb.colab_url, "title": dict(nb.title)}
            for nb in course.notebooks
        ],
    }


# -- matching ----------------------------------------------------------------------------------


class _Index:
    """Entries of one kind by each identifying key; by title word only when first asked
    (fuzzy matching is for the few items nothing else matched)."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = entries
        self.by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_word: dict[str, list[str]] | None = None
        add = self._add
        for entry in entries.values():
            titles = {norm(t) for t in entry.all_titles()}
            for a in entry.anchors:
                add(("a", a), entry.id)
            for t in titles:
                add(("t", t), entry.id)
                for topic in entry.topics:
                    add(("tt", f"{topic}\n{t}"), entry.id)
            for r in entry.renames:
                add(("r", r), entry.id)
            for u in entry.urls:
                add(("u", u), entry.id)

    def _add(self, key: tuple[str, str], entry_id: str) -> None:
        ids = self.by_key[key]
        if not ids or ids[-1] != entry_id:
            ids.append(entry_id)

    def hits(self, kind: str, value: str) -> list[str]:
        return self.by_key.get((kind, value), []) if value else []

    @property
    def by_word(self) -> dict[str, list[str]]:
        if self._by_word is None:
            self._by_word = defaultdict(list)
            for entry in self.entries.values():
                for word in {w for t in entry.all_titles() for w in _words(t)}:
                    self._by_word[word].append(entry.id)
        return self._by_word

    def fuzzy_candidates(self, title: str, urls: Iterable[str]) -> list[str]:
        """Entries sharing a title word or a URL, the most shared first (a bounded number)."""
        shared: dict[str, int] = defaultdict(int)
        for word in _words(title):
            posting = self.by_word.get(word, [])
            if len(posting) <= _COMMON_WORD:
                for entry_id in posting:
                    shared[entry_id] += 1
        for url in urls:
            posting = self.by_key.get(("u", url), [])
            if len(posting) <= _COMMON_WORD:
                for entry_id in posting:
                    shared[entry_id] += 2
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        return [entry_id for entry_id, _ in ranked[:_FUZZY_CANDIDATES]]


def _base(entry_id: str) -> str:
    return _SUFFIX.sub("", entry_id)


def _assign(
    candidates: Iterable[tuple[float, int, str]],
    entries: Mapping[str, Entry],
    slugs: Sequence[str],
) -> dict[int, str]:
    """Pair items with entries, best evidence first; each item and each id used once.
    Ties: the seed first, then the smaller id — never the order things were seen.

    An id an update gave as the slug of a title this edition has again is not matched: the
    item of that title gets the slug anew, so which of two same-titled items gets `-2`
    depends on this edition alone, not on the editions that came before."""
    claimed = set(slugs)
    kept = (c for c in candidates if entries[c[2]].seed or _base(c[2]) not in claimed)
    ranked = sorted(
        kept,
        key=lambda c: (-(c[0] + (_SEED_BONUS if entries[c[2]].seed else 0.0)), c[1], c[2]),
    )
    matched: dict[int, str] = {}
    taken: set[str] = set()
    for _, item, entry_id in ranked:
        if item not in matched and entry_id not in taken:
            matched[item] = entry_id
            taken.add(entry_id)
    return matched


def _topic_candidates(
    topics: Sequence[dict[str, Any]], lang: str, index: _Index
) -> Iterator[tuple[float, int, str]]:
    for i, topic in enumerate(topics):
        title = topic["title"][lang]
        urls = {url_key(r["url"]) for r in topic["resources"]}
        strong: dict[str, float] = {}
        for entry_id in index.hits("t", norm(title)):
            strong[entry_id] = _EXACT_TITLE
        for entry_id in index.hits("a", anchor_key(topic.get("anchor", ""))):
            strong[entry_id] = max(strong.get(entry_id, 0.0), _ANCHOR)
        for entry_id in index.hits("r", norm(title)):
            strong[entry_id] = max(strong.get(entry_id, 0.0), _RENAME)
        for entry_id, score in strong.items():
            yield score + _url_share(urls, index.entries[entry_id]), i, entry_id
        if strong:
            continue  # a title, anchor or rename: no likeness could outweigh it
        for entry_id in index.fuzzy_candidates(title, urls):
            entry = index.entries[entry_id]
            sim = max((_similarity(title, t) for t in entry.all_titles()), default=0.0)
            shared = len(urls & entry.urls)
            share = _url_share(urls, entry)
            if sim >= 85 or (shared >= 2 and share >= 0.4) or (sim >= 60 and shared >= 1):
                yield sim + 100 * share, i, entry_id


def _url_share(urls: set[str], entry: Entry) -> float:
    if not urls or not entry.urls:
        return 0.0
    return len(urls & entry.urls) / min(len(urls), len(entry.urls))


def _resource_candidates(
    resources: Sequence[tuple[str, dict[str, Any]]], lang: str, index: _Index
) -> Iterator[tuple[float, int, str]]:
    for i, (topic_id, res) in enumerate(resources):
        title = norm(res["title"][lang])
        for entry_id in index.hits("u", url_key(res["url"])):
            entry = index.entries[entry_id]
            score = _SAME_URL
            if any(norm(t) == title for t in entry.all_titles()):
                score += 50
            if topic_id in entry.topics:
                score += 20
            yield score, i, entry_id
        for entry_id in index.hits("tt", f"{topic_id}\n{title}"):
            yield _SAME_TITLE_IN_TOPIC, i, entry_id


def _notebook_candidates(
    notebooks: Sequence[dict[str, Any]], lang: str, index: _Index
) -> Iterator[tuple[float, int, str]]:
    for i, nb in enumerate(notebooks):
        title = norm(nb["title"][lang])
        for entry_id in index.hits("u", url_key(nb["colab_url"])):
            entry = index.entries[entry_id]
            same_title = any(norm(t) == title for t in entry.all_titles())
            yield _SAME_URL + (50 if same_title else 0), i, entry_id
        for entry_id in index.hits("t", title):
            yield _SAME_TITLE_IN_TOPIC, i, entry_id


class _Namer:
    """Ids of one edition: matched ids as they are, fresh ones unique in the edition and
    never an id the built-in editions give to an item of another kind."""

    def __init__(self, reserved_by_kind: Mapping[str, set[str]]) -> None:
        self.ids = UniqueIds()
        self.others = {
            kind: set().union(*(ids for k, ids in reserved_by_kind.items() if k != kind))
            for kind in reserved_by_kind
        }

    def take(self, entry_id: str) -> str:
        return self.ids.unique(entry_id)

    def fresh(self, kind: str, base: str, fallback: str) -> str:
        base = base or fallback
        if base in self.others.get(kind, ()):
            base = f"{base}-{kind.rstrip('s')}"
        return self.ids.unique(base)


def _fresh_base(title: str, url: str) -> str:
    """The slug of a title; for a title with nothing ASCII in it (a Chinese one), the slug of
    its URL's host and path, so that its id does not depend on its place in the edition."""
    if found := slug(title):
        return found
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return slug(f"{parts.netloc.removeprefix('www.')} {unquote(parts.path)}")


def assign_ids(raw: dict[str, Any], registry: Registry) -> dict[str, Any]:
    """`raw` (from readme.parse_readme) with the registry's ids wherever its items match."""
    lang = raw["languages"][0]
    seed = registry.seed_courses
    reserved = {
        "topics": {t for c in seed for t in c.topics},
        "resources": {r for c in seed for r in c.resources},
        "notebooks": {n for c in seed for n in c.notebook_map},
        "parts": {p.id for c in seed for p in c.parts},
        "links": {link.id for c in seed for link in c.links},
    }
    namer = _Namer(reserved)
    topics = [t for p in raw["parts"] for t in p["topics"]]
    topic_index = _Index(registry.topics)
    slugs = [slug(t["title"][lang]) for t in topics]
    matched = _assign(_topic_candidates(topics, lang, topic_index), registry.topics, slugs)
    for i, topic in enumerate(topics):
        topic["id"] = namer.take(matched[i]) if i in matched else None
    for i, topic in enumerate(topics):
        if topic["id"] is None:
            topic["id"] = namer.fresh("topics", slug(topic["title"][lang]), f"topic-{i + 1}")

    pairs = [(t["id"], r) for t in topics for r in t["resources"]]
    r_matched = _assign(
        _resource_candidates(pairs, lang, _Index(registry.resources)),
        registry.resources,
        [_fresh_base(r["title"][lang], r["url"]) for _, r in pairs],
    )
    for i, (_, res) in enumerate(pairs):
        res["id"] = namer.take(r_matched[i]) if i in r_matched else None
    for _, res in pairs:
        if res["id"] is None:
            res["id"] = namer.fresh(
                "resources", _fresh_base(res["title"][lang], res["url"]), "resource"
            )

    notebooks = raw["notebooks"]
    n_matched = _assign(
        _notebook_candidates(notebooks, lang, _Index(registry.notebooks)),
        registry.notebooks,
        [_fresh_base(nb["title"][lang], nb["colab_url"]) for nb in notebooks],
    )
    for i, nb in enumerate(notebooks):
        nb["id"] = namer.take(n_matched[i]) if i in n_matched else None
    for nb in notebooks:
        if nb["id"] is None:
            base = _fresh_base(nb["title"][lang], nb["colab_url"])
            nb["id"] = namer.fresh("notebooks", base, "notebook")

    _assign_parts(raw, seed, namer, lang)
    _assign_links(raw, seed, namer, lang)
    _assign_concepts(topics, seed, lang)
    _notebook_topics(raw, seed, topics)
    return raw


def _assign_parts(raw: dict[str, Any], seed: Sequence[Course], namer: _Namer, lang: str) -> None:
    """A part takes the id of the built-in part most of its topics come from."""
    part_of = {t: c.part_of(t).id for c in reversed(seed) for t in c.topics}
    taken: set[str] = set()
    for pi, part in enumerate(raw["parts"], 1):
        votes: dict[str, int] = defaultdict(int)
        for topic in part["topics"]:
            if topic["id"] in part_of:
                votes[part_of[topic["id"]]] += 1
        free = sorted((-n, pid) for pid, n in votes.items() if pid not in taken)
        if free:
            part["id"] = namer.take(free[0][1])
            taken.add(free[0][1])
        else:
            part["id"] = namer.fresh("parts", slug(part["title"][lang]), f"part-{pi}")


def _assign_links(raw: dict[str, Any], seed: Sequence[Course], namer: _Namer, lang: str) -> None:
    by_url = {url_key(link.url): link.id for c in reversed(seed) for link in c.links}
    for link in raw["links"]:
        known = by_url.pop(url_key(link["url"]), None)
        link["id"] = (
            namer.take(known) if known else namer.fresh("links", slug(link["title"][lang]), "link")
        )


def _assign_concepts(topics: Sequence[dict[str, Any]], seed: Sequence[Course], lang: str) -> None:
    """Concepts (their own namespace) keep the built-in id of the same name in their topic."""
    ids = UniqueIds()
    for topic in topics:
        names: dict[str, str] = {}
        for course in seed:
            old = course.topics.get(topic["id"])
            for c in old.concepts if old else ():
                for name in c.name.values():
                    names.setdefault(norm(name), c.id)
        for concept in topic["concepts"]:
            known = names.pop(norm(concept["name"][lang]), None)
            if known is not None:
                names = {k: v for k, v in names.items() if v != known}
                concept["id"] = ids.unique(known)
            else:
                concept["id"] = ids.make(concept["name"][lang], "concept")


def _notebook_topics(
    raw: dict[str, Any], seed: Sequence[Course], topics: Sequence[dict[str, Any]]
) -> None:
    """A notebook serves the topics the built-in editions say, else the one citing its
    article."""
    topic_ids = {t["id"] for t in topics}
    url_topic: dict[str, str] = {}
    for t in topics:
        for r in t["resources"]:
            url_topic.setdefault(url_key(r["url"]), t["id"])
    for nb in raw["notebooks"]:
        served: list[str] = []
        for course in seed:
            old = course.notebook_map.get(nb["id"])
            if old is not None:
                served = [t for t in old.topics if t in topic_ids]
                break
        if not served and (cited := url_topic.get(url_key(nb.get("article_url", "")))):
            served = [cited]
        nb["topics"] = served


# -- completing an edition ---------------------------------------------------------------------


def build_edition(
    raw: dict[str, Any],
    registry: Registry,
    source: str,
    text_digest: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """`raw` with the registry's ids, numbers, edition, credit, and the translations,
    prerequisites and keywords of the built-in editions."""
    lang = raw["languages"][0]
    today = today or dt.datetime.now(dt.UTC).date()
    assign_ids(raw, registry)
    seed = registry.seed_courses
    topic_ids = {t["id"] for p in raw["parts"] for t in p["topics"]}
    for pi, part in enumerate(raw["parts"], 1):
        part["number"] = pi
        for ti, topic in enumerate(part["topics"], 1):
            topic["number"] = ti
            old = next((c.topics[topic["id"]] for c in seed if topic["id"] in c.topics), None)
            if old is not None:
                prereqs = [p for p in old.prerequisites if p in topic_ids and p != topic["id"]]
                if prereqs:
                    topic["prerequisites"] = prereqs
                if old.keywords:
                    topic["keywords"] = list(old.keywords)
    _translate(raw, seed, lang)
    raw["edition"] = f"{today.isoformat()}-{text_digest[:8]}"
    raw["credit"] = _credit(seed[0] if seed else None, source, today)
    return raw


def _credit(builtin: Course | None, source: str, today: dt.date) -> dict[str, Any]:
    author = builtin.credit.author if builtin else "Maxime Labonne"
    repository = builtin.credit.repository if builtin else "mlabonne/llm-course"
    url = builtin.credit.url if builtin else "https://github.com/mlabonne/llm-course"
    license_ = builtin.credit.license if builtin else "Apache-2.0"
    day = today.isoformat()
    return {
        "author": author,
        "repository": repository,
        "url": url,
        "license": license_,
        "note": {
            "en": (
                f"Parsed by llmcourse on {day} from the course README at {source}. "
                f"Titles, summaries and descriptions are quoted from the course README by "
                f"{author} ({repository}, {license_}); llmcourse only arranged them. Chinese "
                "titles and summaries, where present, come from llmcourse's built-in course."
            ),
            "zh-TW": (
                f"由 llmcourse 於 {day} 從課程 README（{source}）解析而成。"
                f"標題、摘要與說明皆引用自 {author} 的課程 README"
                f"（{repository}，{license_}），llmcourse 只負責編排。"
                "若有中文標題與摘要，則取自 llmcourse 內建的課程。"
            ),
        },
    }


def _translate(raw: dict[str, Any], seed: Sequence[Course], lang: str) -> None:
    """Copy the other languages' text of matched nodes from the built-in editions."""
    copy = _Copier(lang)
    copy(raw, ("title",), seed)
    for p in raw["parts"]:
        copy(p, ("title", "summary"), (_by_id(c.parts, p["id"]) for c in seed))
        for t in p["topics"]:
            _translate_topic(t, seed, copy)
    for nb in raw["notebooks"]:
        copy(nb, ("title", "summary"), (c.notebook_map.get(nb["id"]) for c in seed))
    for link in raw["links"]:
        copy(link, ("title",), (_by_id(c.links, link["id"]) for c in seed))


def _translate_topic(topic: dict[str, Any], seed: Sequence[Course], copy: _Copier) -> None:
    olds = [c.topics.get(topic["id"]) for c in seed]
    # A renamed topic has moved on: its old translation would describe the old topic.
    title = topic["title"][copy.lang]
    same = [o for o in olds if o and _similarity(title, o.title.get(copy.lang, "")) >= 85]
    copy(topic, ("title", "summary"), same)
    for concept in topic["concepts"]:
        copy(concept, ("name", "summary"), (_by_id(o.concepts, concept["id"]) for o in olds if o))
    for res in topic["resources"]:
        found = (c.resources[res["id"]][1] for c in seed if res["id"] in c.resources)
        copy(res, ("title", "summary"), found)


def _by_id(items: Iterable[Any], item_id: str) -> Any:
    return next((x for x in items if x.id == item_id), None)


class _Copier:
    """Copies the texts in other languages than `lang` from old nodes into a raw node."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, target: dict[str, Any], keys: tuple[str, ...], olds: Iterable[Any]) -> None:
        for old in olds:
            if old is None:
                continue
            for key in keys:
                for other, text in getattr(old, key).items():
                    if other != self.lang and text and other not in target[key]:
                        target[key][other] = text


# -- what changed --------------------------------------------------------------------------------


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
    notebooks_added: list[Change] = field(default_factory=list)
    notebooks_removed: list[Change] = field(default_factory=list)
    topics_before: int = 0
    marks_total: int = 0
    marks_kept: list[str] = field(default_factory=list)
    marks_lost: list[str] = field(default_factory=list)
    marks_back: list[str] = field(default_factory=list)  # orphaned marks that reattach

    @property
    def empty(self) -> bool:
        return not (
            self.topics_added or self.topics_removed or self.topics_renamed
            or self.resources_added or self.resources_removed
            or self.notebooks_added or self.notebooks_removed
        )  # fmt: skip


def compare(old: Course, new: Course, statuses: Mapping[str, str], lang: str) -> Diff:
    diff = Diff(topics_before=len(old.topics))
    for tid, topic in new.topics.items():
        title = new.text(topic.title, lang)
        if tid not in old.topics:
            diff.topics_added.append(Change(tid, title))
        elif norm(old_title := old.text(old.topics[tid].title, lang)) != norm(title):
            diff.topics_renamed.append(Change(tid, title, old_title))
    diff.topics_removed = [
        Change(tid, old.text(t.title, lang))
        for tid, t in old.topics.items()
        if tid not in new.topics
    ]
    diff.resources_added = _resources_only_in(new, old, lang)
    diff.resources_removed = _resources_only_in(old, new, lang)
    diff.notebooks_added = _notebooks_only_in(new, old, lang)
    diff.notebooks_removed = _notebooks_only_in(old, new, lang)
    _count_marks(diff, old, new, statuses)
    return diff


def _resources_only_in(a: Course, b: Course, lang: str) -> list[Change]:
    return [
        Change(rid, a.text(res.title, lang), topic=topic.id)
        for rid, (topic, res) in a.resources.items()
        if rid not in b.resources
    ]


def _notebooks_only_in(a: Course, b: Course, lang: str) -> list[Change]:
    return [
        Change(nid, a.text(nb.title, lang))
        for nid, nb in a.notebook_map.items()
        if nid not in b.notebook_map
    ]


def _count_marks(diff: Diff, old: Course, new: Course, statuses: Mapping[str, str]) -> None:
    """Which marks attach to an item of the new edition, which come back, which wait."""
    known_new = set(new.topics) | set(new.resources) | set(new.notebook_map)
    known_old = set(old.topics) | set(old.resources) | set(old.notebook_map)
    for node_id, status in sorted(statuses.items()):
        if status == "todo":
            continue
        diff.marks_total += 1
        if node_id not in known_new:
            diff.marks_lost.append(node_id)
            continue
        diff.marks_kept.append(node_id)
        if node_id not in known_old:
            diff.marks_back.append(node_id)


@dataclass
class GuardReason:
    """Why an update needs --force: a key of the message and its figures."""

    key: str
    params: dict[str, int]


def guard(diff: Diff) -> list[GuardReason]:
    """An update that would orphan more than half of the learner's marks, or drop more than a
    third of the topics, is not made without --force."""
    reasons = []
    lost, total = len(diff.marks_lost), diff.marks_total
    if total and lost * 2 > total:
        reasons.append(GuardReason("update.guard.marks", {"lost": lost, "total": total}))
    dropped, before = len(diff.topics_removed), diff.topics_before
    if before and dropped * 3 > before:
        reasons.append(GuardReason("update.guard.topics", {"dropped": dropped, "total": before}))
    return reasons
