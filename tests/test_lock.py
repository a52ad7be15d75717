"""The state lock: exclusive, waits, gives up with a clear message, released on exit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from llmcourse import paths
from llmcourse.progress import store
from llmcourse.progress.lock import LockTimeout, exclusive


def test_a_second_holder_waits_then_times_out(tmp_path: Path) -> None:
    file = tmp_path / "x.lock"
    with exclusive(file, 1.0):
        start = time.monotonic()
        with pytest.raises(LockTimeout), exclusive(file, 0.2):
            pass
        assert time.monotonic() - start >= 0.2
    with exclusive(file, 0.1):  # released: free again at once
        pass


def test_a_waiter_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    file = tmp_path / "x.lock"
    order: list[str] = []
    held = threading.Event()

    def holder() -> None:
        with exclusive(file, 1.0):
            held.set()
            time.sleep(0.2)
            order.append("holder done")

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait()
    with exclusive(file, 5.0):
        order.append("waiter in")
    thread.join()
    assert order == ["holder done", "waiter in"]


def test_a_held_lock_is_a_clear_error_and_changes_nothing(run, monkeypatch) -> None:
    assert run("done", "python").exit_code == 0
    state = paths.resolve().state
    before = state.read_bytes()
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.1)
    with exclusive(store.lock_path(state), 1.0):
        result = run("done", "quantization")
    assert result.exit_code == 1
    assert "another llmcourse process" in result.stderr and "Traceback" not in result.stderr
    assert state.read_bytes() == before
