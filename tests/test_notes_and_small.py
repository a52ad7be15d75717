"""`note REF` lists, `note edit ID`, counts in the singular, one letter resolves nothing."""

from __future__ import annotations

import json
import shlex
import sys

import pytest


def _note_ids(run, ref: str) -> list[str]:
    return [n["id"] for n in json.loads(run("note", "list", ref, "--json").stdout)]


def test_note_ref_alone_lists_that_items_notes(run) -> None:
    run("note", "2.7", "about quantization")
    run("note", "nlp", "about nlp")
    listed = run("note", "quantization")
    assert listed.exit_code == 0
    assert "about quantization" in listed.stdout and "about nlp" not in listed.stdout
    assert [n["text"] for n in json.loads(run("note", "2.7", "--json").stdout)] == [
        "about quantization"
    ]


def test_note_edit_in_the_editor_and_undo(run, monkeypatch: pytest.MonkeyPatch) -> None:
    run("note", "2.7", "first text")
    [note_id] = _note_ids(run, "2.7")
    script = (
        "import sys; p = sys.argv[1]; t = open(p).read(); "
        "open(p, 'w').write(t.replace('first', 'second'))"
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    edited = run("note", "edit", note_id[:4])
    assert edited.exit_code == 0 and "changed" in edited.stdout
    notes = json.loads(run("note", "list", "2.7", "--json").stdout)
    # the edited text is a new note (the old one kept as a tombstone, so undo can restore it)
    assert [n["text"] for n in notes] == ["second text"] and notes[0]["id"] != note_id
    assert notes[0]["id"][:8] in edited.stdout
    assert run("undo").exit_code == 0
    restored = json.loads(run("note", "list", "2.7", "--json").stdout)
    assert [(n["id"], n["text"]) for n in restored] == [(note_id, "first text")]
    assert run("note", "edit", "ffff0000").exit_code == 1
    assert run("note", "edit").exit_code == 2


def test_counts_are_singular_when_one(run) -> None:
    run("done", "mathematics")
    run("note", "2.7", "one")
    out = run("doctor").stdout
    assert "1 mark, 1 note, 2 history entries" in out


def test_one_letter_resolves_nothing(run) -> None:
    result = run("show", "a")
    assert result.exit_code == 1 and "nothing in the course matches 'a'" in result.stderr
    assert run("show", "adv").exit_code == 0  # a prefix of two or more letters still works


def test_export_takes_its_format_from_the_file_name(run, tmp_path) -> None:
    import tomllib

    assert run("done", "mathematics").exit_code == 0
    assert run("export", "-o", str(tmp_path / "p.toml")).exit_code == 0
    assert tomllib.loads((tmp_path / "p.toml").read_text())["schema_version"] >= 1
    assert run("export", "-o", str(tmp_path / "p.json")).exit_code == 0
    assert json.loads((tmp_path / "p.json").read_text())["marks"]
    assert run("export", "-o", str(tmp_path / "c.md")).exit_code == 0
    assert (tmp_path / "c.md").read_text().startswith("# ")
    # --format says otherwise: it wins
    assert run("export", "-o", str(tmp_path / "x.toml"), "--format", "json").exit_code == 0
    assert json.loads((tmp_path / "x.toml").read_text())["marks"]
    # a folder that does not exist is an error, not created
    missing = run("export", "-o", str(tmp_path / "nope" / "p.json"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "nope").exists()


def test_the_markdown_checklist_lists_the_whole_course(run) -> None:
    from llmcourse import paths
    from llmcourse.course.load import read_course

    course = read_course(paths.builtin_course_dir())
    assert run("done", "mathematics", "quantization", "2").exit_code == 0
    text = run("export", "--format", "markdown").stdout
    boxes = [line for line in text.splitlines() if line.lstrip().startswith("- [")]
    assert len(boxes) == len(course.topics) + len(course.resources) + len(course.notebooks)
    assert sum(1 for line in boxes if "[x]" in line) == 2


def test_log_says_when_it_shows_only_the_latest(run) -> None:
    for _ in range(3):
        assert run("done", "mathematics").exit_code == 0
        assert run("reset", "mathematics").exit_code == 0
    shown = run("log", "-l", "4").stdout.splitlines()
    assert len(shown) == 5 and "latest 4 of 6" in shown[-1] and "log -l 0" in shown[-1]
    assert "latest" not in run("log", "-l", "0").stdout
    assert "最新 4 筆，共 6 筆" in run("--lang", "zh-TW", "log", "-l", "4").stdout


def test_errors_say_error_in_the_users_language(run) -> None:
    assert run("show", "no-such-topic-at-all").stderr.startswith("Error: ")
    assert run("--lang", "zh-TW", "show", "no-such-topic-at-all").stderr.startswith("錯誤：")
