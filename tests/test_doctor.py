"""`doctor`: explains each kind of damage, restores the backup, never deletes anything."""

from __future__ import annotations

import hashlib
import json

import pytest
from test_store import DAMAGE  # the same damaged files as the store tests

from llmcourse import paths
from llmcourse.progress import store


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_doctor_on_a_healthy_and_a_missing_state(run) -> None:
    fresh = run("doctor")
    assert fresh.exit_code == 0 and "not created yet" in fresh.stdout
    run("done", "mathematics")
    run("note", "rag", "x")
    report = json.loads(run("doctor", "--json").stdout)
    assert report["ok"] is True and report["marks"] == 1 and report["notes"] == 1
    assert report["backup_ok"] is True and report["schema_version"] == 2
    assert "ok (schema 2" in run("doctor").stdout


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_doctor_explains_each_damage_and_restores(run, damage: str) -> None:
    run("done", "mathematics")
    run("done", "python")  # the backup now holds the state with mathematics only
    state = paths.resolve().state
    data, problem = DAMAGE[damage]
    state.write_bytes(data)
    report = run("doctor")
    assert report.exit_code == 1
    assert "DAMAGED" in report.stdout and problem in report.stdout
    assert "--restore-backup" in report.stdout
    assert state.read_bytes() == data  # doctor alone changes nothing

    restored = run("doctor", "--restore-backup")
    assert restored.exit_code == 0, restored.stderr
    assert "moved aside" in restored.stdout
    aside = list(state.parent.glob("state.toml.damaged-*"))
    assert len(aside) == 1 and sha(aside[0].read_bytes()) == sha(data)
    assert store.read().statuses() == {"mathematics": "done"}
    assert run("progress").exit_code == 0
    listed = json.loads(run("doctor", "--json").stdout)
    assert listed["ok"] is True and listed["damaged_copies"] == [str(aside[0])]


def test_restore_refuses_a_healthy_state_unless_forced(run) -> None:
    run("done", "mathematics")
    run("done", "python")
    state = paths.resolve().state
    before = state.read_bytes()
    refused = run("doctor", "--restore-backup")
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert state.read_bytes() == before
    assert run("doctor", "--restore-backup", "--force").exit_code == 0
    assert "python" not in store.read().statuses()
    aside = list(state.parent.glob("state.toml.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == before


def test_restore_without_a_good_backup(run) -> None:
    state = paths.resolve().state
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(b"oops")
    no_backup = run("doctor", "--restore-backup")
    assert no_backup.exit_code == 1 and "no backup" in no_backup.stderr
    assert "no good backup" in run("doctor").stdout
    store.backup_path(state).write_bytes(b"also broken [")
    bad_backup = run("doctor", "--restore-backup")
    assert bad_backup.exit_code == 1 and "state.toml.bak" in bad_backup.stderr
    assert state.read_bytes() == b"oops"


def test_doctor_reports_leftovers_of_a_crash(run) -> None:
    run("done", "mathematics")
    state = paths.resolve().state
    (state.parent / ".state.toml.123.abc.tmp").write_bytes(b"half")
    out = run("doctor").stdout
    assert "Leftover" in out and ".state.toml.123.abc.tmp" in out
