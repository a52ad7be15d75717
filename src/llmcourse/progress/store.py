"""The only code that touches the state file.

Reading: size limit, TOML parse, schema version (older ones migrated, newer ones refused),
validation. A file that fails any step raises StateError naming the file and the problem, and is
never written over.

Writing (`update`): an exclusive lock on a separate `.lock` file, read, modify, then write a
temporary file in the same folder, flush and fsync it, keep the current file as `.bak`,
`os.replace` the temporary file over the state and fsync the folder. A crash at any point leaves
either the old or the new state whole.

Size: a change that would make the file larger than WRITE_LIMIT is refused before anything is
written (undo may use up to MAX_BYTES, so it always works); when only the history makes it too
large, the oldest history entries go first (imported ones before this machine's own). So no
command can leave a file that the next command refuses to read.

A state file that is a symlink stays one: writes go to its target, the lock sits next to the
target (every path to one file shares one lock), the backup next to the link.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from llmcourse import fsutil
from llmcourse.errors import StateError
from llmcourse.i18n import msg
from llmcourse.progress.model import (
    SCHEMA_VERSION,
    Event,
    Invalid,
    State,
    event_data,
    from_data,
    migrate_1_to_2,
    new_device_id,
    state_data,
)
from llmcourse.progress.nesting import MAX_DEPTH, too_deep
from llmcourse.record import Record

MAX_BYTES = 10 * 1024 * 1024  # a real state is a few hundred KB at most; refuse anything huge
WRITE_LIMIT = 6 * 1024 * 1024  # for changes; the rest of MAX_BYTES is room for undo
LOCK_TIMEOUT = 15.0  # seconds to wait for another llmcourse to finish writing

T = TypeVar("T")

# Migrations from schema N to N+1, run in order on read (the file is rewritten on the next change).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: migrate_1_to_2}


def state_path() -> Path:
    from llmcourse import paths

    return paths.resolve().state


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    target = fsutil.real_target(path)
    return target.with_name(target.name + ".lock")


class Loaded(Record):
    _fields = ("state", "version", "exists")

    def __init__(
        self,
        state: State,
        version: int,
        exists: bool,
    ) -> None:
        self.state = state
        self.version = version  # the schema version found in the file (before migration)
        self.exists = exists


class Unreadable(StateError):
    """A file llmcourse refuses to read (and leaves untouched). Its parts stay apart for those
    who show them otherwise (doctor, import): `path`, `what` the problem alone, `problems` the
    "where: what" lines under it; `export` when the file is an export being imported. The
    message is made from them here, and only here."""

    SHOWN = 10  # problems listed; the rest are counted

    def __init__(
        self, path: Path, what: str, problems: Sequence[str] = (), *, export: bool = False
    ) -> None:
        self.path = path
        self.what = what
        self.problems = list(problems)
        self.export = export
        if export:
            super().__init__(msg("import.not_export", path=path, what=what), self.shown)
        else:
            text = msg("state.unreadable", path=path, what=what)
            super().__init__(text, [*self.shown, msg("state.doctor_hint")])

    @property
    def shown(self) -> list[str]:
        """The problems as listed: the first ten, then how many more there are."""
        more = len(self.problems) - self.SHOWN
        return self.problems[: self.SHOWN] + ([msg("state.more", n=more)] if more > 0 else [])


class TooNew(StateError):
    """A file written by a newer llmcourse (schema `version`), left untouched: `path`, and
    `what` the problem alone, as doctor shows it."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.what = msg("state.newer_what", version=version, known=SCHEMA_VERSION)
        super().__init__(msg("state.newer", path=path, what=self.what), [msg("state.upgrade")])


def _too_big(origin: Path, size: int) -> Unreadable:
    return Unreadable(origin, msg("state.too_big", size=f"{size:,}", limit=f"{MAX_BYTES:,}"))


def parse(data: bytes, origin: Path) -> Loaded:
    """Parse and validate a state file's bytes; Unreadable naming `origin` and every problem."""
    if len(data) > MAX_BYTES:
        raise _too_big(origin, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        why = f"{e.reason} at byte {e.start}"
        raise Unreadable(origin, msg("state.not_utf8", why=why)) from None
    if too_deep(text):
        raise Unreadable(origin, msg("state.too_deep", depth=MAX_DEPTH))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise Unreadable(origin, msg("state.not_toml", why=e)) from None
    return from_raw(raw, origin, empty=not data.strip())


def from_raw(
    raw: dict[str, Any], origin: Path, empty: bool = False, export: bool = False
) -> Loaded:
    """Check the version, migrate, validate: the State in plain data `raw` read from `origin`
    (the state file, or with `export` an export file being imported, validated strictly)."""
    if not export:
        return _from_raw(raw, origin, empty, strict=False)
    try:
        return _from_raw(raw, origin, empty, strict=True)
    except Unreadable as e:
        raise Unreadable(e.path, e.what, e.problems, export=True) from None


def _from_raw(raw: dict[str, Any], origin: Path, empty: bool, strict: bool) -> Loaded:
    version = raw.get("schema_version")
    if version is None:
        raise Unreadable(origin, msg("state.empty" if empty else "state.no_version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Unreadable(origin, msg("state.bad_version", value=version))
    if version > SCHEMA_VERSION:
        raise TooNew(origin, version)
    found = version
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    try:
        state = from_data(raw, strict)
    except Invalid as e:
        raise Unreadable(origin, msg("state.bad_shape"), e.problems) from None
    return Loaded(state, found, True)


def read_bytes(path: Path) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(path, size)  # not read into memory just to be refused
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise Unreadable(path, msg("state.folder")) from None
    except OSError as e:
        raise Unreadable(path, msg("state.cannot_read", why=e.strerror or e)) from None


def load(path: Path | None = None) -> Loaded:
    """The state (an empty one when there is no file yet). Needs no lock: writes are atomic."""
    path = path or state_path()
    data = read_bytes(path)
    if data is None:
        return Loaded(State(), SCHEMA_VERSION, False)
    return parse(data, path)


def read(path: Path | None = None) -> State:
    return load(path).state


def _before_replace(tmp: Path) -> None:
    """Fault-injection point for tests: the new state is written and synced, not yet renamed.

    LLMCOURSE_CRASH_BEFORE_REPLACE=1 kills the process right here (SIGKILL where there is one),
    as a power cut would. Tests may also monkeypatch this function.
    """
    if os.environ.get("LLMCOURSE_CRASH_BEFORE_REPLACE") == "1":
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _write_file(target: Path, data: bytes) -> None:

    hook = _before_replace if target.name.endswith(".toml") else None
    try:
        fsutil.atomic_write(target, data, before_replace=hook)
    except OSError as e:
        raise StateError(msg("export.cannot_write", path=target, why=e.strerror or e)) from None


def dump(state: State) -> bytes:
    import tomli_w

    return tomli_w.dumps(state_data(state)).encode("utf-8")


def _write(path: Path, previous: bytes | None, data: bytes) -> None:
    if previous is not None:
        _write_file(backup_path(path), previous)  # the version being replaced, whole
    _write_file(path, data)


def fit(state: State, limit: int, keep: Collection[str] = ()) -> bytes:
    """The state's bytes, at most `limit` long: the oldest history entries are dropped while it
    is too large (imported ones first, then this machine's own), never those in `keep` (the
    change being made, so that it can be undone); StateError, with nothing written, when the
    rest alone is too large."""
    data = dump(state)
    if len(data) <= limit:
        return data
    import tomli_w

    sizes = {
        e.id: len(tomli_w.dumps({"events": [event_data(e)]}))
        for e in state.events
        if e.id not in keep
    }
    excess = len(data) - limit
    if excess > sum(sizes.values()):  # the history that may go would not be enough
        rest = len(data) - sum(sizes.values())
        raise StateError(msg("state.too_large", size=f"{rest:,}", limit=f"{limit:,}"))
    dropped: set[str] = set()
    for e in sorted(state.events, key=_expendable):
        if excess <= 0:
            break
        if e.id in sizes:
            excess -= sizes[e.id]
            dropped.add(e.id)
    state.events = [e for e in state.events if e.id not in dropped]
    return fit(state, limit, keep)


def _expendable(e: Event) -> tuple[bool, bool, tuple[datetime, int, str]]:
    """The order in which history makes room: imported entries, then this machine's entries
    that undo no longer needs (undos, undone changes), then the rest; oldest first in each."""
    undoable = e.own and e.op != "undo" and not e.undone
    return (e.own, undoable, e.order())


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path`'s lock file (not on the state itself, which gets replaced).
    StateError when it cannot be had (held too long, or not ours to open)."""
    from llmcourse.progress.lock import LockTimeout, exclusive

    where = lock_path(path)
    with ExitStack() as stack:
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(exclusive(where, LOCK_TIMEOUT))
        except OSError as e:
            raise StateError(msg("state.cannot_lock", path=where, why=e.strerror or e)) from None
        except LockTimeout as e:
            raise _lock_timeout(path, e.holder) from None
        yield


def _lock_timeout(path: Path, holder: int | None) -> StateError:
    who = msg("lock.pid", pid=holder) if holder else ""
    return StateError(
        msg("lock.busy", path=path, who=who, seconds=f"{LOCK_TIMEOUT:.0f}"),
        [msg("lock.what_to_do", pid=holder) if holder else msg("lock.what_to_do_unknown")],
    )


def update(
    change: Callable[[State], T], path: Path | None = None, *, limit: int | None = None
) -> T:
    """Read-modify-write under the lock. `change` edits the state in place and returns a result;
    the file is written only when the state's data actually changed, and never larger than
    `limit` (WRITE_LIMIT; undo passes MAX_BYTES). The first write gives this machine its
    device id."""
    path = path or state_path()
    with lock(path):
        previous = read_bytes(path)
        state = parse(previous, path).state if previous is not None else State()
        before = state_data(state)
        # Changes are signed with the device id (it settles merges of same-time changes); a
        # change that changes nothing does not save a new id.
        state.device = state.device or new_device_id()
        known = {e.id for e in state.events}
        result = change(state)
        if state_data(state) != {**before, "device": state.device}:
            new = {e.id for e in state.events} - known
            _write(path, previous, fit(state, WRITE_LIMIT if limit is None else limit, new))
        return result


def device_id(path: Path | None = None) -> str:
    """This machine's device id (32 hex digits), created and saved the first time it is asked
    for. Sync names this machine's files by it."""
    path = path or state_path()
    if known := _peek_device(path):
        return known
    with lock(path):
        previous = read_bytes(path)
        state = parse(previous, path).state if previous is not None else State()
        if not state.device:
            state.device = new_device_id()
            _write(path, previous, fit(state, MAX_BYTES))
        return state.device


def _peek_device(path: Path) -> str:
    """The device id from the top of the state file (written before any table), without
    parsing a file of perhaps megabytes; "" when it is not there (then the slow way)."""
    import re

    try:
        with path.open("rb") as f:
            head = f.read(4096).split(b"\n[", 1)[0]
    except OSError:
        return ""
    found = re.search(rb'^device = "([0-9a-f]{32})"$', head, re.M)
    return found.group(1).decode() if found else ""


# --- doctor -----------------------------------------------------------------------------------


class Health(Record):
    _fields = (
        "path",
        "exists",
        "size",
        "problem",
        "details",
        "version",
        "marks",
        "notes",
        "events",
        "backup",
        "backup_exists",
        "backup_problem",
        "leftovers",
        "damaged_copies",
        "removed",
    )

    def __init__(
        self,
        path: Path,
        exists: bool,
        size: int,
        problem: str,
        details: list[str],
        version: int | None,
        marks: int,
        notes: int,
        events: int,
        backup: Path,
        backup_exists: bool,
        backup_problem: str,
        leftovers: list[Path],
        damaged_copies: list[Path],
        removed: list[Path] | None = None,
    ) -> None:
        self.path = path
        self.exists = exists
        self.size = size
        self.problem = problem  # "" when the file is fine (or absent)
        self.details = details
        self.version = version
        self.marks = marks
        self.notes = notes
        self.events = events
        self.backup = backup
        self.backup_exists = backup_exists
        self.backup_problem = backup_problem
        self.leftovers = leftovers  # temporary files a crash left behind
        self.damaged_copies = damaged_copies  # files doctor moved aside earlier
        self.removed = [] if removed is None else removed  # the leftovers `clean` took away


def _check(path: Path) -> tuple[bool, int, str, list[str], Loaded | None]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False, 0, "", [], None
    except OSError as e:
        return True, 0, msg("state.cannot_read", why=e.strerror or e), [], None
    try:
        loaded = load(path)
    except Unreadable as e:
        return True, size, e.what, e.shown, None
    except TooNew as e:
        return True, size, e.what, [], None
    return True, size, "", [], loaded


def diagnose(path: Path | None = None) -> Health:
    path = path or state_path()
    exists, size, problem, details, loaded = _check(path)
    backup = backup_path(path)
    b_exists, _, b_problem, _, _ = _check(backup)
    folder = path.parent
    leftovers = [*fsutil.leftovers(fsutil.real_target(path)), *fsutil.leftovers(backup)]
    damaged = sorted(folder.glob(f"{path.name}.damaged-*")) if folder.is_dir() else []
    st = loaded.state if loaded else None
    return Health(
        path=path,
        exists=exists,
        size=size,
        problem=problem,
        details=details,
        version=loaded.version if loaded else None,
        marks=len(st.statuses()) if st else 0,
        notes=len(st.live_notes()) if st else 0,
        events=len(st.events) if st else 0,
        backup=backup,
        backup_exists=b_exists,
        backup_problem=b_problem,
        leftovers=leftovers,
        damaged_copies=damaged,
    )


def clean(health: Health) -> Health:
    """Remove the temporary files killed writers left (their writers are gone: no lock needed,
    a running writer's files are never listed)."""
    for tmp in health.leftovers:
        try:
            tmp.unlink()
        except FileNotFoundError:
            health.removed.append(tmp)  # another process cleaned it meanwhile
        except OSError:
            continue
        else:
            health.removed.append(tmp)
    return health


def restore_backup(when: datetime, force: bool = False, path: Path | None = None) -> Path | None:
    """Put the backup in place of the state; the state file is moved aside, never deleted.
    Returns where the replaced file went (None when there was none)."""
    import shutil

    path = path or state_path()
    backup = backup_path(path)
    with lock(path):
        data = read_bytes(backup)
        if data is None:
            raise StateError(msg("restore.no_backup", path=backup))
        parse(data, backup)  # refuse a damaged backup
        exists, _, problem, _, _ = _check(path)
        if exists and not problem and not force:
            raise StateError(msg("restore.fine", path=path), [msg("restore.force_hint")])
        aside = None
        if exists:
            aside = path.with_name(f"{path.name}.damaged-{when.strftime('%Y%m%dT%H%M%S')}")
            n = 1
            while aside.exists():
                n += 1
                aside = aside.with_name(f"{path.name}.damaged-{when.strftime('%Y%m%dT%H%M%S')}-{n}")
            try:
                shutil.copy2(path, aside)  # a copy first: the damaged file is never at risk
            except OSError as e:
                why = e.strerror or e
                raise StateError(msg("restore.cannot_copy", path=path, why=why)) from None
        _write_file(path, data)
        return aside
