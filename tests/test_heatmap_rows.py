"""The progress heat map: seven weekday rows of the same weeks, none shifted."""

from __future__ import annotations

import pytest

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()[:3] in WEEKDAYS]


@pytest.mark.parametrize("today", ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-02"])
@pytest.mark.parametrize("rich", [False, True])
def test_every_weekday_row_lines_up(run, today: str, rich: bool) -> None:
    # Changes on the first day of the range and on today, whatever weekday those are.
    assert run("done", "nlp", env={"LLMCOURSE_NOW": "2026-09-07T10:00:00Z"}).exit_code == 0
    assert run("skip", "python", env={"LLMCOURSE_NOW": f"{today}T10:00:00Z"}).exit_code == 0
    env = {"LLMCOURSE_NOW": f"{today}T12:00:00Z", **({"LLMCOURSE_RICH": "1"} if rich else {})}
    rows = _rows(run("progress", env=env).stdout)
    assert [r.strip()[:3] for r in rows] == list(WEEKDAYS)
    start = rows[0].index("Mon") + 4  # where the weeks' cells begin
    for row in rows:
        assert len(row) == len(rows[0]), rows  # the same length, padded where days are to come
        assert row[start - 1] == " " and row[start] != " ", rows  # the first week whole: no shift


def test_only_days_to_come_are_blank(run) -> None:
    # 2026-11-25 is a Wednesday: Thursday to Sunday of the last week are still to come.
    rows = _rows(run("progress", env={"LLMCOURSE_NOW": "2026-11-25T12:00:00Z"}).stdout)
    blank_last = [r[-1] == " " for r in rows]
    assert blank_last == [False, False, False, True, True, True, True], rows
    assert all(" " not in r.split(maxsplit=1)[1][:-1] for r in rows), rows
