"""The identity registry: the same README gets the same ids whatever path of updates came
before, items that come back get their old ids, and matching stays fast on huge inputs."""

from __future__ import annotations

import copy
import hashlib
import time
from functools import cache
from pathlib import Path

import pytest
from conftest import SOURCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcourse import paths
from llmcourse.course import idmatch
from llmcourse.course.load import read_course
from llmcourse.course.readme import parse_readme
from llmcourse.editions.store import former_urls

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPTS = sorted(FIXTURES.glob("excerpt-*.md"))
SAMPLES = sorted(SOURCES.glob("llm-course-*.md")) if SOURCES.is_dir() else []


@cache
def _builtin():
    return read_course(paths.builtin_course_dir())


@cache
def _parsed(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    return parse_readme(text, path.name), hashlib.sha256(text.encode()).hexdigest()


def _update(registry: idmatch.Registry, path: Path) -> dict:
    """What `update` does to the registry: give ids, then record them."""
    raw, digest = _parsed(path)
    raw = idmatch.build_edition(copy.deepcopy(raw), registry, path.name, digest)
    registry.record_raw(raw)
    return raw


def _ids(raw: dict) -> dict[str, list[str]]:
    topics = [t for p in raw["parts"] for t in p["topics"]]
    return {
        "topics": [t["id"] for t in topics],
        "resources": [r["id"] for t in topics for r in t["resources"]],
        "notebooks": [n["id"] for n in raw["notebooks"]],
    }


@cache
def _builtins_with_2026() -> tuple:
    """Both built-in editions: the 2024-01-29 course and the 2026-02-04 one."""
    from llmcourse.editions.store import builtin_courses

    return tuple(builtin_courses())


def _walk(builtins, path_of_editions: list[Path]) -> dict[str, list[str]]:
    registry = idmatch.seeded(list(builtins), former_urls())
    raw: dict = {}
    for edition in path_of_editions:
        raw = _update(registry, edition)
    return _ids(raw)


_FEW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_FEW
@given(st.lists(st.sampled_from(EXCERPTS), min_size=1, max_size=6))
def test_any_path_through_the_excerpts_ends_with_the_direct_ids(path_of_editions):
    builtins = (_builtin(),)
    assert _walk(builtins, path_of_editions) == _walk(builtins, path_of_editions[-1:])


@pytest.mark.skipif(not SAMPLES, reason="course sources not present")
@_FEW
@given(st.lists(st.sampled_from(SAMPLES), min_size=1, max_size=6))
def test_any_path_through_the_samples_ends_with_the_direct_ids(path_of_editions):
    builtins = _builtins_with_2026()
    assert _walk(builtins, path_of_editions) == _walk(builtins, path_of_editions[-1:])


@pytest.mark.skipif(not SAMPLES, reason="course sources not present")
def test_direct_updates_keep_the_builtin_topic_ids():
    builtin = _builtin()
    for path in SAMPLES:
        ids = _walk((builtin,), [path])["topics"]
        # the topics the built-in course has keep its ids in every edition that has them
        assert "quantization" in ids or "2023-06-17" in path.name, path.name
        assert "mathematics" in ids and "neural-networks" in ids, path.name
    assert "rag" in _walk((builtin,), [SOURCES / "llm-course-en-2026-02-04.md"])["topics"]


def test_an_item_that_comes_back_gets_its_old_id():
    builtin = _builtin()
    registry = idmatch.seeded([builtin])
    first = _ids(_update(registry, FIXTURES / "excerpt-en-2026-02-04.md"))
    assert "agents" in first["topics"]  # new in 2026: a fresh id, recorded
    _update(registry, FIXTURES / "excerpt-en-2023-06-17.md")  # an edition without it
    again = _ids(_update(registry, FIXTURES / "excerpt-en-2026-02-04.md"))
    assert again == first
    assert "agents" in registry.topics and "lmops" in registry.topics


def test_a_renamed_resource_keeps_its_id_through_the_registry():
    registry = idmatch.seeded([_builtin()], former_urls())
    text = "## Part\n\n### 1. Quantization\n\n- [Old Name](https://example.org/same): x\n"
    raw = idmatch.build_edition(parse_readme(text), registry, "a", "0" * 64)
    registry.record_raw(raw)
    renamed = text.replace("Old Name", "Completely New Title")
    raw2 = idmatch.build_edition(parse_readme(renamed), registry, "b", "1" * 64)
    (res,) = raw2["parts"][0]["topics"][0]["resources"]
    assert res["id"] == "old-name"


def test_a_suffix_only_when_one_edition_collides():
    registry = idmatch.seeded([_builtin()], former_urls())
    text = (
        "## Part\n\n### 1. Brand New Topic\n\n- [Same Title](https://example.org/1): x\n\n"
        "### 2. Another Topic\n\n- [Same Title](https://example.org/2): y\n"
    )
    raw = idmatch.build_edition(parse_readme(text), registry, "a", "0" * 64)
    registry.record_raw(raw)
    assert _ids(raw)["resources"] == ["same-title", "same-title-2"]
    # a later edition with only one of them: no suffix, whatever came before
    alone = "## Part\n\n### 1. Another Topic\n\n- [Same Title](https://example.org/2): y\n"
    raw2 = idmatch.build_edition(parse_readme(alone), registry, "b", "1" * 64)
    assert _ids(raw2)["resources"] == ["same-title"]
    assert _ids(raw2)["topics"] == ["another-topic"]


def test_the_registry_round_trips_through_json():
    registry = idmatch.seeded([_builtin()], former_urls())
    _update(registry, FIXTURES / "excerpt-en-2026-02-04.md")
    data = registry.as_json()
    assert data["format"] == 1
    assert data["topics"]["quantization"]["seed"] is True
    assert "7-quantization" not in data["topics"]["quantization"]["anchors"]
    assert "quantization" in data["topics"]["quantization"]["anchors"]
    again = idmatch.seeded([_builtin()], former_urls())
    again.merge_json(data)
    assert again.as_json() == data


def test_url_keys():
    key = idmatch.url_key
    assert key("https://www.Example.org/a/?utm_source=x#part") == key("http://example.org/a")
    assert key("https://example.org/a?v=1") != key("https://example.org/a?v=2")
    assert key("http://[::1") == "http://[::1"  # does not parse: its own key, no crash


def test_matching_is_fast_on_huge_editions():
    """3,000 new topics against a registry of 10,000: indexed lookups, no pairwise loops."""
    registry = idmatch.Registry()
    for i in range(10_000):
        entry = registry._entry("topics", f"old-topic-{i}", False)
        entry.add_title("en", f"Old topic number {i} about llm training")
        entry.anchors.add(f"old-topic-number-{i}-about-llm-training")
        entry.urls.add(f"//example.org/{i}")
    topics = []
    for i in range(3_000):
        title = f"Old topic number {i} about llm training" if i % 3 == 0 else f"Fresh {i} llm"
        topics.append(
            {
                "id": "x",
                "title": {"en": title},
                "anchor": f"{i}-anything",
                "summary": {"en": "s"},
                "concepts": [],
                "resources": [
                    {"id": "r", "title": {"en": f"R {i}"}, "url": f"https://example.org/{i}"}
                ],
            }
        )
    raw = {"languages": ["en"], "parts": [{"title": {"en": "P"}, "topics": topics}]}
    raw |= {"notebooks": [], "links": []}
    start = time.perf_counter()
    idmatch.assign_ids(raw, registry)
    elapsed = time.perf_counter() - start
    assert elapsed < 10
    assert topics[0]["id"] == "old-topic-0"  # same title
    assert topics[1]["id"] == "fresh-1-llm"


def test_chinese_titles_get_ids_from_their_urls_not_their_place():
    def ids(*items: str) -> list[str]:
        text = "## 部分\n\n### 1. 全新主題\n\n" + "".join(f"- {item}\n" for item in items)
        raw = idmatch.build_edition(parse_readme(text), idmatch.seeded([]), "x", "0" * 64)
        return _ids(raw)["resources"]

    a = "[動手深度學習](https://zh-v2.d2l.ai/d2l-zh-pytorch.pdf)"
    b = "[深度學習中的數學](https://example.org/%E6%95%B8%E5%AD%B8)"
    assert ids(a, b) == ["zh-v2-d2l-ai-d2l-zh-pytorch-pdf", "example-org"]
    assert ids("[另一本書](https://example.net/book)", a, b)[1:] == ids(a, b)
