"""Courses built by hand for tests, as their TOML files hold them: a valid header (id, edition,
languages, title, summary, web URL, credit) around the parts each test needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w


def sample_text() -> dict[str, str]:
    """A text in both languages; a new dict each time, as tests change them in place."""
    return {"en": "Text", "zh-TW": "文字"}


def credit(**fields: Any) -> dict[str, Any]:
    """A course's credit; `fields` replace any of its values."""
    return {
        "author": "Someone",
        "repository": "someone/tiny",
        "url": "https://example.org/tiny",
        "license": "CC0",
        "note": sample_text(),
        **fields,
    }


def course_data(parts: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """A two-language course of `parts`; `fields` replace any header field (id, languages,
    title, summary, web_url, credit) or add one (notebooks, links)."""
    return {
        "id": "tiny",
        "edition": "1",
        "languages": ["en", "zh-TW"],
        "title": {"en": "Tiny course", "zh-TW": "小課程"},
        "summary": sample_text(),
        "web_url": "https://example.org/tiny",
        "credit": credit(),
        "parts": parts,
        **fields,
    }


def write_course(path: Path, data: dict[str, Any]) -> Path:
    path.write_bytes(tomli_w.dumps(data).encode())
    return path


def minimal_course() -> dict[str, Any]:
    """Two topics (the second requires the first), a concept, a resource and a notebook. Every
    summary is one and the same dict (a test that changes one changes them all)."""
    text = sample_text()
    return course_data(
        [
            {
                "id": "basics",
                "title": {"en": "Basics", "zh-TW": "基礎"},
                "summary": text,
                "topics": [
                    {
                        "id": "alpha",
                        "title": {"en": "Alpha topic", "zh-TW": "甲主題"},
                        "summary": text,
                        "concepts": [{"id": "one", "name": text, "summary": text}],
                        "resources": [
                            {
                                "id": "alpha-paper",
                                "title": {"en": "Alpha paper", "zh-TW": "甲論文"},
                                "url": "https://example.org/alpha",
                                "kind": "paper",
                                "summary": text,
                            }
                        ],
                    },
                    {
                        "id": "beta",
                        "title": {"en": "Beta topic", "zh-TW": "乙主題"},
                        "summary": text,
                        "prerequisites": ["alpha"],
                    },
                ],
            }
        ],
        notebooks=[
            {
                "id": "alpha-notebook",
                "group": "tools",
                "title": {"en": "Alpha notebook", "zh-TW": "甲筆記本"},
                "summary": text,
                "colab_url": "https://colab.research.google.com/drive/x",
                "topics": ["alpha"],
            }
        ],
        summary=text,
        credit=credit(note=text),
    )


def mini_course(tmp_path: Path, topics: dict[str, dict[str, str]]) -> Path:
    """A one-part English course file: topic id -> {resource id: URL}."""

    def res(rid: str, url: str) -> dict[str, Any]:
        return {
            "id": rid,
            "title": {"en": rid},
            "url": url,
            "kind": "article",
            "summary": {"en": "s"},
        }

    raw = course_data(
        [
            {
                "id": "p",
                "number": 1,
                "title": {"en": "P"},
                "summary": {"en": "s"},
                "topics": [
                    {
                        "id": tid,
                        "number": n,
                        "title": {"en": tid.title()},
                        "summary": {"en": "s"},
                        "resources": [res(rid, url) for rid, url in resources.items()],
                    }
                    for n, (tid, resources) in enumerate(topics.items(), 1)
                ],
            }
        ],
        id="mini",
        languages=["en"],
        title={"en": "Mini"},
        summary={"en": "s"},
        web_url="https://example.org",
        credit=credit(
            author="a", repository="a/b", url="https://example.org", license="MIT", note={"en": "n"}
        ),
    )
    return write_course(tmp_path / "mini.toml", raw)
