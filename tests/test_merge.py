"""Export, import and merge: two machines end with the union; merge is a proper join."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmcourse import paths
from llmcourse.progress import store
from llmcourse.progress.model import Event, Mark, Note, State, state_data
from llmcourse.progress.ops import merge

T0 = datetime(2025, 1, 1, tzinfo=UTC)
times = st.integers(0, 5).map(lambda n: T0 + timedelta(hours=n))  # few values: many ties
marks = st.builds(
    Mark,
    status=st.sampled_from(["todo", "in-progress", "done", "skipped"]),
    at=times,
    changed=times,
)
notes = st.builds(
    Note,
    node=st.sampled_from(["a", "b"]),
    text=st.sampled_from(["x", "y", "z"]),
    created=times,
    changed=times,
    removed=st.booleans(),
)


@st.composite
def states(draw: st.DrawFn) -> State:
    # An event id always names the same event on every machine; only `undone` may differ.
    events = [
        Event(id=f"e{i}", seq=i, at=T0 + timedelta(hours=i), op="done", undone=draw(st.booleans()))
        for i in draw(st.sets(st.integers(0, 6), max_size=4))
    ]
    return State(
        marks=draw(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), marks, max_size=4)),
        notes=draw(st.dictionaries(st.sampled_from(["n1", "n2", "n3"]), notes, max_size=3)),
        events=events,
    )


def same(a: State, b: State) -> bool:
    return state_data(a) == state_data(b)


@settings(max_examples=50, deadline=None)
@given(states(), states())
def test_merge_is_commutative(a: State, b: State) -> None:
    assert same(merge(a, b), merge(b, a))


@settings(max_examples=50, deadline=None)
@given(states(), states())
def test_merge_is_idempotent(a: State, b: State) -> None:
    assert same(merge(a, a), merge(a, State()))
    ab = merge(a, b)
    assert same(merge(ab, b), ab) and same(merge(ab, a), ab)


@settings(max_examples=50, deadline=None)
@given(states(), states(), states())
def test_merge_is_associative(a: State, b: State, c: State) -> None:
    assert same(merge(merge(a, b), c), merge(a, merge(b, c)))


@settings(max_examples=50, deadline=None)
@given(states(), states())
def test_merge_drops_nothing_and_newer_wins(a: State, b: State) -> None:
    m = merge(a, b)
    assert set(m.marks) == set(a.marks) | set(b.marks)
    assert set(m.notes) == set(a.notes) | set(b.notes)
    assert {e.id for e in m.events} == {e.id for e in a.events} | {e.id for e in b.events}
    for k, mark in m.marks.items():
        newest = max(x.changed for x in (a.marks.get(k), b.marks.get(k)) if x)
        assert mark.changed == newest


def _use(home: Path, monkeypatch) -> None:
    monkeypatch.setenv("LLMCOURSE_HOME", str(home))


def test_two_machines_end_with_the_union(run, tmp_path: Path, monkeypatch) -> None:
    a_home, b_home = tmp_path / "a", tmp_path / "b"
    a_file, b_file = tmp_path / "a.json", tmp_path / "b.toml"
    _use(a_home, monkeypatch)
    run("done", "mathematics", env={"LLMCOURSE_NOW": "2025-01-01T10:00:00Z"})
    run("start", "quantization", env={"LLMCOURSE_NOW": "2025-01-02T10:00:00Z"})
    run("note", "quantization", "from A")
    assert run("export", "-o", str(a_file)).exit_code == 0
    _use(b_home, monkeypatch)
    run("done", "python")
    run("done", "quantization", env={"LLMCOURSE_NOW": "2025-01-03T10:00:00Z"})  # newer than A's
    run("note", "quantization", "from B")
    assert run("export", "--format", "toml", "-o", str(b_file)).exit_code == 0

    dry = run("import", str(a_file), "--dry-run", "--json")
    assert dry.exit_code == 0
    assert {c["id"] for c in json.loads(dry.stdout)["changes"] if c["kind"] == "mark"} == {
        "mathematics"
    }
    assert "mathematics" not in store.read().statuses()  # dry run wrote nothing

    assert run("import", str(a_file)).exit_code == 0
    b_state = store.read()
    _use(a_home, monkeypatch)
    assert run("import", str(b_file)).exit_code == 0
    a_state = store.read()
    for s in (a_state, b_state):
        assert s.statuses() == {"mathematics": "done", "python": "done", "quantization": "done"}
        assert sorted(n.text for _, n in s.live_notes()) == ["from A", "from B"]
    assert state_data(a_state)["marks"] == state_data(b_state)["marks"]
    assert state_data(a_state)["notes"] == state_data(b_state)["notes"]
    # Importing again changes nothing; undo reverts an import.
    before = paths.resolve().state.read_bytes()
    again = run("import", str(b_file))
    assert "Nothing to import" in again.stdout and paths.resolve().state.read_bytes() == before
    assert run("undo").exit_code == 0
    assert store.read().statuses() == {"mathematics": "done", "quantization": "in-progress"}


def test_a_removed_note_stays_removed_after_a_merge(run, tmp_path: Path, monkeypatch) -> None:
    run("note", "rag", "old idea", "--json")
    exported = tmp_path / "before.json"
    run("export", "-o", str(exported))
    note_id = json.loads(run("note", "list", "--json").stdout)[0]["id"]
    run("note", "remove", note_id)
    assert run("import", str(exported)).exit_code == 0
    assert json.loads(run("note", "list", "--json").stdout) == []


def test_export_formats(run, tmp_path: Path) -> None:
    run("done", "mathematics")
    run("skip", "python", "2")
    run("start", "rag")
    run("note", "rag", "check chunk sizes")
    data = json.loads(run("export").stdout)
    assert data["schema_version"] == 2 and data["marks"]["mathematics"]["status"] == "done"
    assert data["marks"]["mathematics"]["at"].endswith("Z")
    md = run("export", "--format", "markdown").stdout
    assert "- [x] 1.1 Mathematics for Machine Learning" in md
    assert "- [ ] 3.3 Retrieval Augmented Generation *(in progress)*" in md
    assert "  - note (" in md and "check chunk sizes" in md
    assert "*(skipped)*" in md
    out = tmp_path / "list.md"
    assert run("export", "-f", "markdown", "-o", str(out)).exit_code == 0
    refused = run("import", str(out))
    assert refused.exit_code == 1 and "for people" in refused.stderr
    assert run("export", "--format", "yaml").exit_code == 2


def test_import_refuses_bad_files(run, tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "bad.json": "{not json",
        "list.json": "[1, 2]",
        "wrong.json": '{"schema_version": 1, "marks": {"a": {"status": 3}}}',
        "future.toml": "schema_version = 7\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        result = run("import", str(path))
        assert result.exit_code == 1, name
        assert str(path) in result.stderr and "Traceback" not in result.stderr
    assert not paths.resolve().state.exists()


@pytest.mark.parametrize("ext", ["md", "txt"])
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_checklist_is_recognised_in_either_language(run, tmp_path: Path, lang, ext) -> None:
    from llmcourse.progress.exchange import checklist_heading

    run("done", "python")
    out = tmp_path / f"list.{ext}"
    assert run("--lang", lang, "export", "-f", "markdown", "-o", str(out)).exit_code == 0
    # The writer opens the checklist with the heading the importer looks for.
    assert out.read_text(encoding="utf-8").startswith(checklist_heading(lang))
    for reader in ("en", "zh-TW"):
        refused = run("--lang", reader, "import", str(out))
        assert refused.exit_code == 1, refused.stdout
        assert ("for people" if reader == "en" else "給人看的") in refused.stderr
        assert "--format json" in refused.stderr
