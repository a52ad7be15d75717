"""The course graph: Course -> Part -> Topic -> Concept/Resource, and Notebooks.

Plain dataclasses, so the everyday path can read a cached course (`cache.py`) without building
pydantic schemas. They are read-only by convention, not `frozen`: a frozen dataclass costs twice
as much to define, and every command pays that at start-up. Pydantic validates the same
classes when a course is read from its source files (`__pydantic_config__` makes unknown fields
errors); `check.py` adds the rules that span the graph (unique ids, references, cycles, URLs,
languages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

# Read by pydantic when it validates these dataclasses; a plain dict keeps pydantic off the
# import path (it is a `pydantic.ConfigDict`, which is a TypedDict).
_STRICT = {"extra": "forbid", "str_strip_whitespace": False}

LANGUAGES = ("en", "zh-TW")
Localized = Mapping[str, str]
"""Text in each of the course's languages, keyed by language code."""

ResourceKind = Literal[
    "article", "video", "paper", "course", "docs", "repo", "tool", "notebook", "book",
    "blog", "list", "leaderboard", "model", "dataset", "guide", "other",
]  # fmt: skip
NotebookGroup = Literal["tools", "fine-tuning", "quantization", "other"]
NOTEBOOK_GROUPS: tuple[NotebookGroup, ...] = ("tools", "fine-tuning", "quantization", "other")


@dataclass
class Link:
    """A link standing in a concept's text."""

    __pydantic_config__ = _STRICT
    title: str
    url: str


@dataclass
class Concept:
    __pydantic_config__ = _STRICT
    id: str
    name: Localized
    summary: Localized
    links: tuple[Link, ...] = ()


@dataclass
class Resource:
    __pydantic_config__ = _STRICT
    id: str
    title: Localized
    url: str
    kind: ResourceKind
    summary: Localized
    author: str | None = None
    author_url: str | None = None
    links: tuple[Link, ...] = ()  # links standing in its description


@dataclass
class Topic:
    __pydantic_config__ = _STRICT
    id: str
    number: int
    title: Localized
    summary: Localized
    anchor: str = ""  # the heading's anchor on the course's web page
    prerequisites: tuple[str, ...] = ()
    # default_factory, not a default: no class attribute shadows __getattr__ below.
    concepts: tuple[Concept, ...] = field(default_factory=tuple)
    resources: tuple[Resource, ...] = field(default_factory=tuple)
    keywords: tuple[str, ...] = ()  # extra search terms (abbreviations, synonyms)

    def __getattr__(self, name: str) -> Any:
        """A topic read from the cache gets its concepts and resources on first use, so a
        command that needs one topic of a large course decodes only that one."""
        if name not in ("concepts", "resources"):
            raise AttributeError(name)  # a probe (hasattr, Rich's pretty printer) changes nothing
        load: Callable[[], tuple[Any, Any]] | None = self.__dict__.pop("_details", None)
        if load is None:
            raise AttributeError(name)
        self.__dict__["concepts"], self.__dict__["resources"] = load()
        return self.__dict__[name]


@dataclass
class Part:
    __pydantic_config__ = _STRICT
    id: str
    number: int
    title: Localized
    summary: Localized
    topics: tuple[Topic, ...] = ()


@dataclass
class Notebook:
    __pydantic_config__ = _STRICT
    id: str
    group: NotebookGroup
    title: Localized
    summary: Localized
    colab_url: str
    topics: tuple[str, ...] = ()
    article_url: str | None = None
    repo_url: str | None = None


@dataclass
class CourseLink:
    """The course's own links: author, blog, book, assistant..."""

    __pydantic_config__ = _STRICT
    id: str
    title: Localized
    url: str


@dataclass
class Credit:
    """Where the course comes from, for attribution."""

    __pydantic_config__ = _STRICT
    author: str
    repository: str
    url: str
    license: str
    note: Localized


@dataclass
class Course:
    __pydantic_config__ = _STRICT
    id: str
    edition: str
    languages: tuple[str, ...]
    title: Localized
    summary: Localized
    web_url: str
    credit: Credit
    links: tuple[CourseLink, ...] = ()
    parts: tuple[Part, ...] = ()
    notebooks: tuple[Notebook, ...] = ()
    # Where this course was read from, and a fingerprint of those files (for caches derived
    # from the course); filled by the loader, not part of the data.
    origin: str = field(default="", compare=False)
    fingerprint: str = field(default="", compare=False)

    # --- navigation helpers (built lazily; the graph is immutable) ---

    def iter_topics(self) -> Iterator[tuple[Part, Topic]]:
        for part in self.parts:
            for topic in part.topics:
                yield part, topic

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for _, t in self.iter_topics()}

    @cached_property
    def _part_of(self) -> dict[str, Part]:
        return {t.id: p for p, t in self.iter_topics()}

    def part_of(self, topic_id: str) -> Part:
        return self._part_of[topic_id]

    def number_of(self, topic_id: str) -> str:
        """The topic's number as a person writes it: "2.7"."""
        return f"{self._part_of[topic_id].number}.{self.topics[topic_id].number}"

    def topic_url(self, topic_id: str) -> str:
        """The topic's section of the course's web page."""
        anchor = self.topics[topic_id].anchor
        return f"{self.web_url}#{anchor}" if anchor else self.web_url

    def resource_number(self, resource_id: str) -> int:
        """A resource's place in its topic, 1..n, as `open TOPIC N` and `done TOPIC N` count."""
        topic = self.topics[self.resource_topics[resource_id]]
        return next(i for i, r in enumerate(topic.resources, 1) if r.id == resource_id)

    @cached_property
    def resources(self) -> Mapping[str, tuple[Topic, Resource]]:
        """Resource id -> (its topic, the resource)."""
        return ResourceMap(self)

    @cached_property
    def resource_topics(self) -> dict[str, str]:
        """Resource id -> its topic's id. The cache supplies it, so that a large course can be
        asked about one resource without decoding every topic."""
        return {r.id: t.id for _, t in self.iter_topics() for r in t.resources}

    @cached_property
    def notebook_map(self) -> dict[str, Notebook]:
        return {n.id: n for n in self.notebooks}

    def notebooks_for(self, topic_id: str) -> list[Notebook]:
        return [n for n in self.notebooks if topic_id in n.topics]

    def text(self, localized: Localized, lang: str) -> str:
        """`localized` in `lang`, falling back to the course's first language."""
        return localized.get(lang) or localized.get(self.languages[0]) or ""

    def all_urls(self) -> set[str]:
        """Every URL the course content links to (not its own repository)."""
        urls = {link.url for link in self.links}
        for _, topic in self.iter_topics():
            urls.update(r.url for r in topic.resources)
            urls.update(r.author_url for r in topic.resources if r.author_url)
            urls.update(link.url for r in topic.resources for link in r.links)
            urls.update(link.url for c in topic.concepts for link in c.links)
        for nb in self.notebooks:
            urls.update(u for u in (nb.colab_url, nb.article_url, nb.repo_url) if u)
        return urls


class ResourceMap(Mapping[str, tuple[Topic, Resource]]):
    """Resources by id, decoding only the topic that holds the one asked for."""

    def __init__(self, course: Course) -> None:
        self._course = course
        self._index = course.resource_topics

    def __getitem__(self, rid: str) -> tuple[Topic, Resource]:
        topic = self._course.topics[self._index[rid]]
        return topic, next(r for r in topic.resources if r.id == rid)

    def __contains__(self, rid: object) -> bool:
        return rid in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
