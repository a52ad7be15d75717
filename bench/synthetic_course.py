"""Write a valid course N times the built-in one, for measuring how llmcourse scales.

    python bench/synthetic_course.py --scale 100 --out /tmp/big
    llmcourse --course /tmp/big/course list

The same three parts; each topic, with its concepts and resources, appears N times (copy k has
ids suffixed with -k and prerequisites within its own copy), and so does each notebook. Text is
the built-in course's, varied per copy, in both languages.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from llmcourse import paths
from llmcourse.course.load import CourseSource

VARIANTS_EN = ["", "in practice", "for production", "at scale", "from scratch", "revisited"]
VARIANTS_ZH = ["", "實務篇", "生產環境篇", "大規模篇", "從零開始篇", "再探"]


def _vary(text: dict[str, str], k: int) -> dict[str, str]:
    if k == 1:
        return dict(text)
    en, zh = VARIANTS_EN[k % len(VARIANTS_EN)], VARIANTS_ZH[k % len(VARIANTS_ZH)]
    out = {}
    for lang, value in text.items():
        suffix = (f" {en}" if en else "") if lang == "en" else (f"：{zh}" if zh else "")
        out[lang] = f"{value}{suffix} #{k}"
    return out


def _suffix(id_: str, k: int) -> str:
    return id_ if k == 1 else f"{id_}-{k}"


def _copy_url(url: str, k: int) -> str:
    """A distinct URL per copy, so that link checks scale too."""
    return url if k == 1 else f"{url}{'&' if '?' in url else '?'}copy={k}"


def synthesize(
    scale: int,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The course.toml dict, topic dicts by id, and notebook dicts."""
    raw, _ = CourseSource(paths.builtin_course_dir()).read_raw()
    topics_out: dict[str, dict[str, Any]] = {}
    for part in raw["parts"]:
        order: list[str] = []
        for k in range(1, scale + 1):
            for topic in part["topics"]:
                t = dict(topic)
                t.pop("number", None)
                t["id"] = _suffix(topic["id"], k)
                t["title"] = _vary(topic["title"], k)
                t["summary"] = _vary(topic["summary"], k)
                t["prerequisites"] = [_suffix(p, k) for p in topic.get("prerequisites", [])]
                t["concepts"] = [{**c, "id": _suffix(c["id"], k), "name": _vary(c["name"], k)}
                                 for c in topic.get("concepts", [])]  # fmt: skip
                t["resources"] = [
                    {**r, "id": _suffix(r["id"], k), "title": _vary(r["title"], k),
                     "url": _copy_url(r["url"], k)}
                    for r in topic.get("resources", [])
                ]  # fmt: skip
                topics_out[t["id"]] = t
                order.append(t["id"])
        part["topics"] = order
        part.pop("number", None)
    notebooks: list[dict[str, Any]] = []
    base_notebooks = raw.pop("notebooks", [])
    for k in range(1, scale + 1):
        for nb in base_notebooks:
            notebooks.append({**nb, "id": _suffix(nb["id"], k), "title": _vary(nb["title"], k),
                              "topics": [_suffix(t, k) for t in nb["topics"]]})  # fmt: skip
    raw["edition"] = f"synthetic-x{scale}"
    return raw, topics_out, notebooks


def write(scale: int, out: Path) -> Path:
    course, topics, notebooks = synthesize(scale)
    folder = out / "course"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "topics").mkdir(parents=True)
    (folder / "course.toml").write_text(tomli_w.dumps(course), encoding="utf-8")
    (folder / "notebooks.toml").write_text(
        tomli_w.dumps({"notebooks": notebooks}), encoding="utf-8"
    )
    for id_, topic in topics.items():
        (folder / "topics" / f"{id_}.toml").write_text(tomli_w.dumps(topic), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="how many times the built-in course")
    parser.add_argument("--out", type=Path, required=True, help="folder to write DIR/course into")
    args = parser.parse_args()
    folder = write(args.scale, args.out)
    print(folder)


if __name__ == "__main__":
    main()
