"""The course cache gives back exactly the validated course, decoding topics only on demand."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from llmcourse import paths
from llmcourse.course.load import load_course, read_course


def test_cached_course_equals_the_validated_one(tmp_path: Path) -> None:
    validated = read_course(paths.builtin_course_dir())
    load_course(paths.builtin_course_dir(), tmp_path)  # writes the cache
    cached = load_course(paths.builtin_course_dir(), tmp_path)
    assert cached.fingerprint and cached.origin == validated.origin
    assert cached == validated  # dataclass equality: every field of every node
    assert cached.all_urls() == validated.all_urls()
    assert dict(cached.resource_topics) == dict(validated.resource_topics)
    quant, res = cached.resources["introduction-to-quantization"]
    assert quant.id == "quantization" and res.url.startswith("https://")


def test_topics_are_decoded_only_when_read(tmp_path: Path) -> None:
    load_course(paths.builtin_course_dir(), tmp_path)
    cached = load_course(paths.builtin_course_dir(), tmp_path)
    pending = [t for t in cached.topics.values() if "_details" in t.__dict__]
    assert len(pending) == 19  # nothing decoded yet
    assert "llm-autoeval" in cached.notebook_map
    assert "introduction-to-quantization" in cached.resources  # from the index alone
    assert len([t for t in cached.topics.values() if "_details" in t.__dict__]) == 19
    assert cached.topics["quantization"].resources[0].id == "introduction-to-quantization"
    assert "_details" not in cached.topics["quantization"].__dict__
    assert len([t for t in cached.topics.values() if "_details" in t.__dict__]) == 18


def test_probing_a_lazy_topic_does_not_break_it(tmp_path: Path) -> None:
    """hasattr/getattr probes (Rich's pretty printer makes one) must leave the loader alone."""
    load_course(paths.builtin_course_dir(), tmp_path)
    topic = load_course(paths.builtin_course_dir(), tmp_path).topics["quantization"]
    assert not hasattr(topic, "__rich_repr__")
    assert getattr(topic, "no_such_field", None) is None
    assert topic.resources[0].id == "introduction-to-quantization"
    assert topic.concepts


def test_only_a_change_to_the_course_files_revalidates(tmp_path: Path, monkeypatch) -> None:
    from llmcourse.course import load

    calls: list[str] = []
    real = load.validate_raw
    monkeypatch.setattr(load, "validate_raw", lambda *a: calls.append("v") or real(*a))
    source = tmp_path / "course"
    shutil.copytree(paths.builtin_course_dir(), source)
    cache = tmp_path / "cache"
    first = load_course(source, cache)
    assert load_course(source, cache) == first and len(calls) == 1
    (source / "topics" / "zzz-note.txt").write_text("not a topic", encoding="utf-8")
    assert load_course(source, cache) == first and len(calls) == 1  # not a course file
    notebooks = source / "notebooks.toml"
    st = notebooks.stat()
    os.utime(notebooks, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert load_course(source, cache) == first and len(calls) == 2  # touched: revalidated
