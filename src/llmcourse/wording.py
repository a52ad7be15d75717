"""The libraries' error phrases (pydantic's, through Typer's parameter conversion too) said in
the project's own words, in the run's language: "Input should be a valid dictionary" on a
title becomes "expected a table of texts per language (title.en = …)"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from llmcourse.i18n import current_lang, msg

# Fields whose value is a table of texts, one per language (model.Localized).
LOCALIZED = {"title", "summary", "name", "note", "front", "back"}

# pydantic error type -> our label key.
_BY_TYPE = {
    "missing": "wording.missing",
    "extra_forbidden": "wording.unknown_field",
    "unexpected_keyword_argument": "wording.unknown_field",
    "string_type": "wording.text",
    "int_type": "wording.int",
    "int_parsing": "wording.int",
    "int_from_float": "wording.int",
    "float_type": "wording.number",
    "float_parsing": "wording.number",
    "bool_type": "wording.bool",
    "bool_parsing": "wording.bool",
    "list_type": "wording.list",
    "tuple_type": "wording.list",
    "dict_type": "wording.table",
    "literal_error": "wording.one_of",
    "enum": "wording.one_of",
    "greater_than_equal": "wording.at_least",
    "greater_than": "wording.more_than",
    "less_than_equal": "wording.at_most",
}
# The same phrases as Typer prints them for a command-line value (no error type there).
_BY_TEXT = [
    (re.compile(r"^Input should be a valid integer"), "wording.int", None),
    (re.compile(r"^Input should be a valid number"), "wording.number", None),
    (re.compile(r"^Input should be a valid boolean"), "wording.bool", None),
    (re.compile(r"^Input should be greater than or equal to (\S+)"), "wording.at_least", "ge"),
    (re.compile(r"^Input should be greater than (\S+)"), "wording.more_than", "gt"),
    (re.compile(r"^Input should be less than or equal to (\S+)"), "wording.at_most", "le"),
]


def error_text(
    error_type: str, field: str | None, context: Mapping[str, Any] | None, text: str
) -> str:
    """One pydantic error (`type`, the field's name, `ctx`, `msg`) in our words; the library's
    own text when we have none for it."""
    key = _BY_TYPE.get(error_type)
    if key is None:
        return text.removeprefix("Value error, ")
    if key == "wording.table" and field in LOCALIZED:
        return msg("wording.texts", field=field)
    ctx = dict(context or {})
    return msg(key, field=field or "…", expected=ctx.get("expected", ""),
               ge=ctx.get("ge", ""), gt=ctx.get("gt", ""), le=ctx.get("le", ""))  # fmt: skip


# click's own usage errors; the rest of the message is the user's words, kept as they are.
_CLICK_TEXT = [
    (re.compile(r"No such option: (\S+)"), "wording.no_such_option"),
    (re.compile(r"Got unexpected extra argument\(s\) \((.*)\)"), "wording.extra_args"),
    (re.compile(r"Missing argument (.+)\."), "wording.missing_argument"),
    (re.compile(r"Missing option (.+)\."), "wording.missing_option"),
    (re.compile(r"No such command (.+?)\."), "wording.no_such_command"),
    (re.compile(r"Option (.+) requires an argument\."), "wording.needs_value"),
]
# What click adds after some of them: a suggestion.
_CLICK_TAILS = [
    (re.compile(r" Did you mean (.+)\?$"), "wording.did_you_mean"),
    (re.compile(r" \(Possible options: (.+)\)$"), "wording.possible_options"),
]
_INVALID_VALUE = re.compile(r"Invalid value for (.+?): (.*)", re.S)


def usage_error(text: str) -> str:
    """click's whole usage-error message (`format_message()`) in our words and language:
    the error, its suggestion, and the reason a value was refused."""
    if m := _INVALID_VALUE.fullmatch(text):
        return msg("wording.invalid_value", value=m.group(1), why=plain(m.group(2)))
    tail = ""
    gap = "" if current_lang() == "zh-TW" else " "  # Chinese sentences follow without a space
    for pattern, key in _CLICK_TAILS:
        if m := pattern.search(text):
            text, tail = text[: m.start()], gap + msg(key, value=m.group(1))
    return plain(text) + tail


def plain(text: str) -> str:
    """A parameter's conversion message (Typer passes pydantic's), or click's usage error,
    in our words."""
    for click_pattern, click_key in _CLICK_TEXT:
        if m := click_pattern.fullmatch(text):
            return msg(click_key, value=m.group(1))
    for pattern, key, bound in _BY_TEXT:
        if m := pattern.match(text):
            value = m.group(1).rstrip(".,") if bound else ""
            return msg(key, ge=value, gt=value, le=value, field="…", expected="")
    return text
