"""The built-in course: complete, valid, bilingual, and faithful to the seed's facts."""

from __future__ import annotations

import re

from conftest import course_texts, sources_or_skip

from llmcourse import paths
from llmcourse.course.load import read_course
from llmcourse.course.model import LANGUAGES


def builtin():
    return read_course(paths.builtin_course_dir())


def test_builtin_course_has_the_whole_seed() -> None:
    course = builtin()
    assert [p.id for p in course.parts] == ["fundamentals", "scientist", "engineer"]
    assert [len(p.topics) for p in course.parts] == [4, 8, 7]
    assert sum(len(t.concepts) for t in course.topics.values()) == 72
    assert len(course.resources) == 94
    assert len(course.notebooks) == 15
    assert {nb.group for nb in course.notebooks} == {
        "tools",
        "fine-tuning",
        "quantization",
        "other",
    }
    assert course.number_of("quantization") == "2.7"
    assert course.number_of("supervised-fine-tuning") == "2.4"
    assert {link.id for link in course.links} >= {"author-x", "blog", "book", "assistant"}


def test_every_text_is_written_in_both_languages() -> None:
    course = builtin()
    assert course.languages == LANGUAGES
    for text in course_texts(course):
        for lang in LANGUAGES:
            assert text[lang].strip(), text
            assert "TODO" not in text[lang], text
    # The Chinese summaries are Chinese, not English copied over.
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for topic in course.topics.values():
        assert cjk.search(topic.summary["zh-TW"]), topic.id
        assert cjk.search(topic.title["zh-TW"]), topic.id


def test_prerequisites_and_notebooks_place_every_topic() -> None:
    course = builtin()
    assert course.topics["quantization"].prerequisites
    gptq = [nb for nb in course.notebooks if "GPTQ" in nb.title["en"]]
    assert gptq and gptq[0].topics == ("quantization",)
    # The first topics stand alone; every later one needs something.
    roots = [t.id for t in course.topics.values() if not t.prerequisites]
    assert roots == ["mathematics", "python"]


# The course's wrong links, corrected (each recorded in data/CREDITS.md): what the seed linked
# -> what the data links instead. None: the seed had no link there.
CORRECTED_URLS: dict[str | None, str] = {
    # "4-bit LLM Quantization with GPTQ" linked the introduction article (still linked by
    # its own resource, so the seed URL stays in the set)
    "https://mlabonne.github.io/blog/posts/Introduction_to_Weight_Quantization.html": (
        "https://mlabonne.github.io/blog/posts/4_bit_Quantization_with_GPTQ.html"
    ),
    "https://huggingface.co/blog/dpo-trl": (
        "https://mlabonne.github.io/blog/posts/Fine_tune_Mistral_7b_with_DPO.html"
    ),
    "https://substack.com/profile/27393275-sebastian-raschka-phd": (
        "https://magazine.sebastianraschka.com/p/llm-training-rlhf-and-its-alternatives"
    ),
    None: "https://arxiv.org/abs/2306.01708",  # TIES
}
STILL_LINKED = {"https://mlabonne.github.io/blog/posts/Introduction_to_Weight_Quantization.html"}


def test_url_set_equals_the_seeds_with_the_documented_corrections() -> None:
    seed = sources_or_skip("llm-course-zh-TW-2024-02-10.md").read_text(encoding="utf-8")
    seed_urls = set(re.findall(r"https?://[^\s)\]\"<>]+", seed))
    seed_urls = {u for u in seed_urls if "star-history.com" not in u}
    assert len(seed_urls) == 196
    removed = {u for u in CORRECTED_URLS if u is not None} - STILL_LINKED
    expected = (seed_urls - removed) | set(CORRECTED_URLS.values())
    assert builtin().all_urls() == expected
    credits = (paths.builtin_course_dir().parent / "CREDITS.md").read_text(encoding="utf-8")
    for old, new in CORRECTED_URLS.items():
        assert new in credits and (old is None or old in credits), new


def test_corrected_resources_point_where_their_titles_say() -> None:
    course = builtin()
    gptq = course.resources["4-bit-llm-quantization-with-gptq"][1]
    assert gptq.url.endswith("/4_bit_Quantization_with_GPTQ.html")
    dpo = course.resources["fine-tune-mistral-7b-with-dpo"][1]
    assert "Mistral_7b_with_DPO" in dpo.url
    raschka = course.resources["llm-training-rlhf-and-its-alternatives"][1]
    assert raschka.author == "Sebastian Raschka" and "rlhf-and-its-alternatives" in raschka.url
    merging = next(c for c in course.topics["new-trends"].concepts if c.id == "model-merging")
    links = {link.title: link.url for link in merging.links}
    assert links["TIES"] == "https://arxiv.org/abs/2306.01708"
    assert links["DARE"] == "https://arxiv.org/abs/2311.03099"


def test_titles_and_concept_names_are_the_seeds() -> None:
    english = sources_or_skip("llm-course-en-2024-01-29.md").read_text(encoding="utf-8")
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", english).replace("**", "")
    course = builtin()
    for topic in course.topics.values():
        assert f". {topic.title['en']}" in english, topic.id
        for concept in topic.concepts:
            assert concept.name["en"] in plain, concept.id
