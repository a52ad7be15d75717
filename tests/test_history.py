"""History and merge (issue 9): origins, own-only undo, 128-bit ids, the schema 1 migration,
clock and datetime edges, and imports that are validated before anything is written."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from llmcourse import paths
from llmcourse.progress import model, ops, store
from llmcourse.progress.model import State

HEX32 = re.compile(r"[0-9a-f]{32}")


def machine(tmp_path: Path, name: str) -> dict[str, str]:
    """The environment of another machine: its own LLMCOURSE_HOME."""
    return {"LLMCOURSE_HOME": str(tmp_path / name)}


def export(run, env: dict[str, str] | None, file: Path) -> Path:
    assert run("export", "-o", str(file), env=env).exit_code == 0
    return file


def test_undo_after_an_import_never_replays_the_other_machine(run, tmp_path: Path) -> None:
    b = machine(tmp_path, "b")
    assert run("done", "mathematics", "python").exit_code == 0
    for args in (("done", "quantization"), ("reset", "quantization"), ("skip", "python")):
        assert run(*args, env=b).exit_code == 0
    file = export(run, b, tmp_path / "b.json")
    assert run("import", str(file)).exit_code == 0
    assert store.read().status("python") == "skipped"  # B's skip is newer

    first = run("undo")  # the import, which is this machine's own change
    assert first.exit_code == 0 and "`import`" in first.stdout
    assert store.read().status("python") == "done"
    second = run("undo")  # A's own `done mathematics python`
    assert "`done`" in second.stdout and "skip" not in second.stdout
    third = run("undo")
    assert third.exit_code == 1 and "nothing to undo" in third.stderr
    statuses = store.read().statuses()
    assert statuses.get("quantization") is None and "python" not in statuses

    log = run("log", "-l", "0").stdout
    device_b = json.loads(file.read_text())["device"]
    assert f"[imported from {device_b[:8]}]" in log and log.count("[imported from") == 3
    entries = json.loads(run("log", "-l", "0", "--json").stdout)
    imported = [e for e in entries if e["imported"]]
    assert {e["op"] for e in imported} == {"done", "reset", "skip"}
    assert all(e["origin"] == "import" and e["source"] == device_b for e in imported)
    own = [e for e in entries if not e["imported"]]
    assert {e["origin"] for e in own} == {"local"} and all(HEX32.fullmatch(e["id"]) for e in own)
    import_entry = next(e for e in own if e["op"] == "import")
    assert import_entry["source"] == device_b


def test_the_device_id_is_created_once_and_kept(run, tmp_path: Path) -> None:
    assert run("done", "mathematics").exit_code == 0
    device = store.read().device
    assert HEX32.fullmatch(device)
    run("done", "python")
    run("undo")
    assert store.read().device == device == store.device_id()
    other = tmp_path / "other" / "state.toml"
    fresh = store.device_id(other)  # asked for before any change: created and saved
    assert HEX32.fullmatch(fresh) and fresh != device and store.read(other).device == fresh
    # An import never takes over the other machine's id.
    file = export(run, machine(tmp_path, "b"), tmp_path / "b.json")
    run("import", str(file))
    assert store.read().device == device


def test_entries_imported_back_and_forth_keep_their_maker(run, tmp_path: Path) -> None:
    b, c = machine(tmp_path, "b"), machine(tmp_path, "c")
    run("done", "python", env=c)
    run("import", str(export(run, c, tmp_path / "c.json")), env=b)
    run("done", "rag", env=b)
    run("import", str(export(run, b, tmp_path / "b.json")))
    device_b = json.loads((tmp_path / "b.json").read_text())["device"]
    device_c = json.loads((tmp_path / "c.json").read_text())["device"]
    made = {e.changes[0].id: e.source for e in store.read().events if e.op == "done"}
    assert made == {"python": device_c, "rag": device_b}  # C's entry came through B: still C


V1 = b"""schema_version = 1

[marks.python]
status = "done"
at = 2025-01-01T10:00:00Z
changed = 2025-01-01T10:00:00Z

[notes.ab12cd34]
node = "rag"
text = "chunk sizes"
created = 2025-01-01T11:00:00Z
changed = 2025-01-01T11:00:00Z
removed = false

[[events]]
id = "0badcafe"
seq = 1
at = 2025-01-01T10:00:00Z
op = "done"
undone = false

[[events.changes]]
kind = "mark"
id = "python"
after = {status = "done", at = 2025-01-01T10:00:00Z, changed = 2025-01-01T10:00:00Z}

[[events]]
id = "1badcafe"
seq = 2
at = 2025-01-01T11:00:00Z
op = "note"
undone = false

[[events.changes]]
kind = "note"
id = "ab12cd34"

[events.changes.after]
node = "rag"
text = "chunk sizes"
created = 2025-01-01T11:00:00Z
changed = 2025-01-01T11:00:00Z
removed = false
"""


def test_schema_1_is_migrated_to_128_bit_ids_without_note_text_in_history(run) -> None:
    state_file = paths.resolve().state
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_bytes(V1)
    loaded = store.load()
    assert loaded.version == 1
    ids = [e.id for e in loaded.state.events]
    assert all(HEX32.fullmatch(i) for i in ids) and len(set(ids)) == 2
    assert ids == [e.id for e in store.read().events]  # the same on every read (and machine)
    assert all(e.own for e in loaded.state.events)
    note_change = loaded.state.events[1].changes[0]
    assert note_change.after is not None and "text" not in note_change.after
    assert state_file.read_bytes() == V1  # reading never writes

    assert run("undo").exit_code == 0  # the note: hidden, its text kept in the note
    assert store.read().notes["ab12cd34"].removed and store.read().notes["ab12cd34"].text
    raw = state_file.read_text()
    assert "schema_version = 2" in raw and raw.count("chunk sizes") == 1  # text stored once
    assert run("undo").exit_code == 0
    assert store.read().status("python") == "todo"


def test_an_old_export_still_imports(run, tmp_path: Path) -> None:
    old = tmp_path / "old-export.toml"
    old.write_bytes(V1)
    result = run("import", str(old))
    assert result.exit_code == 0, result.stderr
    state = store.read()
    assert state.status("python") == "done" and state.notes["ab12cd34"].text == "chunk sizes"
    imported = [e for e in state.events if not e.own]
    assert len(imported) == 2 and {e.source for e in imported} == {"file:old-export.toml"}


def test_entry_ids_are_128_bit() -> None:
    state = State()
    when = datetime(2026, 1, 1, tzinfo=UTC)
    ops.mark(state, "done", [ops.Target("topic", "python")], when)
    assert HEX32.fullmatch(state.events[0].id) and state.events[0].origin == "local"
    ops.mark(state, "done", [ops.Target("topic", "rag")], when, origin="mcp")
    assert state.events[1].origin == "mcp" and ops.last_undoable(state) is state.events[1]


# --- clocks -----------------------------------------------------------------------------------


def _export_with(tmp_path: Path, **mark: str) -> Path:
    data = {
        "schema_version": 2,
        "marks": {"python": {"status": "done", "at": "2026-01-01T00:00:00Z", **mark}},
        "events": [],
    }
    file = tmp_path / "forged.json"
    file.write_text(json.dumps(data))
    return file


def test_an_import_dated_in_the_future_is_refused_naming_the_entry(run, tmp_path: Path) -> None:
    env = {"LLMCOURSE_NOW": "2026-11-28T12:00:00Z"}
    run("done", "mathematics", env=env)
    before = paths.resolve().state.read_bytes()
    forged = _export_with(tmp_path, changed="2026-12-05T00:00:00Z")
    result = run("import", str(forged), env=env)
    assert result.exit_code == 1
    assert "the mark of python" in result.stderr and "2026-12-05" in result.stderr
    assert paths.resolve().state.read_bytes() == before
    ok = _export_with(tmp_path, changed="2026-11-29T06:00:00Z")  # within a day: clocks differ
    assert run("import", str(ok), env=env).exit_code == 0


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00"])
def test_an_import_with_an_impossible_time_is_refused(run, tmp_path: Path, value: str) -> None:
    result = run("import", str(_export_with(tmp_path, changed=value)))
    assert result.exit_code == 1 and "marks.python.changed" in result.stderr
    assert "Traceback" not in result.stderr


EDGE = """schema_version = 2

[marks.python]
status = "done"
at = {when}
changed = {when}

[notes.ab12cd34]
node = "python"
text = "edge"
created = {when}
changed = {when}
removed = false

[[events]]
id = "{eid}"
seq = 1
at = {when}
op = "done"
origin = "local"
undone = false

[[events.changes]]
kind = "mark"
id = "python"
after = {{status = "done", at = {when}, changed = {when}}}
"""


@pytest.mark.parametrize("zone", ["Asia/Taipei", "Pacific/Kiritimati", "America/Los_Angeles"])
@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z"])
def test_datetime_edges_crash_no_command(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str, when: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        state_file = paths.resolve().state
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(EDGE.format(when=when, eid="e" * 32))
        out = tmp_path / "out.json"
        for args in (
            ("log",),
            ("note", "list"),
            ("progress",),
            ("progress", "--json"),
            ("export", "-o", str(out)),
            ("export", "--format", "markdown"),
            ("done", "rag"),
            ("note", "rag", "hello"),
            ("undo",),
            ("undo",),
            ("doctor",),
        ):
            result = run(*args)
            assert result.exit_code == 0, (args, result.stderr)
        # Its own export holds the far-future time (clamped to 2999): refused, one clear line.
        result = run("import", str(out))
        assert result.exit_code == (1 if when.startswith("9999") else 0)
        times = [store.read().marks["python"].changed, store.read().notes["ab12cd34"].created]
        assert all(model.MIN_TIME <= t <= model.MAX_TIME for t in times)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_fixed_clock_out_of_range_is_a_usage_error(run) -> None:
    result = run("done", "python", env={"LLMCOURSE_NOW": "9999-12-31T23:59:59+00:00"})
    assert result.exit_code == 2 and "between 1970 and 2999" in result.stderr


def test_imported_history_never_evicts_this_machines_entries(monkeypatch) -> None:
    monkeypatch.setattr(model, "MAX_EVENTS", 8)
    monkeypatch.setattr(ops, "MAX_EVENTS", 8)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    mine, theirs = State(device="a" * 32), State(device="b" * 32)
    for topic in ("python", "rag", "nlp"):
        ops.mark(mine, "done", [ops.Target("topic", topic)], when)
    late = datetime(2026, 1, 1, 12, tzinfo=UTC)
    for i in range(20):  # many entries, all later than ours
        ops.mark(theirs, "skip" if i % 2 else "done", [ops.Target("topic", "llm")], late)
    ops.import_state(mine, theirs, late)
    own = [e for e in mine.events if e.own]
    assert len(own) == 4 and len([e for e in mine.events if not e.own]) == 8
    for _ in range(4):  # the import, then our three marks
        ops.undo(mine, late)
    assert mine.statuses() == {}


# --- validation of imports and of entries already in the file ----------------------------------


def _one_entry_export(tmp_path: Path, change: dict, **event: object) -> Path:
    data = {
        "schema_version": 2,
        "device": "b" * 32,
        "events": [
            {
                "id": "c" * 32,
                "seq": 1,
                "at": "2026-01-01T00:00:00Z",
                "op": "done",
                "undone": False,
                "changes": [change],
                **event,
            }
        ],
    }
    file = tmp_path / "entry.json"
    file.write_text(json.dumps(data))
    return file


def test_an_entry_with_an_invalid_before_or_after_is_refused(run, tmp_path: Path) -> None:
    bogus = {"kind": "mark", "id": "python", "after": {"status": "bogus"}}
    result = run("import", str(_one_entry_export(tmp_path, bogus)))
    assert result.exit_code == 1 and "events[0].changes[0].after" in result.stderr
    assert not paths.resolve().state.exists()


@pytest.mark.parametrize(
    "where",
    [
        {"change_id": "x\nFAKE LINE"},
        {"change_id": "../../etc/passwd"},
        {"change_id": ""},
        {"event_id": "a b"},
        {"mark_id": "x\x1b[2J"},
    ],
)
def test_imported_ids_are_validated(run, tmp_path: Path, where: dict[str, str]) -> None:
    change = {"kind": "mark", "id": where.get("change_id", "python")}
    file = _one_entry_export(tmp_path, change, id=where.get("event_id", "c" * 32))
    if "mark_id" in where:
        data = json.loads(file.read_text())
        at = "2026-01-01T00:00:00Z"
        data["marks"] = {where["mark_id"]: {"status": "done", "at": at, "changed": at}}
        file.write_text(json.dumps(data))
    result = run("import", str(file))
    assert result.exit_code == 1 and "not a valid id" in result.stderr
    assert "\nFAKE LINE" not in result.stderr and "\x1b" not in result.stderr


def test_undo_passes_over_a_damaged_entry_in_the_file(run) -> None:
    run("done", "mathematics")
    state_file = paths.resolve().state
    damaged = EDGE.format(when="2026-01-01T00:00:00Z", eid="d" * 32).split("[[events]]")[1]
    damaged = damaged.replace('after = {status = "done"', 'after = {status = "bogus"')
    damaged = damaged.replace("2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z")  # the newest
    state_file.write_text(state_file.read_text() + "\n[[events]]" + damaged)
    assert run("log").exit_code == 0 and "[damaged: never undone]" in run("log").stdout
    result = run("undo")
    assert result.exit_code == 0 and "mathematics" in result.stdout
    assert run("undo").exit_code == 1  # nothing else; never a traceback


def test_history_messages_speak_chinese(run, tmp_path: Path) -> None:
    zh = {"LLMCOURSE_LANG": "zh-TW"}
    assert "沒有可以復原的變更" in run("undo", env=zh).stderr
    b = machine(tmp_path, "b")
    run("done", "python", env=b)
    file = export(run, b, tmp_path / "b.json")
    result = run("import", str(file), env=zh)
    device_b = json.loads(file.read_text())["device"]
    assert result.exit_code == 0 and f"（來自 {device_b[:8]}）：" in result.stdout
    assert f"[匯入自 {device_b[:8]}]" in run("log", env=zh).stdout
    forged = _export_with(tmp_path, changed="2999-01-01T00:00:00Z")
    assert "比這台電腦的時鐘快了超過一天" in run("import", str(forged), env=zh).stderr


def test_changes_at_the_same_time_are_settled_by_device_id() -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    a, b = State(device="a" * 32), State(device="b" * 32)
    ops.mark(a, "done", [ops.Target("topic", "python")], when)
    ops.mark(b, "skip", [ops.Target("topic", "python")], when)
    assert a.marks["python"].by == "a" * 32
    ab, ba = ops.merge(a, b), ops.merge(b, a)
    assert ab.marks["python"].status == ba.marks["python"].status == "skipped"  # b > a
    ops.import_state(a, b, when)
    ops.import_state(b, a, when)
    assert a.status("python") == b.status("python") == "skipped"
