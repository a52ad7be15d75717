"""Remote URLs: which are accepted, and how one is shown.

Any URL git takes (a path, file://, ssh, scp-like `git@host:path`, https) is accepted, except
what would turn the URL into a command or an option: one starting with `-` (git would read it as
an option) and the `ext::`/`fd::` transports (`ext::` runs a command). A URL holding a password
(`https://me:secret@host/…`) is refused too: credentials are git's business (its credential
helper, ssh keys), never written into our config. Shown URLs lose their userinfo.
"""

from __future__ import annotations

import re
from pathlib import Path

from llmcourse.errors import UsageError
from llmcourse.i18n import msg

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")
_REFUSED_HELPERS = ("ext::", "fd::")


def checked(url: str) -> str:
    """`url` as sync keeps it (a local path made absolute); UsageError saying why otherwise."""
    url = url.strip()
    if not url:
        raise UsageError(msg("sync.url_empty"))
    if url.startswith("-"):
        raise UsageError(msg("sync.url_option", url=shown(url)))
    if url.lower().startswith(_REFUSED_HELPERS):
        raise UsageError(msg("sync.url_helper", url=shown(url)))
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise UsageError(msg("sync.url_control"))
    if _has_password(url):
        raise UsageError(msg("sync.url_password", url=shown(url)), [msg("sync.url_password_hint")])
    if is_local(url):
        return str(Path(url).expanduser().resolve())
    return url


def is_local(url: str) -> bool:
    """A path on this machine (not a URL, not scp-like `host:path`), as git decides: a colon
    before the first slash makes it ssh."""
    if _SCHEME.match(url) or "::" in url:
        return False
    head = url.split("/", 1)[0]
    return ":" not in head or bool(re.fullmatch(r"[A-Za-z]:", head))  # C:\… on Windows


def _has_password(url: str) -> bool:
    match = _SCHEME.match(url)
    if not match:
        return False
    authority = url[match.end() :].split("/", 1)[0]
    return "@" in authority and ":" in authority.rsplit("@", 1)[0]


def shown(url: str) -> str:
    """`url` without its userinfo (`https://me:secret@host/x` -> `https://host/x`)."""
    return _USERINFO.sub(r"\g<scheme>", url)


def scrub(text: str, url: str) -> str:
    """git's own words about `url`, with every credential-bearing form of it left out."""
    return shown(text.replace(url, shown(url)))
