"""Marks, notes, undo, log and next through the command line."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from unittest.mock import ANY

import pytest

from llmcourse import paths
from llmcourse.progress import store


def statuses(run) -> dict[str, str]:
    data = json.loads(run("list", "--json").stdout)
    out = {t["id"]: t["status"] for p in data["parts"] for t in p["topics"]}
    out.update(
        {r["id"]: r["status"] for p in data["parts"] for t in p["topics"] for r in t["resources"]}
    )
    return out


def test_transitions_of_a_topic(run) -> None:
    assert statuses(run)["quantization"] == "todo"
    for op, status in [
        ("start", "in-progress"),
        ("done", "done"),
        ("skip", "skipped"),
        ("reset", "todo"),
        ("done", "done"),
    ]:
        result = run(op, "quantization")
        assert result.exit_code == 0, result.stderr
        assert statuses(run)["quantization"] == status
    assert "[x] 2.7   quantization" in run("list").stdout


def test_several_refs_and_numbers_in_one_command(run) -> None:
    result = run("done", "mathematics", "2.7", "python", "3")
    assert result.exit_code == 0, result.stderr
    st = statuses(run)
    assert st["mathematics"] == st["quantization"] == "done"
    assert st["python"] == "todo"  # `python 3` names python's third resource
    data = json.loads(run("list", "--json").stdout)
    python = next(t for p in data["parts"] for t in p["topics"] if t["id"] == "python")
    assert [r["status"] for r in python["resources"]] == ["todo", "todo", "done", "todo", "todo"]
    assert st[python["resources"][2]["id"]] == "done"


def test_marking_is_all_or_nothing_and_checks_kinds(run) -> None:
    bad = run("done", "mathematics", "no-such-topic-zz")
    assert bad.exit_code == 1
    assert statuses(run)["mathematics"] == "todo"
    res_id = json.loads(run("list", "--json").stdout)["parts"][0]["topics"][0]["resources"][0]["id"]
    started = run("start", res_id)
    assert started.exit_code == 2 and "done or skipped" in started.stderr
    assert run("done", "quantization", "99").exit_code == 1
    assert not paths.resolve().state.exists()


def test_repeating_a_mark_changes_nothing(run) -> None:
    run("done", "nlp")
    before = paths.resolve().state.read_bytes()
    again = run("done", "nlp")
    assert again.exit_code == 0 and "already done" in again.stdout
    assert paths.resolve().state.read_bytes() == before


def test_undo_reverts_one_change_at_a_time(run) -> None:
    run("start", "quantization")
    run("done", "quantization", "mathematics")
    run("skip", "python")
    assert run("undo").exit_code == 0
    assert statuses(run)["python"] == "todo"
    assert run("undo").exit_code == 0
    st = statuses(run)
    assert st["quantization"] == "in-progress" and st["mathematics"] == "todo"
    assert run("undo").exit_code == 0
    assert statuses(run)["quantization"] == "todo"
    nothing = run("undo")
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.stderr


def test_log_shows_history_newest_first(run) -> None:
    run("done", "mathematics")
    run("start", "python")
    run("undo")
    log = json.loads(run("log", "--json").stdout)
    assert [e["op"] for e in log] == ["undo", "start", "done"]
    assert log[1]["undone"] is True and log[0]["target"] == log[1]["id"]
    assert log[2]["changes"][0] == {
        "kind": "mark",
        "id": "mathematics",
        "before": None,
        "after": {"status": "done", "at": log[2]["at"], "changed": log[2]["at"], "by": ANY},
    }
    text = run("log").stdout
    assert "start" in text and "[undone]" in text
    assert len(json.loads(run("log", "-l", "1", "--json").stdout)) == 1


def test_notes_add_list_remove_and_undo(run) -> None:
    added = run("note", "quantization", "GPTQ needs calibration data", "--json")
    assert added.exit_code == 0, added.stderr
    note_id = json.loads(added.stdout)["id"]
    run("note", "2.7", "second thought")
    listed = json.loads(run("note", "list", "quantization", "--json").stdout)
    assert [n["text"] for n in listed] == ["GPTQ needs calibration data", "second thought"]
    assert "GPTQ needs calibration data" in run("note", "list").stdout
    assert run("note", "remove", note_id[:4]).exit_code == 0
    assert [n["text"] for n in json.loads(run("note", "list", "--json").stdout)] == [
        "second thought"
    ]
    # Removed notes stay in the file (a tombstone) so that a merge cannot bring them back.
    assert "GPTQ needs calibration data" in paths.resolve().state.read_text(encoding="utf-8")
    run("undo")
    assert len(json.loads(run("note", "list", "--json").stdout)) == 2
    assert run("note", "remove", "zzzz").exit_code == 1
    assert run("note", "quantization").exit_code == 0  # no text: lists its notes
    assert run("note", "quantization", "   ").exit_code == 2


def test_notes_for_is_what_show_displays(run) -> None:
    from llmcourse.cli.session import Session

    run("note", "rag", "chunk size matters")
    notes = Session(lang="en").notes_for("rag")
    assert [n["text"] for n in notes] == ["chunk size matters"]
    assert set(notes[0]) == {"id", "text", "created"}
    assert Session(lang="en").notes_for("quantization") == []


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as the editor")
def test_note_edit_uses_the_editor(run, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "written in the editor\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    result = run("note", "quantization", "--edit", env={"EDITOR": str(editor)})
    assert result.exit_code == 0, result.stderr
    notes = json.loads(run("note", "list", "--json").stdout)
    assert [n["text"] for n in notes] == ["written in the editor"]


def test_next_follows_prerequisites_and_explains(run) -> None:
    first = json.loads(run("next", "--json").stdout)
    assert first["id"] == "mathematics" and first["reason"] == "ready"
    assert "neural-networks" in first["unblocks"]
    run("done", "mathematics")
    assert json.loads(run("next", "--json").stdout)["id"] == "python"
    run("skip", "python")
    nxt = json.loads(run("next", "--json").stdout)
    assert nxt["id"] == "neural-networks"
    assert nxt["needs"] == [
        {"id": "mathematics", "status": "done"},
        {"id": "python", "status": "skipped"},
    ]
    run("start", "rag")
    started = json.loads(run("next", "--json").stdout)
    assert started["id"] == "rag" and started["reason"] == "in-progress"
    text = run("next").stdout
    assert "rag" in text and "working on it" in text
    assert "needs: 3.2 Building a Vector Storage (todo)" in text  # titles, not bare ids


def test_next_when_everything_is_settled(run) -> None:
    data = json.loads(run("list", "--json").stdout)
    ids = [t["id"] for p in data["parts"] for t in p["topics"]]
    assert run("skip", *ids).exit_code == 0
    assert json.loads(run("next", "--json").stdout) is None
    assert "every topic is done or skipped" in run("next").stdout


def test_paths_lists_the_state_file(run, isolated_home: Path) -> None:
    result = run("paths", "--json")
    data = json.loads(result.stdout)
    assert data["state"] == str(isolated_home / "state.toml") == str(store.state_path())
    assert set(data) >= {"state", "config", "cache", "data"}
    assert str(isolated_home / "state.toml") in run("paths").stdout
