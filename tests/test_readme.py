"""The README parser: our own small fixture, hostile text, and the three real editions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sources_or_skip

from llmcourse.course.load import validate_raw
from llmcourse.course.readme import parse_readme, sanitize
from llmcourse.errors import CourseError

FIXTURE = Path(__file__).parent / "fixtures" / "readme-mini.md"


def _topics(raw):
    return [t for p in raw["parts"] for t in p["topics"]]


def _fill_credit(raw):
    raw["edition"] = "test"
    raw["credit"] = {
        "author": "A",
        "repository": "a/b",
        "url": "https://example.org",
        "license": "MIT",
        "note": {lang: "quoted from the README" for lang in raw["languages"]},
    }
    return raw


def test_fixture_structure():
    raw = parse_readme(FIXTURE.read_text(encoding="utf-8"))
    assert raw["title"] == {"en": "Tiny Test Course"}
    assert [p["title"]["en"] for p in raw["parts"]] == ["Basics", "Practice"]  # no Acknowledgements
    assert raw["parts"][0]["summary"]["en"] == "Basics gets you started."  # from the intro list
    sheep, shearing, rlhf = _topics(raw)
    assert sheep["anchor"] == "1-counting-sheep"
    assert sheep["summary"]["en"].startswith("Sheep are counted one at a time. Some")
    # bold and bold-link concepts, with the links in their text
    assert [c["name"]["en"] for c in sheep["concepts"]] == ["Single counting", "Double counting"]
    assert sheep["concepts"][1]["summary"]["en"].startswith("two sheep per step")
    assert [link["url"] for link in sheep["concepts"][1]["links"]] == [
        "https://example.org/double",
        "https://example.org/pairs",
    ]
    # '-' and '*' bullets in one section; a repeated entry kept once; javascript: dropped
    assert [r["title"]["en"] for r in sheep["resources"]] == ["Sheep Handbook", "Wool Video"]
    assert sheep["resources"][0]["author"] == "Ann Author"
    assert sheep["resources"][1]["kind"] == "video"
    # a resources header glued to the last concept; the same URL under another title is kept
    assert [c["name"]["en"] for c in shearing["concepts"]] == ["Tools"]
    assert shearing["concepts"][0]["summary"]["en"] == "clippers."
    assert shearing["resources"][0]["url"] == "https://example.org/sheep"
    assert shearing["resources"][1]["author_url"] == "https://example.org/bw"
    assert rlhf["resources"][0]["title"]["en"] == "Feedback Post"  # "**References**:" header
    # notebooks: 3 and 4 columns, rows without a Colab link skipped, numbering dropped
    nbs = raw["notebooks"]
    assert [(n["title"]["en"], n["group"]) for n in nbs] == [
        ("Widget Maker", "tools"),
        ("Tune a Thing", "fine-tuning"),
    ]
    assert nbs[0]["repo_url"] == "https://example.org/widget-repo"
    assert nbs[1]["article_url"] == "https://example.org/blog/tune"
    assert [link["url"] for link in raw["links"]] == ["https://example.org/author"]
    validate_raw(_fill_credit(raw), "fixture")


def test_hostile_text_is_cleaned():
    text = (
        FIXTURE.read_text(encoding="utf-8")
        .replace("Sheep are counted", "Sheep \x1b[31mare\x1b[0m \x1b]0;title\x07counted\x00\x07")
        .replace("[Wool Video]", "[Wool\x9b2J Video]")
    )
    raw = parse_readme(text)
    sheep = _topics(raw)[0]
    assert sheep["summary"]["en"].startswith("Sheep are counted")
    assert sheep["resources"][1]["title"]["en"] == "Wool Video"
    assert sanitize("a\x1b[2Jb\r\nc\u202ed\x00") == "ab\ncd"
    validate_raw(_fill_credit(raw), "hostile")


@pytest.mark.parametrize(
    "text", ["", "# Just a title\n\nSome words.\n", "## Part\n\n### Not numbered\n"]
)
def test_no_course_is_an_error(text):
    with pytest.raises(CourseError, match="no course found"):
        parse_readme(text, "x.md")


@pytest.mark.parametrize(
    ("name", "lang", "topics", "notebooks"),
    [
        ("llm-course-en-2024-01-29.md", "en", 19, 15),
        ("llm-course-zh-TW-2024-02-10.md", "zh-TW", 19, 15),
        ("llm-course-en-2026-02-04.md", "en", 20, 23),
    ],
)
def test_real_editions(name, lang, topics, notebooks):
    raw = parse_readme(sources_or_skip(name).read_text(encoding="utf-8"), name)
    assert raw["languages"] == [lang]
    assert [len(p["topics"]) for p in raw["parts"]][:2] == [4, 8]
    assert len(_topics(raw)) == topics
    assert len(raw["notebooks"]) == notebooks
    for topic in _topics(raw):
        assert topic["concepts"], topic["title"]
        assert topic["resources"], topic["title"]
        assert all(r["url"].startswith("http") for r in topic["resources"])
    validate_raw(_fill_credit(raw), name)


def test_2026_edition_details():
    name = "llm-course-en-2026-02-04.md"
    raw = parse_readme(sources_or_skip(name).read_text(encoding="utf-8"), name)
    titles = [t["title"]["en"] for t in _topics(raw)]
    assert "Agents" in titles and "Preference Alignment" in titles
    pref = next(t for t in _topics(raw) if t["title"]["en"] == "Preference Alignment")
    # "**[Direct Preference Optimization](url)** text" (no colon) is still a concept
    dpo = next(c for c in pref["concepts"] if c["name"]["en"] == "Direct Preference Optimization")
    assert dpo["links"][0]["url"] == "https://arxiv.org/abs/2305.18290"
    assert dpo["summary"]["en"].startswith("Directly optimizes")
    groups = {n["group"] for n in raw["notebooks"]}
    assert groups == {"tools", "fine-tuning", "quantization", "other"}
