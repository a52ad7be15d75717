"""Course folders and files are untrusted input: names become paths only as ids, nothing
outside the folder is read, sizes are bounded, and caches are believed only from a private
folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from llmcourse import paths
from llmcourse.course import cache, load


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(paths.builtin_course_dir(), folder)
    return folder


def _replace_first_topic(folder: Path, ref: str) -> None:
    main = folder / "course.toml"
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace('"mathematics"', f'"{ref}"', 1), encoding="utf-8")


@pytest.mark.parametrize("ref", ["../../../../secret", "/etc/secret", "topics/../x", "UP"])
def test_topic_names_must_be_ids(run, course_dir, tmp_path, ref):
    secret = tmp_path / "secret.toml"
    secret.write_text('password = "hunter2"\n')
    _replace_first_topic(course_dir, ref)
    result = run("--course", str(course_dir), "list")
    assert result.exit_code == 1
    assert "is not a topic id" in result.stderr
    assert "hunter2" not in result.stderr and "password" not in result.stderr


def test_symlinks_out_of_the_folder_are_refused(run, course_dir, tmp_path):
    outside = tmp_path / "elsewhere.toml"
    shutil.copy(course_dir / "topics" / "mathematics.toml", outside)
    (course_dir / "topics" / "mathematics.toml").unlink()
    (course_dir / "topics" / "mathematics.toml").symlink_to(outside)
    result = run("--course", str(course_dir), "list")
    assert result.exit_code == 1
    assert "outside the course folder" in result.stderr


def test_symlinks_inside_the_folder_are_fine(run, course_dir):
    topics = course_dir / "topics"
    (topics / "maths-real.toml").write_bytes((topics / "mathematics.toml").read_bytes())
    (topics / "mathematics.toml").unlink()
    (topics / "mathematics.toml").symlink_to(topics / "maths-real.toml")
    assert run("--course", str(course_dir), "list").exit_code == 0


def test_a_huge_course_file_is_refused_quickly(run, tmp_path, monkeypatch):
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(load.MAX_FILE_BYTES + 1)
    result = run("--course", str(big), "list")
    assert result.exit_code == 1
    assert "more than a course may hold (16 MiB per file)" in result.stderr


def test_a_folder_of_many_files_has_a_total_limit(run, course_dir, monkeypatch):
    monkeypatch.setattr(load, "MAX_COURSE_BYTES", 50_000)
    result = run("--course", str(course_dir), "validate")
    assert result.exit_code == 1 and "refusing to read it" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX owners and modes")
def test_a_cache_folder_others_can_write_is_not_used(tmp_path):
    folder = tmp_path / "cache"
    file = folder / "course-x.bin"
    cache.write_blob(file, b"key", b"payload")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert bytes(cache.read_blob(file, b"key") or b"") == b"payload"
    folder.chmod(0o777)
    assert cache.read_blob(file, b"key") is None
    folder.chmod(0o755)
    assert cache.read_blob(file, b"key") is not None


@pytest.mark.skipif(os.name == "nt", reason="POSIX owners and modes")
def test_a_crafted_cache_in_a_shared_folder_is_bypassed(run, isolated_home):
    assert run("list").exit_code == 0
    folder = paths.resolve().cache
    (file,) = folder.glob("course-*.bin")
    blob = file.read_bytes()
    from llmcourse.cli.session import Session

    key = Session(lang="en").course().fingerprint.encode()  # what the cache was written under
    assert blob.startswith(key)
    course = cache.unpack(memoryview(blob)[len(key) + 4 :])
    course.parts[0].topics[0].__dict__["title"] = {"en": "Forged", "zh-TW": "Forged"}
    cache.write_blob(file, key, cache.pack(course))  # a valid checksum: only trust stops it
    assert "Forged" in run("list").stdout
    folder.chmod(0o777)
    result = run("list")
    assert result.exit_code == 0
    assert "Forged" not in result.stdout and "Mathematics" in result.stdout


def test_a_url_that_does_not_parse_is_a_problem_not_a_crash(run, course_dir):
    file = course_dir / "topics" / "quantization.toml"
    text = file.read_text(encoding="utf-8")
    url = "https://mlabonne.github.io/blog/posts/Introduction_to_Weight_Quantization.html"
    file.write_text(text.replace(url, "http://[::1/x"), encoding="utf-8")
    result = run("--course", str(course_dir), "validate")
    assert result.exit_code == 1 and "is malformed" in result.stderr
