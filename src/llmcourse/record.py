"""A plain value class, cheaper to define than a dataclass.

`@dataclass` writes and compiles `__init__`, `__repr__` and `__eq__` for every class it
decorates, at every start-up: about 2.4 M instructions a class, and the everyday path defines
dozens (against a 650 M floor). The classes on that path write their `__init__` out instead and
take equality and repr from `Record`, over the names in `_fields`. (The course model stays made
of dataclasses: pydantic validates those when a course is read from its source files.)
"""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable values, unhashable like a dataclass

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    def __repr__(self) -> str:
        values = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({values})"

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}
