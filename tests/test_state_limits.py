"""Nothing typed or imported can lock the learner out (issue 9): size limits on write, deep
nesting, symlinked files, unreadable files and locks, leftover temporary files."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import subprocess_env

from llmcourse import config, fsutil, paths
from llmcourse.progress import model, store
from llmcourse.progress.lock import exclusive

AT = "2026-01-01T00:00:00Z"


def state_file() -> Path:
    return paths.resolve().state


def write_export(tmp_path: Path, marks: int = 0, note_bytes: int = 0) -> Path:
    data: dict = {
        "schema_version": 2,
        "marks": {f"m{i}": {"status": "done", "at": AT, "changed": AT} for i in range(marks)},
        "notes": {},
    }
    if note_bytes:
        data["notes"]["abcd0123"] = {
            "node": "rag",
            "text": "x" * note_bytes,
            "created": AT,
            "changed": AT,
            "removed": False,
        }
    file = tmp_path / "big.json"
    file.write_text(json.dumps(data))
    return file


def test_a_note_has_a_maximum_size(run) -> None:
    ok = run("note", "rag", "y" * model.MAX_NOTE_BYTES)
    assert ok.exit_code == 0
    result = run("note", "rag", "y" * (model.MAX_NOTE_BYTES + 1))
    assert result.exit_code == 1 and "at most 64 KB" in result.stderr
    assert len(store.read().live_notes()) == 1


def test_a_huge_note_from_the_editor_is_refused(run, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'w').write('z' * 6_000_000)\n")
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    result = run("note", "rag", "--edit", env={"EDITOR": editor})
    assert result.exit_code == 1 and "at most 64 KB" in result.stderr
    assert not state_file().exists()


def test_a_note_text_is_stored_once(run) -> None:
    run("note", "rag", "remember the chunk size")
    run("note", "remove", store.read().live_notes()[0][0])
    run("undo")
    assert state_file().read_text().count("remember the chunk size") == 1


def test_an_import_with_a_huge_note_is_refused_and_nothing_written(run, tmp_path: Path) -> None:
    run("done", "python")
    before = state_file().read_bytes()
    result = run("import", str(write_export(tmp_path, note_bytes=6_000_000)))
    assert result.exit_code == 1 and "notes.abcd0123.text" in result.stderr
    assert state_file().read_bytes() == before


def test_a_change_over_the_limit_is_refused_and_the_state_stays_usable(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "WRITE_LIMIT", 60_000)
    monkeypatch.setattr(store, "MAX_BYTES", 100_000)
    run("done", "python")
    before = state_file().read_bytes()
    result = run("import", str(write_export(tmp_path, marks=2_000)))
    assert result.exit_code == 1 and "more than the 60,000 allowed" in result.stderr
    assert "nothing was written" in result.stderr
    assert state_file().read_bytes() == before
    assert run("progress").exit_code == 0 and run("doctor").exit_code == 0
    assert run("undo").exit_code == 0 and store.read().status("python") == "todo"


def test_an_import_near_the_limit_can_always_be_undone(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "WRITE_LIMIT", 60_000)
    monkeypatch.setattr(store, "MAX_BYTES", 100_000)
    for topic in ("python", "rag", "nlp"):
        run("done", topic)
    result = run("import", str(write_export(tmp_path, marks=200)))
    assert result.exit_code == 0, result.stderr
    assert len(state_file().read_bytes()) <= 60_000
    for _ in range(4):  # the import, then the three marks: old history makes room if needed
        undo = run("undo")
        assert undo.exit_code == 0, undo.stderr
        assert len(state_file().read_bytes()) <= 100_000
    assert store.read().statuses() == {}
    assert run("done", "python").exit_code == 0  # and the next change still goes through


# --- symlinks ---------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_symlinked_state_stays_a_link_and_its_target_is_written(run, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "llmcourse-state.toml"
    link = state_file()
    link.parent.mkdir(parents=True, exist_ok=True)
    run("done", "python")
    link.rename(target)
    link.symlink_to(target)
    for args in (("done", "rag"), ("undo",), ("note", "rag", "x"), ("doctor",)):
        assert run(*args).exit_code == 0
        assert link.is_symlink() and os.readlink(link) == str(target)
    assert "rag" in target.read_text()  # the target has every change
    assert store.lock_path(link) == dotfiles / "llmcourse-state.toml.lock"  # next to the file
    assert store.backup_path(link).parent == link.parent  # the dotfiles folder stays clean
    assert not list(dotfiles.glob("*.bak"))


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_symlinked_config_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "config.toml"
    target.parent.mkdir()
    target.write_text('lang = "en"\n')
    link = paths.resolve().config
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    config.update(lang="zh-TW")
    assert link.is_symlink() and 'lang = "zh-TW"' in target.read_text()


# --- nesting ----------------------------------------------------------------------------------

DEEP = {
    "header": "schema_version = 2\n[" + "a." * 100_000 + "a]\n",
    "arrays": "schema_version = 2\nx = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "tables": "schema_version = 2\nx = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n",
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_in_the_state_is_refused_quickly(run, kind: str) -> None:
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEEP[kind])
    start = time.monotonic()
    for args in (("progress",), ("log",), ("done", "python"), ("undo",), ("export",)):
        result = run(*args)
        assert result.exit_code == 1 and "nested more than 32 levels" in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 3  # message, doctor hint
    doctor = run("doctor")
    assert doctor.exit_code == 1 and "nested more than 32 levels" in doctor.stdout
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        "schema_version = 2\n[" + "a." * 100_000 + "a]\n",
    ],
)
def test_deep_nesting_in_an_import_is_one_line(run, tmp_path: Path, text: str) -> None:
    file = tmp_path / ("deep.json" if text[0] in "[{" else "deep.toml")
    file.write_text(text)
    result = run("import", str(file))
    assert result.exit_code == 1 and "nested more than 32 levels" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_brackets_inside_strings_are_not_nesting(run) -> None:
    text = "[[[[" * 20 + " a.b.c " * 40 + '"""'
    assert run("note", "rag", text).exit_code == 0
    assert run("progress").exit_code == 0 and store.read().live_notes()[0][1].text == text


# --- doctor, locks, leftovers -----------------------------------------------------------------


def test_restore_backup_with_an_unreadable_state_is_one_line(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("done", "python")
    run("done", "rag")
    path = state_file()
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    import shutil

    def no_copy(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    monkeypatch.setattr(shutil, "copy2", no_copy)
    result = run("doctor", "--restore-backup")
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_restore_backup_with_an_unwritable_lock_is_one_line(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("done", "python")
    run("done", "rag")
    lock = store.lock_path(state_file())
    real_open = os.open

    def guarded(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == lock:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)
    result = run("doctor", "--restore-backup")
    assert result.exit_code == 1 and "cannot use the lock file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_restore_backup_with_a_mode_000_state_for_real(run) -> None:
    run("done", "python")
    run("done", "rag")
    state_file().chmod(0)
    try:
        result = run("doctor", "--restore-backup")
        assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    finally:
        state_file().chmod(0o600)


def test_the_lock_timeout_names_the_holder_and_never_says_delete(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("done", "python")
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.1)
    with exclusive(store.lock_path(state_file()), 1.0):
        result = run("done", "rag")
    assert result.exit_code == 1
    assert f"(pid {os.getpid()})" in result.stderr and "Wait for it" in result.stderr
    assert "remove" not in result.stderr.lower()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_writes_temp_file_is_removed_by_the_next_write(run) -> None:
    run("done", "mathematics")
    proc = subprocess.run(
        [sys.executable, "-m", "llmcourse", "done", "python"],
        env=subprocess_env(paths.resolve().state.parent, LLMCOURSE_CRASH_BEFORE_REPLACE="1"),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == -9
    assert len(fsutil.leftovers(state_file())) == 1
    assert run("done", "rag").exit_code == 0
    assert fsutil.leftovers(state_file()) == []
    assert not list(state_file().parent.glob(".state.toml.*.tmp"))


def test_doctor_reports_and_removes_leftover_temp_files(run) -> None:
    run("done", "python")
    folder = state_file().parent
    stale = [folder / ".state.toml.999999999.0123abcd.tmp", folder / ".state.toml.bak.7.x.tmp"]
    for f in stale:
        f.write_text("half a write")
    report = json.loads(run("doctor", "--json").stdout)
    assert sorted(report["removed_temp_files"]) == sorted(str(f) for f in stale)
    assert not any(f.exists() for f in stale)
    stale[0].write_text("again")
    assert "(removed)" in run("doctor").stdout and not stale[0].exists()
