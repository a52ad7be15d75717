"""The built-in 2026-02-04 edition: complete, valid, bilingual, faithful to its README's facts
(with the README's known link errors corrected), and with ids that agree with the 2024 edition."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import course_texts as texts
from conftest import sources_or_skip
from zh_usage import NAMES

from llmcourse import paths
from llmcourse.course.idmatch import url_key as key
from llmcourse.course.load import read_course
from llmcourse.course.model import LANGUAGES, Course

README = "llm-course-en-2026-02-04.md"

# Facts of the 2026-02-04 README, vendored so that the counts are checked even without it.
PARTS = {
    "fundamentals": ["mathematics", "python", "neural-networks", "nlp"],
    "scientist": [
        "llm-architecture", "pre-training", "instruction-datasets", "supervised-fine-tuning",
        "rlhf", "evaluation", "quantization", "new-trends",
    ],
    "engineer": [
        "running-llms", "vector-storage", "rag", "advanced-rag", "agents",
        "inference-optimization", "deploying-llms", "securing-llms",
    ],
}  # fmt: skip
# topic id -> (key concepts, references) as the README lists them.
COUNTS = {
    "mathematics": (3, 7), "python": (4, 5), "neural-networks": (4, 4), "nlp": (4, 6),
    "llm-architecture": (4, 5), "pre-training": (4, 7), "instruction-datasets": (4, 6),
    "supervised-fine-tuning": (4, 4), "rlhf": (4, 6), "evaluation": (4, 5),
    "quantization": (4, 6), "new-trends": (4, 6), "running-llms": (4, 4),
    "vector-storage": (4, 4), "rag": (4, 6), "advanced-rag": (4, 6), "agents": (4, 3),
    "inference-optimization": (3, 6), "deploying-llms": (4, 4), "securing-llms": (3, 4),
}  # fmt: skip
NOTEBOOKS = [
    "llm-autoeval", "lazymergekit", "lazyaxolotl", "autoquant", "model-family-tree", "zerospace",
    "autoabliteration", "autodedup", "fine-tune-llama-3-1-with-unsloth",
    "fine-tune-llama-3-with-orpo", "notebook-fine-tune-mistral-7b-with-dpo",
    "fine-tune-mistral-7b-with-qlora", "fine-tune-llms-with-axolotl",
    "fine-tune-llama-2-in-google-colab", "notebook-introduction-to-quantization",
    "4-bit-quantization-using-gptq", "quantization-with-gguf-and-llama-cpp",
    "exllamav2-the-fastest-library-to-run-llms", "notebook-merge-llms-with-mergekit",
    "create-moes-with-mergekit", "uncensor-any-llm-with-abliteration",
    "improve-chatgpt-with-knowledge-graphs", "decoding-strategies-in-large-language-models",
]  # fmt: skip

# The README's known link errors and what the data has instead (recorded in data/CREDITS.md).
# The DARE link stays; TIES, which shared it, gets its own paper.
CORRECTED = {
    # "Llama 3.1" linked to the Llama 2 paper; the Llama 3 herd paper describes 3.1.
    "https://arxiv.org/abs/2307.09288": "https://arxiv.org/abs/2407.21783",
    "https://mlabonne.github.io/blog/posts/2022-06-07-Decoding_strategies.html": (
        "https://mlabonne.github.io/blog/posts/2023-06-07-Decoding_strategies.html"
    ),
}
ADDED = {"https://arxiv.org/abs/2306.01708"}  # TIES
TRACKING = re.compile(r"[?&](?:utm_[a-z]+|fbclid|gclid)=[^&#]*")

# Mainland usage that Taiwan writes otherwise (資料, 網路, 程式, 最佳化, 預設, 執行, 支援, 介面...).
MAINLAND = re.compile(
    r"數據|網絡|程序|優化|默認|運行|支持|接口|信息|軟件|硬件|視頻|質量|代碼|調用|內存|字符|"
    r"模板|(?<!演)算法|鏈接|創建|服務器|實現|大語言模型|標記化|令牌|文本|智能"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def edition_dir() -> Path:
    return paths.builtin_course_dir().parent / "course-2026-02-04"


@cache
def edition() -> Course:
    return read_course(edition_dir())


def readme_urls() -> set[str]:
    text = sources_or_skip(README).read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s)\]\"<>]+", text))
    # Badges, images and the star-history chart are decoration, not course content.
    return {u for u in urls if "star-history.com" not in u and "i.imgur.com" not in u}


def data_urls() -> set[str]:
    return edition().all_urls()


def test_the_edition_has_every_part_topic_and_notebook() -> None:
    course = edition()
    assert course.edition == "2026-02-04"
    assert {p.id: [t.id for t in p.topics] for p in course.parts} == PARTS
    for topic_id, (concepts, resources) in COUNTS.items():
        topic = course.topics[topic_id]
        assert (len(topic.concepts), len(topic.resources)) == (concepts, resources), topic_id
    assert len(course.resources) == 104
    assert [nb.id for nb in course.notebooks] == NOTEBOOKS
    assert course.number_of("agents") == "3.5"
    assert all(nb.topics for nb in course.notebooks)


def test_vendored_counts_are_the_readmes() -> None:
    text = sources_or_skip(README).read_text(encoding="utf-8")
    sections = re.split(r"^### \d+\. ", text, flags=re.M)[1:]
    counted = []
    for section in sections:
        concepts = re.findall(r"^[-*] \*\*", section, flags=re.M)
        refs = section.split("📚", 1)[1] if "📚" in section else ""
        refs = refs.split("\n---", 1)[0].split("</details>", 1)[0]
        counted.append((len(concepts), len(re.findall(r"^[-*] \[", refs, flags=re.M))))
    assert counted == list(COUNTS.values())
    assert len(re.findall(r"colab\.research\.google\.com", text)) == len(NOTEBOOKS)


def test_every_readme_url_is_in_the_data() -> None:
    urls = data_urls()
    missing = set()
    for url in readme_urls():
        clean = TRACKING.sub("", url)
        if CORRECTED.get(clean, clean) not in urls:
            missing.add(url)
    assert not missing


def test_the_data_invents_no_url() -> None:
    readme = {TRACKING.sub("", u) for u in readme_urls()}
    allowed = (readme - set(CORRECTED)) | set(CORRECTED.values()) | ADDED
    assert data_urls() - allowed == set()
    assert not any(TRACKING.search(u) for u in data_urls())
    assert not set(CORRECTED) & data_urls()


def test_the_known_readme_errors_are_corrected() -> None:
    course = edition()
    merging = next(c for c in course.topics["new-trends"].concepts if c.id == "model-merging")
    links = {link.title: link.url for link in merging.links}
    assert links["TIES"] == "https://arxiv.org/abs/2306.01708"
    assert links["DARE"] == "https://arxiv.org/abs/2311.03099"
    data = next(c for c in course.topics["pre-training"].concepts if c.id == "data-preparation")
    assert [link.url for link in data.links] == ["https://arxiv.org/abs/2407.21783"]
    decoding = course.notebook_map["decoding-strategies-in-large-language-models"]
    assert decoding.article_url == course.resources["decoding-strategies-in-llms"][1].url
    credits = (edition_dir().parent / "CREDITS.md").read_text(encoding="utf-8")
    for fact in ("2306.01708", "2407.21783", "2022-06-07", "utm_source"):
        assert fact in credits


def test_both_languages_are_complete() -> None:
    course = edition()
    assert course.languages == LANGUAGES
    for text in texts(course):
        for lang in LANGUAGES:
            assert text[lang].strip() and "TODO" not in text[lang], text
    for topic in course.topics.values():
        assert CJK.search(topic.title["zh-TW"]) and CJK.search(topic.summary["zh-TW"]), topic.id
        for concept in topic.concepts:
            assert CJK.search(concept.name["zh-TW"]) or concept.name["zh-TW"] == concept.name[
                "en"
            ] in {"Flash Attention"}, concept.id
            assert CJK.search(concept.summary["zh-TW"]), concept.id
        for res in topic.resources:
            assert CJK.search(res.summary["zh-TW"]), res.id
            title = res.title
            assert CJK.search(title["zh-TW"]) or title["zh-TW"] == title["en"] in NAMES, res.id
    for nb in course.notebooks:
        assert CJK.search(nb.summary["zh-TW"]), nb.id
        title = nb.title
        assert CJK.search(title["zh-TW"]) or title["zh-TW"] == title["en"] in NAMES


def test_chinese_text_uses_taiwan_forms() -> None:
    found = {
        m.group(0): text["zh-TW"]
        for text in texts(edition())
        for m in MAINLAND.finditer(text["zh-TW"])
    }
    assert not found
    keywords = [k for t in edition().topics.values() for k in t.keywords]
    assert not [k for k in keywords if MAINLAND.search(k)]


def test_summaries_are_not_the_readmes_sentences() -> None:
    text = sources_or_skip(README).read_text(encoding="utf-8")
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")
    runs = shingles(plain)
    # No run of seven words of the README's text in any English text of ours.
    copied = {t["en"][:40]: shingles(t["en"]) & runs for t in summaries(edition())}
    assert not {k: v for k, v in copied.items() if v}


def summaries(course: Course) -> list[dict[str, str]]:
    found = [course.summary, *(p.summary for p in course.parts)]
    for topic in course.topics.values():
        found += [topic.summary, *(c.summary for c in topic.concepts)]
        found += [r.summary for r in topic.resources]
    return found + [nb.summary for nb in course.notebooks]


def shingles(text: str, size: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9'.-]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_ids_are_the_2024_editions_for_the_same_things() -> None:
    old = read_course(paths.builtin_course_dir())
    new = edition()
    # Every 2024 topic goes on under its id (rlhf is now "Preference Alignment",
    # instruction-datasets "Post-Training Datasets"); Agents is the one new topic.
    assert set(new.topics) - set(old.topics) == {"agents"}
    assert set(old.topics) <= set(new.topics)
    for tid in old.topics:
        assert new.part_of(tid).id == old.part_of(tid).id, tid
    old_by_url: dict[str, set[str]] = {}
    for rid, (_, res) in old.resources.items():
        old_by_url.setdefault(res.url, set()).add(rid)
    for rid, (_, res) in new.resources.items():
        if res.url in old_by_url:
            assert rid in old_by_url[res.url], rid
    old_notebooks = {nb.colab_url: nb.id for nb in old.notebooks}
    new_ids = {nb.id for nb in new.notebooks}
    for nb in old.notebooks:
        if nb.colab_url in {n.colab_url for n in new.notebooks}:
            assert old_notebooks[nb.colab_url] in new_ids


def test_ids_agree_with_what_update_assigns(run) -> None:
    """`update` from the same README gives the built-in edition's ids (the identity registry is
    seeded from it): the same topics in the same order, and every resource and notebook the
    README and the data share keeps its id. So marks carry over either way."""
    source = sources_or_skip(README)
    result = run("update", "--source", str(source), "--yes")
    assert result.exit_code == 0, result.output
    listed = json.loads(run("list", "--json").output)
    updated_topics = [t["id"] for p in listed["parts"] for t in p["topics"]]
    assert updated_topics == [t for ids in PARTS.values() for t in ids]
    ours = edition()
    mine = {key(r.url): rid for rid, (_, r) in ours.resources.items()}
    theirs = {key(r["url"]): r["id"] for p in listed["parts"] for t in p["topics"]
              for r in t["resources"]}  # fmt: skip
    assert {u: theirs[u] for u in mine if u in theirs} == {u: mine[u] for u in mine if u in theirs}
    assert len(set(mine) & set(theirs)) >= len(mine) - len(CORRECTED)
    assert [nb["id"] for nb in listed["notebooks"]] == [nb.id for nb in ours.notebooks]


def test_prerequisites_suit_a_learner() -> None:
    course = edition()
    pre = {tid: set(t.prerequisites) for tid, t in course.topics.items()}
    assert pre["agents"] == {"running-llms", "rag"}
    assert pre["rlhf"] == {"supervised-fine-tuning"}
    assert pre["supervised-fine-tuning"] == {"instruction-datasets"}
    # Quantization needs to know what weights and activations are, not how to fine-tune.
    assert pre["quantization"] == {"llm-architecture"}
    roots = [tid for tid, p in pre.items() if not p]
    assert roots == ["mathematics", "python"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("list",), "3.5   agents"),
        (("show", "agents"), "Agent protocols"),
        (("--lang", "zh-TW", "show", "agents"), "代理協定"),
        (("search", "agent2agent"), "agents"),
        (("--lang", "zh-TW", "search", "代理"), "agents"),
        (("search", "GRPO"), "rlhf"),
        (("show", "abliteration-hf-blog"), "Uncensor any LLM with abliteration"),
    ],
)
def test_the_commands_read_the_edition(run, args: tuple[str, ...], expected: str) -> None:
    result = run("--course", str(edition_dir()), *args)
    assert result.exit_code == 0, result.output
    assert expected in result.output
