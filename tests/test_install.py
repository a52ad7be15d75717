"""Installed behaviour, in real subprocesses: the wheel carries the course, `python -m` works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import subprocess_env

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), ROOT],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (found,) = out.glob("llmcourse-*.whl")
    return found


def test_wheel_contains_the_course_and_the_credit(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "llmcourse/data/course/course.toml" in names
    assert "llmcourse/data/course/notebooks.toml" in names
    assert "llmcourse/data/course/topics/quantization.toml" in names
    assert len([n for n in names if n.startswith("llmcourse/data/course/topics/")]) == 19
    assert "llmcourse/data/LICENSE-llm-course.txt" in names
    assert "llmcourse/data/CREDITS.md" in names
    edition = "llmcourse/data/course-2026-02-04/"
    assert {edition + "course.toml", edition + "notebooks.toml"} <= names
    assert len([n for n in names if n.startswith(edition + "topics/")]) == 20
    assert any(n.endswith("entry_points.txt") for n in names)


def test_list_runs_from_the_unpacked_wheel_in_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The unpacked wheel comes first on the path, so the checkout's copy cannot be the one used.
    env = subprocess_env(tmp_path / "home", PYTHONPATH=str(site))
    result = subprocess.run(
        [sys.executable, "-c", "import llmcourse, sys; print(llmcourse.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.startswith(str(site))
    result = subprocess.run(
        [sys.executable, "-m", "llmcourse", "list"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2.7   quantization" in result.stdout


def test_console_script_and_error_exit_codes(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("llmcourse")
    if not exe.exists():
        pytest.skip("llmcourse console script not installed in this environment")
    env = subprocess_env(tmp_path / "home")
    ok = subprocess.run([str(exe), "list"], env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "quantization" in ok.stdout
    usage = subprocess.run([str(exe), "--lang", "xx", "list"], env=env, capture_output=True,
                           text=True, timeout=60)  # fmt: skip
    assert usage.returncode == 2
    user = subprocess.run([str(exe), "--course", str(tmp_path / "nope"), "list"], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert user.returncode == 1
    assert "Traceback" not in user.stderr and "no such course" in user.stderr
