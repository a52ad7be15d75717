"""The benchmark harness: everyday commands against a minimal Typer app, at two course sizes,
and check-links against a loopback server.

    python bench/run.py                   # full run, writes bench/results.json
    python bench/run.py --reps 5 --no-links --no-update

Each command runs as a real subprocess with a warm course cache, in two settings:

- piped: stdout piped (as in a script or a pager), files in one LLMCOURSE_HOME folder;
- terminal: as a learner runs it, on a pseudo-terminal (so Rich draws), with the platform's
  folders (platformdirs under a throw-away HOME), and shell completion of a reference with
  zsh descriptions.

Wall time, CPU time and peak memory (from wait4) are taken per run. Every command run follows
a run of the minimal Typer app in the same setting, and its ratios are taken against that
neighbour, so that drifts in the machine's speed hit both sides alike; the figures are medians
over the repetitions (with min and max for the times).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import sync_bench  # noqa: E402
import synthetic_course  # noqa: E402
import update_bench  # noqa: E402
from benchenv import clean_env  # noqa: E402

COMMANDS: list[tuple[str, list[str]]] = [
    ("list", ["list"]),
    ("show quantization", ["show", "quantization"]),
    ("search lora", ["search", "lora"]),
    ("progress", ["progress"]),
    ("done quantization", ["done", "quantization"]),
    ("--help", ["--help"]),
]
SCALED = ["show quantization", "search lora", "progress", "done quantization", "list"]
# On a terminal: the same everyday commands, and completing `show quant` for zsh.
TERMINAL: list[tuple[str, list[str]]] = [
    (f"{name} [tty]", args) for name, args in COMMANDS if name != "--help"
]
COMPLETION_ENV = {
    "_LLMCOURSE_COMPLETE": "complete_zsh",
    "_TYPER_COMPLETE_ARGS": "llmcourse show quant",
}


# A small launcher process runs each command and reports its figures. Measuring from this
# harness directly would be wrong: Linux counts the memory a child had before exec in its peak
# RSS, and a child forked from here starts as big as the harness.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1); os.dup2(null, 2)
    os.execve(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
      usage.ru_utime + usage.ru_stime)
"""
# The same on a pseudo-terminal of 100 x 40 cells, its output read (and dropped) as it comes.
_TTY_LAUNCHER = """
import os, sys, time, pty, fcntl, termios, struct
start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    os.execve(sys.argv[1], sys.argv[1:], os.environ)
while True:
    try:
        if not os.read(fd, 65536):
            break
    except OSError:
        break
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
      usage.ru_utime + usage.ru_stime)
"""


def run_once(
    argv: list[str], env: dict[str, str], tty: bool = False
) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in KiB, exit status and CPU seconds of one run of `argv`."""
    launcher = _TTY_LAUNCHER if tty else _LAUNCHER
    out = subprocess.run([sys.executable, "-S", "-c", launcher, *argv], env=env,
                         capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1]), int(out[2]), float(out[3])


class Case:
    """One command to measure: its argv, its environment, and whether it runs on a terminal.
    Its floor is the minimal app in the same environment and setting."""

    def __init__(self, argv: list[str], env: dict[str, str], tty: bool = False) -> None:
        self.argv, self.env, self.tty = argv, env, tty

    def run(self) -> tuple[float, int, int, float]:
        return run_once(self.argv, self.env, self.tty)


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


LLM = [sys.executable, "-m", "llmcourse"]
FLOOR = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]


def cases_for(env: dict[str, str], tty_env: dict[str, str], big: Path) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for name, args in COMMANDS:
        cases[name] = Case([*LLM, *args], env)
    for name, args in COMMANDS:
        if name in SCALED:
            cases[f"{name} [x100]"] = Case([*LLM, "--course", str(big), *args], env)
    for name, args in TERMINAL:
        cases[name] = Case([*LLM, *args], tty_env, tty=True)
    cases["complete show quant [zsh]"] = Case(LLM, {**tty_env, **COMPLETION_ENV})
    return cases


def measure(reps: int, env: dict[str, str], tty_env: dict[str, str], big: Path) -> dict[str, Any]:
    """Each repetition runs the minimal app right before every command, in the command's own
    setting, so that each ratio compares two neighbouring runs; the figures are medians over
    repetitions."""
    cases = cases_for(env, tty_env, big)
    # Warm up: the course caches and the search index get built once, as on a user's machine.
    for case in cases.values():
        Case(FLOOR, case.env, case.tty).run()
        case.run()
    names = ["minimal typer app", *cases]
    runs: dict[str, dict[str, list[float]]] = {
        n: {"wall": [], "cpu": [], "mem": [], "ratio": [], "cpu_ratio": [], "mem_ratio": []}
        for n in names
    }
    failures: dict[str, int] = {}
    for _ in range(reps):
        for name, case in cases.items():
            fw, fm, _, fc = Case(FLOOR, case.env, case.tty).run()
            w, m, code, c = case.run()
            for key, value in (("wall", fw), ("cpu", fc), ("mem", fm / 1024)):
                runs["minimal typer app"][key].append(value)
            r = runs[name]
            r["wall"].append(w)
            r["cpu"].append(c)
            r["mem"].append(m / 1024)
            r["ratio"].append(w / fw)
            r["cpu_ratio"].append(c / fc if fc else 1.0)
            r["mem_ratio"].append(m / fm)
            if code != 0:
                failures[name] = code
    med = statistics.median
    results: dict[str, Any] = {}
    for name in names:
        r = runs[name]
        row: dict[str, Any] = {
            "seconds": summary(r["wall"]),
            "cpu_seconds": summary(r["cpu"]),
            "peak_mib": summary(r["mem"]),
            "time_ratio": med(r["ratio"]) if r["ratio"] else 1.0,
            "cpu_ratio": med(r["cpu_ratio"]) if r["cpu_ratio"] else 1.0,
            "memory_ratio": med(r["mem_ratio"]) if r["mem_ratio"] else 1.0,
            "exit_code": failures.get(name, 0),
        }
        if name.endswith("[x100]"):
            plain = runs[name.removesuffix(" [x100]")]
            row["vs_builtin"] = med(a / b for a, b in zip(r["wall"], plain["wall"], strict=True))
        results[name] = row
    return results


def count_instructions(env: dict[str, str], tty_env: dict[str, str], big: Path) -> dict[str, Any]:
    """Instructions executed per command, under valgrind's callgrind: unlike seconds, the same
    from run to run whatever else the machine is doing, so the ratios are steady. Terminal
    cases run under `script` for a pseudo-terminal, and so does their floor."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return {}
    cases = {"minimal typer app": Case(FLOOR, env)}
    cases["minimal typer app [tty]"] = Case(FLOOR, tty_env, tty=True)
    cases.update(cases_for(env, tty_env, big))
    counts: dict[str, int] = {}
    for name, case in cases.items():
        grind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *case.argv]
        if case.tty:
            import shlex

            grind = ["script", "-qec", shlex.join(grind) + " 2>/dev/tty", "/dev/null"]
        proc = subprocess.run(grind, env=case.env, capture_output=True, text=True)
        found = re.search(r"Collected : (\d+)", proc.stderr + proc.stdout)
        if found:
            counts[name] = int(found.group(1))
    out: dict[str, Any] = {}
    for name, n in counts.items():
        tty = cases[name].tty
        base = counts.get("minimal typer app [tty]" if tty else "minimal typer app")
        row: dict[str, Any] = {"instructions": n, "ratio": n / base if base else None}
        if name.endswith("[x100]") and name.removesuffix(" [x100]") in counts:
            row["vs_builtin"] = n / counts[name.removesuffix(" [x100]")]
        out[name] = row
    return out


class _Links(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        if self.path.startswith("/slow/"):
            time.sleep(0.3)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    do_GET = do_HEAD = _answer

    def log_message(self, *args: Any) -> None:
        pass


def links_course(folder: Path, hosts: list[str], count: int = 200, slow_every: int = 6) -> Path:
    """A small valid course whose resources are `count` loopback URLs spread over `hosts`
    (host:port), every 6th of them slow."""
    import tomli_w

    text = {"en": "Benchmark text", "zh-TW": "基準測試文字"}
    topics = []
    per_topic = 20
    for t in range(count // per_topic):
        resources = []
        for r in range(per_topic):
            i = t * per_topic + r
            kind = "slow" if i % slow_every == 0 else "ok"
            url = f"http://{hosts[i % len(hosts)]}/{kind}/{i}"
            resources.append({"id": f"link-{i}", "title": {"en": f"Link {i}", "zh-TW": f"連結 {i}"},
                              "url": url, "kind": "article", "summary": text})  # fmt: skip
        topics.append({"id": f"topic-{t}", "title": {"en": f"Topic {t}", "zh-TW": f"主題 {t}"},
                       "summary": text, "resources": resources})  # fmt: skip
    course = {
        "id": "links-bench", "edition": "bench", "languages": ["en", "zh-TW"],
        "title": {"en": "Links", "zh-TW": "連結"}, "summary": text,
        "web_url": "https://example.org/", "credit": {"author": "bench", "repository": "bench",
        "url": "https://example.org/", "license": "CC0", "note": text},
        "parts": [{"id": "only", "title": {"en": "Only", "zh-TW": "唯一"}, "summary": text,
                   "topics": topics}],
    }  # fmt: skip
    file = folder / "links-course.toml"
    file.write_text(tomli_w.dumps(course), encoding="utf-8")
    return file


LOOPBACK_HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]


def measure_links(env: dict[str, str], folder: Path) -> dict[str, Any]:
    """A course's links live on many hosts; four loopback addresses stand in for them (the
    checker limits requests per host as well as overall)."""
    servers = []
    for address in LOOPBACK_HOSTS:
        server = ThreadingHTTPServer((address, 0), _Links)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        hosts = [f"{s.server_address[0]}:{s.server_address[1]}" for s in servers]
        course = links_course(folder, hosts)
        base = [sys.executable, "-m", "llmcourse", "--course", str(course), "check-links", "--json"]
        concurrent = [run_once(base, env)[0] for _ in range(3)]
        sequential, _, code, _ = run_once([*base, "--concurrency", "1"], env)
    finally:
        for server in servers:
            server.shutdown()
    return {
        "hosts": len(LOOPBACK_HOSTS),
        "urls": 200,
        "slow_urls": 34,
        "slow_ms": 300,
        "concurrent_seconds": summary(concurrent),
        "sequential_seconds": sequential,
        "speedup": sequential / statistics.median(concurrent),
        "exit_code": code,
    }


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
    }


def print_table(report: dict[str, Any]) -> None:
    print(f"\nMachine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
          f"Python {report['machine']['python']}; {report['reps']} repetitions\n")  # fmt: skip
    print(f"{'command':<28} {'median s':>9} {'min':>7} {'max':>7} {'x floor':>8} {'x cpu':>6} "
          f"{'MiB':>7} {'x mem':>6} {'x builtin':>9}")  # fmt: skip
    for name, row in report["commands"].items():
        t, m = row["seconds"], row["peak_mib"]
        vs = f"{row['vs_builtin']:.2f}" if "vs_builtin" in row else ""
        flag = "" if row["exit_code"] == 0 else f"  (exit {row['exit_code']})"
        print(
            f"{name:<28} {t['median']:>9.3f} {t['min']:>7.3f} {t['max']:>7.3f} "
            f"{row['time_ratio']:>8.2f} {row['cpu_ratio']:>6.2f} {m['median']:>7.1f} "
            f"{row['memory_ratio']:>6.2f} "
            f"{vs:>9}{flag}"
        )
    counted = report.get("instructions")
    if counted:
        print(f"\n{'instructions (valgrind)':<28} {'millions':>9} {'x floor':>8} {'x builtin':>9}")
        for name, row in counted.items():
            vs = f"{row['vs_builtin']:.2f}" if "vs_builtin" in row else ""
            print(f"{name:<28} {row['instructions'] / 1e6:>9.0f} {row['ratio']:>8.2f} {vs:>9}")
    links = report.get("check_links")
    if links:
        print(f"\ncheck-links, {links['urls']} URLs on {links['hosts']} loopback hosts "
              f"({links['slow_urls']} taking "
              f"{links['slow_ms']} ms): {links['concurrent_seconds']['median']:.2f} s concurrent, "
              f"{links['sequential_seconds']:.2f} s with --concurrency 1 "
              f"(x{links['speedup']:.1f})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="llmcourse benchmark harness")
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--no-links", action="store_true", help="skip the check-links benchmark")
    parser.add_argument("--no-update", action="store_true", help="skip the update benchmark")
    parser.add_argument("--no-sync", action="store_true", help="skip the sync benchmark")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with valgrind"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="llmcourse-bench-") as tmp:
        folder = Path(tmp)
        base = clean_env()
        for var in ("NO_COLOR", "COLUMNS", "PYTHONDONTWRITEBYTECODE"):
            # Measure as installed: with bytecode caches, as pip writes them for a user.
            base.pop(var, None)
        env = {**base, "LLMCOURSE_HOME": str(folder / "home"), "COLUMNS": "100"}
        # A learner's terminal: no LLMCOURSE_HOME, the platform's folders under a HOME of ours.
        tty_env = {**base, "HOME": str(folder / "user"), "TERM": "xterm-256color"}
        big = synthetic_course.write(100, folder / "big")
        report: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "machine": machine(),
            "reps": args.reps,
            "commands": measure(args.reps, env, tty_env, big),
        }
        if args.instructions:
            report["instructions"] = count_instructions(env, tty_env, big)
        if not args.no_links:
            report["check_links"] = measure_links(env, folder)
        if not args.no_update:
            report["update"] = update_bench.measure_update(env)
        if not args.no_sync:
            report["sync"] = sync_bench.measure_sync(env)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    if "update" in report:
        update_bench.print_update(report["update"])
    if "sync" in report:
        sync_bench.print_sync(report["sync"])
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
