"""The state file: damaged files refused and untouched, backups, crash safety, 20 writers."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import subprocess_env

from llmcourse import paths
from llmcourse.progress import store
from llmcourse.progress.model import SCHEMA_VERSION

GOOD = b"""schema_version = 1

[marks.mathematics]
status = "done"
at = 2025-01-01T10:00:00Z
changed = 2025-01-01T10:00:00Z
"""

DAMAGE = {
    "corrupt": (b"schema_version = 1\n[marks.x\nstatus = ", "not valid TOML"),
    "empty": (b"", "empty"),
    "truncated": (GOOD[: GOOD.index(b"status") + 9], "not valid TOML"),
    "binary": (b"\xff\xfe\x00garbage", "not UTF-8"),
    "no-version": (b'[marks.x]\nstatus = "done"\n', "no schema_version"),
    "wrong-type-status": (GOOD.replace(b'"done"', b"42"), "marks.mathematics.status"),
    "wrong-type-marks": (b'schema_version = 1\nmarks = "all of them"\n', "marks"),
    "bad-status": (GOOD.replace(b'"done"', b'"finished"'), "'finished' is not one of"),
    "bad-version": (b'schema_version = "one"\n', "schema_version must be"),
    "future-version": (b"schema_version = 99\n", "newer llmcourse"),
}

READERS = [
    ("list",),
    ("progress",),
    ("next",),
    ("log",),
    ("done", "python"),
    ("undo",),
    ("note", "rag", "text"),
    ("export",),
    ("import", "x.json"),
]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_state(data: bytes) -> Path:
    state = paths.resolve().state
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(data)
    return state


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_state_is_refused_and_left_untouched(run, damage: str, tmp_path: Path) -> None:
    data, problem = DAMAGE[damage]
    state = write_state(data)
    before = sha(state)
    export = tmp_path / "x.json"
    export.write_text('{"schema_version": 1}', encoding="utf-8")
    for args in READERS:
        args = tuple(str(export) if a == "x.json" else a for a in args)
        result = run(*args)
        assert result.exit_code == 1, (args, result.stdout)
        assert str(state) in result.stderr, args
        assert problem in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert sha(state) == before
    assert not store.backup_path(state).exists()


def test_a_huge_state_is_refused_without_reading_it(run) -> None:
    state = write_state(GOOD + b"#" * (store.MAX_BYTES + 1) + b"\n")
    before = sha(state)
    result = run("done", "python")
    assert result.exit_code == 1
    assert "more than the 10,485,760 allowed" in result.stderr and str(state) in result.stderr
    assert sha(state) == before


def test_each_write_keeps_the_previous_version_as_backup(run) -> None:
    run("done", "mathematics")
    state = paths.resolve().state
    first = state.read_bytes()
    run("done", "python")
    assert store.backup_path(state).read_bytes() == first
    assert b"python" in state.read_bytes()
    assert not list(state.parent.glob(".state.toml.*.tmp"))


def test_the_state_round_trips_and_is_toml(run) -> None:
    import tomllib

    run("start", "rag")
    run("note", "rag", 'multi\nline "quoted" note ✓')
    raw = tomllib.loads(paths.resolve().state.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert raw["marks"]["rag"]["status"] == "in-progress"
    state = store.read()
    assert store.dump(state) == store.dump(store.parse(store.dump(state), Path("x")).state)
    assert [n.text for _, n in state.live_notes("rag")] == ['multi\nline "quoted" note ✓']


def test_older_schema_versions_are_migrated_on_read(run, monkeypatch: pytest.MonkeyPatch) -> None:
    from llmcourse.progress import model

    # Pretend the current schema is 2 and that version 1 kept `marks` under another name.
    old = (
        b'schema_version = 1\n[ticks.mathematics]\nstatus = "done"\n'
        b"at = 2025-01-01T10:00:00Z\nchanged = 2025-01-01T10:00:00Z\n"
    )
    state = write_state(old)
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(model, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, lambda raw: {"marks": raw.pop("ticks"), **raw})
    loaded = store.load()
    assert loaded.version == 1 and loaded.state.marks["mathematics"].status == "done"
    assert state.read_bytes() == old  # reading never writes
    run("done", "python")
    assert b"schema_version = 2" in state.read_bytes() and b"ticks" not in state.read_bytes()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_crash_before_the_rename_leaves_the_old_state(run, isolated_home: Path) -> None:
    run("done", "mathematics")
    state = paths.resolve().state
    before = sha(state)
    proc = subprocess.run(
        [sys.executable, "-m", "llmcourse", "done", "python"],
        env=subprocess_env(isolated_home, LLMCOURSE_CRASH_BEFORE_REPLACE="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == -9  # killed at the injection point
    assert sha(state) == before
    leftovers = list(state.parent.glob(".state.toml.*.tmp"))
    assert len(leftovers) == 1 and b"python" in leftovers[0].read_bytes()  # the write was done
    assert run("progress", "--json").exit_code == 0
    assert "python" not in store.read().statuses()
    assert run("done", "python").exit_code == 0  # and the next write goes through
    assert store.read().statuses()["python"] == "done"


def test_a_failure_before_the_rename_in_process_changes_nothing(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("done", "mathematics")
    state = paths.resolve().state
    before = sha(state)

    def boom(tmp: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_before_replace", boom)
    result = run("done", "python")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert sha(state) == before
    assert not list(state.parent.glob(".state.toml.*.tmp"))  # cleaned up


def test_twenty_processes_at_once_lose_nothing(run, isolated_home: Path) -> None:
    import json

    data = json.loads(run("list", "--json").stdout)  # also warms the course cache
    topics = [t["id"] for p in data["parts"] for t in p["topics"]]
    items = topics + [r["id"] for p in data["parts"] for t in p["topics"] for r in t["resources"]]
    items = items[:20]
    worker = Path(__file__).with_name("progress_worker.py")
    start_at = str(time.time() + 0.7)  # every worker waits for the same moment, then writes
    procs = [
        subprocess.Popen(
            [sys.executable, str(worker), item, start_at],
            env=subprocess_env(isolated_home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for item in items
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    state = store.read()
    assert sorted(state.statuses()) == sorted(items)
    assert len(state.events) == 20
    assert len({e.seq for e in state.events}) == 20


def _bad_marks(n: int) -> bytes:
    """A state whose `n` marks have three problems each."""
    marks = "".join(f'[marks.topic-{i}]\nstatus = "finished"\n' for i in range(n))
    return f"schema_version = 1\n{marks}".encode()


def _problem_lines(text: str) -> int:
    return sum(line.lstrip().startswith("marks.topic-") for line in text.splitlines())


@pytest.mark.parametrize(
    ("lang", "more", "hint"),
    [("en", "… and 2 more", "`llmcourse doctor` explains"), ("zh-TW", "……還有 2 項", "會說明")],
)
def test_an_unreadable_state_lists_ten_problems_then_counts(
    run, lang: str, more: str, hint: str
) -> None:
    state = write_state(_bad_marks(4))
    result = run("--lang", lang, "progress")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert str(state) in lines[0] and "topic-0" not in lines[0]
    assert _problem_lines(result.stderr) == 10
    assert more in lines[-2] and hint in lines[-1]
    doctor = run("--lang", lang, "doctor")
    assert _problem_lines(doctor.stdout) == 10
    assert more in doctor.stdout and f"{state}: " not in doctor.stdout.split("\n", 1)[1]


@pytest.mark.parametrize(
    ("lang", "head"), [("en", "not an llmcourse export: "), ("zh-TW", "不是 llmcourse 的匯出檔：")]
)
def test_a_bad_export_names_the_file_and_its_problems(
    run, tmp_path: Path, lang: str, head: str
) -> None:
    export = tmp_path / "bad.toml"
    export.write_bytes(_bad_marks(4))
    result = run("--lang", lang, "import", str(export))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{export}：{head}" in lines[0] or f"{export}: {head}" in lines[0]
    assert _problem_lines(result.stderr) == 10 and " 2 " in lines[-1]
    assert "doctor" not in result.stderr  # the state file is not the one in question


@pytest.mark.parametrize(
    ("lang", "what", "rest"),
    [
        ("en", "written by a newer llmcourse (schema 99; this one knows up to", "left untouched"),
        ("zh-TW", "由較新版的 llmcourse 寫入（結構版本 99；這一版只認得到", "檔案保持原樣"),
    ],
)
def test_a_newer_state_is_named_once(run, lang: str, what: str, rest: str) -> None:
    state = write_state(b"schema_version = 99\n")
    result = run("--lang", lang, "list")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert str(state) in first and what in first and first.endswith(rest)
    doctor = run("--lang", lang, "doctor").stdout
    problem = next(line for line in doctor.splitlines() if what in line)
    assert str(state) not in problem  # doctor names the file on its own line already
