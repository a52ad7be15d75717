"""Simplified and mainland Chinese input: search and references find what the Taiwan forms
find, with the conversion done when the index is built (not on the everyday path)."""

from __future__ import annotations

import json

import pytest

from llmcourse.course import search as engine
from llmcourse.course.load import read_course
from llmcourse.course.refs import resolve
from llmcourse.course.text import simplified_forms, traditional_form
from llmcourse.paths import builtin_course_dir

# (as a learner in mainland China types it, the course's Taiwan form, the topic)
PAIRS = [
    ("神经网络", "神經網路", "neural-networks"),
    ("向量数据库", "向量資料庫", "vector-storage"),
    ("检索增强生成", "檢索增強生成", "rag"),
    ("微调", "微調", "supervised-fine-tuning"),
]


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    return read_course(builtin_course_dir())


@pytest.fixture(scope="module")
def index(course):  # type: ignore[no-untyped-def]
    return engine.build_index(course)


def _ids(index: engine.Index, query: str) -> list[tuple[str, float]]:
    return [(h.id, h.score) for h in engine.search(index, query)]


@pytest.mark.parametrize(("simplified", "taiwan", "topic"), PAIRS)
def test_simplified_search_finds_what_the_taiwan_form_finds(
    index: engine.Index, simplified: str, taiwan: str, topic: str
) -> None:
    found = _ids(index, simplified)
    assert found == _ids(index, taiwan)
    assert found[0][0] == topic or any(i == topic for i, _ in found[:3])


def test_mainland_words_in_traditional_script_are_found_too(index: engine.Index) -> None:
    assert engine.search(index, "神經網絡")[0].id == "neural-networks"
    assert engine.search(index, "向量數據庫")[0].topic_id == "vector-storage"


@pytest.mark.parametrize(("simplified", "taiwan", "topic"), PAIRS)
def test_simplified_references_resolve_like_the_taiwan_form(
    course, simplified: str, taiwan: str, topic: str
) -> None:  # type: ignore[no-untyped-def]
    assert resolve(course, simplified) == resolve(course, taiwan)
    assert resolve(course, simplified).id == topic


def test_show_and_search_through_the_cli(run) -> None:
    shown = json.loads(run("show", "神经网络", "--json").stdout)
    assert shown["id"] == "neural-networks"
    hits = json.loads(run("search", "向量数据库", "--json").stdout)
    assert hits[0]["topic_id"] == "vector-storage"


def test_the_forms_an_index_holds() -> None:
    forms = simplified_forms("向量資料庫")
    assert "向量数据库" in forms and "向量數據庫" in forms and "向量资料库" in forms
    assert "神经网络" in simplified_forms("神經網路")
    assert "算法" in simplified_forms("演算法")  # the whole Taiwan word, not 演演算法
    assert simplified_forms("quantization") == []
    assert simplified_forms("量化") == []  # written alike everywhere: nothing more to index


def test_traditional_form() -> None:
    assert traditional_form("神经网络") == "神經網路"
    assert traditional_form("大语言模型") == "大型語言模型"
    assert traditional_form("演算法") == "演算法"  # 算法 inside it is left alone
    assert traditional_form("LoRA") == "LoRA"
