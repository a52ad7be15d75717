"""Read a course README (markdown) into the raw course dict that `load.validate_raw` accepts.

The README is untrusted text from the network: control characters and escape sequences are
removed from everything kept, and only absolute http(s) URLs survive. What this module reads:

- `## Part` headings that hold `### N. Topic` headings; `## Notebooks` with `### Group` tables.
- Under a topic: its first paragraphs (summary), a bullet list of concepts written as
  `**Name**: text` or `**[Name](url)**: text`, then a resources header (`📚 Resources:`,
  `📚 **References**:`, or a translation of either) followed by one or more bullet lists
  (`-` and `*` bullets make separate lists) of `[Title](url) by Author: text`.
- Notebook tables with 3 columns (title, description, Colab) or 4 (title, description,
  article, Colab).
- `<details>` / `<summary>` wrappers are dropped, so collapsed sections read like open ones.

The ids made here are provisional (slugs of titles): `editions.py` replaces them with the ids
of the course being updated wherever a topic, resource or notebook matches, so that progress
carries over. Summaries are the README's own text, quoted; the credit note says so.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from llmcourse.course.check import url_problem
from llmcourse.errors import CourseError

# ESC-introduced sequences (CSI, OSC, two-character) and every other control character but \n.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-_]?"  # other two-character sequences, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# ... and the invisible characters that reorder or hide text (bidi overrides, BOM, separators).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_DETAILS = re.compile(r"^\s*(?:</?details[^>]*>|<summary[^>]*>.*?</summary>)\s*$", re.I | re.M)
_TOPIC_HEADING = re.compile(r"^\s*(\d+)\s*[.\u3001\uff0e]\s*(.+)$")
_RESOURCES_WORDS = re.compile(
    r"^(resources|references|further reading|資源|參考資料|參考文獻|參考|资源|参考资料)$", re.I
)
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_AUTHOR = re.compile(r"^\s*by\s+(.+?)\s*(?::\s*|$)", re.I | re.S)
_COLONS = ":\uff1a"  # ASCII and full-width colons
_CJK = re.compile(r"[\u3400-\u9fff]")

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
DEFAULT_TITLE = "Large Language Model Course"


def sanitize(text: str) -> str:
    """Untrusted text without escape sequences or control characters (newlines kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    return " ".join(sanitize(text).split())


def clean_url(url: str) -> str | None:
    url = sanitize(url).strip()
    return None if url_problem(url) else url


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
    """The plain text of an inline token, and the links in it, in order."""

    def __init__(self, token: Any) -> None:
        self.text = ""
        self.links: list[tuple[str, str]] = []  # (title, url)
        self.bold: list[tuple[str, str | None]] = []  # (text, url of a link inside, if any)
        self.starts_bold = False  # the text opens with a bold span (after symbols)
        link_start: int | None = None
        link_href: str | None = None
        bold_start: int | None = None
        bold_href: str | None = None
        for child in token.children or []:
            kind = child.type
            if kind in ("text", "code_inline"):
                self.text += child.content
            elif kind in ("softbreak", "hardbreak"):
                self.text += " "
            elif kind == "html_inline":
                # <a href="...">: keep the link; other tags vanish.
                m = re.match(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", child.content, re.I)
                if m:
                    link_start, link_href = len(self.text), m.group(1)
                elif child.content.lower().startswith("</a") and link_href is not None:
                    self.links.append((self.text[link_start:], link_href))
                    link_href = None
            elif kind == "link_open":
                link_start, link_href = len(self.text), str(child.attrs.get("href", ""))
            elif kind == "link_close" and link_href is not None:
                self.links.append((self.text[link_start:], link_href))
                if bold_start is not None:
                    bold_href = link_href
                link_href = None
            elif kind == "strong_open":
                bold_start, bold_href = len(self.text), None
            elif kind == "strong_close" and bold_start is not None:
                if not self.bold and not strip_symbols(self.text[:bold_start]):
                    self.starts_bold = True
                self.bold.append((self.text[bold_start:], bold_href))
                bold_start = None
            elif kind == "image":
                pass  # alt text is not content
        self.text = one_line(self.text)


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

    text = _DETAILS.sub("", sanitize(text))
    lang = detect_language(text)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    parser = _Parser(tokens, lang)
    parser.run()
    if not parser.parts or not any(p["topics"] for p in parser.parts):
        raise CourseError(
            f"{source}: no course found",
            ["expected '## Part' headings holding '### 1. Topic' headings"],
        )
    return parser.course(source)


class _Parser:
    def __init__(self, tokens: list[Any], lang: str) -> None:
        self.tokens = tokens
        self.lang = lang
        self.title = ""
        self.intro: list[str] = []
        self.part_blurbs: dict[str, str] = {}  # bold part name in the intro list -> its line
        self.links: list[dict[str, Any]] = []
        self.parts: list[dict[str, Any]] = []
        self.notebooks: list[dict[str, Any]] = []

    def loc(self, s: str) -> dict[str, str]:
        return {self.lang: s}

    # -- walking ---------------------------------------------------------------------------

    def run(self) -> None:
        section = "intro"  # then "notebooks" or "part"
        part: dict[str, Any] | None = None
        topic: dict[str, Any] | None = None
        group: str | None = None
        in_resources = False
        toks = self.tokens
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.type == "heading_open":
                heading = one_line(toks[i + 1].content)
                plain = strip_symbols(heading)
                if tok.tag == "h1":
                    self.title = self.title or plain
                elif tok.tag == "h2":
                    topic, in_resources, group = None, False, None
                    if "notebook" in plain.lower() or "筆記本" in plain:
                        section, part = "notebooks", None
                    else:
                        section = "part"
                        part = {"title": plain, "summary": "", "topics": []}
                        self.parts.append(part)
                elif tok.tag == "h3":
                    in_resources = False
                    m = _TOPIC_HEADING.match(plain)
                    if section == "notebooks":
                        group = NOTEBOOK_GROUPS.get(re.sub(r"\s*[(\uff08].*", "", plain).lower())
                        group = group or _group_from_words(plain)
                    elif section == "part" and part is not None and m:
                        title = one_line(m.group(2))
                        topic = {
                            "title": title,
                            "anchor": github_anchor(plain),
                            "summary": [],
                            "concepts": [],
                            "resources": [],
                        }
                        part["topics"].append(topic)
                    else:
                        topic = None
                i += 3
                continue
            if tok.type == "html_block" and section == "intro":
                self._intro_html(tok.content)
            elif tok.type == "paragraph_open":
                inline = toks[i + 1]
                para = _Inline(inline)
                if section == "intro":
                    if para.text:
                        self.intro.append(para.text)
                elif topic is not None:
                    if _is_resources_header(para.text):
                        in_resources = True
                    elif para.text and not (in_resources or topic["concepts"]):
                        topic["summary"].append(para.text)
                elif part is not None and not part["topics"] and para.text:
                    part["summary"] = part["summary"] or para.text
                i += 3
                continue
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                end = _close_of(toks, i)
                items = _list_items(toks, i, end)
                if section == "intro":
                    self._intro_list(items)
                elif topic is not None:
                    for item in items:
                        if in_resources:
                            topic["resources"].append(item)
                        elif "📚" in item.text:
                            # A resources header written right under the last concept, with
                            # no blank line, continues that item; what follows is resources.
                            item.text = item.text.split("📚")[0].strip()
                            topic["concepts"].append(item)
                            in_resources = True
                        elif not topic["resources"]:
                            topic["concepts"].append(item)
                i = end + 1
                continue
            elif tok.type == "table_open" and section == "notebooks":
                end = _close_of(toks, i)
                self._notebook_table(toks[i:end], group or "other")
                i = end + 1
                continue
            elif tok.type == "hr":
                in_resources = False if topic is None else in_resources
            i += 1

    # -- pieces ----------------------------------------------------------------------------

    def _intro_html(self, html: str) -> None:
        if not self.title and (m := _H1.search(html)):
            self.title = strip_symbols(one_line(_TAG.sub("", m.group(1))))
        for href, inner in _HREF.findall(html):
            title = strip_symbols(one_line(_TAG.sub("", inner)))
            url = clean_url(href)
            if title and url:
                self.links.append({"title": title, "url": url})

    def _intro_list(self, items: list[_Inline]) -> None:
        for item in items:
            self.intro.append(item.text)
            for bold, _ in item.bold:
                self.part_blurbs[strip_symbols(bold).lower()] = strip_symbols(item.text)

    def _notebook_table(self, toks: list[Any], group: str) -> None:
        rows: list[list[_Inline]] = []
        row: list[_Inline] | None = None
        for tok in toks:
            if tok.type == "tr_open":
                row = []
            elif tok.type == "inline" and row is not None:
                row.append(_Inline(tok))
            elif tok.type == "tr_close" and row is not None:
                rows.append(row)
                row = None
        for cells in rows[1:]:  # the first row is the header
            if len(cells) < 3:
                continue
            name, desc, last = cells[0], cells[1], cells[-1]
            colab = next((clean_url(u) for _, u in last.links if clean_url(u)), None)
            title = re.sub(r"^\d+\.\s*", "", strip_symbols(name.text))
            if not colab or not title:
                continue
            notebook: dict[str, Any] = {
                "title": title,
                "summary": desc.text or title,
                "colab_url": colab,
                "group": group,
            }
            repo = next((clean_url(u) for _, u in name.links if clean_url(u)), None)
            if repo:
                notebook["repo_url"] = repo
            if len(cells) >= 4:
                article = next((clean_url(u) for _, u in cells[2].links if clean_url(u)), None)
                if article:
                    notebook["article_url"] = article
            self.notebooks.append(notebook)

    # -- the result ------------------------------------------------------------------------

    def course(self, source: str) -> dict[str, Any]:
        ids = _Ids()
        self.concept_ids = _Ids()  # concepts have their own namespace, course-wide
        parts: list[dict[str, Any]] = []
        for pi, part in enumerate(self.parts, 1):
            topics = [self._topic(t, ids) for t in part["topics"]]
            if not topics:
                continue
            blurb = part["summary"] or self.part_blurbs.get(part["title"].lower()) or part["title"]
            for ti, topic in enumerate(topics, 1):
                topic["number"] = ti
            parts.append(
                {
                    "id": ids.make(part["title"], f"part-{pi}"),
                    "number": len(parts) + 1,
                    "title": self.loc(part["title"]),
                    "summary": self.loc(blurb),
                    "topics": topics,
                }
            )
        notebooks = []
        for nb in self.notebooks:
            entry = dict(nb)
            entry["id"] = ids.make(nb["title"], "notebook")
            entry["title"] = self.loc(nb["title"])
            entry["summary"] = self.loc(nb["summary"])
            notebooks.append(entry)
        links = [
            {
                "id": ids.make(link["title"], "link"),
                "title": self.loc(link["title"]),
                "url": link["url"],
            }
            for link in self.links
        ]
        title = self.title or DEFAULT_TITLE
        summary = " ".join(self.intro).strip() or title
        return {
            "id": "llm-course",
            "edition": "",
            "languages": [self.lang],
            "title": self.loc(title),
            "summary": self.loc(summary),
            "web_url": "https://github.com/mlabonne/llm-course",
            "credit": {},
            "links": links,
            "parts": parts,
            "notebooks": notebooks,
        }

    def _topic(self, topic: dict[str, Any], ids: _Ids) -> dict[str, Any]:
        concepts = []
        concept_ids = self.concept_ids
        for item in topic["concepts"]:
            concept = _concept(item)
            if concept is None:
                continue
            name, summary, links = concept
            concepts.append(
                {
                    "id": concept_ids.make(name, "concept"),
                    "name": self.loc(name),
                    "summary": self.loc(summary or name),
                    "links": links,
                }
            )
        resources = []
        seen: set[tuple[str, str]] = set()
        for item in topic["resources"]:
            res = _resource(item)
            # The same link listed twice is kept once; one URL under two titles stays two
            # resources (the course has such slips, and the learner may have marked either).
            if res is None or (res["url"], res["title"]) in seen:
                continue
            seen.add((res["url"], res["title"]))
            res["id"] = ids.make(res.pop("title_text"), "resource")
            res["title"] = self.loc(res["title"])
            res["summary"] = self.loc(res["summary"])
            resources.append(res)
        title = topic["title"]
        return {
            "id": ids.make(title, "topic"),
            "title": self.loc(title),
            "summary": self.loc(" ".join(topic["summary"]) or title),
            "anchor": topic["anchor"],
            "concepts": concepts,
            "resources": resources,
        }


class _Ids:
    """Slug ids, unique among those made by one instance."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, title: str, fallback: str) -> str:
        base = slug(title) or fallback
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def _group_from_words(title: str) -> str | None:
    low = title.lower()
    for word, group in NOTEBOOK_GROUPS.items():
        if word in low:
            return group
    return None


def _close_of(toks: list[Any], start: int) -> int:
    """Index of the token closing the one at `start` (same nesting level)."""
    level = toks[start].level
    closing = toks[start].type.replace("_open", "_close")
    for j in range(start + 1, len(toks)):
        if toks[j].type == closing and toks[j].level == level:
            return j
    return len(toks) - 1


def _list_items(toks: list[Any], start: int, end: int) -> list[_Inline]:
    """The first inline of each top-level item of the list at `start`."""
    items: list[_Inline] = []
    item_level = toks[start].level + 1
    want = False
    for j in range(start + 1, end):
        tok = toks[j]
        if tok.type == "list_item_open" and tok.level == item_level:
            want = True
        elif tok.type == "inline" and want:
            items.append(_Inline(tok))
            want = False
    return items


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
    """`[Title](url) by Author: text` -> a raw resource (provisional id)."""
    if not item.links:
        return None
    title, url = item.links[0]
    good = clean_url(url)
    title = one_line(title)
    if not good or not title:
        return None
    idx = item.text.find(title)
    rest = item.text[idx + len(title) :] if idx >= 0 else item.text
    res: dict[str, Any] = {"title_text": title, "title": title, "url": good, "kind": _kind_of(good)}
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
