"""Taiwan usage in the course data, in every data folder (every edition): no mainland form from
the glossary, a space between Chinese and Latin words, and a Chinese title for every resource
and notebook whose title is not a name."""

from __future__ import annotations

import tomllib

import pytest
from zh_usage import (
    DATA,
    NAMES,
    data_files,
    forbidden,
    half_width,
    offending_forms,
    unspaced,
    zh_texts,
)

from llmcourse.course.load import read_course


def _texts() -> list[tuple[str, str]]:
    out = []
    for file in data_files():
        with file.open("rb") as f:
            doc = tomllib.load(f)
        name = file.relative_to(DATA).as_posix()
        out += [(f"{name}: {where}", text) for where, text in zh_texts(doc)]
    return out


def test_the_glossary_is_well_formed() -> None:
    table = forbidden()
    assert len(table) >= 30
    for form, instead in table.items():
        assert form.strip() and instead.strip() and form != instead
        assert not offending_forms(instead), (form, instead)  # no circle


def test_there_is_zh_text_to_check() -> None:
    assert len(_texts()) > 400


def test_no_zh_text_uses_a_mainland_form() -> None:
    bad = [f"{where}: {found}" for where, text in _texts() if (found := offending_forms(text))]
    assert not bad, "\n".join(bad)


def test_chinese_and_latin_words_are_spaced() -> None:
    bad = [f"{where}: {found}" for where, text in _texts() if (found := unspaced(text))]
    assert not bad, "\n".join(bad)


def test_punctuation_in_chinese_is_full_width() -> None:
    bad = [f"{where}: {found}" for where, text in _texts() if (found := half_width(text))]
    assert not bad, "\n".join(bad)


def test_the_checks_catch_what_they_should() -> None:
    assert offending_forms("神經網絡") == ["網絡 -> 網路"]
    assert offending_forms("經典演算法") == []
    assert "數據庫 -> 資料庫" in offending_forms("向量數據庫")
    assert unspaced("用於機器學習的Python") and not unspaced("用於機器學習的 Python")
    assert half_width("自然語言處理(NLP)") and not half_width("自然語言處理（NLP）")


def _courses() -> list[object]:
    return [read_course(f.parent) for f in sorted(DATA.rglob("course.toml"))]


@pytest.mark.parametrize("course", _courses(), ids=lambda c: c.edition)  # type: ignore[attr-defined]
def test_every_descriptive_title_is_in_chinese(course) -> None:  # type: ignore[no-untyped-def]
    if "zh-TW" not in course.languages:
        pytest.skip("an edition without Traditional Chinese")
    titles = [r.title for _, r in course.resources.values()]
    titles += [nb.title for nb in course.notebooks]
    titles += [link.title for link in course.links]
    untranslated = [t["en"] for t in titles if t.get("zh-TW", t["en"]) == t["en"]]
    assert not [t for t in untranslated if t not in NAMES]
