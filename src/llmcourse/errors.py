"""Every foreseeable failure is an LlmcourseError; the CLI turns it into a message and exit code."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2


class LlmcourseError(Exception):
    """A problem the user can act on. `details` are extra lines printed under the message."""

    exit_code = EXIT_USER

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)


class UsageError(LlmcourseError):
    """Bad options or arguments (exit 2)."""

    exit_code = EXIT_USAGE


class CourseError(LlmcourseError):
    """A course file or folder that cannot be read or does not validate."""


class RefError(LlmcourseError):
    """A reference that names nothing, or several things."""


class StateError(LlmcourseError):
    """The progress file cannot be read, parsed or written."""


class NetError(LlmcourseError):
    """A download or link check that failed."""
