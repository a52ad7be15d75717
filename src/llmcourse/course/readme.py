"""Read a course README (markdown) into the raw course dict that `load.validate_raw` accepts.

The README is untrusted text from the network: everything kept goes through
`textsafe.sanitize`, and only absolute http(s) URLs survive (a malformed one is skipped).

The parser walks markdown-it's syntax tree, one handler per kind of node. It reads every shape
the course has had since 2023:

- `## Part` headings holding `### N. Topic` headings (one part, "Roadmap", in the first
  edition); `## Notebooks` with `### Group` tables, their columns in any order.
- Under a topic: its first paragraphs (summary); bullets opening with a bold name are
  concepts (`**Name**: text`, `**[Name](url)** text`); every other bullet that holds a link is a
  resource, wherever it stands: after a `📚 Resources:` header, in a "推薦閱讀：" group before
  the concepts, nested under a concept, in any list of any bullet marker.
- `<details>` / `<summary>` wrappers, HTML anchors and badge images are ignored.

The ids made here are provisional (slugs of titles): `idmatch.py` replaces them with the ids
the identity registry knows. Summaries are the README's own text, quoted; the credit note says
so. The walk is linear in the size of the README (no quadratic id loops: `UniqueIds` counts).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from llmcourse.course.check import url_problem
from llmcourse.course.text import norm
from llmcourse.errors import CourseError
from llmcourse.textsafe import sanitize as _textsafe_sanitize

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

_DETAILS = re.compile(r"^\s*(?:</?details[^>]*>|<summary[^>]*>.*?</summary>)\s*$", re.I | re.M)
_TOPIC_HEADING = re.compile(r"^\s*(\d+)\s*[.\u3001\uff0e]\s*(.+)$")
_RESOURCES_WORDS = re.compile(
    r"^(resources|references|further reading|資源|參考資料|參考文獻|參考|资源|参考资料)$", re.I
)
_HREF_OPEN = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.I)
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_AUTHOR = re.compile(r"^\s*by\s+(.+?)\s*(?::\s*|$)", re.I | re.S)
_COLONS = ":\uff1a"  # ASCII and full-width colons
_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERED = re.compile(r"^\d+\.\s*")

NOTEBOOK_GROUPS = {
    "tools": "tools",
    "工具": "tools",
    "fine-tuning": "fine-tuning",
    "fine tuning": "fine-tuning",
    "微調": "fine-tuning",
    "quantization": "quantization",
    "量化": "quantization",
    "other": "other",
    "其他": "other",
}
# Header words of a notebook table's columns, in either language.
_COLUMN_WORDS = {
    "description": "summary",
    "敘述": "summary",
    "描述": "summary",
    "說明": "summary",
    "article": "article",
    "文章": "article",
    "name": "name",
    "名稱": "name",
    "title": "name",
}
DEFAULT_TITLE = "Large Language Model Course"


def sanitize(text: str) -> str:
    """Untrusted text without escape sequences or control characters (newlines kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    return _textsafe_sanitize(text)


def one_line(text: str) -> str:
    return " ".join(sanitize(text).split())


def clean_url(url: str) -> str | None:
    """`url` when it is an absolute http(s) URL, else None (malformed ones included)."""
    url = sanitize(url).strip()
    try:
        parts = urlsplit(url)
        if url_problem(url) or not parts.hostname:
            return None
        _ = parts.port  # raises on a port that is not a number
    except ValueError:  # urlsplit refuses e.g. "http://[::1"
        return None
    return url


def strip_symbols(text: str) -> str:
    """Drop leading emoji and other symbols ("🧩 LLM Fundamentals" -> "LLM Fundamentals")."""
    text = text.strip()
    i = 0
    while i < len(text) and (
        unicodedata.category(text[i])[0] in "SZ" or unicodedata.category(text[i]) in ("Mn", "Cf")
    ):
        i += 1
    return text[i:].strip()


def slug(text: str, max_len: int = 40) -> str:
    """A lowercase ASCII id from a title; "" when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_len and out:
            break
        out = candidate[:max_len]
    return out.strip("-")


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = title.strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def detect_language(text: str) -> str:
    """'zh-TW' when the headings are mostly written in Chinese, else 'en'."""
    headings = [line for line in text.splitlines() if line.startswith("#")]
    cjk = sum(1 for line in headings if _CJK.search(line))
    return "zh-TW" if headings and cjk * 3 >= len(headings) else "en"


class _Inline:
    """The plain text of an inline node, and the links and bold spans in it, in order."""

    def __init__(self, node: SyntaxTreeNode | None) -> None:
        self.text = ""
        self.links: list[tuple[str, str]] = []  # (title, url)
        self.bold: list[tuple[str, str | None]] = []  # (text, url of a link inside, if any)
        self.starts_bold = False  # the text opens with a bold span (after symbols)
        self._html_link: tuple[int, str] | None = None
        if node is not None:
            self._walk(node.children)
        self.text = one_line(self.text)

    def _walk(self, nodes: list[SyntaxTreeNode]) -> None:
        for child in nodes:
            handler = self._HANDLERS.get(child.type)
            if handler is not None:
                handler(self, child)

    def _on_text(self, node: SyntaxTreeNode) -> None:
        self.text += node.content

    def _on_break(self, node: SyntaxTreeNode) -> None:
        self.text += " "

    def _on_html(self, node: SyntaxTreeNode) -> None:
        # <a href="...">…</a> written inline: keep the link; other tags (badges) vanish.
        if m := _HREF_OPEN.match(node.content):
            self._html_link = (len(self.text), m.group(1))
        elif node.content.lower().startswith("</a") and self._html_link is not None:
            start, href = self._html_link
            self.links.append((self.text[start:], href))
            self._html_link = None

    def _on_link(self, node: SyntaxTreeNode) -> None:
        start = len(self.text)
        self._walk(node.children)
        self.links.append((self.text[start:], str(node.attrs.get("href", ""))))

    def _on_strong(self, node: SyntaxTreeNode) -> None:
        start, links_before = len(self.text), len(self.links)
        self._walk(node.children)
        if not self.bold and not strip_symbols(self.text[:start]):
            self.starts_bold = True
        href = self.links[-1][1] if len(self.links) > links_before else None
        self.bold.append((self.text[start:], href))

    def _on_em(self, node: SyntaxTreeNode) -> None:
        self._walk(node.children)

    _HANDLERS: ClassVar[dict[str, Callable[[_Inline, SyntaxTreeNode], None]]] = {
        "text": _on_text,
        "code_inline": _on_text,
        "softbreak": _on_break,
        "hardbreak": _on_break,
        "html_inline": _on_html,
        "link": _on_link,
        "strong": _on_strong,
        "em": _on_em,
        # images: alt text and badges are not content
    }


def _inline_of(node: SyntaxTreeNode) -> SyntaxTreeNode | None:
    return next((c for c in node.children if c.type == "inline"), None)


def _kind_of(url: str) -> str:
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
    if host in ("youtube.com", "youtu.be", "m.youtube.com"):
        return "video"
    if host == "arxiv.org" or url.lower().endswith(".pdf"):
        return "paper"
    if host == "github.com":
        return "repo"
    if host == "colab.research.google.com":
        return "notebook"
    if host.startswith("docs.") or "readthedocs" in host or "/docs/" in url.lower():
        return "docs"
    return "article"


def _is_resources_header(text: str) -> bool:
    words = strip_symbols(text).replace("*", "").strip().rstrip(_COLONS).strip()
    return "📚" in text or bool(_RESOURCES_WORDS.match(words))


def parse_readme(text: str, source: str = "README") -> dict[str, Any]:
    """The course in `text` as a raw course dict (provisional ids), or CourseError."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    text = _DETAILS.sub("", sanitize(text))
    lang = detect_language(text)
    parser = _Parser(lang)
    # The tree holds only acyclic objects: the cyclic collector, run again and again as they
    # pile up, would make a large README take quadratic time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tree = SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(text))
        for node in tree.children:
            parser.visit(node)
    finally:
        if collecting:
            gc.enable()
    if not any(p["topics"] for p in parser.parts):
        from llmcourse.i18n import msg

        raise CourseError(msg("err.no_course", source=source), [msg("err.no_course_hint")])
    return _Builder(parser).course()


class _Parser:
    """The walk: where we are (intro, a part, a topic, the notebooks) and what was read."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.title = ""
        self.intro: list[str] = []
        self.part_blurbs: dict[str, str] = {}  # bold part name in the intro list -> its line
        self.links: list[dict[str, Any]] = []
        self.parts: list[dict[str, Any]] = []
        self.notebooks: list[dict[str, Any]] = []
        self.section = "intro"  # then "part" or "notebooks"
        self.part: dict[str, Any] | None = None
        self.topic: dict[str, Any] | None = None
        self.group: str | None = None
        self.in_resources = False

    def visit(self, node: SyntaxTreeNode) -> None:
        handler = self._HANDLERS.get(node.type)
        if handler is not None:
            handler(self, node)

    # -- one handler per kind of block -----------------------------------------------------

    def _on_heading(self, node: SyntaxTreeNode) -> None:
        plain = strip_symbols(_Inline(_inline_of(node)).text)
        level = {"h1": self._h1, "h2": self._h2, "h3": self._h3}.get(node.tag)
        if level is not None:
            level(plain)

    def _on_paragraph(self, node: SyntaxTreeNode) -> None:
        para = _Inline(_inline_of(node))
        if self.section == "intro":
            if para.text:
                self.intro.append(para.text)
        elif self.topic is not None:
            self._topic_paragraph(para)
        elif self.part is not None and not self.part["topics"] and para.text:
            self.part["summary"] = self.part["summary"] or para.text

    def _on_list(self, node: SyntaxTreeNode) -> None:
        if self.section == "intro":
            for item in node.children:
                self._intro_item(_Inline(_first_paragraph(item)))
        elif self.topic is not None:
            for item in node.children:
                self._topic_item(item)

    def _on_table(self, node: SyntaxTreeNode) -> None:
        if self.section == "notebooks":
            self._notebook_table(node)

    def _on_html_block(self, node: SyntaxTreeNode) -> None:
        if self.section == "intro":
            self._intro_html(node.content)

    def _on_hr(self, node: SyntaxTreeNode) -> None:
        if self.topic is None:
            self.in_resources = False

    _HANDLERS: ClassVar[dict[str, Callable[[_Parser, SyntaxTreeNode], None]]] = {
        "heading": _on_heading,
        "paragraph": _on_paragraph,
        "bullet_list": _on_list,
        "ordered_list": _on_list,
        "table": _on_table,
        "html_block": _on_html_block,
        "hr": _on_hr,
    }

    # -- headings --------------------------------------------------------------------------

    def _h1(self, plain: str) -> None:
        self.title = self.title or plain

    def _h2(self, plain: str) -> None:
        self.topic, self.in_resources, self.group = None, False, None
        if "notebook" in plain.lower() or "筆記本" in plain:
            self.section, self.part = "notebooks", None
        else:
            self.section = "part"
            self.part = {"title": plain, "summary": "", "topics": []}
            self.parts.append(self.part)

    def _h3(self, plain: str) -> None:
        self.in_resources = False
        self.topic = None
        if self.section == "notebooks":
            name = re.sub(r"\s*[(\uff08].*", "", plain).lower()
            self.group = NOTEBOOK_GROUPS.get(name) or _group_from_words(plain)
        elif self.section == "part" and self.part is not None:
            m = _TOPIC_HEADING.match(plain)
            if m:
                self.topic = {
                    "title": one_line(m.group(2)),
                    "anchor": github_anchor(plain),
                    "summary": [],
                    "concepts": [],
                    "resources": [],
                }
                self.part["topics"].append(self.topic)

    # -- inside a topic ----------------------------------------------------------------------

    def _topic_paragraph(self, para: _Inline) -> None:
        topic = self.topic
        assert topic is not None
        if _is_resources_header(para.text):
            self.in_resources = True
            return
        if para.links:
            topic["resources"].append(para)  # every link in a topic is learning material
        if para.text and not (self.in_resources or topic["concepts"]):
            topic["summary"].append(para.text)

    def _topic_item(self, item: SyntaxTreeNode) -> None:
        """A bullet: a concept (bold name) or a resource (a link); nested bullets likewise."""
        topic = self.topic
        assert topic is not None
        inline = _Inline(_first_paragraph(item))
        if "📚" in inline.text and inline.starts_bold:
            # A resources header written right under the last concept, with no blank line,
            # continues that item; what follows is resources.
            inline.text = inline.text.split("📚")[0].strip()
            topic["concepts"].append(inline)
            self.in_resources = True
        elif inline.starts_bold and not self.in_resources and not _link_led(inline):
            topic["concepts"].append(inline)
        elif inline.links:
            topic["resources"].append(inline)
        for nested in _nested_items(item):
            self._nested_item(nested)

    def _nested_item(self, item: SyntaxTreeNode) -> None:
        """Bullets under a concept or a group heading: each one with a link is a resource."""
        topic = self.topic
        assert topic is not None
        inline = _Inline(_first_paragraph(item))
        if inline.links:
            topic["resources"].append(inline)
        for nested in _nested_items(item):
            self._nested_item(nested)

    # -- the intro and the notebooks ---------------------------------------------------------

    def _intro_item(self, item: _Inline) -> None:
        self.intro.append(item.text)
        for bold, _ in item.bold:
            self.part_blurbs[strip_symbols(bold).lower()] = strip_symbols(item.text)

    def _intro_html(self, html: str) -> None:
        if not self.title and (m := _H1.search(html)):
            self.title = strip_symbols(one_line(_TAG.sub("", m.group(1))))
        for href, inner in _HREF.findall(html):
            title = strip_symbols(one_line(_TAG.sub("", inner)))
            url = clean_url(href)
            if title and url:
                self.links.append({"title": title, "url": url})

    def _notebook_table(self, table: SyntaxTreeNode) -> None:
        rows = [
            [_Inline(_inline_of(cell)) for cell in row.children]
            for section in table.children
            for row in section.children
        ]
        if not rows:
            return
        roles = _column_roles(rows[0])
        for cells in rows[1:]:
            notebook = _notebook(cells, roles, self.group or "other")
            if notebook is not None:
                self.notebooks.append(notebook)


def _nested_items(item: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    """The items of the lists nested in a list item (markdown-it bounds the depth)."""
    for child in item.children:
        if child.type in ("bullet_list", "ordered_list"):
            yield from child.children


def _first_paragraph(item: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """The inline text of a list item's own paragraph (not of its nested lists)."""
    for child in item.children:
        if child.type == "paragraph":
            return _inline_of(child)
    return None


def _link_led(item: _Inline) -> bool:
    """`**[Title](url)**` alone, or followed by an author: a resource written in bold."""
    if not item.bold or not item.bold[0][1]:
        return False
    bold = item.bold[0][0]
    rest = item.text[len(bold) :].strip() if item.text.startswith(bold) else ""
    return rest == "" or bool(_AUTHOR.match(rest))


def _column_roles(header: list[_Inline]) -> dict[str, int]:
    """Which column holds what: by the header's words, the first unnamed column the name."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        role = _COLUMN_WORDS.get(strip_symbols(cell.text).lower())
        if role and role not in roles:
            roles[role] = i
    if "name" not in roles:
        taken = set(roles.values())
        roles["name"] = next((i for i in range(len(header)) if i not in taken), 0)
    return roles


def _notebook(cells: list[_Inline], roles: dict[str, int], group: str) -> dict[str, Any] | None:
    """A table row as a notebook: its Colab link may be in any column."""

    def cell(role: str) -> _Inline | None:
        i = roles.get(role)
        return cells[i] if i is not None and i < len(cells) else None

    colab = next(
        (u for c in cells for _, raw in c.links if (u := clean_url(raw)) and _is_colab(u)), None
    )
    name = cell("name")
    title = _NUMBERED.sub("", strip_symbols(name.text)) if name else ""
    if not colab or not title or name is None:
        return None
    desc = cell("summary")
    notebook: dict[str, Any] = {
        "title": title,
        "summary": (desc.text if desc else "") or title,
        "colab_url": colab,
        "group": group,
    }
    if repo := _first_url(name):
        notebook["repo_url"] = repo
    article = cell("article")
    if article is not None and (url := _first_url(article)) and not _is_colab(url):
        notebook["article_url"] = url
    return notebook


def _is_colab(url: str) -> bool:
    return "colab.research.google.com" in url.lower()


def _first_url(item: _Inline) -> str | None:
    return next((u for _, raw in item.links if (u := clean_url(raw))), None)


class _Builder:
    """The raw course dict from what the walk read, with provisional slug ids."""

    def __init__(self, parsed: _Parser) -> None:
        self.p = parsed
        self.ids = UniqueIds()
        self.concept_ids = UniqueIds()  # concepts have their own namespace, course-wide

    def loc(self, s: str) -> dict[str, str]:
        return {self.p.lang: s}

    def course(self) -> dict[str, Any]:
        p = self.p
        parts: list[dict[str, Any]] = []
        for pi, part in enumerate(p.parts, 1):
            topics = [self._topic(t, pi, ti) for ti, t in enumerate(part["topics"], 1)]
            if not topics:
                continue
            blurb = part["summary"] or p.part_blurbs.get(part["title"].lower()) or part["title"]
            parts.append(
                {
                    "id": self.ids.make(part["title"], f"part-{pi}"),
                    "number": len(parts) + 1,
                    "title": self.loc(part["title"]),
                    "summary": self.loc(blurb),
                    "topics": topics,
                }
            )
        title = p.title or DEFAULT_TITLE
        return {
            "id": "llm-course",
            "edition": "",
            "languages": [p.lang],
            "title": self.loc(title),
            "summary": self.loc(" ".join(p.intro).strip() or title),
            "web_url": "https://github.com/mlabonne/llm-course",
            "credit": {},
            "links": [self._link(link) for link in p.links],
            "parts": parts,
            "notebooks": [self._notebook(nb) for nb in p.notebooks],
        }

    def _link(self, link: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.ids.make(link["title"], "link"),
            "title": self.loc(link["title"]),
            "url": link["url"],
        }

    def _notebook(self, nb: dict[str, Any]) -> dict[str, Any]:
        entry = dict(nb)
        entry["id"] = self.ids.make(nb["title"], "notebook")
        entry["title"] = self.loc(nb["title"])
        entry["summary"] = self.loc(nb["summary"])
        return entry

    def _topic(self, topic: dict[str, Any], pi: int, ti: int) -> dict[str, Any]:
        concepts = []
        for item in topic["concepts"]:
            concept = _concept(item)
            if concept is not None:
                name, summary, links = concept
                concepts.append(
                    {
                        "id": self.concept_ids.make(name, "concept"),
                        "name": self.loc(name),
                        "summary": self.loc(summary or name),
                        "links": links,
                    }
                )
        title = topic["title"]
        return {
            "id": self.ids.make(title, f"topic-{pi}-{ti}"),
            "number": ti,
            "title": self.loc(title),
            "summary": self.loc(" ".join(topic["summary"]) or title),
            "anchor": topic["anchor"],
            "concepts": concepts,
            "resources": self._resources(topic["resources"]),
        }

    def _resources(self, items: list[_Inline]) -> list[dict[str, Any]]:
        resources = []
        seen: set[tuple[str, str]] = set()
        for item in items:
            res = _resource(item)
            # The same link listed twice is kept once (titles compared in normal form, so an
            # emoji in front does not count); one URL under two titles stays two resources (the
            # course has such slips, and the learner may have marked either).
            if res is None or (key := (res["url"], norm(res["title"]))) in seen:
                continue
            seen.add(key)
            res["id"] = self.ids.make(res["title"], "resource")
            res["title"] = self.loc(res["title"])
            res["summary"] = self.loc(res["summary"])
            resources.append(res)
        return resources


class UniqueIds:
    """Slug ids, unique among those made by one instance; `-2`, `-3`… only on a collision.
    Linear: the next suffix to try is remembered per base."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def make(self, title: str, fallback: str) -> str:
        return self.unique(slug(title) or fallback)

    def unique(self, base: str) -> str:
        candidate = base
        if candidate in self.used:
            n = self.next_suffix.get(base, 2)
            while f"{base}-{n}" in self.used:
                n += 1
            candidate = f"{base}-{n}"
            self.next_suffix[base] = n + 1
        self.used.add(candidate)
        return candidate


def _group_from_words(title: str) -> str | None:
    low = title.lower()
    for word, group in NOTEBOOK_GROUPS.items():
        if word in low:
            return group
    return None


def _links(item: _Inline, skip: str | None = None) -> list[dict[str, str]]:
    out = []
    seen = {skip} if skip else set()
    for title, url in item.links:
        good = clean_url(url)
        if good and good not in seen:
            seen.add(good)
            out.append({"title": one_line(title) or good, "url": good})
    return out


def _concept(item: _Inline) -> tuple[str, str, list[dict[str, str]]] | None:
    """`**Name**: text` or `**[Name](url)** text` -> (name, summary, links)."""
    if not item.bold or not item.starts_bold:
        return None
    name = strip_symbols(one_line(item.bold[0][0])).rstrip(_COLONS).strip()
    if not name:
        return None
    # The summary is what follows the bold name, without the colon that separates them.
    idx = item.text.find(name)
    rest = item.text[idx + len(name) :] if idx >= 0 else item.text
    summary = rest.lstrip(" *").lstrip(_COLONS).strip()
    return name, summary, _links(item)


def _resource(item: _Inline) -> dict[str, Any] | None:
    """`[Title](url) by Author: text` (maybe after a few words) -> a raw resource."""
    found = next(((t, u) for t, raw in item.links if (u := clean_url(raw)) and one_line(t)), None)
    if found is None:
        return None
    title, good = one_line(found[0]), found[1]
    idx = item.text.find(title)
    rest = item.text[idx + len(title) :] if idx >= 0 else item.text
    res: dict[str, Any] = {"title": title, "url": good, "kind": _kind_of(good)}
    if m := _AUTHOR.match(rest):
        author = m.group(1).strip()
        res["author"] = author
        rest = rest[m.end() :]
        for link_title, link_url in item.links[1:]:
            if one_line(link_title) == author and clean_url(link_url):
                res["author_url"] = clean_url(link_url)
                break
    summary = rest.strip().lstrip(_COLONS + "-\u2013\u2014").strip()
    res["summary"] = summary or title
    extra = [link for link in _links(item, skip=good) if link["url"] != res.get("author_url")]
    if extra:
        res["links"] = extra
    return res
