"""`sync` against a local bare remote with a year of history on two machines.

    python bench/sync_bench.py             # prints the figure (run.py includes it too)

A learner studied every day for a year, on the laptop one day and the desktop the next: a mark
a day (resources in turn, some skipped or reset later), a note a day (a tenth of them removed),
ten review ratings a day; so the merged state holds about 365 marks and notes, 3,650 review
logs and 800 history entries. Both machines have synced; then the desktop changed something
and synced, and the laptop changed something. What
is timed is the laptop's `llmcourse sync` (a real subprocess): fetch, merge the desktop's file,
write its own, commit, push. Each repetition first puts the prepared laptop home (with its
clone) and remote back in place.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2025, 11, 28, 8, 0, tzinfo=UTC)

_YEAR = """
import sys
from datetime import datetime, timedelta
from llmcourse.progress import ops, store
from llmcourse.study.records import Review, new_record_id

start, first = datetime.fromisoformat(sys.argv[1]), int(sys.argv[2])  # even or odd days
ops_cycle = ["start", "done", "skip", "done", "reset"]

def year(state):
    for day in range(first, 365, 2):
        when = start + timedelta(days=day)
        item = f"item-{(day * 7) % 400}"
        target = [ops.Target("resource", item)]
        ops.mark(state, ops_cycle[day % 5] if day % 5 else "done", target, when)
        note = ops.add_note(state, f"topic-{day % 40}", f"day {day}: what I learned " * 3, when)
        if day % 10 == 0:
            ops.remove_note(state, note, when + timedelta(minutes=5))
        for k in range(10):
            at = when + timedelta(minutes=10 + k)
            state.reviews[new_record_id()] = Review(f"topic-{k}/concept", "good", at)

store.update(year)
"""


def _llmcourse(home: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "llmcourse", *args], check=True, capture_output=True,
                   env={**env, "LLMCOURSE_HOME": str(home)})  # fmt: skip


def _git_bare(path: Path) -> None:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)


def prepare(folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The laptop's home and the remote, just before the timed sync."""
    remote = folder / "progress.git"
    _git_bare(remote)
    homes = {name: folder / name for name in ("laptop", "desktop")}
    for first, home in enumerate(homes.values()):
        subprocess.run([sys.executable, "-c", _YEAR, START.isoformat(), str(first)],
                       check=True, env={**env, "LLMCOURSE_HOME": str(home)})  # fmt: skip
    today = {**env, "LLMCOURSE_NOW": (START + timedelta(days=366)).isoformat()}
    for name in ("laptop", "desktop", "laptop"):
        _llmcourse(homes[name], today, "sync", "--remote", str(remote))
    _llmcourse(homes["desktop"], today, "done", "quantization")
    _llmcourse(homes["desktop"], today, "sync")
    _llmcourse(homes["laptop"], today, "skip", "nlp")
    return homes["laptop"], remote


def measure_sync(env: dict[str, str], reps: int = 7) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import run_once

    if shutil.which("git") is None:
        return {}
    with tempfile.TemporaryDirectory(prefix="llmcourse-sync-") as tmp:
        folder = Path(tmp)
        laptop, remote = prepare(folder, env)
        size = (laptop / "state.toml").stat().st_size
        times, cpu = [], []
        saved = {path: folder / f"saved-{path.name}" for path in (laptop, remote)}
        for path, copy in saved.items():
            shutil.copytree(path, copy)
        for _ in range(reps):
            for path, copy in saved.items():  # back to the moment before the sync, in place
                shutil.rmtree(path)
                shutil.copytree(copy, path)
            later = (START + timedelta(days=366, hours=1)).isoformat()
            today = {**env, "LLMCOURSE_HOME": str(laptop), "LLMCOURSE_NOW": later}
            argv = [sys.executable, "-m", "llmcourse", "sync"]
            wall, _, code, cpu_seconds = run_once(argv, today)
            if code != 0:
                raise SystemExit(f"sync failed (exit {code})")
            times.append(wall)
            cpu.append(cpu_seconds)
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "cpu_median": statistics.median(cpu), "state_bytes": size}  # fmt: skip


def print_sync(figures: dict[str, Any]) -> None:
    if not figures:
        print("\nsync: skipped (no git)")
        return
    print(f"\nsync against a local bare remote, a year of history over two machines "
          f"(state {figures['state_bytes'] / 1024:.0f} KB): {figures['median']:.2f} s "
          f"(min {figures['min']:.2f}, max {figures['max']:.2f}), "
          f"{figures['cpu_median']:.2f} s CPU (target <= 1 s)")  # fmt: skip


if __name__ == "__main__":
    from benchenv import clean_env

    print_sync(measure_sync(clean_env(COLUMNS="100")))
