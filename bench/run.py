"""The benchmark harness: everyday commands against a minimal Typer app, at two course sizes,
and check-links against a loopback server.

    python bench/run.py                   # full run, writes bench/results.json
    python bench/run.py --reps 5 --no-links --no-update

Each command runs as a real subprocess with stdout piped (as in a script or a pager) and a
warm course cache; wall time, CPU time and peak memory (from wait4) are taken per run. Every
command run follows a run of the minimal Typer app, and its ratios are taken against that
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

import synthetic_course  # noqa: E402
import update_bench  # noqa: E402

COMMANDS: list[tuple[str, list[str]]] = [
    ("list", ["list"]),
    ("show quantization", ["show", "quantization"]),
    ("search lora", ["search", "lora"]),
    ("progress", ["progress"]),
    ("done quantization", ["done", "quantization"]),
    ("--help", ["--help"]),
]
SCALED = ["show quantization", "search lora", "progress", "done quantization", "list"]


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


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in KiB, exit status and CPU seconds of one run of `argv`."""
    out = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *argv], env=env,
                         capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1]), int(out[2]), float(out[3])


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(reps: int, env: dict[str, str], big_course: Path) -> dict[str, Any]:
    """Each repetition runs the minimal app right before every command, so that each ratio
    compares two neighbouring runs; the figures are medians over repetitions."""
    llm = [sys.executable, "-m", "llmcourse"]
    floor = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    cases: dict[str, list[str]] = {}
    for name, args in COMMANDS:
        cases[name] = [*llm, *args]
    for name, args in COMMANDS:
        if name in SCALED:
            cases[f"{name} [x100]"] = [*llm, "--course", str(big_course), *args]
    # Warm up: the course caches and the search index get built once, as on a user's machine.
    for argv in [floor, *cases.values()]:
        run_once(argv, env)
    names = ["minimal typer app", *cases]
    runs: dict[str, dict[str, list[float]]] = {
        n: {"wall": [], "cpu": [], "mem": [], "ratio": [], "cpu_ratio": [], "mem_ratio": []}
        for n in names
    }
    failures: dict[str, int] = {}
    for _ in range(reps):
        for name, argv in cases.items():
            fw, fm, _, fc = run_once(floor, env)
            w, m, code, c = run_once(argv, env)
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


def count_instructions(env: dict[str, str], big_course: Path) -> dict[str, Any]:
    """Instructions executed per command, under valgrind's callgrind: unlike seconds, the same
    from run to run whatever else the machine is doing, so the ratios are steady."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return {}
    llm = [sys.executable, "-m", "llmcourse"]
    cases = {"minimal typer app": [sys.executable, str(ROOT / "bench" / "minimal_app.py")]}
    cases.update({name: [*llm, *args] for name, args in COMMANDS})
    cases.update({f"{name} [x100]": [*llm, "--course", str(big_course), *args]
                  for name, args in COMMANDS if name in SCALED})  # fmt: skip
    counts: dict[str, int] = {}
    for name, argv in cases.items():
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        found = re.search(r"Collected : (\d+)", proc.stderr)
        if found:
            counts[name] = int(found.group(1))
    base = counts.get("minimal typer app")
    out: dict[str, Any] = {}
    for name, n in counts.items():
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
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with valgrind"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="llmcourse-bench-") as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCOURSE_")}
        env.update(LLMCOURSE_HOME=str(folder / "home"), LANG="C.UTF-8", COLUMNS="100")
        env.pop("NO_COLOR", None)
        # Measure as installed: with bytecode caches, as pip writes them for a user.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        big = synthetic_course.write(100, folder / "big")
        report: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "machine": machine(),
            "reps": args.reps,
            "commands": measure(args.reps, env, big),
        }
        if args.instructions:
            report["instructions"] = count_instructions(env, big)
        if not args.no_links:
            report["check_links"] = measure_links(env, folder)
        if not args.no_update:
            report["update"] = update_bench.measure_update(env)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    if "update" in report:
        update_bench.print_update(report["update"])
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
