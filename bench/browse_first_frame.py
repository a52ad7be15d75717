"""How long `llmcourse browse` takes to paint its first screen, in a real pseudo-terminal.

    python bench/browse_first_frame.py            # 11 runs at 120x40, median, min and max
    python bench/browse_first_frame.py --reps 21 --size 80x24

Each run starts `llmcourse browse` on a fresh pty (warm course and search caches, a temporary
LLMCOURSE_HOME), reads what it writes, and stops the clock when the frame holds both the tree's
first part and the footer's last key: the first complete screen. Then it presses `q`.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from benchenv import clean_env

LLMCOURSE = shutil.which("llmcourse") or str(Path(sys.executable).with_name("llmcourse"))
# Both ends of the first full frame: the tree's first part and the footer's last word.
MARKERS = (b"1. LLM Fundamentals", b"quit")
TIMEOUT = 20.0


def first_frame(env: dict[str, str], cols: int, rows: int) -> tuple[float, float]:
    """Wall seconds from launch to the first complete screen, and the CPU seconds the browser
    had used by then (the steadier figure on a busy machine)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    tty = {"stdin": follower, "stdout": follower, "stderr": follower}
    proc = subprocess.Popen([LLMCOURSE, "browse"], env=env, start_new_session=True, **tty)
    os.close(follower)
    seen = b""
    elapsed, cpu = None, 0.0
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:
                    break
            if all(m in seen for m in MARKERS):
                elapsed = time.perf_counter() - start
                cpu = _cpu_seconds(proc.pid)
                break
        os.write(leader, b"q")
        _drain(leader, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(leader)
    if elapsed is None:
        raise SystemExit(f"no complete frame within {TIMEOUT}s; output: {seen[-500:]!r}")
    return elapsed, cpu


def _cpu_seconds(pid: int) -> float:
    """User and system time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def floor_seconds(env: dict[str, str]) -> float:
    """One run of the minimal Typer app (bench/minimal_app.py), the other benchmarks' floor."""
    start = time.perf_counter()
    app = Path(__file__).with_name("minimal_app.py")
    subprocess.run([sys.executable, str(app)], env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def _drain(leader: int, proc: subprocess.Popen[bytes]) -> None:
    """Read until the browser has gone (a full pty would block its last writes)."""
    end = time.perf_counter() + 10
    while proc.poll() is None and time.perf_counter() < end:
        ready, _, _ = select.select([leader], [], [], 0.05)
        if ready:
            try:
                os.read(leader, 65536)
            except OSError:
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=11)
    parser.add_argument("--size", default="120x40", help="COLSxROWS")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as home:
        env = clean_env(LLMCOURSE_HOME=home, TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        subprocess.run([LLMCOURSE, "search", "lora"], env=env, capture_output=True, check=True)
        first_frame(env, cols, rows)  # warm-up: caches and the OS's file cache
        walls, cpus, floors = [], [], []
        for _ in range(args.reps):  # the floor right before each run: both meet the same load
            floors.append(floor_seconds(env))
            wall, cpu = first_frame(env, cols, rows)
            walls.append(wall)
            cpus.append(cpu)
    med = statistics.median
    figures = {
        "size": args.size,
        "reps": args.reps,
        "median_s": round(med(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "cpu_median_s": round(med(cpus), 3),
        "floor_median_s": round(med(floors), 3),
        "floor_ratio": round(med(w / f for w, f in zip(walls, floors, strict=True)), 2),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"browse first frame at {args.size}: median {figures['median_s']:.3f} s "
              f"(min {figures['min_s']:.3f}, max {figures['max_s']:.3f}, {args.reps} runs); "
              f"CPU by then {figures['cpu_median_s']:.3f} s; minimal Typer app "
              f"{figures['floor_median_s']:.3f} s, ratio {figures['floor_ratio']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
