"""`list`, the global options, language choice, and the course cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import write_config

from llmcourse import paths
from llmcourse.course.load import load_course


def test_list_shows_parts_and_topics(run) -> None:
    result = run("list")
    assert result.exit_code == 0
    out = result.stdout
    assert "1. LLM Fundamentals" in out and "3. The LLM Engineer" in out
    assert "[ ] 2.7   quantization" in out
    assert out.index("2.7") < out.index("3.1")
    assert "\x1b[" not in out  # piped: no escape codes


def test_list_in_traditional_chinese(run) -> None:
    result = run("--lang", "zh-TW", "list")
    assert result.exit_code == 0
    assert "量化" in result.stdout and "大型語言模型課程" in result.stdout
    assert "Quantization" not in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LLMCOURSE_LANG": "zh-TW"}, "量化"),
        ({"LANG": "zh_TW.UTF-8"}, "量化"),
        ({"LANG": "zh_HK.UTF-8"}, "量化"),
        ({"LC_ALL": "zh_Hant_TW"}, "量化"),
        ({"LANG": "fr_FR.UTF-8"}, "Quantization"),
        ({"LANG": "zh_CN.UTF-8"}, "Quantization"),
    ],
)
def test_language_from_env_and_locale(run, env: dict[str, str], expected: str) -> None:
    result = run("list", env=env)
    assert result.exit_code == 0
    assert expected in result.stdout


def test_language_from_config_beats_locale_and_loses_to_option(run) -> None:
    write_config('lang = "zh-TW"\n')
    assert "量化" in run("list", env={"LANG": "en_US.UTF-8"}).stdout
    assert "Quantization" in run("--lang", "en", "list").stdout


def test_bad_language_is_a_usage_error(run) -> None:
    result = run("--lang", "klingon", "list")
    assert result.exit_code == 2
    assert "use en or zh-TW" in result.stderr
    assert run("list", env={"LLMCOURSE_LANG": "xx"}).exit_code == 2


def test_broken_config_is_reported_not_ignored(run) -> None:
    write_config("lang = \n")
    result = run("list")
    assert result.exit_code == 1
    assert "config.toml" in result.stderr and "Traceback" not in result.stderr


def test_list_json_holds_the_whole_graph(run) -> None:
    data = json.loads(run("list", "--json").stdout)
    assert data["course"]["credit"]["author"] == "Maxime Labonne"
    assert data["course"]["credit"]["license"] == "Apache-2.0"
    parts = data["parts"]
    assert [p["number"] for p in parts] == [1, 2, 3]
    topics = [t for p in parts for t in p["topics"]]
    assert len(topics) == 19
    quant = next(t for t in topics if t["id"] == "quantization")
    assert quant["number"] == "2.7" and quant["title"] == "Quantization"
    assert quant["status"] == "todo"
    assert quant["url"] == "https://github.com/mlabonne/llm-course#7-quantization"
    for key in ("summary", "prerequisites", "concepts", "resources"):
        assert key in quant
    assert sum(len(t["concepts"]) for t in topics) == 72
    resources = [r for t in topics for r in t["resources"]]
    assert len(resources) == 94
    assert {"id", "title", "url", "kind", "status"} <= set(resources[0])
    assert len(data["notebooks"]) == 15
    assert {"id", "group", "title", "colab_url", "article_url", "topics"} <= set(
        data["notebooks"][0]
    )


def test_list_json_in_chinese(run) -> None:
    data = json.loads(run("--lang", "zh-TW", "list", "--json").stdout)
    assert data["course"]["lang"] == "zh-TW"
    quant = next(t for p in data["parts"] for t in p["topics"] if t["id"] == "quantization")
    assert quant["title"] == "量化"


def test_rich_rendering_on_a_terminal(run) -> None:
    result = run("list", env={"LLMCOURSE_RICH": "1", "NO_COLOR": ""})
    assert result.exit_code == 0
    assert "Quantization" in result.stdout and "├──" in result.stdout


def test_course_option_and_env(run, tmp_path: Path) -> None:
    mine = tmp_path / "copy"
    shutil.copytree(paths.builtin_course_dir(), mine)
    text = (mine / "course.toml").read_text(encoding="utf-8")
    (mine / "course.toml").write_text(
        text.replace('edition = "2024-01-29"', 'edition = "mine"'), encoding="utf-8"
    )
    assert "(mine)" in run("--course", str(mine), "list").stdout
    assert "(mine)" in run("list", env={"LLMCOURSE_COURSE": str(mine)}).stdout
    missing = run("--course", str(tmp_path / "nope"), "list")
    assert missing.exit_code == 1 and "no such course" in missing.stderr


def test_version_and_help(run) -> None:
    assert run("--version").stdout.startswith("llmcourse ")
    help_text = run("--help").stdout
    assert "list" in help_text and "--lang" in help_text and "--course" in help_text
    assert run("list", "--help").exit_code == 0
    assert run("no-such-command").exit_code == 2


def test_cache_is_used_rebuilt_when_stale_and_never_trusted_damaged(tmp_path: Path) -> None:
    source = tmp_path / "course"
    shutil.copytree(paths.builtin_course_dir(), source)
    cache = tmp_path / "cache"
    first = load_course(source, cache)
    files = list(cache.glob("course-*.bin"))
    assert len(files) == 1
    assert load_course(source, cache) == first

    # Stale: the data changed, so the cache is rebuilt from it.
    topic = source / "topics" / "quantization.toml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            'title.en = "Quantization"', 'title.en = "Quantization!"'
        ),
        encoding="utf-8",
    )
    assert load_course(source, cache).topics["quantization"].title["en"] == "Quantization!"

    # Damaged: a flipped byte is detected and the course is read again from source.
    blob = bytearray(files[0].read_bytes())
    blob[-10] ^= 0xFF
    files[0].write_bytes(bytes(blob))
    assert load_course(source, cache).topics["quantization"].title["en"] == "Quantization!"
    # Garbage of any length is no problem either.
    files[0].write_bytes(b"nonsense")
    assert load_course(source, cache).topics["quantization"].title["en"] == "Quantization!"


def test_invalid_data_is_never_served_from_cache(tmp_path: Path) -> None:
    from llmcourse.errors import CourseError

    source = tmp_path / "course"
    shutil.copytree(paths.builtin_course_dir(), source)
    cache = tmp_path / "cache"
    load_course(source, cache)
    topic = source / "topics" / "rag.toml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            'prerequisites = ["vector-storage"]', 'prerequisites = ["rag"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(CourseError):
        load_course(source, cache)
