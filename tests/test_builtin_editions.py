"""Every built-in edition folder seeds the identity registry: an update from the README a
built-in edition was made from gets that edition's ids, and `editions --use NAME` finds it."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from llmcourse import config, paths

FIXTURES = Path(__file__).parent / "fixtures"


def _as_folder(raw: dict, folder: Path) -> None:
    """A one-file course written as a course folder, as the built-in editions are."""
    (folder / "topics").mkdir(parents=True)
    for part in raw["parts"]:
        for topic in part["topics"]:
            (folder / "topics" / f"{topic['id']}.toml").write_text(tomli_w.dumps(topic))
        part["topics"] = [t["id"] for t in part["topics"]]
    (folder / "course.toml").write_text(tomli_w.dumps(raw), encoding="utf-8")


@pytest.fixture
def data_with_2026(run, tmp_path, monkeypatch):
    """A data/ folder with the built-in course and a second built-in edition made from the
    2026 excerpt, whose "Agents" topic has an id of its own choosing."""
    source = FIXTURES / "excerpt-en-2026-02-04.md"
    assert run("update", "--source", str(source), "--yes", "--force").exit_code == 0
    made = Path(config.load()["course"]).read_text(encoding="utf-8")
    made = made.replace('id = "agents"', 'id = "ai-agents"')
    made = "\n".join(
        'edition = "2026-02-04"' if line.startswith("edition = ") else line
        for line in made.splitlines()
    )
    data = tmp_path / "data"
    shutil.copytree(paths.builtin_course_dir(), data / "course")
    _as_folder(tomllib.loads(made), data / "course-2026-02-04")
    monkeypatch.setattr(paths, "builtin_course_dir", lambda: data / "course")
    # a fresh home: only the built-in editions know any ids
    home = tmp_path / "fresh-home"
    monkeypatch.setenv("LLMCOURSE_HOME", str(home))
    return data


def test_update_matches_a_second_builtin_edition(run, data_with_2026):
    source = FIXTURES / "excerpt-en-2026-02-04.md"
    result = run("update", "--source", str(source), "--yes", "--force", "--json")
    assert result.exit_code == 0, result.stderr
    assert "ai-agents" in [t["id"] for t in json.loads(result.stdout)["changes"]["topics_added"]]
    listing = json.loads(run("editions", "--json").stdout)
    assert "2026-02-04" in [e["id"] for e in listing]
    assert run("editions", "--use", "2026-02-04").exit_code == 0
    assert config.load()["course"] == "builtin:2026-02-04"
    assert "ai-agents" in run("list").stdout
    assert run("editions", "--use", "2024-01-29").exit_code == 0
    assert config.load()["course"] == "builtin:2024-01-29"


def test_each_builtin_folder_holds_the_edition_it_is_named_for() -> None:
    from llmcourse.course.load import read_course

    for edition in paths.BUILTIN_EDITIONS:
        assert read_course(paths.builtin_edition_dir(edition)).edition == edition


def test_a_new_learner_starts_on_the_newest_builtin_edition(run, monkeypatch) -> None:
    monkeypatch.delenv("LLMCOURSE_BUILTIN")
    assert "Large Language Model Course (2026-02-04)" in run("list").stdout
    assert "agents" in run("show", "agents", "--json").stdout
    listing = json.loads(run("editions", "--json").stdout)
    assert [(e["id"], e["builtin"], e["active"]) for e in listing] == [
        ("2024-01-29", True, False),
        ("2026-02-04", True, True),
    ]
    assert [(e["topics"], e["resources"]) for e in listing] == [(19, 94), (20, 104)]


def test_marks_carry_both_ways_between_the_builtin_editions(run, monkeypatch) -> None:
    monkeypatch.delenv("LLMCOURSE_BUILTIN")
    assert run("done", "quantization", "rag", "4-bit-llm-quantization-with-gptq").exit_code == 0
    assert run("start", "agents").exit_code == 0
    for edition, topics in (("2024-01-29", 19), ("2026-02-04", 20), ("2024-01-29", 19)):
        assert run("editions", "--use", edition).exit_code == 0
        listed = json.loads(run("list", "--json").stdout)
        statuses = {t["id"]: t["status"] for p in listed["parts"] for t in p["topics"]}
        assert len(statuses) == topics
        assert statuses["quantization"] == statuses["rag"] == "done", edition
        shown = json.loads(run("show", "4-bit-llm-quantization-with-gptq", "--json").stdout)
        assert shown["status"] == "done"
    # agents is not in the 2024 edition: its mark is kept and comes back with 2026
    assert json.loads(run("progress", "--json").stdout)["unknown_marks"] == 1
    assert run("editions", "--use", "2026-02-04").exit_code == 0
    assert json.loads(run("show", "agents", "--json").stdout)["status"] == "in-progress"
    assert run("editions", "--use", "builtin").exit_code == 0  # builtin: the newest
    assert "(2026-02-04)" in run("list").stdout
