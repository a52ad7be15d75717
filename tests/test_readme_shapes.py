"""Every shape the course README has had parses fully: trimmed real excerpts (always) and the
whole sample editions (when ../shared/course-sources is present)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import sources_or_skip
from test_readme import _fill_credit, _topics

from llmcourse.course.load import validate_raw
from llmcourse.course.readme import parse_readme

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPTS = sorted(p.name for p in FIXTURES.glob("excerpt-*.md"))
SAMPLES = {
    # name: (language, topics per part, notebooks)
    "llm-course-en-2023-06-17.md": ("en", [8], 3),
    "llm-course-en-2023-11-27.md": ("en", [4, 8], 8),
    "llm-course-en-2024-01-29.md": ("en", [4, 8, 7], 15),
    "llm-course-en-2025-05-11.md": ("en", [4, 8, 8], 21),
    "llm-course-en-2026-02-04.md": ("en", [4, 8, 8], 23),
    "llm-course-zh-TW-2024-02-10.md": ("zh-TW", [4, 8, 7], 15),
    "llm-course-zh-TW-2024-02-24.md": ("zh-TW", [4, 8, 7], 15),
    "llm-course-zh-TW-2024-05-22.md": ("zh-TW", [4, 8, 7], 15),
}
_LINK = re.compile(r"\]\((https?://[^)\s]+)\)|href=\"(https?://[^\"]+)\"")
_TOPIC = re.compile(r"^###\s+\d+\s*[.\u3001\uff0e]")


def _topic_sections(text: str) -> list[str]:
    """The text under each `### N. Topic` heading, up to the next heading: read with regular
    expressions, independently of the parser."""
    sections: list[str] = []
    current: list[str] | None = None
    in_notebooks = False
    for line in text.splitlines():
        if line.startswith("#"):
            if current is not None:
                sections.append("\n".join(current))
            if line.startswith("## "):
                in_notebooks = "otebook" in line or "筆記本" in line
            current = [] if _TOPIC.match(line) and not in_notebooks else None
        elif current is not None:
            current.append(line)
    if current is not None:
        sections.append("\n".join(current))
    return sections


def _accounted(topic) -> set[str]:
    """Every URL the parsed topic keeps: resources, their author and extra links, concepts."""
    urls = {r["url"] for r in topic["resources"]}
    urls |= {r["author_url"] for r in topic["resources"] if "author_url" in r}
    urls |= {link["url"] for r in topic["resources"] for link in r.get("links", [])}
    urls |= {link["url"] for c in topic["concepts"] for link in c["links"]}
    return {unquote(u) for u in urls}


def _check_every_link_kept(text: str, raw) -> int:
    """Each link in each topic section is a resource (or a concept's or author's link);
    returns how many links the sections hold."""
    sections = _topic_sections(text)
    topics = _topics(raw)
    assert len(sections) == len(topics)
    total = 0
    for section, topic in zip(sections, topics, strict=True):
        kept = _accounted(topic)
        for m in _LINK.finditer(section):
            url = unquote(m.group(1) or m.group(2))
            total += 1
            assert url in kept or any(k.startswith(url) for k in kept), (topic["title"], url)
    return total


def _learning_links(text: str) -> int:
    """Distinct links in list items and paragraphs of topic sections that are not a
    concept's bold name: what should become resources."""
    count = 0
    for section in _topic_sections(text):
        seen = set()
        for line in section.splitlines():
            if re.match(r"^\s*[-*]\s+\*\*", line):
                continue  # a concept: its links stay in its text
            for m in _LINK.finditer(line):
                seen.add(m.group(1) or m.group(2))
        count += len(seen)
    return count


@pytest.mark.parametrize("name", EXCERPTS)
def test_excerpts_keep_every_link(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    raw = parse_readme(text, name)
    assert _check_every_link_kept(text, raw) > 10
    for topic in _topics(raw):
        assert topic["resources"], topic["title"]
    validate_raw(_fill_credit(raw), name)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_parses_fully(name):
    text = sources_or_skip(name).read_text(encoding="utf-8")
    raw = parse_readme(text, name)
    lang, per_part, notebooks = SAMPLES[name]
    assert raw["languages"] == [lang]
    assert [len(p["topics"]) for p in raw["parts"]] == per_part
    assert len(raw["notebooks"]) == notebooks
    _check_every_link_kept(text, raw)
    resources = sum(len(t["resources"]) for t in _topics(raw))
    # each distinct link outside a concept's own line is a resource (a few bullets carry two
    # links, e.g. an author's; a link listed twice in a topic is kept once)
    assert resources >= _learning_links(text) * 0.9
    validate_raw(_fill_credit(raw), name)


def test_restructured_zh_tw_keeps_its_resources():
    """The translator's restructuring (nested bullets, 推薦閱讀 groups, extra references)
    must not lose resources: its topic sections hold at least the 94 of the original."""
    name = "llm-course-zh-TW-2024-02-24.md"
    raw = parse_readme(sources_or_skip(name).read_text(encoding="utf-8"), name)
    assert sum(len(t["resources"]) for t in _topics(raw)) >= 94


def test_zh_tw_excerpt_shapes():
    raw = parse_readme((FIXTURES / "excerpt-zh-TW-2024-02-24.md").read_text(encoding="utf-8"))
    math, python, arch, quant = _topics(raw)
    urls = [r["url"] for r in math["resources"]]
    # "推薦閱讀：" before the concepts, the "電子書：" group, and the 📚 list after them
    assert urls[0] == "https://zh-v2.d2l.ai/d2l-zh-pytorch.pdf"
    assert any("Jash-good-idea" in u for u in urls)
    assert "https://www.khanacademy.org/math/linear-algebra" in urls
    assert [c["name"]["zh-TW"] for c in math["concepts"]][:2] == ["線性代數", "微積分"]
    # bullets nested under a concept ("推薦閱讀,應用-[…](…)") are resources too
    assert "https://uwdata.github.io/visualization-curriculum/intro.html" in [
        r["url"] for r in python["resources"]
    ]
    assert python["concepts"][0]["name"]["zh-TW"] == "Python基礎"
    # loose `*` lists nested under `*` concepts
    assert "https://fullstackdeeplearning.com/llm-bootcamp/spring-2023/llm-foundations/" in [
        r["url"] for r in arch["resources"]
    ]
    assert quant["resources"]
    # notebook tables with Chinese headers; the badge images are not titles
    assert [n["title"]["zh-TW"] for n in raw["notebooks"]][:2] == ["LLM AutoEval", "LazyMergekit"]
    assert raw["notebooks"][0]["repo_url"] == "https://github.com/mlabonne/llm-autoeval"


def test_first_edition_shape():
    """2023-06-17: no parts, one "Roadmap" section, notebooks before it with a "-" article."""
    raw = parse_readme((FIXTURES / "excerpt-en-2023-06-17.md").read_text(encoding="utf-8"))
    assert [p["title"]["en"] for p in raw["parts"]] == ["Roadmap"]
    assert [t["title"]["en"] for t in _topics(raw)] == [
        "Mathematics for Machine Learning",
        "The Transformer Architecture",
        "LMOps",
    ]
    assert "article_url" not in raw["notebooks"][1]  # "-" in the article column


def test_notebook_columns_in_any_order():
    text = (
        "## Notebooks\n\n### Tools\n\n"
        "| Colab | Article | Description | Name |\n|---|---|---|---|\n"
        '| <a href="https://colab.research.google.com/drive/x"><img src="b.svg"></a> '
        "| [Article](https://example.org/a) | Does things. | 🔧 [Thing](https://example.org/r) |\n"
        "\n## Part\n\n### 1. Topic\n\n- [R](https://example.org/r1): text\n"
    )
    (nb,) = parse_readme(text)["notebooks"]
    assert nb["title"] == {"en": "Thing"}
    assert nb["summary"] == {"en": "Does things."}
    assert nb["colab_url"] == "https://colab.research.google.com/drive/x"
    assert nb["article_url"] == "https://example.org/a"
    assert nb["repo_url"] == "https://example.org/r"


def test_malformed_urls_are_skipped():
    text = (
        "## Part\n\n### 1. Topic\n\n"
        "- **Concept**: see [this](http://[::1) and [that](https://example.org/ok)\n\n"
        "📚 Resources:\n\n"
        "- [Broken](http://[::1): skipped\n"
        "- [Fine](https://example.org/fine): kept\n"
    )
    (topic,) = _topics(parse_readme(text))
    assert [r["url"] for r in topic["resources"]] == ["https://example.org/fine"]
    assert [link["url"] for link in topic["concepts"][0]["links"]] == ["https://example.org/ok"]


def test_html_anchors_and_badges_are_ignored():
    text = (
        '## Part\n\n<a name="top"></a>\n\n### 1. Topic\n\n'
        "[![badge](https://img.shields.io/x.svg)](https://example.org/badge-target) "
        '<a id="x"></a>\n\n'
        "- [Real](https://example.org/real): a resource\n"
    )
    (topic,) = _topics(parse_readme(text))
    assert [r["url"] for r in topic["resources"]] == ["https://example.org/real"]


def test_hostile_readme_stays_linear():
    def parse(n: int) -> float:
        text = "## Part\n\n" + "### 1. Same\n\n- **C**: x\n- [R](https://e.org/r) by A: y\n\n" * n
        start = time.perf_counter()
        raw = parse_readme(text)
        elapsed = time.perf_counter() - start
        ids = [t["id"] for t in _topics(raw)]
        assert len(set(ids)) == n and ids[1] == "same-2"
        return elapsed

    small, large = parse(2_500), parse(10_000)
    assert large < 20
    assert large < small * 4 * 2.5  # four times the input: about four times the time
