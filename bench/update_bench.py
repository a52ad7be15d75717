"""`update` from a local copy of the 2026 README into a home with marks: with a registry that
knows only the built-in course, and with one that has recorded 100 editions.

    python bench/update_bench.py            # prints the figures (run.py includes them too)

Each repetition starts from a copy of a prepared home (marks set, caches warm) so that every
run really installs the edition; only the `update` subprocess is timed.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README_2026 = ROOT.parent / "shared" / "course-sources" / "llm-course-en-2026-02-04.md"
MARKS = (["done", "quantization", "rag", "supervised-fine-tuning"], ["start", "evaluation"])


def _llmcourse(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "llmcourse", *args], env=env, check=True,
                   capture_output=True)  # fmt: skip


def _home(folder: Path, env: dict[str, str], editions: int) -> Path:
    """A home with the issue's marks, warm caches, and a registry of `editions` editions."""
    home = folder / f"home-{editions}"
    env = {**env, "LLMCOURSE_HOME": str(home)}
    for marks in MARKS:
        _llmcourse(env, *marks)
    _llmcourse(env, "list")  # the built-in course's cache
    if editions:
        _write_registry(env, editions)
    return home


def _write_registry(env: dict[str, str], editions: int) -> None:
    """Record `editions` variants of the 2026 README through the real matching code, each
    changing what a real revision of the course changes: two topics retitled, a tenth of the
    resources replaced by new ones, one notebook moved to a new Colab link."""
    code = f"""
import copy, hashlib
from pathlib import Path
from llmcourse.course import idmatch
from llmcourse.course.readme import parse_readme
from llmcourse.editions import store
text = Path({str(README_2026)!r}).read_text(encoding="utf-8")
base = parse_readme(text)
registry = store.load_registry()
for k in range({editions}):
    raw = copy.deepcopy(base)
    topics = [t for part in raw["parts"] for t in part["topics"]]
    for t in topics[k % len(topics)], topics[(k * 7 + 3) % len(topics)]:
        t["title"]["en"] += f" (revision {{k}})"
    resources = [r for t in topics for r in t["resources"]]
    for r in resources[k % 10 :: 10]:
        r["title"]["en"] = f"New reading {{k}} {{r['title']['en']}}"
        r["url"] += f"/revision-{{k}}"
    raw["notebooks"][k % len(raw["notebooks"])]["colab_url"] += f"?revision={{k}}"
    digest = hashlib.sha256(f"{{k}}".encode()).hexdigest()
    raw = idmatch.build_edition(raw, registry, "bench", digest)
    registry.record_raw(raw)
store.save_registry(registry)
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def _registry_size(home: Path) -> int:
    file = home / "editions" / "registry.json"
    if not file.is_file():
        return 0
    data = json.loads(file.read_text(encoding="utf-8"))
    return sum(len(data[kind]) for kind in ("topics", "resources", "notebooks"))


def measure_update(env: dict[str, str], reps: int = 7) -> dict[str, Any]:
    """Median seconds of `update --source <local 2026 README> --yes --force`."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import run_once

    if not README_2026.is_file():
        return {}
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="llmcourse-update-") as tmp:
        folder = Path(tmp)
        readme = folder / "README.md"
        shutil.copy(README_2026, readme)
        for editions in (0, 100):
            prepared = _home(folder, env, editions)
            size = _registry_size(prepared)
            times, cpu = [], []
            for _ in range(reps):
                home = folder / "run"
                shutil.rmtree(home, ignore_errors=True)
                shutil.copytree(prepared, home)
                argv = [sys.executable, "-m", "llmcourse", "update", "--source", str(readme),
                        "--yes", "--force"]  # fmt: skip
                wall, _, code, cpu_seconds = run_once(argv, {**env, "LLMCOURSE_HOME": str(home)})
                if code != 0:
                    raise SystemExit(f"update failed (exit {code})")
                times.append(wall)
                cpu.append(cpu_seconds)
            name = "registry of 100 editions" if editions else "built-in registry"
            out[name] = {"median": statistics.median(times), "min": min(times),
                         "max": max(times), "cpu_median": statistics.median(cpu),
                         "registry_ids": size}  # fmt: skip
    if len(out) == 2:
        one, many = out["built-in registry"], out["registry of 100 editions"]
        out["ratio"] = many["median"] / one["median"]
        out["cpu_ratio"] = many["cpu_median"] / one["cpu_median"]
    return out


def print_update(figures: dict[str, Any]) -> None:
    if not figures:
        print("\nupdate: skipped (../shared/course-sources/llm-course-en-2026-02-04.md absent)")
        return
    one, many = figures["built-in registry"], figures["registry of 100 editions"]
    print(f"\nupdate from a local 2026 README into a home with marks: "
          f"{one['median']:.2f} s, {one['cpu_median']:.2f} s CPU (target <= 1 s); "
          f"with a registry of 100 editions ({many['registry_ids']} ids): "
          f"{many['median']:.2f} s, {many['cpu_median']:.2f} s CPU "
          f"(x{figures['ratio']:.2f}, CPU x{figures['cpu_ratio']:.2f}; target <= 2)")  # fmt: skip


if __name__ == "__main__":
    from benchenv import clean_env

    print_update(measure_update(clean_env(COLUMNS="100")))
